//! What the interface can show: its screens, the windows drawn over them,
//! and the status line.

/// The screens that work, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Members, bodies and programmes.
    Dashboard,
    /// The world-clock grid for finding a meeting time.
    Scheduler,
    /// The meeting as it happens: roll call, motions, votes, rankings.
    Meeting,
    /// The action register: filter, sort, update.
    Actions,
    /// The minutes of a meeting, previewed and exported.
    Minutes,
}

impl Screen {
    /// Every screen, in tab order, with its name.
    pub const ALL: [(Self, &'static str); 5] = [
        (Self::Dashboard, "Dashboard"),
        (Self::Scheduler, "Scheduler"),
        (Self::Meeting, "Meeting"),
        (Self::Actions, "Actions"),
        (Self::Minutes, "Minutes"),
    ];
}

/// A window drawn over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing over the screen.
    None,
    /// The keys of the current screen.
    Help,
    /// Everything about the selected row.
    Details,
    /// "Make this slot the meeting's start?"
    ConfirmStart,
    /// "Close the open item, fixing its outcome?"
    ConfirmCloseItem,
    /// "Close the meeting?"
    ConfirmCloseMeeting,
    /// "The minutes file exists: replace it?"
    ConfirmReplace,
}

impl Overlay {
    /// Whether it asks a yes/no question.
    pub fn is_question(self) -> bool {
        matches!(
            self,
            Self::ConfirmStart
                | Self::ConfirmCloseItem
                | Self::ConfirmCloseMeeting
                | Self::ConfirmReplace
        )
    }
}

impl Overlay {
    /// Whether it asks before a recording that cannot be taken back
    /// (closing an item or the meeting). Only Enter answers yes; any other
    /// key keeps things as they are, so that no run of keys (typed ahead,
    /// or pasted into a terminal without bracketed paste) can close.
    pub fn is_destructive(self) -> bool {
        matches!(self, Self::ConfirmCloseItem | Self::ConfirmCloseMeeting)
    }
}

/// A one-line message about the last thing done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What to say.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}
