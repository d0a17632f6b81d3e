//! Who is acting, and the role rules every use case checks.

use std::collections::BTreeSet;

use entity::enums::Role;

use crate::error::{ServiceError, ServiceResult};

/// The authenticated user behind a request or a CLI command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub roles: BTreeSet<Role>,
    /// Set for `DEALER` users: they see only this dealer's data.
    pub dealer_id: Option<i64>,
    /// The request this action came from, for the audit log.
    pub request_id: Option<String>,
    /// The user's token generation when the account was read: a token of
    /// another generation does not act for it.
    pub token_generation: i32,
}

/// Named groups of roles allowed to do something. `ADMIN` may do everything.
pub mod roles {
    use entity::enums::Role;

    /// Every internal role (everyone but dealers).
    pub const STAFF: &[Role] = &[
        Role::Agent,
        Role::Engineer,
        Role::Warehouse,
        Role::ServiceManager,
        Role::Finance,
        Role::Quality,
        Role::GeneralManager,
    ];
    /// Who maintains models, policies, contracts, dealers, holidays and engineers.
    pub const MASTER_DATA_EDITORS: &[Role] = &[Role::ServiceManager];
    /// Who records customers and units (the service desk too).
    pub const CUSTOMER_EDITORS: &[Role] = &[Role::Agent, Role::ServiceManager];
    /// Who maintains parts and warehouses.
    pub const PART_EDITORS: &[Role] = &[Role::Warehouse, Role::ServiceManager];
    /// Who manages user accounts.
    pub const USER_ADMINS: &[Role] = &[];
    /// Every role: what any signed-in user may do (their own password).
    pub const ANYONE: &[Role] = &[
        Role::Agent,
        Role::Engineer,
        Role::Warehouse,
        Role::ServiceManager,
        Role::Finance,
        Role::Quality,
        Role::GeneralManager,
        Role::Dealer,
    ];
    /// Who reads the audit log.
    pub const AUDITORS: &[Role] = &[Role::ServiceManager, Role::GeneralManager];
}

impl Actor {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_admin(&self) -> bool {
        self.has_role(Role::Admin)
    }

    /// `FORBIDDEN` unless the actor is an admin or has one of `allowed`.
    pub fn require_any(&self, allowed: &[Role]) -> ServiceResult<()> {
        if self.is_admin() || allowed.iter().any(|r| self.has_role(*r)) {
            return Ok(());
        }
        let names: Vec<&str> =
            std::iter::once(Role::Admin).chain(allowed.iter().copied()).map(|r| r.as_str()).collect();
        Err(ServiceError::Forbidden(format!("requires one of the roles {}", names.join(", "))))
    }

    /// Staff, or a dealer user (whose reads are then scoped to its dealer).
    pub fn require_staff_or_dealer(&self) -> ServiceResult<()> {
        if self.dealer_scope().is_some() {
            return Ok(());
        }
        self.require_any(roles::STAFF)
    }

    /// The dealer whose data alone this actor may see, when it is a dealer
    /// user without any internal role.
    pub fn dealer_scope(&self) -> Option<i64> {
        let internal = self.is_admin() || roles::STAFF.iter().any(|r| self.has_role(*r));
        if internal { None } else { self.dealer_id }
    }

    /// An engineer with no other internal role sees only their own field
    /// work (their old parts); `None` for everyone else.
    pub fn engineer_scope(&self) -> Option<i64> {
        let desk = self.is_admin() || roles::STAFF.iter().any(|r| *r != Role::Engineer && self.has_role(*r));
        (self.has_role(Role::Engineer) && !desk).then_some(self.user_id)
    }

    /// May this actor see a record that belongs to `owner_dealer`?
    /// Dealer users see only their own dealer's records.
    pub fn can_see_dealer_record(&self, owner_dealer: Option<i64>) -> bool {
        match self.dealer_scope() {
            None => true,
            Some(own) => owner_dealer == Some(own),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role], dealer_id: Option<i64>) -> Actor {
        Actor {
            user_id: 1,
            username: "u".into(),
            roles: roles.iter().copied().collect(),
            dealer_id,
            request_id: None,
            token_generation: 0,
        }
    }

    #[test]
    fn admin_passes_every_role_check() {
        let admin = actor(&[Role::Admin], None);
        assert!(admin.require_any(roles::PART_EDITORS).is_ok());
        assert!(admin.require_any(roles::USER_ADMINS).is_ok());
    }

    #[test]
    fn agent_may_not_edit_parts_and_the_error_names_the_roles() {
        let err = actor(&[Role::Agent], None).require_any(roles::PART_EDITORS).unwrap_err();
        assert_eq!(err.code(), "FORBIDDEN");
        assert!(err.to_string().contains("WAREHOUSE"), "{err}");
    }

    #[test]
    fn dealer_user_sees_only_its_own_dealers_records() {
        let dealer = actor(&[Role::Dealer], Some(7));
        assert_eq!(dealer.dealer_scope(), Some(7));
        assert!(dealer.can_see_dealer_record(Some(7)));
        assert!(!dealer.can_see_dealer_record(Some(8)));
        assert!(!dealer.can_see_dealer_record(None));
        assert!(dealer.require_staff_or_dealer().is_ok());
        assert!(dealer.require_any(roles::STAFF).is_err());
    }

    #[test]
    fn staff_sees_every_dealers_records() {
        let agent = actor(&[Role::Agent], None);
        assert_eq!(agent.dealer_scope(), None);
        assert!(agent.can_see_dealer_record(Some(8)));
    }
}
