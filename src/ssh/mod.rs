//! `plenary serve` (SPEC 8): an SSH server that gives each person whose
//! key the charter lists their own meeting interface, acting as them. It
//! turns channel bytes into the same inputs as the local terminal and runs
//! the same event loop; what a person may record is decided in the domain
//! (`meeting::Actor`), never here. The domain never imports this module.

mod backend;
mod connection;
pub mod host_key;
pub mod input;
pub mod keys;
mod limit;
mod server;
pub mod session;
mod source;

pub use keys::{AuthorizedKeys, KeyError, KeyHolder};
pub use server::{ServeError, ServeOptions, Server};
pub use session::SessionLimits;
