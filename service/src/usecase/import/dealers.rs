//! Dealers (代理商). The natural key is the dealer code.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ConnectionTrait, EntityTrait};

use entity::dealer;

use super::fields::{RowCheck, Seen, key};
use super::reader::{self, Column, Sheet};
use super::{ImportOptions, Plan, Problem, ProblemCode, Tally};
use crate::error::ServiceResult;
use crate::rules::validate;

pub(super) const COLUMNS: &[Column] = &[
    Column {
        name: "code", required: true, aliases: &["代理商编码", "编码", "代码", "代理商代码"]
    },
    Column { name: "name", required: true, aliases: &["代理商名称", "代理商", "名称"] },
    Column { name: "region", required: true, aliases: &["区域", "地区", "省份"] },
    Column { name: "contactName", required: false, aliases: &["联系人"] },
    Column { name: "phone", required: false, aliases: &["电话", "联系电话", "手机"] },
    Column { name: "email", required: false, aliases: &["邮箱", "电子邮件"] },
];

/// A good row as the dealer it describes; optional columns the file does
/// not have are `None` in `given`.
struct DealerRow {
    code: String,
    name: String,
    region: String,
    contact_name: Option<Option<String>>,
    phone: Option<Option<String>>,
    email: Option<Option<String>>,
}

fn check_row(check: &mut RowCheck<'_>, seen: &mut Seen<String>) -> Option<DealerRow> {
    let code = check
        .required("code")
        .and_then(|c| check.take("code", ProblemCode::Invalid, validate::code("code", c, 32)));
    if let Some(code) = &code
        && let Some(first) = seen.earlier(key(code), check.row.number)
    {
        check.fail("code", ProblemCode::Duplicate, format!("dealer `{code}` is also on row {first}"));
    }
    let name = check
        .required("name")
        .and_then(|n| check.take("name", ProblemCode::Invalid, validate::required_text("name", n, 200)));
    let region = check
        .required("region")
        .and_then(|r| check.take("region", ProblemCode::Invalid, validate::required_text("region", r, 32)));
    let contact_name =
        check.text("contactName", ProblemCode::Invalid, |v| validate::optional_text("contactName", v, 100));
    let phone = check.text("phone", ProblemCode::BadPhone, |v| validate::phone("phone", v));
    let email = check.text("email", ProblemCode::Invalid, |v| validate::email("email", v));
    if !check.is_good() {
        return None;
    }
    Some(DealerRow {
        code: code?,
        name: name?,
        region: region?,
        contact_name: contact_name.ok()?,
        phone: phone.ok()?,
        email: email.ok()?,
    })
}

type Writes = (Vec<dealer::ActiveModel>, Vec<dealer::ActiveModel>);

fn plan(
    sheet: &Sheet,
    existing: &HashMap<String, dealer::Model>,
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
        let Some(old) = existing.get(&key(&good.code)) else {
            tally.created += 1;
            creates.push(dealer::ActiveModel {
                code: Set(good.code),
                name: Set(good.name),
                region: Set(good.region),
                contact_name: Set(good.contact_name.flatten()),
                phone: Set(good.phone.flatten()),
                email: Set(good.email.flatten()),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
            continue;
        };
        let new = dealer::Model {
            name: good.name,
            region: good.region,
            contact_name: good.contact_name.unwrap_or_else(|| old.contact_name.clone()),
            phone: good.phone.unwrap_or_else(|| old.phone.clone()),
            email: good.email.unwrap_or_else(|| old.email.clone()),
            ..old.clone()
        };
        if new == *old {
            tally.unchanged += 1;
            continue;
        }
        tally.updated += 1;
        updates.push(dealer::ActiveModel {
            id: Unchanged(old.id),
            name: Set(new.name),
            region: Set(new.region),
            contact_name: Set(new.contact_name),
            phone: Set(new.phone),
            email: Set(new.email),
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
    let existing: HashMap<String, dealer::Model> =
        dealer::Entity::find().all(db).await?.into_iter().map(|d| (key(&d.code), d)).collect();
    let plan = plan(sheet, &existing, Utc::now())?;
    super::apply(db, plan, options).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::import::reader::read;

    #[test]
    fn an_existing_code_is_unchanged_when_equal_and_updated_when_renamed() {
        let now = Utc::now();
        let old = dealer::Model {
            id: 3,
            code: "D-JS".into(),
            name: "江苏代理".into(),
            region: "江苏".into(),
            contact_name: None,
            phone: Some("13800000000".into()),
            email: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let existing = HashMap::from([("d-js".to_owned(), old)]);
        let sheet = read("代理商编码,代理商名称,区域,电话\nd-js,江苏代理,江苏,13800000000\nD-ZJ,浙江代理,浙江,123\nD-AH,安徽代理,安徽,\n".as_bytes(), 10)
            .expect("read");
        let plan = plan(&sheet, &existing, now).expect("planned");
        assert_eq!(plan.tally, Tally { created: 1, updated: 0, unchanged: 1 });
        assert_eq!(
            plan.problems.iter().map(|p| (p.row, p.code)).collect::<Vec<_>>(),
            [(3, ProblemCode::BadPhone)]
        );
        let sheet = read("code,name,region\nD-JS,苏州代理,江苏\n".as_bytes(), 10).expect("read");
        let renamed = super::plan(&sheet, &existing, now).expect("planned");
        assert_eq!(renamed.tally, Tally { created: 0, updated: 1, unchanged: 0 });
        assert_eq!(renamed.writes.1[0].phone, Set(Some("13800000000".into())), "no phone column: kept");
    }
}
