//! End-to-end: the real binary in a real terminal (tmux), driven by keys.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server of our own, so tests never touch a user's sessions.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, command: &str) -> Self {
        let tmux = Self {
            socket: format!("plenary-test-{}-{name}", std::process::id()),
        };
        let status = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                "-s",
                "main",
                command,
            ])
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success(), "tmux could not start");
        tmux
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c
    }

    fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "main"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &str) {
        self.cmd(&["send-keys", "-t", "main", keys])
            .status()
            .expect("send-keys");
    }

    /// Waits until the screen contains `text`; the deadline only bounds a
    /// hung run, it is not a speed requirement.
    fn wait_for(&self, text: &str) -> String {
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

fn plenary_command(args: &str) -> String {
    format!(
        "env PLENARY_NOW=2027-03-10T14:00:00Z {} {args}; echo EXIT=$?; sleep 60",
        env!("CARGO_BIN_EXE_plenary")
    )
}

#[test]
fn dashboard_help_and_quit_in_a_real_terminal() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/agendas/gcra");
    let tmux = Tmux::start("dashboard", &plenary_command(example));
    let screen = tmux.wait_for("Global Climate Research Alliance");
    // UNSW Sydney at 14:00 UTC in March is 01:00 the next day (UTC+11).
    let sydney = screen
        .lines()
        .find(|l| l.contains("UNSW Sydney"))
        .unwrap_or_else(|| panic!("no Sydney row:\n{screen}"));
    assert!(
        sydney.contains("Thu 01:00") && sydney.contains("+11:00"),
        "{sydney}"
    );
    let kolkata = screen
        .lines()
        .find(|l| l.contains("Asia/Kolkata"))
        .expect("Kolkata row");
    assert!(
        kolkata.contains("Wed 19:30") && kolkata.contains("+05:30"),
        "{kolkata}"
    );

    tmux.keys("?");
    let help = tmux.wait_for("Keys");
    assert!(help.contains("details of the selected row"), "{help}");

    tmux.keys("q");
    let after = tmux.wait_for("EXIT=");
    assert!(after.contains("EXIT=0"), "{after}");
    // The alternate screen is gone: the dashboard is no longer visible.
    assert!(
        !after.contains("Members (14)"),
        "terminal not restored:\n{after}"
    );
}

#[test]
fn a_broken_workspace_prints_errors_instead_of_opening() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("charter.toml"),
        "[alliance]\nid = \"x\"\nname = \"X\"\ntimezone = \"Europe/Zurik\"\n",
    )
    .expect("write charter");
    let tmux = Tmux::start(
        "broken",
        &plenary_command(&dir.path().display().to_string()),
    );
    let screen = tmux.wait_for("EXIT=");
    assert!(
        screen.contains(
            "charter.toml:4:12: unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?"
        ),
        "{screen}"
    );
    assert!(screen.contains("EXIT=1"), "{screen}");
}
