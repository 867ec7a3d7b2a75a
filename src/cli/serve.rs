//! `plenary serve [WORKSPACE] [--listen ADDR:PORT] [--meeting ID]`: the
//! meeting over SSH until SIGINT or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use plenary::ssh::{ServeOptions, Server};

/// Arguments of `plenary serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace folder (default: `.`).
    workspace: Option<PathBuf>,
    /// Address and port to listen on (`127.0.0.1:0` picks a free port).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    listen: SocketAddr,
    /// The meeting every session opens on (default: the first agenda).
    #[arg(long, value_name = "ID")]
    meeting: Option<String>,
    /// The most connections at once.
    #[arg(long, value_name = "N", default_value_t = 64)]
    max_sessions: usize,
}

/// Serves until a signal, then ends every session cleanly.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::workspace_arg::or_current(args.workspace);
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    if let Some(meeting) = &args.meeting {
        super::find_agenda(&ws, meeting)?;
    }
    let mut options = ServeOptions::new(root, args.listen);
    options.meeting = args.meeting;
    options.max_sessions = args.max_sessions.max(1);
    if let Ok(now) = std::env::var(plenary::clock::NOW_VARIABLE)
        && !now.is_empty()
    {
        options.now = Some(
            plenary::clock::from_env()
                .map_err(anyhow::Error::msg)?
                .now(),
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("the server could not start")?;
    runtime.block_on(serve(options))
}

async fn serve(options: ServeOptions) -> anyhow::Result<ExitCode> {
    let signals = Signals::listen();
    let server = match Server::start(options).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("plenary: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    // A closed stdout (a supervisor gone) must not stop the server.
    let say = |text: String| {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "{text}").and_then(|()| out.flush());
    };
    if server.host_key_made() {
        say("made a new host key (kept in .plenary/host_key, out of git)".to_owned());
    }
    if server.authorized_keys() == 0 {
        eprintln!(
            "plenary: warning: no delegate in charter.toml has an ssh_key, so nobody can log in yet"
        );
    }
    say(format!("host key {}", server.fingerprint()));
    say(format!("listening on {}", server.local_addr()));
    say(format!(
        "members connect with: ssh -p {} HOST",
        server.local_addr().port()
    ));
    signals.wait().await;
    say("shutting down: telling every session the record is safe".to_owned());
    server.shutdown().await;
    Ok(ExitCode::SUCCESS)
}

/// SIGINT and SIGTERM, listened for before the address is printed (so a
/// supervisor that stops the server at once still stops it cleanly).
struct Signals {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn listen() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Self {
                interrupt: signal(SignalKind::interrupt()).ok(),
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        Self {}
    }

    #[cfg(unix)]
    async fn wait(mut self) {
        async fn one(signal: &mut Option<tokio::signal::unix::Signal>) {
            match signal {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending().await,
            }
        }
        tokio::select! {
            _ = one(&mut self.interrupt) => {}
            _ = one(&mut self.terminate) => {}
        }
    }

    #[cfg(not(unix))]
    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
