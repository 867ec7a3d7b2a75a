//! The files the minutes are written to: the three formats, each rendered
//! by its function of this module, and where in the workspace each goes.
//! `plenary minutes` and the minutes screen both ask here.

use std::path::{Path, PathBuf};

use super::{Minutes, html, json, markdown};

/// The file formats of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesFormat {
    /// Markdown with pipe tables.
    Markdown,
    /// One self-contained, printable HTML page.
    Html,
    /// JSON, as documented in docs/minutes.md.
    Json,
}

impl MinutesFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Json => "json",
        }
    }

    /// The minutes as the text of a file in this format.
    pub fn render(self, minutes: &Minutes) -> String {
        match self {
            Self::Markdown => markdown(minutes),
            Self::Html => html(minutes),
            Self::Json => json(minutes),
        }
    }
}

/// Where the minutes of meeting `meeting` are written in `format`, unless
/// asked otherwise: `minutes/<meeting-id>.<md|html|json>` in the workspace
/// at `root`.
pub fn output_path(root: &Path, meeting: &str, format: MinutesFormat) -> PathBuf {
    root.join("minutes")
        .join(format!("{meeting}.{}", format.extension()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_has_its_file_in_the_minutes_folder() {
        let root = Path::new("ws");
        for (format, file) in [
            (MinutesFormat::Markdown, "2027-03-steering.md"),
            (MinutesFormat::Html, "2027-03-steering.html"),
            (MinutesFormat::Json, "2027-03-steering.json"),
        ] {
            assert_eq!(
                output_path(root, "2027-03-steering", format),
                Path::new("ws").join("minutes").join(file)
            );
        }
    }
}
