//! Reading the workspace's TOML files: positions, diagnostics, and the
//! plumbing that turns a document into typed sections while collecting
//! every problem instead of stopping at the first; and opening any
//! workspace file as what it claims to be (`regular`).

mod diagnostic;
mod locate;
mod private;
mod read;
pub mod regular;
mod report;
mod suggest;
mod toml_doc;
mod validator;
mod write;

pub use diagnostic::{Diagnostic, Excerpt, SourceFile, sort};
pub use locate::{Step, locate};
pub use private::private_folder;
pub use read::{MAX_FILE_BYTES, read_source, read_source_within};
pub use report::{SHOWN_PER_FILE, thousands, write_report};
pub use suggest::{closest, did_you_mean};
pub use toml_doc::{Document, syntax_error};
pub use validator::Validator;
pub use write::{
    TEMP_PREFIX, TEMP_SUFFIX, WriteError, replace_atomic, replace_cache, write_atomic,
};
