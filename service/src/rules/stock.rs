//! Stock (库存) arithmetic: every change is a signed movement on the book
//! quantity, which never goes below zero; requisitions of valuable parts are
//! limited (限量领用); a count reconciles book and shelf (盘点).

use entity::enums::MovementKind;

/// Most pieces one receipt, issue, return or adjustment moves: far above a
/// real delivery, far below anything that could overflow the book.
pub const MAX_MOVEMENT_QUANTITY: i32 = 100_000;

/// Most pieces of one part a warehouse's book may hold (and the most a
/// count or a safety stock may say). With every movement bounded too,
/// `on_hand + movement` stays far inside the 32-bit column on both backends.
pub const MAX_ON_HAND: i32 = 10_000_000;

/// Why a movement cannot be booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StockError {
    /// Taking more than is on hand.
    Insufficient { on_hand: i32, wanted: i32 },
    /// Adding more than the book may hold.
    AboveMaximum { on_hand: i32, adding: i32 },
    /// A movement of zero, of the wrong sign for its kind, or too large.
    BadQuantity(String),
}

/// The signed quantity a movement books: receipts and returns add, issues
/// take, adjustments may go either way by at most [`MAX_MOVEMENT_QUANTITY`];
/// a count books the difference to the book, at most [`MAX_ON_HAND`].
pub fn signed_quantity(kind: MovementKind, quantity: i32) -> Result<i32, StockError> {
    let most = match kind {
        MovementKind::Stocktake => MAX_ON_HAND,
        _ => MAX_MOVEMENT_QUANTITY,
    };
    match kind {
        MovementKind::Receive | MovementKind::Return | MovementKind::Issue
            if !(1..=most).contains(&quantity) =>
        {
            Err(StockError::BadQuantity(format!("the quantity must be from 1 to {most}, got {quantity}")))
        }
        MovementKind::Adjust | MovementKind::Stocktake if quantity == 0 => {
            Err(StockError::BadQuantity("an adjustment must change the quantity".into()))
        }
        MovementKind::Adjust | MovementKind::Stocktake if !(-most..=most).contains(&quantity) => Err(
            StockError::BadQuantity(format!("an adjustment must be from -{most} to {most}, got {quantity}")),
        ),
        MovementKind::Issue => Ok(-quantity),
        MovementKind::Receive | MovementKind::Return | MovementKind::Adjust | MovementKind::Stocktake => {
            Ok(quantity)
        }
    }
}

/// The balance after a signed movement: refused below zero and above
/// [`MAX_ON_HAND`]. The stock use case books with the same two bounds in its
/// guarded `UPDATE`, and asks this which one a refused movement hit.
pub fn balance_after(on_hand: i32, signed: i32) -> Result<i32, StockError> {
    let after = i64::from(on_hand) + i64::from(signed);
    if after < 0 {
        return Err(StockError::Insufficient { on_hand, wanted: signed.saturating_neg() });
    }
    if after > i64::from(MAX_ON_HAND) {
        return Err(StockError::AboveMaximum { on_hand, adding: signed });
    }
    // In range: at most MAX_ON_HAND.
    Ok(after as i32)
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
    fn a_movement_moves_at_most_the_maximum_and_a_count_at_most_the_book_limit() {
        assert_eq!(signed_quantity(MovementKind::Receive, MAX_MOVEMENT_QUANTITY), Ok(MAX_MOVEMENT_QUANTITY));
        assert_eq!(signed_quantity(MovementKind::Adjust, -MAX_MOVEMENT_QUANTITY), Ok(-MAX_MOVEMENT_QUANTITY));
        for kind in [MovementKind::Receive, MovementKind::Issue, MovementKind::Return, MovementKind::Adjust] {
            for too_many in [MAX_MOVEMENT_QUANTITY + 1, 1_000_000_000, i32::MAX] {
                assert!(
                    matches!(signed_quantity(kind, too_many), Err(StockError::BadQuantity(_))),
                    "{kind:?} {too_many}"
                );
            }
        }
        for too_few in [-MAX_MOVEMENT_QUANTITY - 1, i32::MIN] {
            assert!(signed_quantity(MovementKind::Adjust, too_few).is_err(), "{too_few}");
        }
        assert_eq!(signed_quantity(MovementKind::Stocktake, -MAX_ON_HAND), Ok(-MAX_ON_HAND));
        assert!(signed_quantity(MovementKind::Stocktake, MAX_ON_HAND + 1).is_err());
    }

    #[test]
    fn the_book_holds_at_most_the_maximum() {
        assert_eq!(balance_after(MAX_ON_HAND - 1, 1), Ok(MAX_ON_HAND));
        assert_eq!(
            balance_after(MAX_ON_HAND, 1),
            Err(StockError::AboveMaximum { on_hand: MAX_ON_HAND, adding: 1 })
        );
        assert!(matches!(balance_after(i32::MAX, i32::MAX), Err(StockError::AboveMaximum { .. })));
        assert!(matches!(balance_after(i32::MIN, i32::MIN), Err(StockError::Insufficient { .. })));
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
