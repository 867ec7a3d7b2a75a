//! `plenary serve` as a process, started on a free port and stopped with
//! SIGTERM; every wait is bounded.
#![allow(dead_code)]

use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const WAIT: Duration = Duration::from_secs(20);

/// A running `plenary serve` and what it printed.
pub struct Serving {
    /// The process.
    pub child: Child,
    /// The port it listens on.
    pub port: u16,
    /// The host key fingerprint it printed.
    pub fingerprint: String,
}

pub fn start(root: &Path) -> Serving {
    start_on(root, "127.0.0.1:0")
}

/// `plenary serve` on `listen`, once it has printed its address.
pub fn start_on(root: &Path, listen: &str) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("serve")
        .arg(root)
        .args(["--listen", listen])
        .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("plenary serve starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            // Keep reading after the test stops listening: a closed pipe
            // would make the server's last words fail.
            let _ = tx.send(line);
        }
    });
    let (mut port, mut fingerprint) = (None, None);
    while port.is_none() || fingerprint.is_none() {
        let line = rx
            .recv_timeout(WAIT)
            .expect("plenary serve prints its address");
        if let Some(addr) = line.strip_prefix("listening on ") {
            port = addr.rsplit(':').next().and_then(|p| p.parse().ok());
        }
        if let Some(fp) = line.strip_prefix("host key ") {
            fingerprint = Some(fp.to_owned());
        }
    }
    Serving {
        child,
        port: port.unwrap(),
        fingerprint: fingerprint.unwrap(),
    }
}

impl Serving {
    /// SIGTERM, then the exit status within the bound.
    pub fn stop(mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = std::time::Instant::now() + WAIT;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("plenary serve did not stop on SIGTERM");
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
