//! `plenary sign [WORKSPACE] MEETING [--key FILE | --add SIGFILE] [--as PERSON]`:
//! a signature over the approved minutes' statement
//! (`records/<meeting>.statement`), made here with `ssh-keygen -Y sign -n
//! plenary -f FILE` (a private key file, or a public one whose key is in
//! ssh-agent) or added from an armored file made elsewhere. The domain
//! verifies it and matches its key to a delegate of the charter before it
//! is recorded. Without `--key` or `--add`, prints the statement, its
//! digest and how to sign it.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{ExitCode, Stdio};

use anyhow::{Context as _, bail};
use plenary::approval::{Approval, MAX_SIGNATURE_BYTES, NAMESPACE, Step, sha256, statement_of};
use plenary::files::regular::read_regular;
use plenary::meeting::Actor;

use super::workspace_arg::MeetingArgs;

/// Arguments of `plenary sign`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    meeting: MeetingArgs,
    /// Sign with this key: a private key file, or a public key file whose private key is in ssh-agent.
    #[arg(long, value_name = "FILE", conflicts_with = "add")]
    key: Option<PathBuf>,
    /// Add an armored signature made elsewhere (`ssh-keygen -Y sign -n plenary`).
    #[arg(long, value_name = "SIGFILE")]
    add: Option<PathBuf>,
    /// Refuse the signature unless it is this person's (as the charter names them).
    #[arg(long = "as", value_name = "PERSON")]
    person: Option<String>,
    /// Who is recording (default: $PLENARY_BY, else $USER).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

/// Signs, or adds a signature, or says how.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (root, meeting_id) = args.meeting.split()?;
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let agenda = super::find_agenda(&ws, &meeting_id)?;
    let approval = Approval::new(&ws, agenda);
    let state = approval.load()?;
    let Some(statement) = statement_of(&meeting_id, &state) else {
        bail!(
            "the minutes of {meeting_id} are not approved yet: there is nothing to sign (see plenary approval --help)"
        );
    };
    let file = root.join("records").join(format!("{meeting_id}.statement"));
    let armored = match (&args.key, &args.add) {
        (Some(key), _) => ssh_keygen_sign(key, &statement)?,
        (None, Some(sig)) => {
            let bytes = read_regular(sig, MAX_SIGNATURE_BYTES)
                .with_context(|| format!("cannot read {}", sig.display()))?
                .with_context(|| format!("{} does not exist", sig.display()))?;
            String::from_utf8(bytes)
                .map_err(|_| anyhow::anyhow!("{} is not an armored signature", sig.display()))?
        }
        (None, None) => {
            print!("{statement}");
            println!(
                "\nSHA-256 {}\nSign it with `plenary sign {} {meeting_id} --key KEY`, or elsewhere with\n  ssh-keygen -Y sign -n {NAMESPACE} -f KEY {}\nand add the .sig file with --add.",
                sha256(statement.as_bytes()),
                root.display(),
                file.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
    };
    if let Some(person) = &args.person {
        let verified = plenary::approval::verify(&armored, statement.as_bytes())?;
        let holder =
            plenary::approval::holder(&ws.charter, &verified.key).map(|(_, d)| d.name.clone());
        if holder.as_deref() != Some(person.as_str()) {
            bail!(
                "this signature was made with the key {} of {}, not of {person}",
                verified.fingerprint,
                holder.as_deref().unwrap_or("nobody in the charter")
            );
        }
    }
    let actor = Actor::secretariat(plenary::recorder::recorder(args.by));
    let clock = plenary::clock::from_env().map_err(anyhow::Error::msg)?;
    let (records, _) = approval.record(&actor, clock.now(), &Step::Sign { armored })?;
    for record in &records {
        println!("#{} {}", record.seq, record.event.describe());
    }
    println!(
        "  check it: ssh-keygen -Y verify -f {} -I PRINCIPAL -n {NAMESPACE} -s SIGFILE < {}",
        root.join("records")
            .join(format!("{meeting_id}.allowed_signers"))
            .display(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `ssh-keygen -Y sign -n plenary -f KEY` over `statement` on stdin: the
/// armored signature it prints.
fn ssh_keygen_sign(key: &std::path::Path, statement: &str) -> anyhow::Result<String> {
    let mut child = std::process::Command::new("ssh-keygen")
        .args(["-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run ssh-keygen (OpenSSH 8.1 or later signs with -Y sign)")?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(statement.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "ssh-keygen -Y sign failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    String::from_utf8(out.stdout).context("ssh-keygen printed something other than a signature")
}
