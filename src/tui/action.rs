//! What a key press asks for; only `App::update` turns it into change.

/// One user intention, independent of the key that expressed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave plenary.
    Quit,
    /// Show or hide the keys of the current screen.
    ToggleHelp,
    /// Switch between the colour and the monochrome theme (colours lost
    /// or garbled over a remote terminal).
    ToggleTheme,
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
    /// Go to the meeting room.
    ShowMeeting,
    /// Mark the selected member present in person.
    MarkPresent,
    /// Mark the selected member absent.
    MarkAbsent,
    /// Record the selected member's apologies.
    Apologies,
    /// Withdraw the motion of the open item (asks for a reason).
    Withdraw,
    /// Reopen the selected closed agenda item (asks for a reason).
    ReopenItem,
    /// Void the selected member's vote, ballot or recusal on the open item
    /// (asks for a reason).
    Void,
    /// Start giving the selected member's proxy to another member.
    GiveProxy,
    /// Open the selected agenda item.
    OpenItem,
    /// Ask to close the open item, fixing its outcome.
    CloseItem,
    /// Ask to close the whole meeting.
    CloseMeeting,
    /// Record the selected member's vote: yes.
    VoteYes,
    /// Record the selected member's vote: no.
    VoteNo,
    /// Record the selected member's vote: abstain.
    VoteAbstain,
    /// Record the selected member's recusal on the open item.
    Recuse,
    /// Type the motion of the open item.
    EditMotion,
    /// Type a note for the minutes.
    AddNote,
    /// Type a written procedure's new deadline and why.
    ExtendDeadline,
    /// Fill in the selected member's ballot on the open ranking item.
    EditBallot,
    /// Accept what is being entered (a proxy holder, a text, a ballot).
    Submit,
    /// Type an objection to the circulated draft minutes.
    ObjectMinutes,
    /// Paste a signature over the approved minutes' statement.
    SignMinutes,
    /// Abandon what is being entered.
    Cancel,
    /// Move the selected ballot option one place up.
    MoveOptionUp,
    /// Move the selected ballot option one place down.
    MoveOptionDown,
    /// Approve or un-approve the selected ballot option.
    ToggleApproval,
    /// Leave the selected option out of a ranking (a partial ranking, as
    /// ballot files allow), or put it back in.
    LeaveOut,
    /// Give the selected ballot option this score (the digit pressed).
    SetScore(u8),
    /// Raise the selected option's score by one.
    ScoreUp,
    /// Lower the selected option's score by one.
    ScoreDown,
    /// Insert this character into the text being typed.
    Type(char),
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Move the text cursor left.
    CursorLeft,
    /// Move the text cursor right.
    CursorRight,
    /// Move the text cursor to the start.
    CursorStart,
    /// Move the text cursor to the end.
    CursorEnd,
    /// Go to the action items.
    ShowActions,
    /// Go to the minutes preview.
    ShowMinutes,
    /// Show the next status: open, done, dropped, all.
    CycleStatus,
    /// Show the next owner's items (or every owner's).
    CycleOwner,
    /// Show only overdue items, or every item again.
    ToggleOverdue,
    /// Sort by the next key: due, owner, status, meeting.
    CycleSort,
    /// Mark the selected action item done.
    MarkDone,
    /// Drop the selected action item.
    DropAction,
    /// Open the selected action item again.
    Reopen,
    /// Type a new due date for the selected action item.
    ChangeDue,
    /// Pick a new owner (and delegate) for the selected action item.
    Reassign,
    /// Fill in a new action item, agreed in the meeting.
    NewAction,
    /// Show the meeting's action items (and those carried over) instead of the item.
    ToggleActionList,
    /// Write the minutes as Markdown.
    ExportMarkdown,
    /// Write the minutes as HTML.
    ExportHtml,
    /// Write the minutes as JSON.
    ExportJson,
    /// Scroll the view left.
    ScrollLeft,
    /// Scroll the view right.
    ScrollRight,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A second has passed: pick up what other sessions recorded.
    Tick,
}
