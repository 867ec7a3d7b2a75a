//! Who records an event (the journal's `by`): the name given, else
//! `$PLENARY_BY`, else the login name `$USER`, else "secretary".

/// The recorder's name; blank names are skipped, so an empty `--by` or
/// variable never lands in the journal.
pub fn recorder(named: Option<String>) -> String {
    named
        .into_iter()
        .chain(std::env::var("PLENARY_BY").ok())
        .chain(std::env::var("USER").ok())
        .find(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "secretary".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_name_wins_and_blanks_are_skipped() {
        assert_eq!(recorder(Some("Dr. Keller".into())), "Dr. Keller");
        // Whatever the environment says, a blank name is never the answer.
        assert!(!recorder(Some("  ".into())).trim().is_empty());
    }
}
