//! User administration: a user changes their own password; an admin resets
//! one, deactivates and reactivates accounts and changes roles. Each is
//! audited in the transaction that makes it. A password changed or reset
//! and a deactivation move the user's token generation on, so every token
//! issued before stops working (and so do sockets signed in with one).
//! An admin cannot lock themselves out: not deactivate their own account
//! nor give up their own ADMIN role.

use std::collections::BTreeSet;
use std::net::IpAddr;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use entity::enums::Role;
use entity::{engineer, user, user_role};

use super::identity::{UserAccount, roles_of};
use super::versioned::{find_or_404, update_versioned};
use crate::audit::{self, AuditEntry};
use crate::auth::{
    Actor, IssuedToken, LoginThrottle, TokenIssuer, check_new_password, hash_password_blocking, roles,
    verify_password_blocking,
};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::{login_throttle, validate};

/// A user's own password change.
#[derive(Debug, Clone, Copy)]
pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
    /// The client's address: a wrong current password counts against the
    /// sign-in throttle like a wrong sign-in, so a stolen token cannot be
    /// used to guess the password.
    pub address: Option<IpAddr>,
}

/// Changes the acting user's password (anyone signed in), given the
/// current one. Every token issued before stops working; the answer
/// carries a new one for this client.
pub async fn change_password(
    db: &DatabaseConnection,
    throttle: &LoginThrottle,
    issuer: &TokenIssuer,
    actor: &Actor,
    change: PasswordChange<'_>,
) -> ServiceResult<(UserAccount, IssuedToken)> {
    actor.require_any(roles::ANYONE)?;
    if change.current.chars().count() > login_throttle::MAX_PASSWORD_CHARS {
        return Err(wrong_current_password());
    }
    check_new_password("newPassword", change.new)?;
    if change.new == change.current {
        return Err(ServiceError::validation("newPassword", "must differ from the current password"));
    }
    let before = find_or_404::<user::Entity, _>(db, actor.user_id).await?;
    let reservation = throttle.reserve(&before.username, change.address).await?;
    if !verify_password_blocking(change.current.to_owned(), before.password_hash.clone()).await? {
        return Err(wrong_current_password());
    }
    throttle.release(reservation).await;
    let password_hash = hash_password_blocking(change.new.to_owned()).await?;

    let txn = begin_write(db).await?;
    // The version read before the check: a change since (another password
    // change, a reset) is CONFLICT rather than overwritten.
    let after = write_password(&txn, &before, Some(before.version), password_hash).await?;
    let generation = after.token_generation;
    let (before, after) = accounts(&txn, before, after).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("user.change_password", "user", after.id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    let token = issuer.issue(actor.user_id, generation)?;
    Ok((after, token))
}

fn wrong_current_password() -> ServiceError {
    ServiceError::validation("currentPassword", "is not your current password")
}

/// Sets a new password for `user_id` (ADMIN). Every token the user held
/// stops working. The sign-in throttle's counts for the user are left as
/// they are: they last a minute at most, and clearing them would hand
/// whoever is guessing at that moment a fresh budget.
pub async fn reset_password(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    expected_version: Option<i32>,
    new_password: &str,
) -> ServiceResult<UserAccount> {
    actor.require_any(roles::USER_ADMINS)?;
    check_new_password("newPassword", new_password)?;
    let password_hash = hash_password_blocking(new_password.to_owned()).await?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<user::Entity, _>(&txn, user_id).await?;
    let after = write_password(&txn, &before, expected_version, password_hash).await?;
    let (before, after) = accounts(&txn, before, after).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("user.reset_password", "user", user_id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

async fn write_password<C: ConnectionTrait>(
    db: &C,
    before: &user::Model,
    expected_version: Option<i32>,
    password_hash: String,
) -> ServiceResult<user::Model> {
    let changes = user::ActiveModel {
        password_hash: Set(password_hash),
        token_generation: Set(before.token_generation.saturating_add(1)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned::<user::Entity, _, _>(db, before, expected_version, changes, before.id).await
}

/// Deactivates (`active: false`) or reactivates an account (ADMIN). A
/// deactivated user cannot sign in, and every token they held stops
/// working for good (reactivated, they sign in anew). An admin cannot
/// deactivate their own account. Setting the state it already has changes
/// nothing.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    expected_version: Option<i32>,
    active: bool,
) -> ServiceResult<UserAccount> {
    actor.require_any(roles::USER_ADMINS)?;
    if !active && user_id == actor.user_id {
        return Err(ServiceError::validation(
            "userId",
            "you cannot deactivate your own account; another admin can",
        ));
    }
    let txn = begin_write(db).await?;
    let before = find_or_404::<user::Entity, _>(&txn, user_id).await?;
    if before.active == active {
        let roles = roles_of(&txn, user_id).await?;
        return Ok(UserAccount::new(before, roles));
    }
    let changes = user::ActiveModel {
        active: Set(active),
        token_generation: Set(if active {
            before.token_generation
        } else {
            before.token_generation.saturating_add(1)
        }),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let after =
        update_versioned::<user::Entity, _, _>(&txn, &before, expected_version, changes, user_id).await?;
    let (before, after) = accounts(&txn, before, after).await?;
    let action = if active { "user.reactivate" } else { "user.deactivate" };
    audit::record(&txn, Some(actor), AuditEntry::changed(action, "user", user_id, &before, &after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// New roles for an account.
#[derive(Debug, Clone, Default)]
pub struct RoleChange {
    pub roles: Vec<Role>,
    /// The home region (province), needed when the ENGINEER role is given
    /// to a user who has never been an engineer.
    pub region: Option<String>,
}

/// Replaces the roles of `user_id` (ADMIN). A dealer's user keeps exactly
/// DEALER, and staff never get it (a dealer user is created with its
/// dealer). An admin cannot take away their own ADMIN role. A new engineer
/// gets an engineer profile in `region`; an engineer who loses the role
/// keeps the profile (their tickets name it) but is no longer dispatched.
pub async fn set_roles(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    expected_version: Option<i32>,
    change: RoleChange,
) -> ServiceResult<UserAccount> {
    actor.require_any(roles::USER_ADMINS)?;
    let wanted: BTreeSet<Role> = change.roles.iter().copied().collect();
    if wanted.is_empty() {
        return Err(ServiceError::validation("roles", "at least one role is required"));
    }
    if user_id == actor.user_id && actor.is_admin() && !wanted.contains(&Role::Admin) {
        return Err(ServiceError::validation(
            "roles",
            "you cannot take away your own ADMIN role; another admin can",
        ));
    }
    let region = change.region.as_deref().map(|r| validate::required_text("region", r, 32)).transpose()?;

    let txn = begin_write(db).await?;
    let before = find_or_404::<user::Entity, _>(&txn, user_id).await?;
    match (before.dealer_id.is_some(), wanted.contains(&Role::Dealer)) {
        (true, _) if wanted.len() > 1 || !wanted.contains(&Role::Dealer) => {
            return Err(ServiceError::validation(
                "roles",
                "a dealer's user has the DEALER role and no other",
            ));
        }
        (false, true) => {
            return Err(ServiceError::validation(
                "roles",
                "DEALER is given with a dealer when the user is created, not to staff",
            ));
        }
        _ => {}
    }
    let held = roles_of(&txn, user_id).await?;
    if wanted.contains(&Role::Engineer) && engineer::Entity::find_by_id(user_id).one(&txn).await?.is_none() {
        let region = region.ok_or_else(|| {
            ServiceError::validation("region", "a new ENGINEER needs a home region (province)")
        })?;
        super::master::engineers::create_profile(&txn, user_id, region).await?;
    }
    let gone: Vec<Role> = held.difference(&wanted).copied().collect();
    if !gone.is_empty() {
        user_role::Entity::delete_many()
            .filter(user_role::Column::UserId.eq(user_id))
            .filter(user_role::Column::Role.is_in(gone))
            .exec(&txn)
            .await?;
    }
    for role in wanted.difference(&held) {
        user_role::ActiveModel { user_id: Set(user_id), role: Set(*role) }.insert(&txn).await?;
    }
    // The version moves on with the roles, so two admins changing them at
    // once do not both win.
    let changes = user::ActiveModel { updated_at: Set(Utc::now()), ..Default::default() };
    let after =
        update_versioned::<user::Entity, _, _>(&txn, &before, expected_version, changes, user_id).await?;
    let before = UserAccount::new(before, held);
    let after = UserAccount::new(after, wanted);
    audit::record(&txn, Some(actor), AuditEntry::changed("user.set_roles", "user", user_id, &before, &after))
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// The accounts before and after a change that left the roles as they were.
async fn accounts<C: ConnectionTrait>(
    db: &C,
    before: user::Model,
    after: user::Model,
) -> ServiceResult<(UserAccount, UserAccount)> {
    let roles = roles_of(db, before.id).await?;
    Ok((UserAccount::new(before, roles.clone()), UserAccount::new(after, roles)))
}
