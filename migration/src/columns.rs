//! Column types used across the schema, named by what they hold, so each
//! migration reads like `docs/data-model.md`. Together with
//! `sea_orm_migration::schema::*` (plain types: `string`, `integer`, `date`,
//! `timestamp_with_time_zone`…) they cover every column.
//!
//! Every helper is NOT NULL; the `_null` twin allows NULL.

use sea_orm_migration::prelude::*;

/// Money: `DECIMAL(14,2)`.
pub fn amount<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).decimal_len(14, 2).not_null().take()
}

/// Money that may be unknown yet: `DECIMAL(14,2) NULL`.
pub fn amount_null<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).decimal_len(14, 2).null().take()
}

/// Rates and weights (per hour, per km, per kg, kilograms): `DECIMAL(12,3)`.
pub fn rate<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).decimal_len(12, 3).not_null().take()
}

/// Labour hours: `DECIMAL(8,2)`.
pub fn hours<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).decimal_len(8, 2).not_null().take()
}

/// Percent: `DECIMAL(6,2)`.
pub fn percent<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).decimal_len(6, 2).not_null().take()
}

/// An enumeration stored as its SCREAMING_CASE name: `VARCHAR(32)`, mapped
/// by the `DeriveActiveEnum` types of `entity::enums`.
pub fn enum_value<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).string_len(32).not_null().take()
}

/// An optional enumeration: `VARCHAR(32) NULL`.
pub fn enum_value_null<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).string_len(32).null().take()
}

/// Optimistic-locking counter: `INTEGER NOT NULL DEFAULT 1`.
pub fn version<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().default(1).take()
}
