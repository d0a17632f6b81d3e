//! Reading old parts, their totals, local sales and the return progress
//! report.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use chrono::{NaiveDate, Utc};
use service::usecase::parts::local_sales;
use service::usecase::parts::old_part_reports::{
    self, GroupBy, OldPartFilter, RETURN_REPORT_HEADERS, ReportScope,
};
use service::usecase::parts::old_parts;

use crate::graphql::connection::{PagedConnection, Paging, connection, page_request, paged};
use crate::graphql::context::{actor, db, state};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode, decode_opt, encode};
use crate::graphql::ordering::OldPartOrder;
use crate::graphql::types::enums::{LocalSaleStatus, OldPartStatus};
use crate::graphql::types::old_parts::{
    LocalSale, OldPart, OldPartReturnReport, OldPartReturnReportRow, OldPartTotals,
};

#[derive(Default)]
pub struct OldPartQuery;

/// Which old parts to list.
#[derive(InputObject, Default)]
pub struct OldPartListFilter {
    /// Only in this state.
    pub status: Option<OldPartStatus>,
    /// Late today and not handed in (true), or not (false).
    pub overdue: Option<bool>,
    /// Only this engineer's (user id).
    pub engineer_id: Option<ID>,
    /// Only mine: the signed-in engineer's.
    #[graphql(default)]
    pub mine: bool,
    /// Only this region (province).
    pub region: Option<String>,
    /// Only units of this dealer.
    pub dealer_id: Option<ID>,
    /// Application date (申请日期) from, inclusive.
    pub from: Option<NaiveDate>,
    /// Application date up to, inclusive.
    pub to: Option<NaiveDate>,
}

/// How to group old-part totals.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum OldPartGrouping {
    /// By region (区域).
    Region,
    /// By engineer (申请人); the key is the engineer's user id.
    Engineer,
}

/// Which lots to list.
#[derive(InputObject, Default)]
pub struct LocalSaleFilter {
    /// Only in this state.
    pub status: Option<LocalSaleStatus>,
    /// Only in this province.
    pub province: Option<String>,
}

fn old_part_filter(f: OldPartListFilter) -> async_graphql::Result<OldPartFilter> {
    Ok(OldPartFilter {
        status: f.status.map(Into::into),
        overdue: f.overdue,
        engineer_id: decode_opt(Kind::User, f.engineer_id.as_ref(), "filter.engineerId")?,
        mine: f.mine,
        region: f.region,
        dealer_id: decode_opt(Kind::Dealer, f.dealer_id.as_ref(), "filter.dealerId")?,
        from: f.from,
        to: f.to,
    })
}

fn today(ctx: &Context<'_>) -> NaiveDate {
    Utc::now().with_timezone(&state(ctx).settings.business_tz()).date_naive()
}

#[Object]
impl OldPartQuery {
    /// One old part; another dealer's is `NOT_FOUND`.
    async fn old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Old-part id.")] id: ID,
    ) -> async_graphql::Result<OldPart> {
        let id = decode(Kind::OldPart, &id, "id")?;
        old_parts::visible(db(ctx), actor(ctx)?, id).await.gql().map(OldPart::from)
    }

    /// Old parts (旧件), in the order asked for (default: as recorded),
    /// forward or backward; a dealer sees its own.
    // Each argument is one of the list's GraphQL arguments (filter, order,
    // four paging ones): the API's shape, not a parameter list to shorten.
    #[allow(clippy::too_many_arguments)]
    async fn old_parts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which old parts.")] filter: Option<OldPartListFilter>,
        #[graphql(desc = "The order (default: as recorded); ties by id.")] order_by: Option<OldPartOrder>,
        #[graphql(desc = "Page size going forward, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
        #[graphql(desc = "Page size going backward, 1–200: the rows just before `before`.")] last: Option<
            i32,
        >,
        #[graphql(desc = "Cursor of the first edge of the next page, to page backward.")] before: Option<
            String,
        >,
    ) -> async_graphql::Result<PagedConnection<OldPart>> {
        let request = paged(ctx, Paging { first, after, last, before })?;
        let filter = old_part_filter(filter.unwrap_or_default())?;
        let page = old_part_reports::list(
            db(ctx),
            actor(ctx)?,
            filter,
            today(ctx),
            OldPartOrder::or_recorded(order_by),
            request,
        )
        .await
        .gql()?;
        Ok(connection(page, OldPart::from))
    }

    /// Value outstanding (not yet back at head office) and overdue (late,
    /// not handed in) by region or engineer, today.
    async fn old_part_totals(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Group by region or engineer.")] by: OldPartGrouping,
        #[graphql(desc = "Which old parts count.")] filter: Option<OldPartListFilter>,
    ) -> async_graphql::Result<Vec<OldPartTotals>> {
        let filter = old_part_filter(filter.unwrap_or_default())?;
        let group = match by {
            OldPartGrouping::Region => GroupBy::Region,
            OldPartGrouping::Engineer => GroupBy::Engineer,
        };
        let totals = old_part_reports::totals(db(ctx), actor(ctx)?, filter, today(ctx), group).await.gql()?;
        Ok(totals
            .into_iter()
            .map(|t| {
                let key = match group {
                    GroupBy::Region => t.key.clone(),
                    GroupBy::Engineer => t
                        .key
                        .parse()
                        .map(|id| encode(Kind::User, id).to_string())
                        .unwrap_or_else(|_| t.key.clone()),
                };
                OldPartTotals::new(t, key)
            })
            .collect())
    }

    /// The return progress report (旧件返司进度汇报表): the regulation's 18
    /// columns, one row per old part applied for in the dates, delay days
    /// counted to `asOf`. Large reports: download `/exports/old-parts.xlsx`.
    async fn old_part_return_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Application date from, inclusive.")] from: Option<NaiveDate>,
        #[graphql(desc = "Application date up to, inclusive.")] to: Option<NaiveDate>,
        #[graphql(desc = "Only this region (区域).")] region: Option<String>,
        #[graphql(desc = "Report date for delay days; default today in the business time zone.")]
        as_of: Option<NaiveDate>,
    ) -> async_graphql::Result<OldPartReturnReport> {
        let as_of = as_of.unwrap_or_else(|| today(ctx));
        let scope = ReportScope { from, to, region };
        let rows = old_part_reports::report_rows(db(ctx), actor(ctx)?, &scope).await.gql()?;
        Ok(OldPartReturnReport {
            as_of,
            headers: RETURN_REPORT_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows.into_iter().map(|r| OldPartReturnReportRow::new(r, as_of)).collect(),
        })
    }

    /// Local sale lots (staff).
    async fn local_sales(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which lots.")] filter: Option<LocalSaleFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<LocalSale>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = local_sales::LocalSaleFilter { status: f.status.map(Into::into), province: f.province };
        let page = local_sales::list(db(ctx), actor(ctx)?, filter, request).await.gql()?;
        Ok(connection(page, LocalSale::from))
    }
}
