//! Stock (库存) arithmetic: every change is a signed movement on the book
//! quantity, which never goes below zero; requisitions of valuable parts are
//! limited (限量领用); a count reconciles book and shelf (盘点).

use entity::enums::MovementKind;

/// Why a movement cannot be booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StockError {
    /// Taking more than is on hand.
    Insufficient { on_hand: i32, wanted: i32 },
    /// A movement of zero, or of the wrong sign for its kind.
    BadQuantity(&'static str),
}

/// The signed quantity a movement books: receipts and returns add, issues
/// take, adjustments and counts may go either way.
pub fn signed_quantity(kind: MovementKind, quantity: i32) -> Result<i32, StockError> {
    match kind {
        MovementKind::Receive | MovementKind::Return if quantity > 0 => Ok(quantity),
        MovementKind::Issue if quantity > 0 => Ok(-quantity),
        MovementKind::Adjust | MovementKind::Stocktake if quantity != 0 => Ok(quantity),
        MovementKind::Receive | MovementKind::Return | MovementKind::Issue => {
            Err(StockError::BadQuantity("the quantity must be at least 1"))
        }
        MovementKind::Adjust | MovementKind::Stocktake => {
            Err(StockError::BadQuantity("an adjustment must change the quantity"))
        }
    }
}

/// The balance after a signed movement, refused below zero.
pub fn balance_after(on_hand: i32, signed: i32) -> Result<i32, StockError> {
    let after = on_hand.checked_add(signed).ok_or(StockError::BadQuantity("the quantity is too large"))?;
    if after < 0 {
        return Err(StockError::Insufficient { on_hand, wanted: -signed });
    }
    Ok(after)
}

/// Below safety stock: time to reorder.
pub fn needs_reorder(on_hand: i32, safety_stock: i32) -> bool {
    on_hand < safety_stock
}

/// How many units to order to be back at safety stock.
pub fn shortfall(on_hand: i32, safety_stock: i32) -> i32 {
    (safety_stock - on_hand).max(0)
}

/// A valuable part's per-requisition limit, if `requested` exceeds it.
pub fn exceeds_valuable_limit(valuable: bool, limit: Option<i32>, requested: i32) -> Option<i32> {
    match (valuable, limit) {
        (true, Some(limit)) if requested > limit => Some(limit),
        _ => None,
    }
}

/// Counted minus book: what a stocktake books.
pub fn stocktake_difference(book: i32, counted: i32) -> i32 {
    counted - book
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_add_and_issues_take() {
        assert_eq!(signed_quantity(MovementKind::Receive, 5), Ok(5));
        assert_eq!(signed_quantity(MovementKind::Return, 2), Ok(2));
        assert_eq!(signed_quantity(MovementKind::Issue, 3), Ok(-3));
        assert_eq!(signed_quantity(MovementKind::Adjust, -4), Ok(-4));
        assert!(signed_quantity(MovementKind::Issue, 0).is_err());
        assert!(signed_quantity(MovementKind::Issue, -1).is_err());
        assert!(signed_quantity(MovementKind::Adjust, 0).is_err());
    }

    #[test]
    fn the_last_unit_can_be_issued_but_not_one_more() {
        assert_eq!(balance_after(1, -1), Ok(0));
        assert_eq!(balance_after(0, -1), Err(StockError::Insufficient { on_hand: 0, wanted: 1 }));
        assert_eq!(balance_after(2, -3), Err(StockError::Insufficient { on_hand: 2, wanted: 3 }));
        assert!(balance_after(i32::MAX, 1).is_err());
    }

    #[test]
    fn below_safety_stock_means_reorder() {
        assert!(needs_reorder(4, 5));
        assert!(!needs_reorder(5, 5));
        assert_eq!(shortfall(2, 5), 3);
        assert_eq!(shortfall(7, 5), 0);
    }

    #[test]
    fn valuable_parts_are_limited_per_requisition() {
        assert_eq!(exceeds_valuable_limit(true, Some(2), 3), Some(2));
        assert_eq!(exceeds_valuable_limit(true, Some(2), 2), None);
        assert_eq!(exceeds_valuable_limit(false, Some(2), 30), None);
        assert_eq!(exceeds_valuable_limit(true, None, 30), None);
    }

    #[test]
    fn a_count_books_counted_minus_book() {
        assert_eq!(stocktake_difference(10, 8), -2);
        assert_eq!(stocktake_difference(10, 12), 2);
        assert_eq!(stocktake_difference(10, 10), 0);
    }
}
