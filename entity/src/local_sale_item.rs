//! The `local_sale_items` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An old part in a local sale lot; a part is sold in one lot at most.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "local_sale_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub local_sale_id: i64,
    #[sea_orm(primary_key, auto_increment = false, unique)]
    pub old_part_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::local_sale::Entity",
        from = "Column::LocalSaleId",
        to = "super::local_sale::Column::Id",
        on_delete = "Cascade"
    )]
    LocalSale,
    #[sea_orm(
        belongs_to = "super::old_part::Entity",
        from = "Column::OldPartId",
        to = "super::old_part::Column::Id",
        on_delete = "Restrict"
    )]
    OldPart,
}

impl Related<super::local_sale::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LocalSale.def()
    }
}

impl Related<super::old_part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OldPart.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
