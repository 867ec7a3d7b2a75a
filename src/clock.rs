//! "Now", injected: the real clock for people, a fixed one for tests and
//! reproducible demos.

use chrono::{DateTime, Utc};

/// Where the current instant comes from.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// The environment variable that stops the clock at an RFC 3339 instant,
/// for demos and end-to-end tests (`PLENARY_NOW=2027-03-10T14:00:00Z`).
pub const NOW_VARIABLE: &str = "PLENARY_NOW";

/// The clock the environment asks for: fixed when [`NOW_VARIABLE`] is set.
pub fn from_env() -> Result<Box<dyn Clock>, String> {
    match std::env::var(NOW_VARIABLE) {
        Ok(text) if !text.is_empty() => DateTime::parse_from_rfc3339(&text)
            .map(|t| Box::new(FixedClock(t.with_timezone(&Utc))) as Box<dyn Clock>)
            .map_err(|e| format!("{NOW_VARIABLE}=`{text}` is not an RFC 3339 instant: {e}")),
        _ => Ok(Box::new(SystemClock)),
    }
}
