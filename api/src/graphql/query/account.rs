//! Who am I, and the user list for administrators.

use async_graphql::{Context, Object};
use service::usecase::identity;

use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::types::account::User;

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<User> {
        let actor = actor(ctx)?;
        identity::account(db(ctx), actor.user_id).await.gql().map(User::from)
    }

    /// Every account (ADMIN).
    async fn users(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        let actor = actor(ctx)?;
        let accounts = identity::list_accounts(db(ctx), actor).await.gql()?;
        Ok(accounts.into_iter().map(User::from).collect())
    }
}
