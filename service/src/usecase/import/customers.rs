//! Customers (客户). The natural key is the name: units files refer to
//! customers by it. Where the database already has several customers of
//! one name, a row of that name is `AMBIGUOUS` (fix them in the console).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ConnectionTrait, EntityTrait};

use entity::customer;

use super::fields::{self, RowCheck, Seen, key};
use super::reader::{self, Column, Sheet};
use super::{ImportOptions, Plan, Problem, ProblemCode, Tally};
use crate::error::ServiceResult;
use crate::rules::validate;

/// Longest distance accepted, in km, as the customer form takes.
const MAX_DISTANCE_KM: i64 = 10_000;

pub(super) const COLUMNS: &[Column] = &[
    Column { name: "name", required: true, aliases: &["客户名称", "客户", "名称", "单位名称"] },
    Column { name: "contactName", required: false, aliases: &["联系人"] },
    Column { name: "phone", required: false, aliases: &["电话", "联系电话", "手机", "手机号"] },
    Column { name: "email", required: false, aliases: &["邮箱", "电子邮件"] },
    Column { name: "address", required: false, aliases: &["地址", "详细地址"] },
    Column { name: "province", required: true, aliases: &["省份", "省", "所在省份"] },
    Column { name: "distanceKm", required: false, aliases: &["距离", "距离(km)", "服务距离(km)"] },
    Column { name: "keyCustomer", required: false, aliases: &["重点客户", "大客户"] },
];

/// A good row; `None` for a column the file does not have.
struct CustomerRow {
    name: String,
    contact_name: Option<Option<String>>,
    phone: Option<Option<String>>,
    email: Option<Option<String>>,
    address: Option<Option<String>>,
    province: String,
    distance_km: Option<Option<i64>>,
    key_customer: Option<Option<bool>>,
}

fn check_row(check: &mut RowCheck<'_>, seen: &mut Seen<String>) -> Option<CustomerRow> {
    let name = check
        .required("name")
        .and_then(|n| check.take("name", ProblemCode::Invalid, validate::required_text("name", n, 200)));
    if let Some(name) = &name
        && let Some(first) = seen.earlier(key(name), check.row.number)
    {
        check.fail("name", ProblemCode::Duplicate, format!("customer `{name}` is also on row {first}"));
    }
    let contact_name =
        check.text("contactName", ProblemCode::Invalid, |v| validate::optional_text("contactName", v, 100));
    let phone = check.text("phone", ProblemCode::BadPhone, |v| validate::phone("phone", v));
    let email = check.text("email", ProblemCode::Invalid, |v| validate::email("email", v));
    let address = check.text("address", ProblemCode::Invalid, |v| validate::optional_text("address", v, 500));
    let province = check.required("province").and_then(|p| {
        check.take("province", ProblemCode::Invalid, validate::required_text("province", p, 32))
    });
    let distance_km =
        check.optional("distanceKm", ProblemCode::BadNumber, |v| fields::integer(v, 0, MAX_DISTANCE_KM));
    let key_customer = check.optional("keyCustomer", ProblemCode::Invalid, fields::flag);
    if !check.is_good() {
        return None;
    }
    Some(CustomerRow {
        name: name?,
        contact_name: contact_name.ok()?,
        phone: phone.ok()?,
        email: email.ok()?,
        address: address.ok()?,
        province: province?,
        distance_km: distance_km.ok()?,
        key_customer: key_customer.ok()?,
    })
}

type Writes = (Vec<customer::ActiveModel>, Vec<customer::ActiveModel>);

fn plan(
    sheet: &Sheet,
    existing: &HashMap<String, Vec<customer::Model>>,
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
        match existing.get(&key(&good.name)).map(Vec::as_slice) {
            None | Some([]) => {
                tally.created += 1;
                creates.push(customer::ActiveModel {
                    name: Set(good.name),
                    contact_name: Set(good.contact_name.flatten()),
                    phone: Set(good.phone.flatten()),
                    email: Set(good.email.flatten()),
                    address: Set(good.address.flatten()),
                    province: Set(good.province),
                    distance_km: Set(good.distance_km.flatten().unwrap_or(0) as i32),
                    key_customer: Set(good.key_customer.flatten().unwrap_or(false)),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                });
            }
            Some([old]) => {
                let new = customer::Model {
                    name: old.name.clone(),
                    contact_name: good.contact_name.unwrap_or_else(|| old.contact_name.clone()),
                    phone: good.phone.unwrap_or_else(|| old.phone.clone()),
                    email: good.email.unwrap_or_else(|| old.email.clone()),
                    address: good.address.unwrap_or_else(|| old.address.clone()),
                    province: good.province,
                    distance_km: good.distance_km.map_or(old.distance_km, |d| d.unwrap_or(0) as i32),
                    key_customer: good.key_customer.map_or(old.key_customer, |k| k.unwrap_or(false)),
                    ..old.clone()
                };
                if new == *old {
                    tally.unchanged += 1;
                    continue;
                }
                tally.updated += 1;
                updates.push(customer::ActiveModel {
                    id: Unchanged(old.id),
                    contact_name: Set(new.contact_name),
                    phone: Set(new.phone),
                    email: Set(new.email),
                    address: Set(new.address),
                    province: Set(new.province),
                    distance_km: Set(new.distance_km),
                    key_customer: Set(new.key_customer),
                    updated_at: Set(now),
                    version: Set(old.version + 1),
                    ..Default::default()
                });
            }
            Some(_) => check.fail(
                "name",
                ProblemCode::Ambiguous,
                format!("several customers are named `{}`; merge or rename them first", good.name),
            ),
        }
    }
    Ok(Plan { problems, tally, writes: (creates, updates) })
}

pub(super) async fn run<C: ConnectionTrait>(
    db: &C,
    sheet: &Sheet,
    options: ImportOptions,
) -> ServiceResult<(Vec<Problem>, Tally, bool)> {
    let mut existing: HashMap<String, Vec<customer::Model>> = HashMap::new();
    for found in customer::Entity::find().all(db).await? {
        existing.entry(key(&found.name)).or_default().push(found);
    }
    let plan = plan(sheet, &existing, Utc::now())?;
    super::apply(db, plan, options).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::import::reader::read;

    #[test]
    fn bad_phones_emails_and_numbers_are_listed_and_repeats_flagged() {
        let sheet = read(
            "客户名称,电话,邮箱,省份,距离,重点客户\n\
             江苏路桥,138 0000 0000,ops@jslq.cn,江苏,35,是\n\
             徐州矿山,12345,,江苏,,\n\
             江苏路桥,,,江苏,,\n\
             南京港,,not-mail,,-3,maybe\n"
                .as_bytes(),
            100,
        )
        .expect("read");
        let plan = plan(&sheet, &HashMap::new(), Utc::now()).expect("planned");
        let codes: Vec<_> = plan.problems.iter().map(|p| (p.row, p.column, p.code)).collect();
        assert_eq!(
            codes,
            [
                (3, "phone", ProblemCode::BadPhone),
                (4, "name", ProblemCode::Duplicate),
                (5, "email", ProblemCode::Invalid),
                (5, "province", ProblemCode::Required),
                (5, "distanceKm", ProblemCode::BadNumber),
                (5, "keyCustomer", ProblemCode::Invalid),
            ]
        );
        assert_eq!(plan.tally.created, 1);
        assert_eq!(plan.writes.0[0].phone, Set(Some("13800000000".into())));
        assert_eq!(plan.writes.0[0].key_customer, Set(true));
    }
}
