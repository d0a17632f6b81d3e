//! Local sale of old parts (旧件当地销售 / 变卖): a lot of old parts marked
//! for local sale, priced against the regional scrap market with at least
//! three buyer quotes, approved at the level its value needs, sold, and its
//! proceeds paid to finance (回款单).

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use entity::enums::{ApprovalLevel, Disposition, LocalSaleStatus, OldPartStatus, Role};
use entity::{local_sale, local_sale_item, local_sale_quote, old_part, part};

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::config::Settings;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::local_sale as rules;
use crate::rules::validate;
use crate::usecase::versioned::{find_or_404, update_versioned};

/// A scrap buyer's offer (废品收购站报价).
#[derive(Debug, Clone)]
pub struct BuyerQuote {
    /// Buyer and contact, as the sale report names them.
    pub buyer_name: String,
    pub price: Decimal,
    pub quoted_on: NaiveDate,
}

/// A lot put up for local sale.
#[derive(Debug, Clone)]
pub struct NewLot {
    /// Where the parts are sold: the region the old parts are in.
    pub province: String,
    pub market_price_per_kg: Decimal,
    /// Weighed at the scale; the catalogue weights when not given.
    pub total_weight_kg: Option<Decimal>,
    pub sale_price: Decimal,
    pub below_floor_reason: Option<String>,
    pub old_part_ids: Vec<i64>,
    pub quotes: Vec<BuyerQuote>,
}

/// Lots that still count against the no-splitting rule: not sold, not
/// called off.
const OPEN_LOTS: [LocalSaleStatus; 2] = [LocalSaleStatus::PendingApproval, LocalSaleStatus::Approved];

/// The roles that may approve a lot of each level; a price below the floor
/// needs the head of service (GENERAL_MANAGER) whatever the level.
pub fn approvers(level: ApprovalLevel, below_floor: bool) -> &'static [Role] {
    match (level, below_floor) {
        (_, true) | (ApprovalLevel::Company, _) => &[Role::GeneralManager],
        (ApprovalLevel::Project | ApprovalLevel::Department, false) => {
            &[Role::ServiceManager, Role::GeneralManager]
        }
    }
}

/// Puts a lot up for approval (SERVICE_MANAGER, WAREHOUSE).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    lot: NewLot,
) -> ServiceResult<local_sale::Model> {
    actor.require_any(&[Role::ServiceManager, Role::Warehouse])?;
    let policy = &settings.policy;
    let province = validate::required_text("province", &lot.province, 32)?;
    let market = validate::measure("marketPricePerKg", lot.market_price_per_kg)?;
    let sale_price = validate::money("salePrice", lot.sale_price)?;
    let reason = validate::optional_text("belowFloorReason", lot.below_floor_reason.as_deref(), 2000)?;
    if lot.old_part_ids.is_empty() {
        return Err(ServiceError::validation("oldPartIds", "a lot holds at least one old part"));
    }
    let buyers = rules::distinct_buyers(lot.quotes.iter().map(|q| q.buyer_name.as_str()));
    if buyers < policy.local_sale_min_quotes {
        return Err(ServiceError::validation(
            "quotes",
            format!(
                "record quotes from at least {} different scrap buyers ({buyers} so far: quotes with the same buyer or phone count once)",
                policy.local_sale_min_quotes
            ),
        ));
    }
    for quote in &lot.quotes {
        validate::required_text("quotes.buyerName", &quote.buyer_name, 200)?;
        validate::money("quotes.price", quote.price)?;
    }
    let txn = begin_write(db).await?;
    let mut weight = Decimal::ZERO;
    let mut ids = lot.old_part_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    // The lot's specification is its part (物料编码): one part per lot, so
    // same-specification items cannot hide in differently named lots.
    let mut specification: Option<part::Model> = None;
    for id in &ids {
        let item = old_part::Entity::find_by_id(*id)
            .one(&txn)
            .await?
            .ok_or_else(|| ServiceError::validation("oldPartIds", format!("no old part {id}")))?;
        if item.disposition != Some(Disposition::LocalSale) || item.status == OldPartStatus::Disposed {
            return Err(ServiceError::validation(
                "oldPartIds",
                format!("old part {id} is not waiting for local sale; dispose of it as LOCAL_SALE first"),
            ));
        }
        if !rules::same_province(&item.region, &province) {
            return Err(ServiceError::validation(
                "province",
                format!("old part {id} is in {}, not {province}; sell parts where they are", item.region),
            ));
        }
        if lot_of(&txn, *id).await?.is_some() {
            return Err(ServiceError::validation("oldPartIds", format!("old part {id} is already in a lot")));
        }
        let catalogue = part::Entity::find_by_id(item.part_id)
            .one(&txn)
            .await?
            .ok_or_else(|| ServiceError::not_found("part", item.part_id))?;
        weight += catalogue.weight_kg * Decimal::from(item.quantity);
        match &specification {
            Some(first) if first.id != catalogue.id => {
                return Err(ServiceError::validation(
                    "oldPartIds",
                    format!(
                        "a lot holds one specification: {} and {} go in separate lots",
                        first.part_number, catalogue.part_number
                    ),
                ));
            }
            Some(_) => {}
            None => specification = Some(catalogue),
        }
    }
    let specification = specification.map(|p| p.part_number).unwrap_or_default();
    let weight = match lot.total_weight_kg {
        Some(w) => validate::measure("totalWeightKg", w)?,
        // The catalogue's weights × quantities must fit the column too.
        None => validate::measure("totalWeightKg", weight)?,
    };
    let base = rules::base_price(market, weight);
    let priced_by = if lot.total_weight_kg.is_some() { "totalWeightKg" } else { "marketPricePerKg" };
    validate::computed_money(priced_by, base)?;
    let below_floor = rules::below_floor(policy, &province, sale_price, base);
    if below_floor && reason.is_none() {
        return Err(ServiceError::validation(
            "belowFloorReason",
            format!(
                "{} % of the market price is below the {} % floor for {province}; give the reason",
                rules::percent_of_base(sale_price, base),
                rules::floor_percent(policy, &province)
            ),
        ));
    }
    let value = rules::lot_value(base, sale_price);
    let level = rules::approval_level(policy, value);
    let siblings: Vec<Decimal> = local_sale::Entity::find()
        .filter(local_sale::Column::Province.eq(&province))
        .filter(local_sale::Column::Specification.eq(&specification))
        .filter(local_sale::Column::Status.is_in(OPEN_LOTS))
        .all(&txn)
        .await?
        .iter()
        .map(|s| rules::lot_value(s.base_price, s.sale_price))
        .collect();
    if let Some(together) = rules::dodges_threshold(policy, value, &siblings) {
        return Err(ServiceError::validation(
            "specification",
            format!(
                "lots of `{specification}` in {province} are worth {} together and need {} approval; \
                 same-specification items are not split into smaller lots",
                value + siblings.iter().copied().sum::<Decimal>(),
                together.as_str()
            ),
        ));
    }
    let now = Utc::now();
    let number = format!("LS-{}-{}", now.format("%Y%m%d"), uuid_suffix());
    let created = local_sale::ActiveModel {
        lot_number: Set(number),
        province: Set(province),
        specification: Set(specification),
        market_price_per_kg: Set(market),
        total_weight_kg: Set(weight),
        base_price: Set(base),
        sale_price: Set(sale_price),
        below_floor_reason: Set(if below_floor { reason } else { None }),
        approval_level: Set(level),
        status: Set(LocalSaleStatus::PendingApproval),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for id in ids {
        local_sale_item::ActiveModel { local_sale_id: Set(created.id), old_part_id: Set(id) }
            .insert(&txn)
            .await?;
    }
    for quote in lot.quotes {
        local_sale_quote::ActiveModel {
            local_sale_id: Set(created.id),
            buyer_name: Set(quote.buyer_name.trim().to_owned()),
            price: Set(quote.price),
            quoted_on: Set(quote.quoted_on),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::created("local_sale.create", "local_sale", created.id, &created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// The open or sold lot an old part is in, if any.
pub async fn lot_of<C: ConnectionTrait>(
    db: &C,
    old_part_id: i64,
) -> ServiceResult<Option<local_sale::Model>> {
    let item = local_sale_item::Entity::find()
        .filter(local_sale_item::Column::OldPartId.eq(old_part_id))
        .one(db)
        .await?;
    let Some(item) = item else { return Ok(None) };
    Ok(local_sale::Entity::find_by_id(item.local_sale_id)
        .one(db)
        .await?
        .filter(|lot| lot.status != LocalSaleStatus::Cancelled))
}

/// Calls off a lot that is not sold (SERVICE_MANAGER, GENERAL_MANAGER): its
/// old parts are free for another lot.
pub async fn cancel(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    reason: &str,
) -> ServiceResult<local_sale::Model> {
    actor.require_any(&[Role::ServiceManager, Role::GeneralManager])?;
    let reason = validate::required_text("reason", reason, 1000)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<local_sale::Entity, _>(&txn, id).await?;
    if !OPEN_LOTS.contains(&before.status) {
        return Err(ServiceError::InvalidTransition(format!(
            "lot {} is {}; only unsold lots are called off",
            before.lot_number,
            before.status.as_str()
        )));
    }
    let changes = local_sale::ActiveModel {
        status: Set(LocalSaleStatus::Cancelled),
        decision_note: Set(Some(reason.clone())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let after =
        update_versioned::<local_sale::Entity, _, _>(&txn, &before, Some(version), changes, id).await?;
    let items = items_of(&txn, id).await?;
    // The audit entry keeps which parts were in the lot; the link goes so
    // they can join another.
    local_sale_item::Entity::delete_many()
        .filter(local_sale_item::Column::LocalSaleId.eq(id))
        .exec(&txn)
        .await?;
    let entry = AuditEntry {
        action: "local_sale.cancel",
        entity_type: "local_sale",
        entity_id: Some(id.to_string()),
        before: Some(
            serde_json::json!({ "lot": &before, "oldParts": items.iter().map(|i| i.id).collect::<Vec<_>>() }),
        ),
        after: Some(serde_json::json!({ "lot": &after, "reason": reason })),
    };
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok(after)
}

/// A short random suffix for lot numbers.
fn uuid_suffix() -> String {
    use rand::Rng;
    let n: u32 = rand::thread_rng().gen_range(0..0x100_0000);
    format!("{n:06X}")
}

/// Whether the lot's price is below the floor for its province.
pub fn is_below_floor(settings: &Settings, sale: &local_sale::Model) -> bool {
    rules::below_floor(&settings.policy, &sale.province, sale.sale_price, sale.base_price)
}

/// Approves a lot at its level; below the floor only the general manager
/// (服务本部总经理, GENERAL_MANAGER: the regulation's 7.2.3) may
/// (`APPROVAL_REQUIRED` for anyone else). The approver's `note`, if any,
/// is kept for the requester to read.
pub async fn approve(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    note: Option<&str>,
) -> ServiceResult<local_sale::Model> {
    actor.require_any(&[Role::ServiceManager, Role::GeneralManager])?;
    let note = validate::optional_text("note", note, 1000)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<local_sale::Entity, _>(&txn, id).await?;
    if before.status != LocalSaleStatus::PendingApproval {
        return Err(ServiceError::InvalidTransition(format!(
            "lot {} is {}, not PENDING_APPROVAL",
            before.lot_number,
            before.status.as_str()
        )));
    }
    let below_floor = is_below_floor(settings, &before);
    let allowed = approvers(before.approval_level, below_floor);
    if !actor.is_admin() && !allowed.iter().any(|r| actor.has_role(*r)) {
        let why = if below_floor { "a price below the floor" } else { "its value" };
        return Err(ServiceError::ApprovalRequired(format!(
            "lot {} needs {} approval for {why}: {}",
            before.lot_number,
            before.approval_level.as_str(),
            allowed.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" or ")
        )));
    }
    let now = Utc::now();
    let changes = local_sale::ActiveModel {
        status: Set(LocalSaleStatus::Approved),
        approved_by: Set(Some(actor.user_id)),
        approved_at: Set(Some(now)),
        decision_note: Set(note),
        updated_at: Set(now),
        ..Default::default()
    };
    let after =
        update_versioned::<local_sale::Entity, _, _>(&txn, &before, Some(version), changes, id).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("local_sale.approve", "local_sale", id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Finance records the proceeds (回款单) of an approved lot: the lot is sold
/// and its old parts are disposed of.
pub async fn record_proceeds(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    amount: Decimal,
    receipt_number: &str,
) -> ServiceResult<local_sale::Model> {
    actor.require_any(&[Role::Finance])?;
    let amount = validate::money("amount", amount)?;
    let receipt = validate::code("receiptNumber", receipt_number, 64)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<local_sale::Entity, _>(&txn, id).await?;
    if before.status != LocalSaleStatus::Approved {
        return Err(ServiceError::InvalidTransition(format!(
            "lot {} is {}; proceeds are recorded for APPROVED lots",
            before.lot_number,
            before.status.as_str()
        )));
    }
    if amount != before.sale_price {
        return Err(ServiceError::validation(
            "amount",
            format!("the lot was sold for {}; {amount} does not match", before.sale_price),
        ));
    }
    let now = Utc::now();
    let changes = local_sale::ActiveModel {
        status: Set(LocalSaleStatus::Sold),
        proceeds_amount: Set(Some(amount)),
        proceeds_receipt_number: Set(Some(receipt)),
        proceeds_recorded_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    };
    let after =
        update_versioned::<local_sale::Entity, _, _>(&txn, &before, Some(version), changes, id).await?;
    let items: Vec<i64> = local_sale_item::Entity::find()
        .filter(local_sale_item::Column::LocalSaleId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| i.old_part_id)
        .collect();
    old_part::Entity::update_many()
        .col_expr(old_part::Column::Status, sea_orm::sea_query::Expr::value(OldPartStatus::Disposed.as_str()))
        .col_expr(old_part::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(
            old_part::Column::Version,
            sea_orm::sea_query::ExprTrait::add(sea_orm::sea_query::Expr::col(old_part::Column::Version), 1),
        )
        .filter(old_part::Column::Id.is_in(items))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("local_sale.sold", "local_sale", id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Which lots to list.
#[derive(Debug, Clone, Default)]
pub struct LocalSaleFilter {
    pub status: Option<LocalSaleStatus>,
    pub province: Option<String>,
}

pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: LocalSaleFilter,
    page: PageRequest,
) -> ServiceResult<Page<local_sale::Model>> {
    actor.require_any(crate::auth::roles::STAFF)?;
    let mut select = local_sale::Entity::find();
    if let Some(status) = filter.status {
        select = select.filter(local_sale::Column::Status.eq(status));
    }
    if let Some(province) = filter.province {
        select = select.filter(local_sale::Column::Province.eq(province.trim()));
    }
    paginate(db, select, &Sort::by_id("localSales", local_sale::Column::Id), &page).await
}

/// The old parts of a lot.
pub async fn items_of<C: ConnectionTrait>(db: &C, id: i64) -> ServiceResult<Vec<old_part::Model>> {
    let ids: Vec<i64> = local_sale_item::Entity::find()
        .filter(local_sale_item::Column::LocalSaleId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.old_part_id)
        .collect();
    Ok(old_part::Entity::find()
        .filter(old_part::Column::Id.is_in(ids))
        .order_by_asc(old_part::Column::Id)
        .all(db)
        .await?)
}
