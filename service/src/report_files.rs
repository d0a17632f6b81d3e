//! The stored reports as files: a workbook of the figures (through
//! `export::xlsx`) and a chart, drawn here as SVG text (it opens in any
//! browser) and rasterised to PNG on request with the system's fonts. The
//! chart's words are Chinese and English; the PNG shows the Chinese ones
//! where the system has a CJK font (Debian: `fonts-wqy-microhei`, which
//! `scripts/test` installs), the SVG wherever the reader's browser does.

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

/// The system's fonts, loaded once. Glyphs a face lacks (Chinese names in
/// DejaVu) are taken from another face that has them.
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

/// At most `max` characters, the rest as an ellipsis: an axis label that
/// fits its slot instead of running off the image.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

/// A "nice" tick step (1, 2 or 5 × a power of ten) giving about `ticks`
/// ticks from 0 to `max`.
fn tick_step(max: f64, ticks: f64) -> f64 {
    let raw = (max / ticks).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * magnitude).find(|s| *s >= raw);
    step.unwrap_or(10.0 * magnitude)
}

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 560.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 70.0;
/// Title, then the legend below it.
const TOP: f64 = 96.0;
/// Room for the slanted cause names.
const BOTTOM: f64 = 150.0;
const OVER: &str = "#c0392b";
const WITHIN: &str = "#2e86c1";
const SHARE: &str = "#f39c12";
const GRID: &str = "#e5e5e5";

/// The frame every chart shares: a white page, the title (Chinese and
/// English: the workbook's readers read either), the two axes.
fn svg_open(title: &str) -> String {
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"30\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{}</text>",
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

/// One legend entry: a swatch (a box, or a line when `dashed` is given)
/// and its words, at `x` on the legend's row; returns where the next goes.
fn legend_entry(svg: &mut String, x: f64, colour: &str, line: Option<&str>, words: &str) -> f64 {
    let y = 56.0;
    match line {
        Some(dash) => {
            let _ = write!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>",
                y + 6.0,
                x + 22.0,
                y + 6.0
            );
        }
        None => {
            let _ =
                write!(svg, "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"14\" height=\"12\" fill=\"{colour}\"/>");
        }
    }
    let _ = writeln!(svg, "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>", x + 28.0, y + 11.0, escape(words));
    // Wide enough for CJK characters (about one em each) and Latin ones.
    let width: f64 = words.chars().map(|c| if c.is_ascii() { 6.8 } else { 12.0 }).sum();
    x + 28.0 + width + 22.0
}

/// Horizontal grid lines with their labels on the left axis, 0 to `max`
/// by `step`, placed by `y`.
fn left_ticks(svg: &mut String, max: f64, step: f64, y: impl Fn(f64) -> f64, suffix: &str) {
    let mut value = 0.0;
    while value <= max + f64::EPSILON {
        let ty = y(value);
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{}\" y2=\"{ty:.1}\" stroke=\"{GRID}\"/>\
             <line x1=\"{}\" y1=\"{ty:.1}\" x2=\"{LEFT}\" y2=\"{ty:.1}\" stroke=\"black\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{value}{suffix}</text>",
            WIDTH - RIGHT,
            LEFT - 5.0,
            LEFT - 8.0,
            ty + 4.0
        );
        value += step;
    }
}

/// The Pareto chart of the causes: occurrences as bars (left axis, red
/// when the cause is over a target: more than `target` a quarter or too
/// many parts at once), the cumulative share as a line (right axis,
/// 0–100 %), the target as a dashed line, a legend saying which is which.
/// Causes are named (code when the catalogue has no name); at most 20,
/// most frequent first.
pub fn pareto_svg(report: &RecurrenceReport, target: i64) -> String {
    let causes: Vec<_> = report.causes.iter().take(20).collect();
    let (year, quarter) = (report.year, report.quarter);
    let mut svg = svg_open(&format!(
        "{year}年第{quarter}季度 故障重复发生排列图 · Failure recurrence {year}-Q{quarter}"
    ));
    let mut x = LEFT;
    x = legend_entry(&mut svg, x, OVER, None, "超出目标 Over target");
    x = legend_entry(&mut svg, x, WITHIN, None, "目标以内 Within target");
    x = legend_entry(&mut svg, x, SHARE, Some("0"), "累计占比 Cumulative share");
    legend_entry(&mut svg, x, OVER, Some("6 4"), &format!("每季度≤{target}次 Target ≤{target}/quarter"));

    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let bottom = HEIGHT - BOTTOM;
    let highest = causes.iter().map(|c| c.occurrences).max().unwrap_or(0).max(target).max(1) as f64;
    let step = tick_step(highest, 5.0);
    let max = (highest / step).ceil() * step;
    let y = |value: f64| bottom - value / max * plot_h;
    left_ticks(&mut svg, max, step, y, "");
    for percent in (0..=100).step_by(20) {
        let ty = bottom - f64::from(percent) / 100.0 * plot_h;
        let _ = writeln!(
            svg,
            "<line x1=\"{r}\" y1=\"{ty:.1}\" x2=\"{:.1}\" y2=\"{ty:.1}\" stroke=\"black\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{SHARE}\">{percent}%</text>",
            WIDTH - RIGHT + 5.0,
            WIDTH - RIGHT + 8.0,
            ty + 4.0,
            r = WIDTH - RIGHT
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{r}\" y1=\"{TOP}\" x2=\"{r}\" y2=\"{bottom}\" stroke=\"black\"/>\
         <text x=\"{LEFT}\" y=\"{:.1}\" text-anchor=\"middle\">次数 Occurrences</text>\
         <text x=\"{r}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{SHARE}\">累计 Cumulative</text>",
        TOP - 10.0,
        TOP - 10.0,
        r = WIDTH - RIGHT
    );

    let slot = plot_w / causes.len().max(1) as f64;
    let mut line = Vec::new();
    for (i, c) in causes.iter().enumerate() {
        let h = c.occurrences as f64 / max * plot_h;
        let x = LEFT + i as f64 * slot;
        let colour = if c.too_frequent || c.too_many_parts { OVER } else { WITHIN };
        let name = c.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(&c.code);
        let _ = writeln!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{colour}\"><title>{} {}: {}</title></rect>",
            x + slot * 0.15,
            bottom - h,
            slot * 0.7,
            escape(&c.code),
            escape(name),
            c.occurrences
        );
        let _ = writeln!(
            svg,
            "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            bottom - h - 4.0,
            c.occurrences,
            cx = x + slot / 2.0
        );
        let _ = writeln!(
            svg,
            "<text x=\"{cx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\" transform=\"rotate(-40 {cx:.1} {ty:.1})\">{}</text>",
            escape(&shorten(name, 14)),
            cx = x + slot / 2.0,
            ty = bottom + 14.0
        );
        let share = c.pareto_share.to_f64().unwrap_or(0.0);
        line.push(format!("{:.1},{:.1}", x + slot / 2.0, bottom - share / 100.0 * plot_h));
    }
    let target_y = y(target as f64);
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{target_y:.1}\" x2=\"{}\" y2=\"{target_y:.1}\" stroke=\"{OVER}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
        WIDTH - RIGHT,
    );
    if !line.is_empty() {
        let _ = writeln!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{SHARE}\" stroke-width=\"2\"/>",
            line.join(" ")
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// One month's KPI figures for the trend chart.
pub struct MonthKpis {
    pub label: String,
    pub figures: KpiFigures,
}

/// Trend lines of timeliness, satisfaction and the service complaint rate
/// over the months, 0–100 % with a tick every 20, each target dashed in
/// its line's colour, a legend naming them.
pub fn kpi_trend_svg(title: &str, months: &[MonthKpis]) -> String {
    let mut svg = svg_open(title);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let bottom = HEIGHT - BOTTOM;
    let step = if months.len() > 1 { plot_w / (months.len() - 1) as f64 } else { 0.0 };
    let y = |percent: f64| bottom - percent / 100.0 * plot_h;
    left_ticks(&mut svg, 100.0, 20.0, y, "%");
    for (i, m) in months.iter().enumerate() {
        let mx = LEFT + i as f64 * step;
        let _ = writeln!(
            svg,
            "<line x1=\"{mx:.1}\" y1=\"{bottom}\" x2=\"{mx:.1}\" y2=\"{:.1}\" stroke=\"black\"/>\
             <text x=\"{mx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            bottom + 5.0,
            bottom + 20.0,
            escape(&m.label)
        );
    }
    type Pick = fn(&KpiFigures) -> crate::rules::kpi::Judged;
    let series: [(&str, &str, Pick); 3] = [
        ("服务及时率 Timeliness", WITHIN, |f| f.timeliness),
        ("客户满意率 Satisfaction", "#27ae60", |f| f.satisfaction),
        ("服务投诉率 Service complaints", OVER, |f| f.service_complaint_rate),
    ];
    let mut x = LEFT;
    for (name, colour, pick) in &series {
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
        x = legend_entry(&mut svg, x, colour, None, name);
    }
    legend_entry(&mut svg, x, "#555555", Some("6 4"), "目标 Target");
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
        assert_eq!(svg.matches("<title>").count(), 2, "one bar per cause");
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
    fn the_pareto_chart_names_causes_in_full_words_with_a_legend_and_ticks() {
        let mut named = cause("H-SEAL", 12, dec!(60));
        named.name = Some("液压油缸密封件老化导致的渗漏与压力不足".into());
        let report = RecurrenceReport {
            year: 2026,
            quarter: 3,
            occurrences: 20,
            causes: vec![named, cause("E2", 8, dec!(100))],
        };
        let svg = pareto_svg(&report, 10);
        assert!(
            svg.contains("2026年第3季度") && svg.contains("Failure recurrence 2026-Q3"),
            "title in both languages"
        );
        assert!(svg.contains(">液压油缸密封件老化导致的渗…<"), "the name, shortened to fit its slot");
        assert!(svg.contains(">E2<"), "a cause without a name shows its code");
        assert!(
            svg.contains("超出目标 Over target") && svg.contains("目标以内 Within target"),
            "legend of the colours"
        );
        assert!(svg.contains("累计占比 Cumulative share") && svg.contains("Target ≤10/quarter"));
        // Left axis 0, 5, 10, 15 (a step of 5 for a highest of 12), right 0–100 % by 20.
        for tick in [">0<", ">5<", ">10<", ">15<", ">40%<", ">100%<"] {
            assert!(svg.contains(tick), "tick {tick}");
        }
        let labels_bottom = HEIGHT - BOTTOM + 14.0;
        // A slanted 14-character label needs about 14 × 12 × sin 40° ≈ 108 px below the axis.
        assert!(HEIGHT - labels_bottom >= 108.0, "the slanted names fit in the image");
    }

    #[test]
    fn ticks_step_by_one_two_or_five() {
        assert_eq!(tick_step(12.0, 5.0), 5.0);
        assert_eq!(tick_step(10.0, 5.0), 2.0);
        assert_eq!(tick_step(3.0, 5.0), 1.0);
        assert_eq!(tick_step(230.0, 5.0), 50.0);
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
        assert_eq!(svg.matches("stroke-dasharray").count(), 4, "each target, and the legend's sample");
        assert!(svg.contains(">2026-10<"));
        assert!(svg.contains("服务及时率 Timeliness") && svg.contains("目标 Target"), "legend");
        assert!(svg.contains(">60%<") && svg.contains(">100%<"), "a tick every 20 %");
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
