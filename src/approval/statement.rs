//! The canonical statement that signers sign: a few lines of ASCII that
//! pin the meeting's journal and the approved files (docs/approval.md):
//!
//! ```text
//! plenary approval v1
//! meeting 2027-03-steering
//! journal-seq 84
//! journal-sha256 <64 hex>
//! markdown-sha256 <64 hex>
//! json-sha256 <64 hex>
//! ```
//!
//! Each line ends with `\n`; nothing else is in it, so the same record
//! always gives the same bytes.

/// The statement's first line; a later format would change the version.
pub const STATEMENT_VERSION: &str = "plenary approval v1";

/// The SSH signature namespace (`ssh-keygen -Y sign -n plenary`).
pub const NAMESPACE: &str = "plenary";

/// The statement for `meeting`, its journal's final line and the
/// approved files' digests.
pub fn statement(
    meeting: &str,
    journal_seq: u64,
    journal_sha256: &str,
    markdown_sha256: &str,
    json_sha256: &str,
) -> String {
    format!(
        "{STATEMENT_VERSION}\nmeeting {meeting}\njournal-seq {journal_seq}\njournal-sha256 {journal_sha256}\nmarkdown-sha256 {markdown_sha256}\njson-sha256 {json_sha256}\n"
    )
}

/// The 1-based number of the first line where `found` differs from
/// `expected` (a line missing or added counts), or `None` when they are
/// the same bytes.
pub fn first_difference(expected: &[u8], found: &[u8]) -> Option<usize> {
    if expected == found {
        return None;
    }
    let mut a = expected.split(|b| *b == b'\n');
    let mut b = found.split(|b| *b == b'\n');
    let mut line = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            _ => return Some(line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_is_six_lines_and_a_changed_line_is_found() {
        let text = statement("m", 3, "a", "b", "c");
        assert_eq!(
            text,
            "plenary approval v1\nmeeting m\njournal-seq 3\njournal-sha256 a\nmarkdown-sha256 b\njson-sha256 c\n"
        );
        assert_eq!(first_difference(text.as_bytes(), text.as_bytes()), None);
        let edited = text.replace("journal-seq 3", "journal-seq 4");
        assert_eq!(
            first_difference(text.as_bytes(), edited.as_bytes()),
            Some(3)
        );
        assert_eq!(first_difference(b"a\nb\n", b"a\nb\nc\n"), Some(3));
    }
}
