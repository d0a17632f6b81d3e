//! Sign-in, accounts and their administration: creation, password change
//! and reset, deactivation and reactivation, roles.

use async_graphql::{Context, Error, ErrorExtensions, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use service::ServiceError;
use service::usecase::accounts::{self, PasswordChange, RoleChange};
use service::usecase::identity::{self, Credentials, NewUser, UserAccount};

use crate::graphql::context::{ClientAddress, actor, db, state};
use crate::graphql::error::{GqlResult, to_gql_error};
use crate::graphql::ids::{Kind, decode};
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

/// The signed-in user's new password.
#[derive(InputObject)]
pub struct ChangePasswordInput {
    /// The password now (a wrong one counts against the sign-in limit).
    pub current_password: String,
    /// The new one: 8–256 characters, no control characters.
    pub new_password: String,
}

/// The changed account and a new token: every token issued before,
/// this client's too, no longer works.
#[derive(SimpleObject)]
pub struct ChangePasswordPayload {
    /// Bearer token to use from now on.
    pub token: String,
    /// When it stops being accepted.
    pub expires_at: DateTime<Utc>,
    /// The account.
    pub user: User,
}

/// A password an admin sets for a user.
#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// The user.
    pub user_id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: Option<i32>,
    /// The new password: 8–256 characters, no control characters.
    pub new_password: String,
}

/// Which account to deactivate or reactivate.
#[derive(InputObject)]
pub struct UserStateInput {
    /// The user.
    pub user_id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: Option<i32>,
}

/// The roles a user is to hold from now on.
#[derive(InputObject)]
pub struct SetUserRolesInput {
    /// The user.
    pub user_id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: Option<i32>,
    /// Every role the user is to hold (at least one).
    pub roles: Vec<Role>,
    /// Home region (province): needed when ENGINEER is given to a user who
    /// has never been an engineer.
    pub region: Option<String>,
}

/// The account after an administrator's change.
#[derive(SimpleObject)]
pub struct UserPayload {
    /// The user.
    pub user: User,
}

/// The account changed: its next request reads it anew rather than from
/// the actor cache (other instances within `actor_cache_ms`).
fn changed(ctx: &Context<'_>, account: UserAccount) -> UserPayload {
    state(ctx).actors.forget(account.id);
    UserPayload { user: User::from(account) }
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

    /// Changes the signed-in user's own password (any role), given the
    /// current one. Every token issued before stops working, sockets
    /// signed in with one included; the answer carries a new token.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The current and the new password.")] input: ChangePasswordInput,
    ) -> async_graphql::Result<ChangePasswordPayload> {
        let state = state(ctx);
        let change = PasswordChange {
            current: &input.current_password,
            new: &input.new_password,
            address: ctx.data_opt::<ClientAddress>().and_then(|a| a.0),
        };
        let (account, token) =
            accounts::change_password(&state.db, &state.login_throttle, &state.tokens, actor(ctx)?, change)
                .await
                .gql()?;
        state.actors.forget(account.id);
        Ok(ChangePasswordPayload {
            token: token.token,
            expires_at: token.expires_at,
            user: User::from(account),
        })
    }

    /// Sets a new password for a user (ADMIN); every token the user held
    /// stops working.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The user, the version read and the new password.")] input: ResetPasswordInput,
    ) -> async_graphql::Result<UserPayload> {
        let id = decode(Kind::User, &input.user_id, "userId")?;
        let account = accounts::reset_password(db(ctx), actor(ctx)?, id, input.version, &input.new_password)
            .await
            .gql()?;
        Ok(changed(ctx, account))
    }

    /// Deactivates an account (ADMIN): the user cannot sign in, every token
    /// they held stops working and their subscriptions end. Not your own.
    async fn deactivate_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The user and the version read.")] input: UserStateInput,
    ) -> async_graphql::Result<UserPayload> {
        let id = decode(Kind::User, &input.user_id, "userId")?;
        let account = accounts::set_active(db(ctx), actor(ctx)?, id, input.version, false).await.gql()?;
        Ok(changed(ctx, account))
    }

    /// Reactivates an account (ADMIN); the user signs in anew (tokens from
    /// before the deactivation stay void).
    async fn reactivate_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The user and the version read.")] input: UserStateInput,
    ) -> async_graphql::Result<UserPayload> {
        let id = decode(Kind::User, &input.user_id, "userId")?;
        let account = accounts::set_active(db(ctx), actor(ctx)?, id, input.version, true).await.gql()?;
        Ok(changed(ctx, account))
    }

    /// Replaces a user's roles (ADMIN); they take effect at the user's next
    /// request. A dealer's user keeps exactly DEALER; you cannot take away
    /// your own ADMIN.
    async fn set_user_roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The user, the version read and the roles.")] input: SetUserRolesInput,
    ) -> async_graphql::Result<UserPayload> {
        let id = decode(Kind::User, &input.user_id, "userId")?;
        let change =
            RoleChange { roles: input.roles.into_iter().map(Into::into).collect(), region: input.region };
        let account = accounts::set_roles(db(ctx), actor(ctx)?, id, input.version, change).await.gql()?;
        Ok(changed(ctx, account))
    }
}
