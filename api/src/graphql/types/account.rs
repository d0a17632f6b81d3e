//! Users and login results.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, Utc};
use service::usecase::identity::UserAccount;

use super::enums::Role;
use super::master::Dealer;
use crate::graphql::context::load;
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::DealerLoader;

/// A person who signs in: staff with roles, or a dealer's user.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct User {
    /// Opaque user id.
    pub id: ID,
    /// Sign-in name.
    pub username: String,
    /// Name shown to other users.
    pub display_name: String,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Roles held; ADMIN implies all.
    pub roles: Vec<Role>,
    /// Deactivated users cannot sign in.
    pub active: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// The version read: send it back with a change (`CONFLICT` if the
    /// account changed since).
    pub version: i32,
    #[graphql(skip)]
    pub dealer_id: Option<i64>,
}

#[ComplexObject]
impl User {
    /// The dealer a DEALER user belongs to.
    async fn dealer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Dealer>> {
        Ok(load::<DealerLoader, _>(ctx, self.dealer_id).await?.map(Dealer::from))
    }
}

impl From<UserAccount> for User {
    fn from(a: UserAccount) -> Self {
        Self {
            id: encode(Kind::User, a.id),
            username: a.username,
            display_name: a.display_name,
            email: a.email,
            phone: a.phone,
            roles: a.roles.into_iter().map(Role::from).collect(),
            active: a.active,
            created_at: a.created_at,
            version: a.version,
            dealer_id: a.dealer_id,
        }
    }
}

/// A successful login.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Bearer token for the `Authorization` header (and the WebSocket
    /// `connection_init` payload as `{"token": …}`).
    pub token: String,
    /// When the token stops being accepted; sign in again after it.
    pub expires_at: DateTime<Utc>,
    /// The signed-in user.
    pub user: User,
}
