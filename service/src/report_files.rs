//! The stored reports as files: a workbook of the figures (through
//! `export::xlsx`) and a chart, drawn here as SVG text (it opens in any
//! browser) and rasterised to PNG on request with the system's fonts. The
//! chart's words are English: a server's fonts seldom have Chinese glyphs,
//! and the workbook carries the Chinese headers.

use std::fmt::Write as _;
use std::io::Read as _;
use std::sync::{Arc, OnceLock};

use futures::stream;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::{ServiceError, ServiceResult};
use crate::export::{self, Cell};
use crate::rules::kpi::KpiFigures;
use crate::usecase::reports::kpi::KpiReport;
use crate::usecase::reports::recurrence::RecurrenceReport;

pub const RECURRENCE_HEADERS: [&str; 13] = [
    "故障原因",
    "名称",
    "发生次数",
    "上季度次数",
    "趋势",
    "零件总数",
    "单次最多零件",
    "费用",
    "涉及机型",
    "涉及台数",
    "超过次数目标",
    "超过零件目标",
    "累计占比%",
];

pub const KPI_HEADERS: [&str; 17] = [
    "分组",
    "名称",
    "工单数",
    "服务及时率%",
    "客户满意率%",
    "服务投诉率%",
    "一次修复率%",
    "平均响应小时",
    "平均到达小时",
    "平均维修小时",
    "售后费用",
    "单均费用",
    "年度售后费用",
    "年度销售额",
    "费用占销售%",
    "扣款笔数",
    "扣款金额",
];

fn yes_no(flag: bool) -> Cell {
    Cell::Text(if flag { "是" } else { "否" }.into())
}

fn decimal(value: Option<Decimal>) -> Cell {
    value.map_or(Cell::Empty, Cell::Money)
}

/// One row per cause, Pareto order.
pub fn recurrence_rows(report: &RecurrenceReport) -> Vec<Vec<Cell>> {
    report
        .causes
        .iter()
        .map(|c| {
            vec![
                Cell::Text(c.code.clone()),
                Cell::optional_text(c.name.clone()),
                Cell::Integer(c.occurrences),
                Cell::Integer(c.previous_occurrences),
                Cell::Integer(c.trend),
                Cell::Integer(c.total_parts),
                Cell::Integer(c.max_parts_in_one),
                Cell::Money(c.cost),
                Cell::Text(c.models.join(", ")),
                Cell::Integer(c.units),
                yes_no(c.too_frequent),
                yes_no(c.too_many_parts),
                Cell::Money(c.pareto_share),
            ]
        })
        .collect()
}

fn kpi_row(key: Option<&str>, name: Option<&str>, f: &KpiFigures) -> Vec<Cell> {
    vec![
        Cell::Text(key.unwrap_or("—").to_owned()),
        Cell::Text(name.unwrap_or("").to_owned()),
        Cell::Integer(f.tickets),
        decimal(f.timeliness.value),
        decimal(f.satisfaction.value),
        decimal(f.service_complaint_rate.value),
        decimal(f.first_time_fix_rate),
        decimal(f.mean_hours_to_respond),
        decimal(f.mean_hours_to_arrive),
        decimal(f.mean_hours_to_repair),
        Cell::Money(f.cost),
        decimal(f.cost_per_ticket),
        Cell::Money(f.year_cost),
        decimal(f.year_sales),
        decimal(f.cost_to_sales.value),
        Cell::Integer(f.chargebacks),
        Cell::Money(f.chargeback_amount),
    ]
}

/// One row per group, then the total.
pub fn kpi_rows(report: &KpiReport) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> =
        report.groups.iter().map(|g| kpi_row(g.key.as_deref(), g.name.as_deref(), &g.figures)).collect();
    rows.push(kpi_row(Some("合计"), None, &report.total));
    rows
}

/// The rows as an XLSX workbook of one sheet.
pub async fn workbook(
    sheet: &str,
    headers: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
) -> ServiceResult<Vec<u8>> {
    let mut file = export::xlsx(sheet, headers, stream::iter(rows.into_iter().map(Ok))).await?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| ServiceError::Internal(format!("reading the workbook: {e}")))?;
    Ok(bytes)
}

/// The system's fonts, loaded once: the chart labels are Latin (codes,
/// months, percentages), which any system font has.
fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = resvg::usvg::fontdb::Database::new();
            fonts.load_system_fonts();
            // "sans-serif" means Arial unless told: name a sans the
            // system has (DejaVu on Debian), else any family it has.
            let families: Vec<String> = fonts
                .faces()
                .filter_map(|face| face.families.first().map(|(name, _)| name.clone()))
                .collect();
            let sans = families
                .iter()
                .find(|f| f.as_str() == "DejaVu Sans")
                .or_else(|| families.iter().find(|f| f.contains("Sans")))
                .or_else(|| families.first())
                .cloned();
            if let Some(sans) = sans {
                fonts.set_sans_serif_family(sans);
            }
            Arc::new(fonts)
        })
        .clone()
}

/// The chart as a PNG image of the same size.
pub fn png(svg: &str) -> ServiceResult<Vec<u8>> {
    let options = resvg::usvg::Options { fontdb: fonts(), ..resvg::usvg::Options::default() };
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|e| ServiceError::Internal(format!("chart: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ServiceError::Internal("chart: empty".into()))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| ServiceError::Internal(format!("chart: {e}")))
}

/// Text safe inside SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 450.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 60.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 90.0;

fn svg_open(title: &str) -> String {
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">{}</text>",
        WIDTH / 2.0,
        escape(title)
    );
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"black\"/>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom}\" stroke=\"black\"/>",
        bottom = HEIGHT - BOTTOM,
        right = WIDTH - RIGHT
    );
    svg
}

/// The Pareto chart of the causes: occurrences as bars (left axis), the
/// cumulative share as a line (right axis, 0–100 %), the 10-per-quarter
/// target as a dashed line. At most 20 causes, most frequent first.
pub fn pareto_svg(report: &RecurrenceReport, target: i64) -> String {
    let causes: Vec<_> = report.causes.iter().take(20).collect();
    let mut svg = svg_open(&format!(
        "Failure recurrence {}-Q{}: occurrences per cause (bars), cumulative share (line)",
        report.year, report.quarter
    ));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let bottom = HEIGHT - BOTTOM;
    let max = causes.iter().map(|c| c.occurrences).max().unwrap_or(0).max(target).max(1) as f64;
    let slot = plot_w / causes.len().max(1) as f64;
    let mut line = Vec::new();
    for (i, c) in causes.iter().enumerate() {
        let h = c.occurrences as f64 / max * plot_h;
        let x = LEFT + i as f64 * slot;
        let colour = if c.too_frequent || c.too_many_parts { "#c0392b" } else { "#2e86c1" };
        let _ = writeln!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{colour}\"><title>{}: {}</title></rect>",
            x + slot * 0.1,
            bottom - h,
            slot * 0.8,
            escape(&c.code),
            c.occurrences
        );
        let _ = writeln!(
            svg,
            "<text x=\"{cx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\" transform=\"rotate(-45 {cx:.1} {ty:.1})\">{}</text>",
            escape(&c.code),
            cx = x + slot / 2.0,
            ty = bottom + 14.0
        );
        let share = c.pareto_share.to_f64().unwrap_or(0.0);
        line.push(format!("{:.1},{:.1}", x + slot / 2.0, bottom - share / 100.0 * plot_h));
    }
    let target_y = bottom - target as f64 / max * plot_h;
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{target_y:.1}\" x2=\"{}\" y2=\"{target_y:.1}\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>\
         <text x=\"{}\" y=\"{:.1}\" fill=\"#c0392b\">≤{target}</text>",
        WIDTH - RIGHT,
        WIDTH - RIGHT + 4.0,
        target_y + 4.0
    );
    if !line.is_empty() {
        let _ = writeln!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#f39c12\" stroke-width=\"2\"/>",
            line.join(" ")
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{TOP}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{TOP}\">100%</text>",
        LEFT - 6.0,
        max as i64,
        WIDTH - RIGHT + 4.0
    );
    svg.push_str("</svg>\n");
    svg
}

/// One month's KPI figures for the trend chart.
pub struct MonthKpis {
    pub label: String,
    pub figures: KpiFigures,
}

/// Trend lines of timeliness, satisfaction and the service complaint rate
/// over the months, 0–100 %, with each target dashed.
pub fn kpi_trend_svg(title: &str, months: &[MonthKpis]) -> String {
    let mut svg = svg_open(title);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let bottom = HEIGHT - BOTTOM;
    let step = if months.len() > 1 { plot_w / (months.len() - 1) as f64 } else { 0.0 };
    let y = |percent: f64| bottom - percent / 100.0 * plot_h;
    for (i, m) in months.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            LEFT + i as f64 * step,
            bottom + 16.0,
            escape(&m.label)
        );
    }
    type Pick = fn(&KpiFigures) -> crate::rules::kpi::Judged;
    let series: [(&str, &str, Pick); 3] = [
        ("Timeliness", "#2e86c1", |f| f.timeliness),
        ("Satisfaction", "#27ae60", |f| f.satisfaction),
        ("Service complaints", "#c0392b", |f| f.service_complaint_rate),
    ];
    for (n, (name, colour, pick)) in series.iter().enumerate() {
        let points: Vec<String> = months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                pick(&m.figures)
                    .value
                    .and_then(|v| v.to_f64())
                    .map(|v| format!("{:.1},{:.1}", LEFT + i as f64 * step, y(v)))
            })
            .collect();
        if !points.is_empty() {
            let _ = writeln!(
                svg,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
                points.join(" ")
            );
        }
        if let Some(target) = months.first().and_then(|m| pick(&m.figures).target.to_f64()) {
            let _ = writeln!(
                svg,
                "<line x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{}\" y2=\"{ty:.1}\" stroke=\"{colour}\" stroke-dasharray=\"6 4\"/>",
                WIDTH - RIGHT,
                ty = y(target)
            );
        }
        let _ = writeln!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{name}</text>",
            LEFT + n as f64 * 220.0,
            HEIGHT - 30.0,
            LEFT + n as f64 * 220.0 + 16.0,
            HEIGHT - 20.0
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{TOP}\" text-anchor=\"end\">100%</text><text x=\"{}\" y=\"{bottom}\" text-anchor=\"end\">0%</text>",
        LEFT - 6.0,
        LEFT - 6.0
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::reports::recurrence::CauseRecurrence;
    use rust_decimal_macros::dec;

    fn cause(code: &str, occurrences: i64, share: Decimal) -> CauseRecurrence {
        CauseRecurrence {
            code: code.into(),
            name: None,
            occurrences,
            previous_occurrences: 0,
            trend: occurrences,
            total_parts: 0,
            max_parts_in_one: 0,
            cost: Decimal::ZERO,
            models: vec![],
            units: 1,
            too_frequent: occurrences > 10,
            too_many_parts: false,
            pareto_share: share,
        }
    }

    #[test]
    fn the_pareto_chart_draws_a_bar_per_cause_and_the_cumulative_line() {
        let report = RecurrenceReport {
            year: 2026,
            quarter: 3,
            occurrences: 15,
            causes: vec![cause("A<&>", 11, dec!(73.33)), cause("B", 4, dec!(100))],
        };
        let svg = pareto_svg(&report, 10);
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<rect x=").count(), 2, "one bar per cause");
        assert!(svg.contains("A&lt;&amp;&gt;"), "labels are escaped");
        assert!(svg.contains("#c0392b\"><title>"), "the cause over the target is red");
        assert!(svg.contains("<polyline"));
        assert!(svg.trim_end().ends_with("</svg>"));
        let image = png(&svg).expect("rasterised");
        assert_eq!(&image[..8], b"\x89PNG\r\n\x1a\n");
        // The IHDR chunk: width and height as drawn.
        assert_eq!(u32::from_be_bytes([image[16], image[17], image[18], image[19]]), WIDTH as u32);
        assert_eq!(u32::from_be_bytes([image[20], image[21], image[22], image[23]]), HEIGHT as u32);
    }

    #[test]
    fn the_kpi_trend_draws_a_line_per_figure_with_its_target_dashed() {
        use crate::rules::kpi::{KpiCounts, figures};
        let month = |label: &str, on_time: i64| MonthKpis {
            label: label.into(),
            figures: figures(
                &KpiCounts {
                    tickets: 100,
                    on_time,
                    visits: 10,
                    satisfied: 9,
                    service_complaints: 2,
                    ..KpiCounts::default()
                },
                Decimal::ZERO,
                &crate::policy::Policy::default(),
            ),
        };
        let months = [month("2026-08", 80), month("2026-09", 88), month("2026-10", 95)];
        let svg = kpi_trend_svg("Service KPIs", &months);
        assert_eq!(svg.matches("<polyline").count(), 3, "timeliness, satisfaction, complaints");
        assert_eq!(svg.matches("stroke-dasharray").count(), 3, "each target");
        assert!(svg.contains(">2026-10<"));
        let image = png(&svg).expect("rasterised");
        assert_eq!(&image[1..4], b"PNG");
    }

    #[test]
    fn recurrence_rows_follow_the_headers() {
        let report = RecurrenceReport {
            year: 2026,
            quarter: 3,
            occurrences: 11,
            causes: vec![cause("A", 11, dec!(100))],
        };
        let rows = recurrence_rows(&report);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), RECURRENCE_HEADERS.len());
        assert_eq!(rows[0][10], Cell::Text("是".into()));
    }
}
