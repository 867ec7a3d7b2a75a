//! One SSH key per person: a key listed for two delegates would let whoever
//! holds it act as either, so the charter check refuses it. Keys are
//! compared by type and key data, never by their comment.

use std::ops::Range;

use toml::Spanned;

use super::file::MemberFile;

/// Reports every `ssh_key` already listed for an earlier delegate.
pub(super) fn report_shared(
    members: &[Spanned<MemberFile>],
    mut error: impl FnMut(Range<usize>, String),
) {
    let mut seen: Vec<(String, String)> = Vec::new();
    for member in members {
        let member = member.get_ref();
        for d in &member.delegates {
            let Some(key) = &d.ssh_key else { continue };
            let data = key_data(key.get_ref());
            let who = format!("{} ({})", d.name.get_ref(), member.id.get_ref());
            match seen.iter().find(|(k, _)| *k == data) {
                Some((_, first)) => error(
                    key.span(),
                    format!(
                        "this ssh_key is already listed for {first}: each person needs a key of their own"
                    ),
                ),
                None => seen.push((data, who)),
            }
        }
    }
}

/// The key's type and data, without its comment.
pub fn key_data(text: &str) -> String {
    text.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use crate::charter::load_charter;
    use crate::files::SourceFile;

    #[test]
    fn one_ssh_key_for_two_people_is_refused() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra/charter.toml");
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            load_charter(&SourceFile::new("charter.toml", text.as_str()))
                .charter
                .is_some()
        );
        // Give Baumann the secretary's demo key (another comment: same key).
        let secretary = text
            .lines()
            .find(|l| l.contains("demo-vandenberghe"))
            .and_then(|l| l.split('"').nth(1))
            .map(super::key_data)
            .unwrap();
        let shared: String = text
            .lines()
            .map(|l| match l.contains("demo-baumann") {
                true => format!("  ssh_key = \"{secretary} laptop\"\n"),
                false => format!("{l}\n"),
            })
            .collect();
        let load = load_charter(&SourceFile::new("charter.toml", shared));
        assert!(load.charter.is_none());
        let messages: Vec<String> = load.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("already listed for Dr. Sophie Vandenberghe (ceps)")),
            "{messages:?}"
        );
    }
}
