//! The `.torn` file: what lay beyond a journal's head, set aside for
//! people to read (nothing reads it back as records). Each block is one
//! header line, then the bytes exactly as they were, plus a newline when
//! the last of them had none:
//!
//! ```text
//! # plenary set aside bytes 0..812 beyond line 12 (sha256 9f2c…) at 2027-03-10T15:00:00.000Z
//! {"seq":13,…
//! ```
//!
//! The header is also what makes a repair safe to repeat: one killed after
//! writing `.torn` but before cutting the journal is finished by the next
//! append, which sees that the last block already holds those bytes (same
//! line, same hash) and adds only what came after them, if anything.

use chrono::{DateTime, SecondsFormat, Utc};

use super::hash_line;

const PREFIX: &str = "# plenary set aside bytes ";

/// A block's header: bytes `from..to` of what lay beyond line `line`.
struct Header {
    from: usize,
    to: usize,
    line: u64,
    hash: String,
}

impl Header {
    fn parse(line: &[u8]) -> Option<Self> {
        let rest = std::str::from_utf8(line).ok()?.strip_prefix(PREFIX)?;
        let (from, rest) = rest.split_once("..")?;
        let (to, rest) = rest.split_once(" beyond line ")?;
        let (line, rest) = rest.split_once(" (sha256 ")?;
        let (hash, _) = rest.split_once(')')?;
        Some(Self {
            from: from.parse().ok()?,
            to: to.parse().ok()?,
            line: line.parse().ok()?,
            hash: hash.to_owned(),
        })
    }
}

/// The last header in `torn`, if any.
fn last_header(torn: &[u8]) -> Option<Header> {
    torn.split(|b| *b == b'\n').rev().find_map(Header::parse)
}

/// Adds to `torn` the bytes of `tail` (what lies beyond line `committed`)
/// that it does not hold yet; false when it holds them all already.
pub(super) fn add(torn: &mut Vec<u8>, tail: &[u8], committed: u64, at: DateTime<Utc>) -> bool {
    let held = last_header(torn)
        .filter(|h| {
            h.line == committed
                && h.from <= h.to
                && h.to <= tail.len()
                && hash_line(&tail[h.from..h.to]) == h.hash
        })
        .map_or(0, |h| h.to);
    let part = &tail[held..];
    if part.is_empty() {
        return false;
    }
    if !torn.is_empty() && !torn.ends_with(b"\n") {
        torn.push(b'\n');
    }
    torn.extend_from_slice(
        format!(
            "{PREFIX}{held}..{} beyond line {committed} (sha256 {}) at {}\n",
            tail.len(),
            hash_line(part),
            at.to_rfc3339_opts(SecondsFormat::Millis, true)
        )
        .as_bytes(),
    );
    torn.extend_from_slice(part);
    if !part.ends_with(b"\n") {
        torn.push(b'\n');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        "2027-03-10T15:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_block_is_a_header_and_the_bytes() {
        let mut torn = Vec::new();
        assert!(add(&mut torn, b"{\"seq\":13,\"at", 12, at()));
        let text = String::from_utf8(torn).unwrap();
        let (header, rest) = text.split_once('\n').unwrap();
        assert!(
            header.starts_with("# plenary set aside bytes 0..13 beyond line 12 (sha256 "),
            "{header}"
        );
        assert!(
            header.ends_with(") at 2027-03-10T15:00:00.000Z"),
            "{header}"
        );
        assert_eq!(rest, "{\"seq\":13,\"at\n");
    }

    #[test]
    fn a_repeated_repair_adds_nothing_or_only_what_came_after() {
        let mut torn = b"older notes\n".to_vec();
        let tail = b"line a\nline b\npart".as_slice();
        assert!(add(&mut torn, tail, 7, at()));
        let once = torn.clone();
        assert!(!add(&mut torn, tail, 7, at()), "the same repair again");
        assert_eq!(torn, once);
        // Bytes appended to the journal after the cut-short repair.
        let grown = b"line a\nline b\npart and more\n".as_slice();
        assert!(add(&mut torn, grown, 7, at()));
        let text = String::from_utf8_lossy(&torn).into_owned();
        assert_eq!(text.matches("line a").count(), 1, "{text}");
        assert!(text.contains("bytes 18..28 beyond line 7"), "{text}");
        assert!(text.ends_with("\n and more\n"), "{text}");
        // Another commit point is another tail, even with the same bytes.
        assert!(add(&mut torn, tail, 8, at()));
        assert_eq!(String::from_utf8_lossy(&torn).matches("line a").count(), 2);
    }
}
