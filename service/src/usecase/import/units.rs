//! Units (设备): serial number, model, production and invoice dates,
//! customer (by name) and dealer (by code or name). The natural key is the
//! serial number, its letters in any case.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

use entity::{customer, dealer, product_model, unit};

use super::fields::{self, Lookup, RowCheck, Seen, key};
use super::reader::{self, Column, Sheet};
use super::{ImportOptions, Plan, Problem, ProblemCode, Tally};
use crate::error::ServiceResult;
use crate::rules::validate;

pub(super) const COLUMNS: &[Column] = &[
    Column {
        name: "serialNumber",
        required: true,
        aliases: &["序列号", "设备编号", "出厂编号", "机号", "serial"],
    },
    Column { name: "model", required: true, aliases: &["型号", "产品型号", "机型", "productModel"] },
    Column { name: "productionDate", required: true, aliases: &["生产日期", "出厂日期"] },
    Column {
        name: "invoiceDate", required: false, aliases: &["开票日期", "发票日期", "销售日期"]
    },
    Column { name: "customer", required: false, aliases: &["客户", "客户名称", "用户"] },
    Column { name: "dealer", required: false, aliases: &["代理商", "经销商", "代理商编码"] },
];

/// What a units file may refer to.
pub(super) struct Refs {
    pub models: Lookup,
    pub customers: Lookup,
    pub dealer_codes: Lookup,
    pub dealer_names: Lookup,
}

async fn refs<C: ConnectionTrait>(db: &C) -> ServiceResult<Refs> {
    let models: Vec<(i64, String)> = product_model::Entity::find()
        .select_only()
        .columns([product_model::Column::Id, product_model::Column::Code])
        .into_tuple()
        .all(db)
        .await?;
    let customers: Vec<(i64, String)> = customer::Entity::find()
        .select_only()
        .columns([customer::Column::Id, customer::Column::Name])
        .into_tuple()
        .all(db)
        .await?;
    let dealers: Vec<(i64, String, String)> = dealer::Entity::find()
        .select_only()
        .columns([dealer::Column::Id, dealer::Column::Code, dealer::Column::Name])
        .into_tuple()
        .all(db)
        .await?;
    Ok(Refs {
        models: Lookup::new(models.into_iter().map(|(id, code)| (code, id))),
        customers: Lookup::new(customers.into_iter().map(|(id, name)| (name, id))),
        dealer_codes: Lookup::new(dealers.iter().map(|(id, code, _)| (code.clone(), *id))),
        dealer_names: Lookup::new(dealers.iter().map(|(id, _, name)| (name.clone(), *id))),
    })
}

/// A good row; `None` for a column the file does not have.
struct UnitRow {
    serial: String,
    model_id: i64,
    production: NaiveDate,
    invoice: Option<Option<NaiveDate>>,
    customer: Option<Option<i64>>,
    dealer: Option<Option<i64>>,
}

fn check_row(check: &mut RowCheck<'_>, refs: &Refs, seen: &mut Seen<String>) -> Option<UnitRow> {
    let serial = check.required("serialNumber").and_then(|s| {
        check.take("serialNumber", ProblemCode::Invalid, validate::code("serialNumber", s, 64))
    });
    if let Some(serial) = &serial
        && let Some(first) = seen.earlier(key(serial), check.row.number)
    {
        check.fail(
            "serialNumber",
            ProblemCode::Duplicate,
            format!("serial `{serial}` is also on row {first}"),
        );
    }
    let model = check
        .required("model")
        .and_then(|_| {
            check.reference("model", &[&refs.models], ProblemCode::UnknownModel, "product model").ok()
        })
        .flatten()
        .flatten();
    let production = check.required("productionDate").and_then(|d| {
        fields::date(d).map_err(|why| check.fail("productionDate", ProblemCode::BadDate, why)).ok()
    });
    let invoice = check.optional("invoiceDate", ProblemCode::BadDate, fields::date);
    if let (Some(made), Ok(Some(Some(sold)))) = (production, &invoice)
        && *sold < made
    {
        check.fail(
            "invoiceDate",
            ProblemCode::BadDate,
            format!("{sold} is before the production date {made}"),
        );
    }
    let customer = check.reference("customer", &[&refs.customers], ProblemCode::UnknownCustomer, "customer");
    let dealer = check.reference(
        "dealer",
        &[&refs.dealer_codes, &refs.dealer_names],
        ProblemCode::UnknownDealer,
        "dealer",
    );
    if !check.is_good() {
        return None;
    }
    Some(UnitRow {
        serial: serial?,
        model_id: model?,
        production: production?,
        invoice: invoice.ok()?,
        customer: customer.ok()?,
        dealer: dealer.ok()?,
    })
}

type Writes = (Vec<unit::ActiveModel>, Vec<unit::ActiveModel>);

/// Checks every row against `refs` and compares the good ones with the
/// `existing` units (by serial key): the problems and what to write.
fn plan(
    sheet: &Sheet,
    refs: &Refs,
    existing: &HashMap<String, unit::Model>,
    now: DateTime<Utc>,
) -> ServiceResult<Plan<Writes>> {
    let columns = reader::locate(&sheet.header, COLUMNS)?;
    let mut problems: Vec<Problem> = Vec::new();
    let mut seen = Seen::default();
    let mut tally = Tally::default();
    let (mut creates, mut updates) = (Vec::new(), Vec::new());
    for row in &sheet.rows {
        let mut check = RowCheck::new(row, &columns, &mut problems);
        let Some(good) = check_row(&mut check, refs, &mut seen) else { continue };
        match existing.get(&key(&good.serial)) {
            None => {
                tally.created += 1;
                creates.push(unit::ActiveModel {
                    serial_number: Set(good.serial),
                    product_model_id: Set(good.model_id),
                    production_date: Set(good.production),
                    invoice_date: Set(good.invoice.flatten()),
                    customer_id: Set(good.customer.flatten()),
                    dealer_id: Set(good.dealer.flatten()),
                    warranty_policy_id: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                });
            }
            Some(old) => {
                let invoice = good.invoice.unwrap_or(old.invoice_date);
                let customer = good.customer.unwrap_or(old.customer_id);
                let dealer = good.dealer.unwrap_or(old.dealer_id);
                let same = (
                    old.product_model_id,
                    old.production_date,
                    old.invoice_date,
                    old.customer_id,
                    old.dealer_id,
                ) == (good.model_id, good.production, invoice, customer, dealer);
                if same {
                    tally.unchanged += 1;
                    continue;
                }
                tally.updated += 1;
                updates.push(unit::ActiveModel {
                    id: Unchanged(old.id),
                    product_model_id: Set(good.model_id),
                    production_date: Set(good.production),
                    invoice_date: Set(invoice),
                    customer_id: Set(customer),
                    dealer_id: Set(dealer),
                    updated_at: Set(now),
                    version: Set(old.version + 1),
                    ..Default::default()
                });
            }
        }
    }
    Ok(Plan { problems, tally, writes: (creates, updates) })
}

pub(super) async fn run<C: ConnectionTrait>(
    db: &C,
    sheet: &Sheet,
    options: ImportOptions,
) -> ServiceResult<(Vec<Problem>, Tally, bool)> {
    let refs = refs(db).await?;
    let existing: HashMap<String, unit::Model> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (key(&u.serial_number), u)).collect();
    let plan = plan(sheet, &refs, &existing, Utc::now())?;
    super::apply(db, plan, options).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::import::reader::read;

    fn refs() -> Refs {
        Refs {
            models: Lookup::new([("XCT25".to_owned(), 1)]),
            customers: Lookup::new([
                ("江苏路桥".to_owned(), 10),
                ("重名".to_owned(), 11),
                ("重名".to_owned(), 12),
            ]),
            dealer_codes: Lookup::new([("D-JS".to_owned(), 20)]),
            dealer_names: Lookup::new([("江苏代理".to_owned(), 20)]),
        }
    }

    fn planned(csv: &str, existing: &HashMap<String, unit::Model>) -> Plan<Writes> {
        let sheet = read(csv.as_bytes(), 100).expect("read");
        plan(&sheet, &refs(), existing, Utc::now()).expect("planned")
    }

    fn codes(plan: &Plan<Writes>) -> Vec<(usize, &'static str, ProblemCode)> {
        plan.problems.iter().map(|p| (p.row, p.column, p.code)).collect()
    }

    #[test]
    fn every_bad_row_is_listed_with_its_column_and_the_good_rows_are_planned() {
        let plan = planned(
            "序列号,型号,生产日期,开票日期,客户,代理商\n\
             SN1,XCT25,2026-01-05,2026-02-01,江苏路桥,D-JS\n\
             SN2,NOPE,2026-01-05,,,\n\
             SN1,XCT25,2026-01-05,,,\n\
             SN3,XCT25,2026-13-01,,,\n\
             SN4,XCT25,2026-01-05,2025-12-31,,\n\
             SN5,XCT25,2026-01-05,,无此客户,江苏代理\n\
             SN6,XCT25,2026-01-05,,重名,X\n\
             ,XCT25,,,,\n",
            &HashMap::new(),
        );
        assert_eq!(
            codes(&plan),
            [
                (3, "model", ProblemCode::UnknownModel),
                (4, "serialNumber", ProblemCode::Duplicate),
                (5, "productionDate", ProblemCode::BadDate),
                (6, "invoiceDate", ProblemCode::BadDate),
                (7, "customer", ProblemCode::UnknownCustomer),
                (8, "customer", ProblemCode::Ambiguous),
                (8, "dealer", ProblemCode::UnknownDealer),
                (9, "serialNumber", ProblemCode::Required),
                (9, "productionDate", ProblemCode::Required),
            ]
        );
        assert_eq!(plan.problems[1].message, "serial `SN1` is also on row 2");
        assert_eq!(plan.tally, Tally { created: 1, updated: 0, unchanged: 0 });
        let created = &plan.writes.0[0];
        assert_eq!(created.customer_id, Set(Some(10)));
        assert_eq!(created.dealer_id, Set(Some(20)));
    }

    #[test]
    fn an_existing_serial_is_unchanged_when_equal_and_updated_when_not() {
        let now = Utc::now();
        let old = unit::Model {
            id: 7,
            serial_number: "sn1".into(),
            product_model_id: 1,
            production_date: NaiveDate::from_ymd_opt(2026, 1, 5).expect("day"),
            invoice_date: None,
            customer_id: Some(10),
            dealer_id: None,
            warranty_policy_id: None,
            created_at: now,
            updated_at: now,
            version: 3,
        };
        let existing = HashMap::from([("sn1".to_owned(), old)]);
        // No customer column: the unit keeps its customer.
        let same = planned("serialNumber,model,productionDate\nSN1,XCT25,2026-01-05\n", &existing);
        assert_eq!(same.tally, Tally { created: 0, updated: 0, unchanged: 1 });
        let changed =
            planned("serialNumber,model,productionDate,customer\nSN1,XCT25,2026-01-05,\n", &existing);
        assert_eq!(changed.tally, Tally { created: 0, updated: 1, unchanged: 0 });
        let update = &changed.writes.1[0];
        assert_eq!(
            (update.id.clone(), update.customer_id.clone(), update.version.clone()),
            (Unchanged(7), Set(None), Set(4))
        );
    }
}
