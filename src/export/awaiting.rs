//! What awaits between meetings (`crate::pending`) as lines under the
//! action table of `plenary actions`: each procedure or minutes on a line
//! of its own, what it waits for on the next.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::pending::Awaiting;

/// `Between meetings:` and two lines for each of `awaiting`, the
/// deadlines in the alliance's zone and the viewer's; empty when nothing
/// awaits.
pub fn awaiting_lines(
    awaiting: &[Awaiting],
    now: DateTime<Utc>,
    alliance: Tz,
    viewer: Option<Tz>,
) -> String {
    if awaiting.is_empty() {
        return String::new();
    }
    let mut text = String::from("Between meetings:\n");
    for a in awaiting {
        text.push_str(&format!("  {} ({}) {}\n", a.meeting, a.body, a.title));
        text.push_str(&format!("    {}\n", a.describe(now, alliance, viewer)));
    }
    text
}
