//! Sign-in and account creation.

use async_graphql::{Context, Error, ErrorExtensions, InputObject, Object, SimpleObject};
use service::ServiceError;
use service::usecase::identity::{self, Credentials, NewUser};

use crate::graphql::context::{ClientAddress, actor, db, state};
use crate::graphql::error::{GqlResult, to_gql_error};
use crate::graphql::types::account::{LoginPayload, User};
use crate::graphql::types::enums::{FaultCategory, Role};

#[derive(Default)]
pub struct AccountMutation;

/// Credentials.
#[derive(InputObject)]
pub struct LoginInput {
    /// Sign-in name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// A new account.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Sign-in name; unique.
    pub username: String,
    /// Name shown to other users; defaults to the sign-in name.
    pub display_name: Option<String>,
    /// At least 8 characters.
    pub password: String,
    /// Roles to grant.
    pub roles: Vec<Role>,
    /// Dealer code; required with (and only with) the DEALER role.
    pub dealer_code: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Home region (province); required with the ENGINEER role.
    pub region: Option<String>,
    /// Engineer skills (fault categories).
    #[graphql(default)]
    pub skills: Vec<FaultCategory>,
}

/// The created account.
#[derive(SimpleObject)]
pub struct CreateUserPayload {
    /// The new user.
    pub user: User,
}

#[Object]
impl AccountMutation {
    /// Signs in and returns a bearer token. Attempts are counted per user
    /// name and address, per user name and per address (shared by every
    /// server instance); past a few failures in a minute further attempts,
    /// even with the right password, get `RATE_LIMITED` with
    /// `extensions.retryAfter` (seconds) until the minute has passed.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Credentials.")] input: LoginInput,
    ) -> async_graphql::Result<LoginPayload> {
        let state = state(ctx);
        let credentials = Credentials {
            username: &input.username,
            password: &input.password,
            address: ctx.data_opt::<ClientAddress>().and_then(|a| a.0),
        };
        let (account, token) =
            match identity::login(&state.db, &state.login_throttle, &state.tokens, credentials).await {
                Ok(ok) => ok,
                Err(ServiceError::Unauthenticated) => {
                    return Err(Error::new("user name or password is wrong")
                        .extend_with(|_, ext| ext.set("code", "UNAUTHENTICATED")));
                }
                Err(other) => return Err(to_gql_error(other)),
            };
        Ok(LoginPayload { token: token.token, expires_at: token.expires_at, user: User::from(account) })
    }

    /// Creates a user account (ADMIN).
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new account.")] input: CreateUserInput,
    ) -> async_graphql::Result<CreateUserPayload> {
        let actor = actor(ctx)?;
        let account = identity::create_user(
            db(ctx),
            Some(actor),
            NewUser {
                username: input.username,
                display_name: input.display_name,
                password: input.password,
                roles: input.roles.into_iter().map(Into::into).collect(),
                dealer_code: input.dealer_code,
                email: input.email,
                phone: input.phone,
                region: input.region,
                skills: input.skills.into_iter().map(Into::into).collect(),
            },
        )
        .await
        .gql()?;
        Ok(CreateUserPayload { user: User::from(account) })
    }
}
