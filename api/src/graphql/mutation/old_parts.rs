//! Old parts on their way back, their disposition and responsibility, and
//! the local sale of scrap.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use service::usecase::parts::{local_sales, old_parts};

use crate::graphql::context::{actor, db, state};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::types::enums::{Disposition, DispositionReason, ResponsibilityOutcome};
use crate::graphql::types::old_parts::{Determination, LocalSale, OldPart};

#[derive(Default)]
pub struct OldPartMutation;

/// An old part at the version read.
#[derive(InputObject)]
pub struct OldPartRef {
    /// Old-part id.
    pub id: ID,
    /// The version read.
    pub version: i32,
}

/// The engineer's reply (回复).
#[derive(InputObject)]
pub struct ReplyOldPartInput {
    /// The old part.
    pub old_part: OldPartRef,
    /// The date the part will be handed in.
    pub promised_on: NaiveDate,
    /// Required when the promised date is after the due date.
    pub reason: Option<String>,
}

/// A step of the way back, on a date.
#[derive(InputObject)]
pub struct OldPartStepInput {
    /// The old part.
    pub old_part: OldPartRef,
    /// When it happened; default today in the business time zone.
    pub on: Option<NaiveDate>,
}

/// What happens to an old part.
#[derive(InputObject)]
pub struct DisposeOldPartInput {
    /// The old part.
    pub old_part: OldPartRef,
    /// Return, local sale, local destruction or gift.
    pub disposition: Disposition,
    /// One of the regulation's reasons for that disposition.
    pub reason: DispositionReason,
    /// 备注.
    pub remarks: Option<String>,
}

/// Quality's review of an old part.
#[derive(InputObject)]
pub struct OpenDeterminationInput {
    /// The old part.
    pub old_part_id: ID,
    /// The review date (default today); the deadline counts from it.
    pub reviewed_on: Option<NaiveDate>,
    /// An imported part sent abroad for testing (90 days).
    #[graphql(default)]
    pub tested_abroad: bool,
}

/// The responsibility finding.
#[derive(InputObject)]
pub struct DetermineInput {
    /// The determination.
    pub id: ID,
    /// The version read.
    pub version: i32,
    /// Who is responsible.
    pub outcome: ResponsibilityOutcome,
    /// The supplier, for a supplier's fault.
    pub supplier_name: Option<String>,
    /// The supplier claim, for a supplier's fault.
    pub claim_amount: Option<Decimal>,
    /// Notes of the analysis.
    pub notes: Option<String>,
}

/// A scrap buyer's quote.
#[derive(InputObject)]
pub struct BuyerQuoteInput {
    /// Buyer, contact person and phone.
    pub buyer_name: String,
    /// Offered price for the lot.
    pub price: Decimal,
    /// When it was quoted.
    pub quoted_on: NaiveDate,
}

/// A lot of old parts for local sale.
#[derive(InputObject)]
pub struct CreateLocalSaleInput {
    /// Province of the sale: where the old parts are (remote provinces may go lower).
    pub province: String,
    /// Regional scrap market price per kg (废金属市场价).
    pub market_price_per_kg: Decimal,
    /// Weighed weight; the catalogue weights × quantities if not given.
    pub total_weight_kg: Option<Decimal>,
    /// The agreed price; also the lot's value for the approval level.
    pub sale_price: Decimal,
    /// Required below the floor (85 % of market, 75 % in remote provinces).
    pub below_floor_reason: Option<String>,
    /// Old parts marked LOCAL_SALE, all of one part (the lot's specification).
    pub old_part_ids: Vec<ID>,
    /// At least three scrap buyers' quotes.
    pub quotes: Vec<BuyerQuoteInput>,
}

/// A lot at the version read.
#[derive(InputObject)]
pub struct LocalSaleRef {
    /// Lot id.
    pub id: ID,
    /// The version read.
    pub version: i32,
}

/// A lot called off.
#[derive(InputObject)]
pub struct CancelLocalSaleInput {
    /// The lot.
    pub local_sale: LocalSaleRef,
    /// Why.
    pub reason: String,
}

/// The proceeds of a lot paid to finance (回款单).
#[derive(InputObject)]
pub struct RecordProceedsInput {
    /// The lot.
    pub local_sale: LocalSaleRef,
    /// Amount received; must equal the sale price.
    pub amount: Decimal,
    /// 回款单 number.
    pub receipt_number: String,
}

/// An old part after a step.
#[derive(SimpleObject)]
pub struct OldPartPayload {
    /// The old part.
    pub old_part: OldPart,
}

/// A determination after a step.
#[derive(SimpleObject)]
pub struct DeterminationPayload {
    /// The determination.
    pub determination: Determination,
}

/// A lot after a step.
#[derive(SimpleObject)]
pub struct LocalSalePayload {
    /// The lot.
    pub local_sale: LocalSale,
}

fn old_part_ref(r: &OldPartRef) -> async_graphql::Result<(i64, i32)> {
    Ok((decode(Kind::OldPart, &r.id, "oldPart.id")?, r.version))
}

fn old_part(m: entity::old_part::Model) -> OldPartPayload {
    OldPartPayload { old_part: m.into() }
}

#[Object]
impl OldPartMutation {
    /// The engineer's reply with a hand-in date (ENGINEER, SERVICE_MANAGER);
    /// a date after the due date needs a reason and tells the service managers.
    async fn reply_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part, the promised date and, if late, why.")] input: ReplyOldPartInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::reply(
            db(ctx),
            actor(ctx)?,
            settings,
            id,
            version,
            input.promised_on,
            input.reason.as_deref(),
        )
        .await
        .gql()
        .map(old_part)
    }

    /// Accepts the reason of a late reply (SERVICE_MANAGER): lateness up to
    /// the promised date stops counting as delay.
    async fn accept_old_part_delay(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part at the version read.")] input: OldPartRef,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input)?;
        old_parts::accept_delay_reason(db(ctx), actor(ctx)?, id, version).await.gql().map(old_part)
    }

    /// The regional keeper takes the part from the engineer (回收; WAREHOUSE).
    async fn collect_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the date.")] input: OldPartStepInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::collect(db(ctx), actor(ctx)?, settings, id, version, input.on).await.gql().map(old_part)
    }

    /// The keeper ships the part to head office (返司; WAREHOUSE).
    async fn ship_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the date.")] input: OldPartStepInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::ship(db(ctx), actor(ctx)?, settings, id, version, input.on).await.gql().map(old_part)
    }

    /// Head office receives the part (WAREHOUSE).
    async fn receive_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the date.")] input: OldPartStepInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::receive(db(ctx), actor(ctx)?, settings, id, version, input.on).await.gql().map(old_part)
    }

    /// Decides what happens to an old part (SERVICE_MANAGER, QUALITY).
    async fn dispose_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part, the disposition and its reason.")] input: DisposeOldPartInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let done = old_parts::dispose(
            db(ctx),
            actor(ctx)?,
            id,
            version,
            input.disposition.into(),
            input.reason.into(),
            input.remarks.as_deref(),
        )
        .await
        .gql()?;
        Ok(old_part(done))
    }

    /// Opens the responsibility determination (责任判定; QUALITY): the
    /// deadline follows the part's kind.
    async fn open_determination(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the review.")] input: OpenDeterminationInput,
    ) -> async_graphql::Result<DeterminationPayload> {
        let id = decode(Kind::OldPart, &input.old_part_id, "oldPartId")?;
        let settings = &state(ctx).settings;
        let opened = old_parts::open_determination(
            db(ctx),
            actor(ctx)?,
            settings,
            id,
            input.reviewed_on,
            input.tested_abroad,
        )
        .await
        .gql()?;
        Ok(DeterminationPayload { determination: opened.into() })
    }

    /// Records who is responsible (QUALITY); a supplier's fault carries the claim.
    async fn determine_responsibility(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The determination and the finding.")] input: DetermineInput,
    ) -> async_graphql::Result<DeterminationPayload> {
        let id = decode(Kind::Determination, &input.id, "id")?;
        let finding = old_parts::Finding {
            outcome: input.outcome.into(),
            supplier_name: input.supplier_name,
            claim_amount: input.claim_amount,
            notes: input.notes,
        };
        let settings = &state(ctx).settings;
        let made =
            old_parts::determine(db(ctx), actor(ctx)?, settings, id, input.version, finding).await.gql()?;
        Ok(DeterminationPayload { determination: made.into() })
    }

    /// Puts a lot of old parts up for local sale (SERVICE_MANAGER, WAREHOUSE).
    async fn create_local_sale(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot, its price and the buyers' quotes.")] input: CreateLocalSaleInput,
    ) -> async_graphql::Result<LocalSalePayload> {
        let lot = local_sales::NewLot {
            province: input.province,
            market_price_per_kg: input.market_price_per_kg,
            total_weight_kg: input.total_weight_kg,
            sale_price: input.sale_price,
            below_floor_reason: input.below_floor_reason,
            old_part_ids: input
                .old_part_ids
                .iter()
                .map(|id| decode(Kind::OldPart, id, "oldPartIds"))
                .collect::<async_graphql::Result<_>>()?,
            quotes: input
                .quotes
                .into_iter()
                .map(|q| local_sales::BuyerQuote {
                    buyer_name: q.buyer_name,
                    price: q.price,
                    quoted_on: q.quoted_on,
                })
                .collect(),
        };
        let created = local_sales::create(db(ctx), actor(ctx)?, &state(ctx).settings, lot).await.gql()?;
        Ok(LocalSalePayload { local_sale: created.into() })
    }

    /// Approves a lot at its level; below the floor only GENERAL_MANAGER
    /// may (`APPROVAL_REQUIRED` otherwise).
    async fn approve_local_sale(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot at the version read.")] input: LocalSaleRef,
        #[graphql(desc = "A note for whoever built the lot (at most 1 000 characters).")] note: Option<
            String,
        >,
    ) -> async_graphql::Result<LocalSalePayload> {
        let id = decode(Kind::LocalSale, &input.id, "id")?;
        let settings = &state(ctx).settings;
        let approved =
            local_sales::approve(db(ctx), actor(ctx)?, settings, id, input.version, note.as_deref())
                .await
                .gql()?;
        Ok(LocalSalePayload { local_sale: approved.into() })
    }

    /// Calls off an unsold lot (SERVICE_MANAGER, GENERAL_MANAGER); its old
    /// parts may join another lot.
    async fn cancel_local_sale(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot and why.")] input: CancelLocalSaleInput,
    ) -> async_graphql::Result<LocalSalePayload> {
        let id = decode(Kind::LocalSale, &input.local_sale.id, "localSale.id")?;
        let cancelled =
            local_sales::cancel(db(ctx), actor(ctx)?, id, input.local_sale.version, &input.reason)
                .await
                .gql()?;
        Ok(LocalSalePayload { local_sale: cancelled.into() })
    }

    /// Records the proceeds paid to finance (回款单; FINANCE): the lot is
    /// sold and its old parts disposed of.
    async fn record_local_sale_proceeds(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot, the amount and the receipt.")] input: RecordProceedsInput,
    ) -> async_graphql::Result<LocalSalePayload> {
        let id = decode(Kind::LocalSale, &input.local_sale.id, "localSale.id")?;
        let sold = local_sales::record_proceeds(
            db(ctx),
            actor(ctx)?,
            id,
            input.local_sale.version,
            input.amount,
            &input.receipt_number,
        )
        .await
        .gql()?;
        Ok(LocalSalePayload { local_sale: sold.into() })
    }
}
