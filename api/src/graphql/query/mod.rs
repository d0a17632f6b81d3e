//! Query roots, one per area, merged into [`QueryRoot`].

mod account;
mod audit;
mod catalogue;
mod complaints;
mod jobs;
mod master_data;
mod notifications;
mod old_parts;
pub(crate) mod reports;
mod stock;
mod tickets;
mod visits;

use async_graphql::MergedObject;

/// Everything that can be read.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    account::AccountQuery,
    audit::AuditQuery,
    catalogue::CatalogueQuery,
    complaints::ComplaintQuery,
    jobs::JobQuery,
    master_data::MasterDataQuery,
    notifications::NotificationQuery,
    stock::StockQuery,
    old_parts::OldPartQuery,
    reports::ReportQuery,
    tickets::TicketQuery,
    visits::VisitQuery,
);
