//! Identity: password hashes, access tokens, the acting user and role rules.

mod actor;
mod password;
mod token;

pub use actor::{Actor, roles};
pub use password::{MIN_PASSWORD_LEN, decoy_hash, hash_password, verify_password};
pub use token::{IssuedToken, TokenIssuer};
