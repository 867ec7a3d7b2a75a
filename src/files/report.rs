//! Printing a list of problems: each file's first [`SHOWN_PER_FILE`]
//! problems in full, then how many more that file has. What a person can
//! act on is the first screenful; a file with 40,000 mistakes gets a count,
//! not 40,000 excerpts.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use super::Diagnostic;

/// The most problems printed for one file.
pub const SHOWN_PER_FILE: usize = 100;

/// Writes `diagnostics` (sorted, see [`super::sort`]) to `out`: per file,
/// the first [`SHOWN_PER_FILE`] in full, then `… and N more problems`.
/// The caller prints its own closing count.
pub fn write_report(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let mut totals: HashMap<&Path, usize> = HashMap::new();
    for d in diagnostics {
        *totals.entry(&d.path).or_default() += 1;
    }
    let mut shown: HashMap<&Path, usize> = HashMap::new();
    for d in diagnostics {
        let count = shown.entry(&d.path).or_default();
        *count += 1;
        if *count <= SHOWN_PER_FILE {
            writeln!(out, "{d}")?;
        }
        let total = totals[d.path.as_path()];
        if *count == SHOWN_PER_FILE.min(total) && total > SHOWN_PER_FILE {
            writeln!(
                out,
                "{}: … and {} more problems in this file (the first {SHOWN_PER_FILE} are shown)\n",
                d.path.display(),
                thousands(total - SHOWN_PER_FILE)
            )?;
        }
    }
    Ok(())
}

/// `37512` as `37,512`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::SourceFile;

    #[test]
    fn thousands_are_grouped() {
        for (n, shown) in [(0, "0"), (999, "999"), (1000, "1,000"), (37_512, "37,512")] {
            assert_eq!(thousands(n), shown);
        }
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn each_file_shows_its_first_problems_and_counts_the_rest() {
        let many = SourceFile::new("a.toml", "x\n".repeat(SHOWN_PER_FILE + 7));
        let few = SourceFile::new("b.toml", "y\n");
        let mut diagnostics: Vec<Diagnostic> = (0..SHOWN_PER_FILE + 7)
            .map(|i| many.error(2 * i..2 * i + 1, "bad"))
            .collect();
        diagnostics.push(few.error(0..1, "bad"));
        let mut out = Vec::new();
        write_report(&mut out, &diagnostics).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.matches("a.toml:").count(), SHOWN_PER_FILE + 1, "{out}");
        assert!(out.contains(&format!("a.toml:{}:1: bad", SHOWN_PER_FILE)));
        assert!(!out.contains(&format!("a.toml:{}:1: bad", SHOWN_PER_FILE + 1)));
        assert!(
            out.contains("a.toml: … and 7 more problems in this file"),
            "{out}"
        );
        assert!(out.contains("b.toml:1:1: bad"), "{out}");
        assert!(!out.contains("b.toml: …"), "{out}");
    }
}
