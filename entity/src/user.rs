//! The `users` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A person who signs in: staff or a dealer's employee (`dealer_id` set).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub username: String,
    /// Argon2 PHC string; never serialized.
    #[serde(skip_serializing, default)]
    pub password_hash: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Set for dealer users: they see their dealer's data only.
    pub dealer_id: Option<i64>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    /// Tokens issued before this generation are refused: it moves on when
    /// the password is changed or reset and when the account is deactivated.
    pub token_generation: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::dealer::Entity",
        from = "Column::DealerId",
        to = "super::dealer::Column::Id",
        on_delete = "Restrict"
    )]
    Dealer,
    #[sea_orm(has_many = "super::user_role::Entity")]
    UserRole,
    #[sea_orm(has_one = "super::engineer::Entity")]
    Engineer,
}

impl Related<super::dealer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Dealer.def()
    }
}

impl Related<super::user_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserRole.def()
    }
}

impl Related<super::engineer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Engineer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
