//! What a key press asks for; only `App::update` turns it into change.

/// One user intention, independent of the key that expressed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave plenary.
    Quit,
    /// Show or hide the keys of the current screen.
    ToggleHelp,
    /// Close whatever overlay is open.
    Close,
    /// Focus the next panel.
    NextPanel,
    /// Focus the previous panel.
    PreviousPanel,
    /// Select the previous row.
    Up,
    /// Select the next row.
    Down,
    /// Move the selection up by a page.
    PageUp,
    /// Move the selection down by a page.
    PageDown,
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Show everything about the selected row.
    Details,
    /// Go to the alliance dashboard.
    ShowDashboard,
    /// Go to the scheduler.
    ShowScheduler,
    /// Move the slot one step earlier.
    Earlier,
    /// Move the slot one step later.
    Later,
    /// Move the slot a day earlier.
    DayEarlier,
    /// Move the slot a day later.
    DayLater,
    /// Jump to the next-best ranked candidate.
    NextCandidate,
    /// Jump back to the previous ranked candidate.
    PreviousCandidate,
    /// Schedule the next meeting.
    NextMeeting,
    /// Schedule the previous meeting.
    PreviousMeeting,
    /// Ask to make the slot the meeting's start.
    Choose,
    /// Say yes to the question asked.
    Confirm,
}
