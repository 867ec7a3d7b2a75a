//! The ballot editor of a ranking item: the options in the member's order,
//! with approvals or scores when the method reads those.

use std::collections::BTreeMap;

use crate::agenda::Ranking;
use crate::meeting::Event;
use crate::tui::action::Action;
use crate::vote::ranked::{BallotKind, MAX_SCORE, Marks};

/// The highest score, as the editor keeps scores.
const TOP: u8 = 10;
const _: () = assert!(TOP as i64 == MAX_SCORE);

/// One member's ballot being filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotEditor {
    item: String,
    member: String,
    kind: BallotKind,
    /// Options in the order shown: the ranking, best first.
    options: Vec<String>,
    /// Per shown option: 1/0 ranked or left out (ranked options come
    /// first), 1/0 approval, or the score.
    marks: Vec<u8>,
    cursor: usize,
    change: bool,
}

impl BallotEditor {
    /// An editor for `member` on `item`, starting from its earlier ballot
    /// if it cast one (the new one then replaces it).
    pub fn new(item: String, member: String, ranking: &Ranking, earlier: Option<&Marks>) -> Self {
        let mut options = ranking.options.clone();
        let kind = ranking.method.ballot_kind();
        // A new ranking starts with every option ranked, in agenda order.
        let mut marks = vec![u8::from(kind == BallotKind::Ranking); options.len()];
        match earlier {
            Some(Marks::Ranking(order)) => {
                options.sort_by_key(|o| order.iter().position(|r| r == o).unwrap_or(usize::MAX));
                for (o, m) in options.iter().zip(&mut marks) {
                    *m = u8::from(order.contains(o));
                }
            }
            Some(Marks::Approve(approved)) => {
                for (o, m) in options.iter().zip(&mut marks) {
                    *m = u8::from(approved.contains(o));
                }
            }
            Some(Marks::Scores(scores)) => {
                for (o, m) in options.iter().zip(&mut marks) {
                    let score = scores.get(o).copied().unwrap_or(0).clamp(0, MAX_SCORE);
                    *m = u8::try_from(score).unwrap_or(0);
                }
            }
            None => {}
        }
        Self {
            item,
            member,
            kind,
            options,
            marks,
            cursor: 0,
            change: earlier.is_some(),
        }
    }

    /// The item voted on.
    pub fn item(&self) -> &str {
        &self.item
    }

    /// The member whose ballot this is.
    pub fn member(&self) -> &str {
        &self.member
    }

    /// What the method reads: a ranking, approvals or scores.
    pub fn kind(&self) -> BallotKind {
        self.kind
    }

    /// The options in the order shown, each with its mark.
    pub fn rows(&self) -> impl Iterator<Item = (&str, u8)> {
        self.options
            .iter()
            .map(String::as_str)
            .zip(self.marks.iter().copied())
    }

    /// The selected row.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Applies an editing action; others are ignored.
    pub fn update(&mut self, action: Action) {
        let last = self.options.len().saturating_sub(1);
        let at = self.cursor.min(last);
        let ranking = self.kind == BallotKind::Ranking;
        let scores = self.kind == BallotKind::Scores;
        match action {
            Action::Up => self.cursor = at.saturating_sub(1),
            Action::Down => self.cursor = (at + 1).min(last),
            // Within the ranked options, or within those left out.
            Action::MoveOptionUp if ranking && at > 0 && self.marks[at - 1] == self.marks[at] => {
                self.options.swap(at, at - 1);
                self.cursor = at - 1;
            }
            Action::MoveOptionDown
                if ranking && at < last && self.marks[at + 1] == self.marks[at] =>
            {
                self.options.swap(at, at + 1);
                self.cursor = at + 1;
            }
            Action::LeaveOut if ranking => self.leave_out(at),
            Action::ToggleApproval if self.kind == BallotKind::Approve => {
                if let Some(m) = self.marks.get_mut(at) {
                    *m = u8::from(*m == 0);
                }
            }
            Action::SetScore(n) if scores => self.set_score(at, |_| n),
            Action::ScoreUp if scores => self.set_score(at, |s| s.saturating_add(1)),
            Action::ScoreDown if scores => self.set_score(at, |s| s.saturating_sub(1)),
            _ => {}
        }
    }

    /// Leaves option `at` out of the ranking (it goes just below the
    /// ranked ones, and the selection stays put, on the next option, so
    /// that `Space` pressed again leaves that one out too) or ranks it
    /// again (last of the ranked ones, the selection following it).
    fn leave_out(&mut self, at: usize) {
        let Some(&mark) = self.marks.get(at) else {
            return;
        };
        let option = self.options.remove(at);
        self.marks.remove(at);
        let ranked = self.marks.iter().filter(|&&m| m > 0).count();
        self.options.insert(ranked, option);
        self.marks.insert(ranked, u8::from(mark == 0));
        if mark == 0 {
            self.cursor = ranked;
        }
    }

    fn set_score(&mut self, at: usize, to: impl FnOnce(u8) -> u8) {
        if let Some(m) = self.marks.get_mut(at) {
            *m = to(*m).min(TOP);
        }
    }

    /// The ballot as a journal event.
    pub fn event(&self) -> Event {
        let marked = || {
            self.rows()
                .filter(|(_, m)| *m > 0)
                .map(|(o, _)| o.to_owned())
                .collect()
        };
        let marks = match self.kind {
            BallotKind::Ranking => Marks::Ranking(marked()),
            BallotKind::Approve => Marks::Approve(marked()),
            BallotKind::Scores => Marks::Scores(
                self.rows()
                    .map(|(o, m)| (o.to_owned(), i64::from(m)))
                    .collect::<BTreeMap<_, _>>(),
            ),
        };
        Event::Ballot {
            item: self.item.clone(),
            member: self.member.clone(),
            marks,
            change: self.change,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::ranked::Method;

    fn ranking(method: Method) -> Ranking {
        Ranking {
            method,
            options: vec!["a".into(), "b".into(), "c".into()],
            seats: 1,
        }
    }

    fn marks(editor: &BallotEditor) -> Marks {
        match editor.event() {
            Event::Ballot { marks, .. } => marks,
            other => panic!("not a ballot: {other:?}"),
        }
    }

    #[test]
    fn a_ranking_is_reordered_with_keys() {
        let mut e = BallotEditor::new("p".into(), "uct".into(), &ranking(Method::Schulze), None);
        e.update(Action::Down);
        e.update(Action::Down);
        e.update(Action::MoveOptionUp);
        e.update(Action::MoveOptionUp);
        e.update(Action::MoveOptionUp);
        assert_eq!(
            marks(&e),
            Marks::Ranking(vec!["c".into(), "a".into(), "b".into()])
        );
        let again = BallotEditor::new(
            "p".into(),
            "uct".into(),
            &ranking(Method::Schulze),
            Some(&marks(&e)),
        );
        assert_eq!(marks(&again), marks(&e));
        assert!(matches!(again.event(), Event::Ballot { change: true, .. }));
    }

    #[test]
    fn a_ranking_may_leave_options_out() {
        let mut e = BallotEditor::new("p".into(), "uct".into(), &ranking(Method::Schulze), None);
        // a is left out: it goes below b and c, and stays below them.
        e.update(Action::LeaveOut);
        assert_eq!(e.cursor(), 0);
        e.update(Action::Down);
        e.update(Action::Down);
        e.update(Action::MoveOptionUp); // a cannot rise above the ranked ones
        assert_eq!(e.cursor(), 2);
        e.update(Action::Up);
        e.update(Action::MoveOptionUp);
        assert_eq!(marks(&e), Marks::Ranking(vec!["c".into(), "b".into()]));
        // An earlier partial ranking comes back as it was.
        let again = BallotEditor::new(
            "p".into(),
            "uct".into(),
            &ranking(Method::Schulze),
            Some(&marks(&e)),
        );
        assert_eq!(marks(&again), marks(&e));
        // Put back in, a ranks last.
        let mut back = again;
        back.update(Action::Down);
        back.update(Action::Down);
        back.update(Action::LeaveOut);
        assert_eq!(
            marks(&back),
            Marks::Ranking(vec!["c".into(), "b".into(), "a".into()])
        );
    }

    #[test]
    fn approvals_toggle_and_scores_stay_in_range() {
        let mut e = BallotEditor::new("p".into(), "uct".into(), &ranking(Method::Approval), None);
        e.update(Action::ToggleApproval);
        e.update(Action::Down);
        e.update(Action::ToggleApproval);
        e.update(Action::ToggleApproval);
        assert_eq!(marks(&e), Marks::Approve(vec!["a".into()]));
        let mut s = BallotEditor::new("p".into(), "uct".into(), &ranking(Method::Score), None);
        s.update(Action::SetScore(9));
        s.update(Action::ScoreUp);
        s.update(Action::ScoreUp);
        s.update(Action::Down);
        s.update(Action::ScoreDown);
        s.update(Action::SetScore(4));
        let expected = [("a", 10), ("b", 4), ("c", 0)]
            .map(|(o, n)| (o.to_owned(), n))
            .into();
        assert_eq!(marks(&s), Marks::Scores(expected));
    }
}
