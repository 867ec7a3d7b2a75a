//! Why a decision's input cannot be tallied.

/// An inconsistency in a [`Decision`](super::Decision), found before any
/// vote is counted so that the journal never records an impossible vote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// The body has no voting members at all.
    #[error("the body has no voting members")]
    NoVoters,
    /// The same member is listed twice among the voters.
    #[error("member `{0}` is listed twice among the voters")]
    DuplicateVoter(String),
    /// Attendance, recusal, vote or casting vote names a non-voting member.
    #[error("`{0}` is not a voting member of this body")]
    NotAVoter(String),
    /// A vote for a member who is neither attending nor represented.
    #[error("`{0}` is not present and holds no proxy representation, so cannot vote")]
    Absent(String),
    /// A vote for a member recused on this item.
    #[error("`{0}` is recused on this item and cannot vote")]
    Recused(String),
    /// A member named as its own proxy.
    #[error("`{0}` cannot hold its own proxy")]
    ProxyToSelf(String),
    /// The proxy holder does not attend in person.
    #[error("`{member}` gave its proxy to `{holder}`, who is not attending in person")]
    ProxyHolderAbsent {
        /// The represented member.
        member: String,
        /// The named holder.
        holder: String,
    },
    /// A member would hold more proxies than the body allows. `held`
    /// counts the proxy being refused, so the message says "would".
    #[error(
        "`{holder}` cannot hold one more proxy: that would make {held}, and this body allows at most {max}"
    )]
    TooManyProxies {
        /// The proxy holder.
        holder: String,
        /// How many proxies it would hold, the refused one included.
        held: u32,
        /// The body's `max_proxies`.
        max: u32,
    },
}
