//! Opaque ids: `base64("Kind:123")`, so clients never build ids themselves
//! and a customer id cannot be passed where a unit id is expected.

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::error::invalid;

/// The kinds of object that have ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    User,
    Customer,
    Dealer,
    ProductModel,
    Unit,
    Part,
    Warehouse,
    WarrantyPolicy,
    ServiceContract,
    Holiday,
    AuditEntry,
    Ticket,
    Quote,
    RepairRecord,
    StockMovement,
    Stocktake,
    Requisition,
    OldPart,
    Determination,
    LocalSale,
    Notification,
    Complaint,
    ReturnVisit,
    Report,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::User => "User",
            Kind::Customer => "Customer",
            Kind::Dealer => "Dealer",
            Kind::ProductModel => "ProductModel",
            Kind::Unit => "Unit",
            Kind::Part => "Part",
            Kind::Warehouse => "Warehouse",
            Kind::WarrantyPolicy => "WarrantyPolicy",
            Kind::ServiceContract => "ServiceContract",
            Kind::Holiday => "Holiday",
            Kind::AuditEntry => "AuditEntry",
            Kind::Ticket => "Ticket",
            Kind::Quote => "Quote",
            Kind::RepairRecord => "RepairRecord",
            Kind::StockMovement => "StockMovement",
            Kind::Stocktake => "Stocktake",
            Kind::Requisition => "Requisition",
            Kind::OldPart => "OldPart",
            Kind::Determination => "Determination",
            Kind::LocalSale => "LocalSale",
            Kind::Notification => "Notification",
            Kind::Complaint => "Complaint",
            Kind::ReturnVisit => "ReturnVisit",
            Kind::Report => "Report",
        }
    }
}

pub fn encode(kind: Kind, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.prefix())))
}

/// The database id behind `id`, which must be of `kind`; anything else is a
/// `VALIDATION` error on `field`.
pub fn decode(kind: Kind, id: &ID, field: &str) -> async_graphql::Result<i64> {
    let bad = || invalid(field, format!("`{}` is not a {} id", id.as_str(), kind.prefix()));
    let raw = URL_SAFE_NO_PAD.decode(id.as_str()).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (prefix, number) = text.split_once(':').ok_or_else(bad)?;
    if prefix != kind.prefix() {
        return Err(bad());
    }
    number.parse().map_err(|_| bad())
}

/// Like [`decode`] for an optional id.
pub fn decode_opt(kind: Kind, id: Option<&ID>, field: &str) -> async_graphql::Result<Option<i64>> {
    id.map(|id| decode(kind, id, field)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_round_trips_and_is_opaque() {
        let id = encode(Kind::Unit, 42);
        assert!(!id.as_str().contains("42"));
        assert_eq!(decode(Kind::Unit, &id, "id").ok(), Some(42));
    }

    #[test]
    fn id_of_another_kind_or_garbage_is_refused() {
        let customer = encode(Kind::Customer, 42);
        assert!(decode(Kind::Unit, &customer, "unitId").is_err());
        assert!(decode(Kind::Unit, &ID("%%%".into()), "unitId").is_err());
    }
}
