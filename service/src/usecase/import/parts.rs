//! Parts (物料). The natural key is the part number.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ConnectionTrait, EntityTrait};

use entity::enums::PartCategory;
use entity::part;

use super::fields::{self, RowCheck, Seen, key};
use super::reader::{self, Column, Sheet};
use super::{ImportOptions, Plan, Problem, ProblemCode, Tally};
use crate::error::ServiceResult;
use crate::rules::validate;

/// Largest per-requisition limit of a valuable part, as the part form takes.
const MAX_VALUABLE_LIMIT: i64 = 1_000;

pub(super) const COLUMNS: &[Column] = &[
    Column {
        name: "partNumber", required: true, aliases: &["物料编码", "零件号", "物料号", "零件编码"]
    },
    Column { name: "name", required: true, aliases: &["物料名称", "零件名称", "名称"] },
    Column { name: "unitPrice", required: true, aliases: &["单价", "价格"] },
    Column { name: "weightKg", required: false, aliases: &["重量", "重量(kg)", "单重", "单重(kg)"] },
    Column { name: "category", required: false, aliases: &["类别", "分类", "物料类别"] },
    Column { name: "critical", required: false, aliases: &["关重件", "关键件"] },
    Column { name: "imported", required: false, aliases: &["进口件", "是否进口"] },
    Column {
        name: "valuableLimit", required: false, aliases: &["限领数量", "贵重件限量", "限量"]
    },
];

/// A category by its API name or its Chinese one.
fn category(value: &str) -> Result<PartCategory, String> {
    let chinese = match value {
        "电气" => Some(PartCategory::Electrical),
        "底盘" => Some(PartCategory::Chassis),
        "结构" | "结构件" => Some(PartCategory::Structural),
        "液压" => Some(PartCategory::Hydraulic),
        "其他" | "其它" => Some(PartCategory::Other),
        _ => None,
    };
    chinese.or_else(|| value.to_ascii_uppercase().parse().ok()).ok_or_else(|| {
        format!("`{value}` is not a category (ELECTRICAL 电气, CHASSIS 底盘, STRUCTURAL 结构, HYDRAULIC 液压, OTHER 其他)")
    })
}

/// A good row; `None` for a column the file does not have.
struct PartRow {
    number: String,
    name: String,
    unit_price: Decimal,
    weight_kg: Option<Option<Decimal>>,
    category: Option<Option<PartCategory>>,
    critical: Option<Option<bool>>,
    imported: Option<Option<bool>>,
    valuable_limit: Option<Option<i64>>,
}

fn check_row(check: &mut RowCheck<'_>, seen: &mut Seen<String>) -> Option<PartRow> {
    let number = check
        .required("partNumber")
        .and_then(|n| check.take("partNumber", ProblemCode::Invalid, validate::code("partNumber", n, 64)));
    if let Some(number) = &number
        && let Some(first) = seen.earlier(key(number), check.row.number)
    {
        check.fail("partNumber", ProblemCode::Duplicate, format!("part `{number}` is also on row {first}"));
    }
    let name = check
        .required("name")
        .and_then(|n| check.take("name", ProblemCode::Invalid, validate::required_text("name", n, 200)));
    let unit_price = check.required("unitPrice").and_then(|p| match fields::decimal(p) {
        Ok(price) => check.take("unitPrice", ProblemCode::BadNumber, validate::money("unitPrice", price)),
        Err(why) => {
            check.fail("unitPrice", ProblemCode::BadNumber, why);
            None
        }
    });
    let weight_kg = check.optional("weightKg", ProblemCode::BadNumber, |w| {
        fields::decimal(w).and_then(|w| validate::measure("weightKg", w).map_err(|e| e.to_string()))
    });
    let category = check.optional("category", ProblemCode::Invalid, category);
    let critical = check.optional("critical", ProblemCode::Invalid, fields::flag);
    let imported = check.optional("imported", ProblemCode::Invalid, fields::flag);
    let valuable_limit = check
        .optional("valuableLimit", ProblemCode::BadNumber, |n| fields::integer(n, 1, MAX_VALUABLE_LIMIT));
    if !check.is_good() {
        return None;
    }
    Some(PartRow {
        number: number?,
        name: name?,
        unit_price: unit_price?,
        weight_kg: weight_kg.ok()?,
        category: category.ok()?,
        critical: critical.ok()?,
        imported: imported.ok()?,
        valuable_limit: valuable_limit.ok()?,
    })
}

type Writes = (Vec<part::ActiveModel>, Vec<part::ActiveModel>);

fn plan(
    sheet: &Sheet,
    existing: &HashMap<String, part::Model>,
    now: DateTime<Utc>,
) -> ServiceResult<Plan<Writes>> {
    let columns = reader::locate(&sheet.header, COLUMNS)?;
    let mut problems: Vec<Problem> = Vec::new();
    let mut seen = Seen::default();
    let mut tally = Tally::default();
    let (mut creates, mut updates) = (Vec::new(), Vec::new());
    for row in &sheet.rows {
        let mut check = RowCheck::new(row, &columns, &mut problems);
        let Some(good) = check_row(&mut check, &mut seen) else { continue };
        let Some(old) = existing.get(&key(&good.number)) else {
            let limit = good.valuable_limit.flatten();
            tally.created += 1;
            creates.push(part::ActiveModel {
                part_number: Set(good.number),
                name: Set(good.name),
                unit_price: Set(good.unit_price),
                weight_kg: Set(good.weight_kg.flatten().unwrap_or_default()),
                category: Set(good.category.flatten().unwrap_or(PartCategory::Other)),
                critical: Set(good.critical.flatten().unwrap_or(false)),
                imported: Set(good.imported.flatten().unwrap_or(false)),
                valuable: Set(limit.is_some()),
                valuable_limit: Set(limit.map(|n| n as i32)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
            continue;
        };
        let limit = good.valuable_limit.map_or(old.valuable_limit, |n| n.map(|n| n as i32));
        let new = part::Model {
            name: good.name,
            unit_price: good.unit_price,
            weight_kg: good.weight_kg.map_or(old.weight_kg, Option::unwrap_or_default),
            category: good.category.map_or(old.category, |c| c.unwrap_or(PartCategory::Other)),
            critical: good.critical.map_or(old.critical, |c| c.unwrap_or(false)),
            imported: good.imported.map_or(old.imported, |c| c.unwrap_or(false)),
            valuable: limit.is_some(),
            valuable_limit: limit,
            ..old.clone()
        };
        // Decimals compare by value: 12.5 read from the file equals 12.50 stored.
        if new == *old {
            tally.unchanged += 1;
            continue;
        }
        tally.updated += 1;
        updates.push(part::ActiveModel {
            id: Unchanged(old.id),
            name: Set(new.name),
            unit_price: Set(new.unit_price),
            weight_kg: Set(new.weight_kg),
            category: Set(new.category),
            critical: Set(new.critical),
            imported: Set(new.imported),
            valuable: Set(new.valuable),
            valuable_limit: Set(new.valuable_limit),
            updated_at: Set(now),
            version: Set(old.version + 1),
            ..Default::default()
        });
    }
    Ok(Plan { problems, tally, writes: (creates, updates) })
}

pub(super) async fn run<C: ConnectionTrait>(
    db: &C,
    sheet: &Sheet,
    options: ImportOptions,
) -> ServiceResult<(Vec<Problem>, Tally, bool)> {
    let existing: HashMap<String, part::Model> =
        part::Entity::find().all(db).await?.into_iter().map(|p| (key(&p.part_number), p)).collect();
    let plan = plan(sheet, &existing, Utc::now())?;
    super::apply(db, plan, options).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::import::reader::read;

    #[test]
    fn categories_read_in_chinese_and_bad_prices_are_listed() {
        let sheet = read(
            "物料编码,物料名称,单价,重量(kg),类别,关重件,限领数量\n\
             P-1,液压泵,1250.5,12.5,液压,是,2\n\
             P-2,滤芯,abc,,电气,,\n\
             P-3,螺栓,-1,,塑料,,0\n"
                .as_bytes(),
            10,
        )
        .expect("read");
        let plan = plan(&sheet, &HashMap::new(), Utc::now()).expect("planned");
        let codes: Vec<_> = plan.problems.iter().map(|p| (p.row, p.column, p.code)).collect();
        assert_eq!(
            codes,
            [
                (3, "unitPrice", ProblemCode::BadNumber),
                (4, "unitPrice", ProblemCode::BadNumber),
                (4, "category", ProblemCode::Invalid),
                (4, "valuableLimit", ProblemCode::BadNumber),
            ]
        );
        let created = &plan.writes.0[0];
        assert_eq!(created.category, Set(PartCategory::Hydraulic));
        assert_eq!((created.valuable.clone(), created.valuable_limit.clone()), (Set(true), Set(Some(2))));
    }
}
