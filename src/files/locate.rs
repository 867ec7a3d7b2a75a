//! Finding where a key is written in a TOML file, to point at it: a path of
//! table keys and `[[array]]` elements picked by their `id`.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One step of a path into a TOML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A key of the current table.
    Key(&'a str),
    /// The element of the current array of tables whose `id` is this.
    Id(&'a str),
}

/// The byte span of the value at `path` in `text`, or of the deepest part
/// of the path that exists (a missing key points at its table's entry);
/// `None` when the text is not TOML or not even the first step exists.
pub fn locate(text: &str, path: &[Step]) -> Option<Range<usize>> {
    let root = DeTable::parse(text).ok()?;
    let mut found = None;
    let mut table: &DeTable = root.get_ref();
    let mut array: Option<&toml::de::DeArray> = None;
    for step in path {
        let value = match (*step, array) {
            (Step::Key(key), None) => table.get(key),
            (Step::Id(id), Some(elements)) => elements.iter().find(|e| {
                matches!(e.get_ref(), DeValue::Table(t)
                    if matches!(t.get("id").map(Spanned::get_ref), Some(DeValue::String(s)) if s == id))
            }),
            _ => None,
        };
        let Some(value) = value else {
            return found;
        };
        found = Some(value.span());
        array = None;
        match value.get_ref() {
            DeValue::Table(t) => table = t,
            DeValue::Array(elements) => array = Some(elements),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[alliance]\nname = \"A\"\n\n[[members]]\nid = \"x\"\nweight = 1\n\n[[members]]\nid = \"y\"\nweight = 3\n";

    #[test]
    fn finds_a_key_of_an_element_picked_by_id() {
        let span = locate(TEXT, &[Step::Key("members"), Step::Id("y"), Step::Key("weight")]).unwrap();
        assert_eq!(&TEXT[span], "3");
        let span = locate(TEXT, &[Step::Key("alliance"), Step::Key("name")]).unwrap();
        assert_eq!(&TEXT[span], "\"A\"");
    }

    #[test]
    fn a_missing_key_points_at_what_exists() {
        let whole = locate(TEXT, &[Step::Key("members"), Step::Id("x")]).unwrap();
        let missing =
            locate(TEXT, &[Step::Key("members"), Step::Id("x"), Step::Key("status")]).unwrap();
        assert_eq!(whole, missing);
        assert_eq!(locate(TEXT, &[Step::Key("bodies")]), None);
        assert_eq!(locate("not = [toml", &[Step::Key("not")]), None);
    }
}
