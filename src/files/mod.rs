//! Reading the workspace's TOML files: positions, diagnostics, and the
//! plumbing that turns a document into typed sections while collecting
//! every problem instead of stopping at the first.

mod diagnostic;
mod locate;
mod read;
mod toml_doc;
mod validator;
mod write;

pub use diagnostic::{Diagnostic, SourceFile, sort};
pub use locate::{Step, locate};
pub use read::{MAX_FILE_BYTES, read_source};
pub use toml_doc::Document;
pub use validator::Validator;
pub use write::{WriteError, write_atomic};
