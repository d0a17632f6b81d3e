//! The fleet a data set's tickets are about: dealers, customers across
//! provinces, engineers with their regions, units with production and
//! invoice dates; and the demo catalogue (models, parts, fault causes).

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder, Set};

use entity::enums::{FaultCategory, Role};
use entity::{customer, dealer, engineer, fault_cause, part, product_model, unit, user, user_role};

use super::{PROVINCES, ROW_BATCH, SeedPlan, insert_keys};
use crate::auth::hash_password_blocking;
use crate::demo::DEMO_PASSWORD;
use crate::error::{ServiceError, ServiceResult};

/// The ids and facts the ticket batches draw from.
pub(super) struct Fleet {
    /// Product models with the fault category their faults fall in.
    pub models: Vec<(i64, FaultCategory)>,
    pub parts: Vec<(i64, Decimal)>,
    /// Fault cause codes and names.
    pub causes: Vec<(String, String)>,
    pub dealers: Vec<i64>,
    pub customers: Vec<i64>,
    pub engineers: Vec<i64>,
    pub engineer_regions: Vec<&'static str>,
    pub units: Vec<i64>,
    /// Per unit: its customer's index, its dealer, its model's index.
    pub unit_facts: Vec<(usize, Option<i64>, usize)>,
}

impl Fleet {
    /// Reads the catalogue and writes the plan's dealers, customers,
    /// engineers and units, their names tagged with `tag`.
    pub async fn build(
        db: &DatabaseConnection,
        plan: &SeedPlan,
        rng: &mut StdRng,
        tag: &str,
        now: DateTime<Utc>,
    ) -> ServiceResult<Self> {
        let models: Vec<(i64, FaultCategory)> = product_model::Entity::find()
            .order_by_asc(product_model::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, category_of(&m.category)))
            .collect();
        let parts: Vec<(i64, Decimal)> = part::Entity::find()
            .order_by_asc(part::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.unit_price))
            .collect();
        let causes: Vec<(String, String)> = fault_cause::Entity::find()
            .order_by_asc(fault_cause::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.code, c.name))
            .collect();
        if models.is_empty() || parts.is_empty() || causes.is_empty() {
            return Err(ServiceError::Internal("the demo master data is missing".into()));
        }

        // Dealers, customers, engineers, units.
        let dealers = insert_keys(
            db,
            (0..plan.dealers).map(|i| {
                let (province, _, _) = PROVINCES[i % PROVINCES.len()];
                dealer::ActiveModel {
                    code: Set(format!("{tag}-D{i:04}")),
                    name: Set(format!("{province}代理{i}")),
                    region: Set(province.to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                }
            }),
        )
        .await?;
        let mut customer_rows = Vec::with_capacity(plan.customers);
        for i in 0..plan.customers {
            let (province, near, far) = PROVINCES[rng.gen_range(0..PROVINCES.len())];
            customer_rows.push(customer::ActiveModel {
                name: Set(format!("{province}客户{tag}-{i}")),
                contact_name: Set(Some(format!("联系人{i}"))),
                phone: Set(Some(format!("139{:08}", i % 100_000_000))),
                province: Set(province.to_owned()),
                distance_km: Set(rng.gen_range(near..=far)),
                key_customer: Set(rng.gen_bool(0.05)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
        }
        let customers = insert_keys(db, customer_rows).await?;

        let password_hash = hash_password_blocking(DEMO_PASSWORD.to_owned()).await?;
        let engineer_users = insert_keys(
            db,
            (0..plan.engineers).map(|i| user::ActiveModel {
                username: Set(format!("{}.eng{i}", tag.to_lowercase())),
                password_hash: Set(password_hash.clone()),
                display_name: Set(format!("工程师{i}")),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }),
        )
        .await?;
        let engineer_regions: Vec<&'static str> =
            (0..engineer_users.len()).map(|i| PROVINCES[i % PROVINCES.len()].0).collect();
        for (chunk, regions) in engineer_users.chunks(ROW_BATCH).zip(engineer_regions.chunks(ROW_BATCH)) {
            let roles = chunk
                .iter()
                .map(|id| user_role::ActiveModel { user_id: Set(*id), role: Set(Role::Engineer) });
            user_role::Entity::insert_many(roles).exec_without_returning(db).await?;
            let rows = chunk.iter().zip(regions).map(|(id, region)| engineer::ActiveModel {
                user_id: Set(*id),
                region: Set((*region).to_owned()),
                available: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
            engineer::Entity::insert_many(rows).exec_without_returning(db).await?;
        }

        let until = plan.until;
        let mut unit_rows = Vec::with_capacity(plan.units);
        let mut unit_facts = Vec::with_capacity(plan.units);
        for i in 0..plan.units {
            let model = rng.gen_range(0..models.len());
            let made = until - Duration::days(rng.gen_range(60..1_400));
            let invoiced = made + Duration::days(rng.gen_range(10..120));
            let owner = rng.gen_range(0..customers.len());
            let dealer =
                (!dealers.is_empty() && rng.gen_bool(0.7)).then(|| dealers[rng.gen_range(0..dealers.len())]);
            unit_facts.push((owner, dealer, model));
            unit_rows.push(unit::ActiveModel {
                serial_number: Set(format!("{tag}-{i:08}")),
                product_model_id: Set(models[model].0),
                production_date: Set(made),
                invoice_date: Set((invoiced <= until).then_some(invoiced)),
                customer_id: Set(Some(customers[owner])),
                dealer_id: Set(dealer),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
        }
        let units = insert_keys(db, unit_rows).await?;
        Ok(Self {
            models,
            parts,
            causes,
            dealers,
            customers,
            engineers: engineer_users,
            engineer_regions,
            units,
            unit_facts,
        })
    }
}

fn category_of(name: &str) -> FaultCategory {
    match name {
        n if n.contains("电") => FaultCategory::Electrical,
        n if n.contains("发动机") => FaultCategory::Engine,
        _ => FaultCategory::Hydraulic,
    }
}
