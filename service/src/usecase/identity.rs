//! Accounts: login, the acting user behind a token, and user creation.

use std::collections::BTreeSet;
use std::net::IpAddr;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::Serialize;

use entity::enums::{FaultCategory, Role};
use entity::{dealer, engineer_skill, user, user_role};

use crate::audit::{self, AuditEntry};
use crate::auth::{
    Actor, IssuedToken, LoginThrottle, TokenIssuer, decoy_hash, hash_password_blocking, roles,
    verify_password_blocking,
};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::{login_throttle, validate};

/// A user with its roles, as the API shows it (never the password hash).
#[derive(Debug, Clone, Serialize)]
pub struct UserAccount {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub dealer_id: Option<i64>,
    pub active: bool,
    pub roles: BTreeSet<Role>,
    pub created_at: chrono::DateTime<Utc>,
    /// The optimistic-lock version of the account.
    pub version: i32,
}

impl UserAccount {
    pub(crate) fn new(user: user::Model, roles: BTreeSet<Role>) -> Self {
        Self {
            id: user.id,
            username: user.username,
            display_name: user.display_name,
            email: user.email,
            phone: user.phone,
            dealer_id: user.dealer_id,
            active: user.active,
            roles,
            created_at: user.created_at,
            version: user.version,
        }
    }
}

/// What a new account needs.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub username: String,
    pub display_name: Option<String>,
    pub password: String,
    pub roles: Vec<Role>,
    /// Required with the DEALER role: the dealer's code.
    pub dealer_code: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Required with the ENGINEER role: the engineer's home region (province).
    pub region: Option<String>,
    pub skills: Vec<FaultCategory>,
}

pub(crate) async fn roles_of<C: ConnectionTrait>(db: &C, user_id: i64) -> ServiceResult<BTreeSet<Role>> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect())
}

/// Checks the credentials and issues a token. Unknown user, wrong password
/// and deactivated account all give the same `UNAUTHENTICATED` answer. The
/// attempt is charged to the throttle before any hashing and given back
/// when the password was right.
pub async fn login(
    db: &DatabaseConnection,
    throttle: &LoginThrottle,
    issuer: &TokenIssuer,
    credentials: Credentials<'_>,
) -> ServiceResult<(UserAccount, IssuedToken)> {
    let Credentials { username, password, address } = credentials;
    if username.chars().count() > login_throttle::MAX_USERNAME_CHARS {
        return Err(ServiceError::validation(
            "username",
            format!("must be at most {} characters", login_throttle::MAX_USERNAME_CHARS),
        ));
    }
    if password.chars().count() > login_throttle::MAX_PASSWORD_CHARS {
        return Err(ServiceError::validation(
            "password",
            format!("must be at most {} characters", login_throttle::MAX_PASSWORD_CHARS),
        ));
    }
    let reservation = throttle.reserve(username, address).await?;
    match check_credentials(db, issuer, username, password).await {
        Err(ServiceError::Unauthenticated) => Err(ServiceError::Unauthenticated),
        other => {
            // Right, or never checked (busy, database away): not a guess.
            throttle.release(reservation).await;
            other
        }
    }
}

/// What a sign-in gives.
#[derive(Debug, Clone, Copy)]
pub struct Credentials<'a> {
    pub username: &'a str,
    pub password: &'a str,
    /// The client's address, for the throttle.
    pub address: Option<IpAddr>,
}

async fn check_credentials(
    db: &DatabaseConnection,
    issuer: &TokenIssuer,
    username: &str,
    password: &str,
) -> ServiceResult<(UserAccount, IssuedToken)> {
    let found = user::Entity::find().filter(user::Column::Username.eq(username.trim())).one(db).await?;
    let Some(found) = found else {
        // Same work as a real check so timing does not reveal user names.
        verify_password_blocking(password.to_owned(), decoy_hash().to_owned()).await?;
        return Err(ServiceError::Unauthenticated);
    };
    let matches = verify_password_blocking(password.to_owned(), found.password_hash.clone()).await?;
    if !matches || !found.active {
        return Err(ServiceError::Unauthenticated);
    }
    let roles = roles_of(db, found.id).await?;
    let token = issuer.issue(found.id, found.token_generation)?;
    Ok((UserAccount::new(found, roles), token))
}

/// The acting user `user_id` as the account is now; a deleted or
/// deactivated user is `UNAUTHENTICATED`. Whether a token still acts for it
/// is [`Actor::token_generation`]'s to say.
pub async fn load_actor<C: ConnectionTrait>(db: &C, user_id: i64) -> ServiceResult<Actor> {
    // One round trip: every request starts here.
    let (found, roles) = user::Entity::find_by_id(user_id)
        .find_with_related(user_role::Entity)
        .all(db)
        .await?
        .into_iter()
        .next()
        .filter(|(u, _)| u.active)
        .ok_or(ServiceError::Unauthenticated)?;
    Ok(Actor {
        user_id: found.id,
        username: found.username,
        roles: roles.into_iter().map(|r| r.role).collect(),
        dealer_id: found.dealer_id,
        request_id: None,
        token_generation: found.token_generation,
    })
}

/// The acting user named `username`, for commands run on the server
/// (`aftersales-api import --user`): `NOT_FOUND` without an active account.
pub async fn load_actor_named<C: ConnectionTrait>(db: &C, username: &str) -> ServiceResult<Actor> {
    let found = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| ServiceError::not_found("user", username))?;
    load_actor(db, found.id).await
}

/// The account of `user_id`.
pub async fn account<C: ConnectionTrait>(db: &C, user_id: i64) -> ServiceResult<UserAccount> {
    let found = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("user", user_id))?;
    let roles = roles_of(db, user_id).await?;
    Ok(UserAccount::new(found, roles))
}

/// All accounts, for administrators.
pub async fn list_accounts(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<UserAccount>> {
    actor.require_any(roles::USER_ADMINS)?;
    let users = user::Entity::find().order_by_asc(user::Column::Id).all(db).await?;
    let all_roles = user_role::Entity::find().all(db).await?;
    Ok(users
        .into_iter()
        .map(|u| {
            let roles = all_roles.iter().filter(|r| r.user_id == u.id).map(|r| r.role).collect();
            UserAccount::new(u, roles)
        })
        .collect())
}

/// Creates an account. `actor` is `None` for the CLI bootstrap (the first
/// admin on a fresh install); otherwise it must be an admin.
pub async fn create_user(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    input: NewUser,
) -> ServiceResult<UserAccount> {
    if let Some(actor) = actor {
        actor.require_any(roles::USER_ADMINS)?;
    }
    let username = validate::code("username", &input.username, 64)?;
    let display_name = match input.display_name.as_deref() {
        Some(name) => validate::required_text("displayName", name, 100)?,
        None => username.clone(),
    };
    let email = validate::email("email", input.email.as_deref())?;
    let phone = validate::phone("phone", input.phone.as_deref())?;
    let roles: BTreeSet<Role> = input.roles.iter().copied().collect();
    if roles.is_empty() {
        return Err(ServiceError::validation("roles", "at least one role is required"));
    }
    let is_dealer = roles.contains(&Role::Dealer);
    if is_dealer && roles.len() > 1 {
        return Err(ServiceError::validation("roles", "a DEALER user has no other role"));
    }
    let region = if roles.contains(&Role::Engineer) {
        Some(validate::required_text("region", input.region.as_deref().unwrap_or_default(), 32)?)
    } else {
        None
    };
    let password_hash = hash_password_blocking(input.password.clone()).await?;

    let txn = begin_write(db).await?;
    let dealer_id = match (is_dealer, input.dealer_code.as_deref()) {
        (true, Some(code)) => Some(
            dealer::Entity::find()
                .filter(dealer::Column::Code.eq(code.trim()))
                .one(&txn)
                .await?
                .ok_or_else(|| ServiceError::validation("dealer", format!("no dealer with code `{code}`")))?
                .id,
        ),
        (true, None) => {
            return Err(ServiceError::validation("dealer", "a DEALER user needs a dealer"));
        }
        (false, Some(_)) => {
            return Err(ServiceError::validation("dealer", "only DEALER users belong to a dealer"));
        }
        (false, None) => None,
    };
    let taken = user::Entity::find().filter(user::Column::Username.eq(&username)).one(&txn).await?;
    if taken.is_some() {
        return Err(ServiceError::validation("username", format!("`{username}` is taken")));
    }
    let now = Utc::now();
    let created = user::ActiveModel {
        username: Set(username),
        password_hash: Set(password_hash),
        display_name: Set(display_name),
        email: Set(email),
        phone: Set(phone),
        dealer_id: Set(dealer_id),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for role in &roles {
        user_role::ActiveModel { user_id: Set(created.id), role: Set(*role) }.insert(&txn).await?;
    }
    if let Some(region) = region {
        super::master::engineers::create_profile(&txn, created.id, region).await?;
        for skill in input.skills.iter().collect::<BTreeSet<_>>() {
            engineer_skill::ActiveModel { engineer_id: Set(created.id), skill: Set(*skill) }
                .insert(&txn)
                .await?;
        }
    }
    let account = UserAccount::new(created, roles);
    audit::record(&txn, actor, AuditEntry::created("user.create", "user", account.id, &account)).await?;
    txn.commit().await?;
    Ok(account)
}

/// True when no user exists yet (a fresh install).
pub async fn has_no_users(db: &DatabaseConnection) -> ServiceResult<bool> {
    Ok(user::Entity::find().one(db).await?.is_none())
}
