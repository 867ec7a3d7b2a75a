//! Who may log in: every delegate's `ssh_key` in the charter, parsed and
//! compared by key data (never by comment or SSH user name).

use russh::keys::ssh_key::PublicKey;
use russh::keys::ssh_key::public::KeyData;

use crate::charter::{Charter, DelegateRole};

/// The person a key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHolder {
    /// The member they are a delegate of.
    pub member: String,
    /// Their name, as the charter gives it.
    pub person: String,
    /// Their role.
    pub role: DelegateRole,
}

/// The keys listed in a charter, each with its one holder.
#[derive(Debug, Clone, Default)]
pub struct AuthorizedKeys {
    keys: Vec<(KeyData, KeyHolder)>,
}

/// A charter whose keys cannot admit anyone unambiguously.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    /// A key that is not an OpenSSH public key.
    #[error("the ssh_key of {person} ({member}) is not an OpenSSH public key: {reason}")]
    Unreadable {
        /// Its member.
        member: String,
        /// Its holder.
        person: String,
        /// What the parser said.
        reason: String,
    },
    /// One key listed for two people: whoever holds it could act as either.
    #[error(
        "one ssh_key is listed for both {first} and {second}: each person needs a key of their own"
    )]
    Shared {
        /// The first holder, as `person (member)`.
        first: String,
        /// The second holder.
        second: String,
    },
}

impl AuthorizedKeys {
    /// Every delegate key of `charter`; one key listed for two people, or a
    /// key that does not parse, is an error.
    pub fn from_charter(charter: &Charter) -> Result<Self, KeyError> {
        let mut keys: Vec<(KeyData, KeyHolder)> = Vec::new();
        for member in &charter.members {
            for d in &member.delegates {
                let Some(text) = d.ssh_key.as_deref() else {
                    continue;
                };
                let holder = KeyHolder {
                    member: member.id.clone(),
                    person: d.name.clone(),
                    role: d.role,
                };
                let key =
                    PublicKey::from_openssh(text.trim()).map_err(|e| KeyError::Unreadable {
                        member: holder.member.clone(),
                        person: holder.person.clone(),
                        reason: e.to_string(),
                    })?;
                if let Some((_, other)) = keys.iter().find(|(k, _)| k == key.key_data()) {
                    return Err(KeyError::Shared {
                        first: format!("{} ({})", other.person, other.member),
                        second: format!("{} ({})", holder.person, holder.member),
                    });
                }
                keys.push((key.key_data().clone(), holder));
            }
        }
        Ok(Self { keys })
    }

    /// Whose key this is, if anyone's.
    pub fn holder(&self, key: &KeyData) -> Option<&KeyHolder> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, h)| h)
    }

    /// Whether `key` is listed.
    pub fn contains(&self, key: &KeyData) -> bool {
        self.holder(key).is_some()
    }

    /// How many keys are listed.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key is listed (nobody can log in).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn charter() -> Charter {
        let root = crate::test_support::example_root();
        Workspace::load(&root).unwrap().charter
    }

    #[test]
    fn the_demo_keys_admit_their_three_holders() {
        let keys = AuthorizedKeys::from_charter(&charter()).unwrap();
        assert_eq!(keys.len(), 3);
    }

    #[test]
    fn a_key_for_two_people_or_a_broken_key_is_refused_at_load() {
        let mut charter = charter();
        let secretary = charter.members[0].delegates[0].ssh_key.clone().unwrap();
        let other = charter.members[1].delegates.last_mut().unwrap();
        other.ssh_key = Some(secretary.replace("demo-vandenberghe", "spare"));
        let err = AuthorizedKeys::from_charter(&charter).unwrap_err();
        assert!(matches!(err, KeyError::Shared { .. }), "{err}");
        charter.members[1].delegates.last_mut().unwrap().ssh_key =
            Some("ssh-ed25519 AAAAnotakey".into());
        let err = AuthorizedKeys::from_charter(&charter).unwrap_err();
        assert!(matches!(err, KeyError::Unreadable { .. }), "{err}");
    }
}
