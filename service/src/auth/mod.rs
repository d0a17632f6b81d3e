//! Identity: password hashes, access tokens, the acting user and role rules.

mod actor;
mod password;
mod throttle;
mod token;

pub use actor::{Actor, roles};
pub use password::{
    MIN_PASSWORD_LEN, check_new_password, decoy_hash, hash_password, hash_password_blocking, verify_password,
    verify_password_blocking,
};
pub use throttle::{LoginThrottle, Reservation};
pub use token::{IssuedToken, TokenIssuer, VerifiedToken};
