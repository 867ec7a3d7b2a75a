//! Reading the workspace's TOML files: positions, diagnostics, and the
//! plumbing that turns a document into typed sections while collecting
//! every problem instead of stopping at the first.

mod diagnostic;
mod read;
mod report;
mod toml_doc;
mod validator;
mod write;

pub use diagnostic::{Diagnostic, Excerpt, SourceFile, sort};
pub use read::{MAX_FILE_BYTES, read_source};
pub use report::{SHOWN_PER_FILE, thousands, write_report};
pub use toml_doc::Document;
pub use validator::Validator;
pub use write::{WriteError, write_atomic};
