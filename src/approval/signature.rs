//! SSH signatures over the statement (`ssh-keygen -Y sign` format,
//! namespace `plenary`): reading an armored signature, verifying it,
//! finding whose key made it in the charter, and the `allowed_signers`
//! file that lets `ssh-keygen -Y verify` check the same files.

use russh::keys::ssh_key::{HashAlg, PublicKey, SshSig};

use crate::charter::{Charter, Delegate};

use super::state::Signature;
use super::statement::NAMESPACE;

/// The most bytes an armored signature may have (an RSA-4096 one is
/// under 2 KiB).
pub const MAX_SIGNATURE_BYTES: u64 = 16 * 1024;

/// Why a signature is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Not an armored SSH signature.
    #[error(
        "not an SSH signature (`-----BEGIN SSH SIGNATURE-----` … made by `ssh-keygen -Y sign -n plenary`): {0}"
    )]
    Unreadable(String),
    /// Made for another namespace.
    #[error(
        "the signature is for namespace `{0}`, not `plenary`: sign with `ssh-keygen -Y sign -n plenary`"
    )]
    Namespace(String),
    /// The signature does not verify over the statement.
    #[error(
        "the signature by the key {0} does not verify over this meeting's statement: it was made over other bytes (sign the file records/<meeting>.statement as it is)"
    )]
    DoesNotVerify(String),
    /// No delegate of the charter has the key.
    #[error("the key {0} that made this signature is not any delegate's ssh_key in charter.toml")]
    UnknownKey(String),
}

/// A signature that verified, and the key that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The key, without comment.
    pub key: PublicKey,
    /// Its OpenSSH text.
    pub openssh: String,
    /// Its `SHA256:` fingerprint.
    pub fingerprint: String,
}

/// The fingerprint of a key, as `ssh-keygen -l` prints it.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Reads `armored` and verifies it over `message`.
pub fn verify(armored: &str, message: &[u8]) -> Result<Verified, SignatureError> {
    let sig =
        SshSig::from_pem(armored.trim()).map_err(|e| SignatureError::Unreadable(e.to_string()))?;
    if sig.namespace() != NAMESPACE {
        return Err(SignatureError::Namespace(sig.namespace().to_owned()));
    }
    let key = PublicKey::from(sig.public_key().clone());
    let fingerprint = fingerprint(&key);
    key.verify(NAMESPACE, message, &sig)
        .map_err(|_| SignatureError::DoesNotVerify(fingerprint.clone()))?;
    let openssh = key
        .to_openssh()
        .map_err(|e| SignatureError::Unreadable(e.to_string()))?;
    Ok(Verified {
        key,
        openssh,
        fingerprint,
    })
}

/// The delegate of `charter` whose `ssh_key` is `key` (compared by key
/// data, never by comment), with their member's id.
pub fn holder<'c>(charter: &'c Charter, key: &PublicKey) -> Option<(&'c str, &'c Delegate)> {
    charter.members.iter().find_map(|m| {
        m.delegates
            .iter()
            .find(|d| listed_key(d).is_some_and(|k| k.key_data() == key.key_data()))
            .map(|d| (m.id.as_str(), d))
    })
}

/// A delegate's `ssh_key`, when it is one.
pub fn listed_key(delegate: &Delegate) -> Option<PublicKey> {
    PublicKey::from_openssh(delegate.ssh_key.as_deref()?.trim()).ok()
}

/// A principal for `allowed_signers` and a file name from a person's
/// name: lower-case letters and digits, runs of anything else as one `-`
/// (`Dr. Sophie Vandenberghe` → `dr-sophie-vandenberghe`).
pub fn slug(person: &str) -> String {
    let mut slug = String::new();
    for c in person.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "signer".to_owned()
    } else {
        slug
    }
}

/// `records/<meeting>.allowed_signers`: one line per pinned key,
/// `PRINCIPAL namespaces="plenary" KEY`, for `ssh-keygen -Y verify`.
pub fn allowed_signers(signatures: &[Signature]) -> String {
    let mut text = String::from(
        "# Written by plenary from the approval record: the keys pinned when each person signed.\n",
    );
    for s in signatures {
        text.push_str(&format!(
            "{} namespaces=\"{NAMESPACE}\" {}\n",
            slug(&s.person),
            s.public_key
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_principals() {
        assert_eq!(slug("Dr. Sophie Vandenberghe"), "dr-sophie-vandenberghe");
        assert_eq!(slug("Prof. Jürg Baumann"), "prof-j-rg-baumann");
        assert_eq!(slug("..."), "signer");
    }

    #[test]
    fn garbage_and_a_signature_over_other_bytes_are_refused() {
        assert!(matches!(
            verify("hello", b"x"),
            Err(SignatureError::Unreadable(_))
        ));
        let key = russh::keys::ssh_key::PrivateKey::from_openssh(
            std::fs::read_to_string(
                crate::test_support::example_root().join("demo-keys/vandenberghe"),
            )
            .unwrap(),
        )
        .unwrap();
        let sig = key.sign(NAMESPACE, HashAlg::Sha512, b"statement").unwrap();
        let pem = sig.to_pem(russh::keys::ssh_key::LineEnding::LF).unwrap();
        let ok = verify(&pem, b"statement").unwrap();
        assert_eq!(ok.fingerprint, fingerprint(key.public_key()));
        assert!(matches!(
            verify(&pem, b"other"),
            Err(SignatureError::DoesNotVerify(_))
        ));
        let other = key.sign("git", HashAlg::Sha512, b"statement").unwrap();
        let pem = other.to_pem(russh::keys::ssh_key::LineEnding::LF).unwrap();
        assert_eq!(
            verify(&pem, b"statement"),
            Err(SignatureError::Namespace("git".into()))
        );
    }
}
