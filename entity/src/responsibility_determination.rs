//! The `responsibility_determinations` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{PartKind, ResponsibilityOutcome};

/// Who is responsible for a failed old part, decided by a deadline set by the part kind.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "responsibility_determinations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub old_part_id: i64,
    pub part_kind: PartKind,
    pub reviewed_on: Date,
    pub due_on: Date,
    pub outcome: Option<ResponsibilityOutcome>,
    pub supplier_name: Option<String>,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub claim_amount: Option<Decimal>,
    pub determined_on: Option<Date>,
    pub determined_by: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::old_part::Entity",
        from = "Column::OldPartId",
        to = "super::old_part::Column::Id",
        on_delete = "Restrict"
    )]
    OldPart,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::DeterminedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    DeterminedBy,
}

impl Related<super::old_part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OldPart.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
