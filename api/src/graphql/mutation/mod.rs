//! Mutation roots, one per area, merged into [`MutationRoot`].

mod account;
mod catalogue;
mod complaints;
mod master_data;
mod notifications;
mod old_parts;
mod reports;
mod stock;
mod tickets;
mod visits;

use async_graphql::MergedObject;

/// Everything that changes state.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    account::AccountMutation,
    catalogue::CatalogueMutation,
    complaints::ComplaintMutation,
    master_data::MasterDataMutation,
    notifications::NotificationMutation,
    stock::StockMutation,
    old_parts::OldPartMutation,
    reports::ReportMutation,
    tickets::TicketMutation,
    visits::VisitMutation,
);
