//! Text filters that behave the same on PostgreSQL and SQLite: case-blind
//! (ASCII), with the user's `%` and `_` taken literally.

use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};

const ESCAPE: char = '\\';

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | ESCAPE) {
            out.push(ESCAPE);
        }
        out.push(c);
    }
    out
}

fn lower_like(column: impl ColumnTrait, pattern: String) -> SimpleExpr {
    Expr::expr(Func::lower(column.into_expr())).like(LikeExpr::new(pattern).escape(ESCAPE))
}

/// The column contains `text`.
pub fn contains(column: impl ColumnTrait, text: &str) -> SimpleExpr {
    lower_like(column, format!("%{}%", escaped(text)))
}

/// The column starts with `text`.
pub fn starts_with(column: impl ColumnTrait, text: &str) -> SimpleExpr {
    lower_like(column, format!("{}%", escaped(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_user_text_are_taken_literally_and_case_is_folded() {
        assert_eq!(escaped(" XCT_25% "), "xct\\_25\\%");
        assert_eq!(escaped("a\\b"), "a\\\\b");
    }
}
