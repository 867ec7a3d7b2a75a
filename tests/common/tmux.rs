//! A tmux server of the test's own (its own socket, so tests never touch a
//! user's sessions) running one command in a terminal of a fixed size.
//! `.ci/run` installs tmux.
#![allow(dead_code)]

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// One tmux server with one session, `main`; killed when dropped.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a `width` x `height` terminal; `name` keeps the
    /// sockets of one test run apart.
    pub fn start(name: &str, (width, height): (u16, u16), command: &str) -> Self {
        let tmux = Self {
            socket: format!("plenary-test-{}-{name}", std::process::id()),
        };
        let (width, height) = (width.to_string(), height.to_string());
        let status = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                &width,
                "-y",
                &height,
                "-s",
                "main",
                command,
            ])
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success(), "tmux could not start");
        tmux
    }

    /// A tmux command on this server.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c
    }

    /// What the terminal shows.
    pub fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "main"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types `keys` (tmux key names, or text).
    pub fn keys(&self, keys: &str) {
        self.cmd(&["send-keys", "-t", "main", keys])
            .status()
            .expect("send-keys");
    }

    /// Types each of `keys` in turn, a moment apart (as over a network).
    pub fn keys_apart(&self, keys: &[&str]) {
        for key in keys {
            self.keys(key);
            sleep(Duration::from_millis(60));
        }
    }

    /// Waits until the screen contains `text`; the deadline only bounds a
    /// hung run, it is not a speed requirement.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}
