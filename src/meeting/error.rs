//! Why the rules refuse an event.

/// Why an event may not be recorded now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The meeting has been closed.
    #[error("the meeting is closed: nothing more can be recorded")]
    MeetingClosed,
    /// The written procedure has been closed or withdrawn.
    #[error("the written procedure has ended (closed or withdrawn): nothing more can be recorded")]
    ProcedureEnded,
    /// The member is not in the charter or not in this body.
    #[error("`{member}` is not a member of {body}")]
    NotInBody {
        /// The member id given.
        member: String,
        /// The body's name.
        body: String,
    },
    /// Only full members vote.
    #[error("`{member}` is {status} and does not vote; only full members do")]
    NotVoting {
        /// The member id.
        member: String,
        /// Its status.
        status: &'static str,
    },
    /// The item is not on the agenda.
    #[error("there is no item `{item}` on the agenda (items: {known})")]
    UnknownItem {
        /// The item id given.
        item: String,
        /// The agenda's item ids.
        known: String,
    },
    /// The event needs another kind of item.
    #[error("item `{item}` is a {kind} item; {what} needs a {needed} item")]
    WrongKind {
        /// The item id.
        item: String,
        /// Its kind.
        kind: &'static str,
        /// What was attempted.
        what: &'static str,
        /// The kind needed.
        needed: &'static str,
    },
    /// The item must be open first.
    #[error("item `{0}` is not open")]
    NotOpen(String),
    /// Another item is open.
    #[error("item `{0}` is still open: close it first")]
    OtherItemOpen(String),
    /// The item was already closed.
    #[error("item `{0}` is closed")]
    ItemClosed(String),
    /// Votes need a motion.
    #[error("no motion has been put on `{0}` yet")]
    NoMotion(String),
    /// The motion is fixed once voting started.
    #[error("voting on `{0}` has started: the motion can no longer change")]
    VotingStarted(String),
    /// The member must be present (in person or by proxy).
    #[error("`{0}` is not present (mark it present or give its proxy first)")]
    NotPresent(String),
    /// The member is recused on this item.
    #[error("`{member}` is recused on `{item}`")]
    Recused {
        /// The member id.
        member: String,
        /// The item id.
        item: String,
    },
    /// A second vote needs to say it is a change.
    #[error("`{member}` has already voted on `{item}`; record it as a change to replace that vote")]
    AlreadyVoted {
        /// The member id.
        member: String,
        /// The item id.
        item: String,
    },
    /// A change needs an earlier vote.
    #[error("`{member}` has not voted on `{item}` yet, so there is nothing to change")]
    NothingToChange {
        /// The member id.
        member: String,
        /// The item id.
        item: String,
    },
    /// A proxy needs a present holder and respects `max_proxies`.
    #[error("{0}")]
    Proxy(String),
    /// The ballot does not fit the item.
    #[error("{0}")]
    Ballot(String),
    /// Notes and motions need words.
    #[error("the text is empty")]
    EmptyText,
    /// Recusal after voting would rewrite history.
    #[error("`{member}` has already voted on `{item}`; a recusal must come before its vote")]
    RecusalAfterVote {
        /// The member id.
        member: String,
        /// The item id.
        item: String,
    },
    /// Action items name a member of the alliance as owner.
    #[error("`{0}` is not a member of the alliance")]
    UnknownOwner(String),
    /// A named person must be one of the owner's delegates.
    #[error("`{delegate}` is not a delegate of `{owner}` (its delegates: {known})")]
    UnknownDelegate {
        /// The name given.
        delegate: String,
        /// The owner.
        owner: String,
        /// The owner's delegates.
        known: String,
    },
    /// Updates to action items go to the action register.
    #[error(
        "action items are updated in the action register (plenary action), not in a meeting's journal"
    )]
    UpdateInMeeting,
    /// Approval steps belong in the approval record.
    #[error(
        "minutes are approved in the meeting's approval record (plenary approval), not in its journal"
    )]
    ApprovalInMeeting,
    /// The meeting cannot close while an item is open.
    #[error("item `{0}` is still open: close it before closing the meeting")]
    CloseWithOpenItem(String),
    /// An event that would change nothing is not recorded.
    #[error("{0}: nothing recorded")]
    NoChange(String),
    /// The terms are recorded once, first.
    #[error("the meeting's terms are already recorded; a change the meeting agrees is an `amend`")]
    TermsAgain,
    /// Terms copied from another meeting's agenda.
    #[error("these terms are those of meeting `{0}`, not of this one")]
    TermsOfOtherMeeting(String),
    /// Corrections say why.
    #[error("give a reason: the minutes list every correction with it")]
    NoReason,
    /// Only a closed item can be reopened.
    #[error("item `{0}` is not closed, so there is nothing to reopen")]
    NotClosed(String),
    /// Only votes, ballots, recusals and notes on an item can be voided.
    #[error(
        "event #{0} is not a vote, ballot, recusal or note on an agenda item, so it cannot be voided (a motion is withdrawn, an item reopened)"
    )]
    NotVoidable(u64),
    /// A closed item's outcome is fixed: reopen it first.
    #[error("event #{target} belongs to `{item}`, which is closed: reopen the item first")]
    VoidOnClosedItem {
        /// The event.
        target: u64,
        /// Its item.
        item: String,
    },
    /// Amendments change frozen terms.
    #[error("the meeting's terms are not recorded yet, so there is nothing to amend")]
    NoTerms,
    /// A rule key the body does not have.
    #[error("the body has no rule `{rule}` (rules: {known})")]
    UnknownRule {
        /// The key given.
        rule: String,
        /// The body's rule keys.
        known: String,
    },
    /// Item ids are `[a-z0-9-]+`.
    #[error("`{0}` is not an item id: use lowercase letters, digits and hyphens")]
    BadItemId(String),
    /// Item ids are unique.
    #[error("there is already an item `{0}` on the agenda")]
    DuplicateItem(String),
    /// Ranking items need options from the charter.
    #[error(
        "a ranking item cannot be added during the meeting: its options and method belong in the agenda before the meeting starts"
    )]
    RankingByAmendment,
    /// The person may not record this (SPEC 8).
    #[error("{person} may not {what}")]
    NotAllowed {
        /// Who tried.
        person: String,
        /// What they may not do, and who may.
        what: String,
    },
    /// The item's outcome could not be computed, so it cannot close.
    #[error("the item's outcome cannot be computed: {0}")]
    NoOutcome(String),
    /// Only a written procedure's events are recorded in it, and only a
    /// meeting's in a meeting.
    #[error("{0}")]
    WrongProcedure(String),
    /// A written procedure's events are judged at the time they are
    /// recorded.
    #[error("a written procedure's events are judged at the time they are recorded")]
    Untimed,
    /// Replies and changes need an open procedure.
    #[error("the written procedure is not open yet: record `open-procedure` first")]
    ProcedureNotOpen,
    /// Past the deadline, the outcome is final.
    #[error("the deadline ({deadline}) has passed: {what}")]
    DeadlinePassed {
        /// The deadline, in UTC.
        deadline: String,
        /// What can no longer be done, and what can.
        what: String,
    },
    /// An extension moves the deadline later.
    #[error("the new deadline {to} is not later than the deadline in force, {from}")]
    DeadlineNotLater {
        /// The deadline in force, in UTC.
        from: String,
        /// The deadline asked for, in UTC.
        to: String,
    },
    /// The deadline of the frozen terms is the one a procedure opens with.
    #[error("the procedure opens with the deadline of its terms, {0}")]
    DeadlineNotTerms(String),
    /// A reply is final.
    #[error("`{member}` has already replied on `{item}`; a reply is final")]
    AlreadyReplied {
        /// The member id.
        member: String,
        /// The item id.
        item: String,
    },
    /// The reply does not fit the item.
    #[error("{0}")]
    Answer(String),
    /// Before the deadline, a procedure closes only when its outcome can
    /// no longer change.
    #[error("the outcome can still change before the deadline ({deadline}): {why}")]
    NotSettled {
        /// The deadline, in UTC.
        deadline: String,
        /// Which items a remaining reply could still change.
        why: String,
    },
}
