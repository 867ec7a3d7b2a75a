//! An approval record replayed: the drafts circulated, the objections and
//! their rulings, the corrections, the approval and the signatures. The
//! replay checks only that each line fits the lines before it; what may
//! be recorded when, and by whom, is [`super::rules`]'.

use chrono::{DateTime, NaiveDate, Utc};

use crate::charter::DelegateRole;
use crate::meeting::{ApprovalEvent, Event, Record, StoredFile};

/// The meeting journal the approval is about, as its first line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The `seq` of the journal's last line.
    pub seq: u64,
    /// That line's SHA-256.
    pub sha256: String,
    /// Its line in the approval record.
    pub line: u64,
}

/// A circulated draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// 1, 2, …
    pub number: u32,
    /// The stored Markdown.
    pub markdown: StoredFile,
    /// The stored JSON.
    pub json: StoredFile,
    /// The day it went out, in the alliance's zone.
    pub date: NaiveDate,
    /// That zone's name.
    pub timezone: String,
    /// The veto window's length in days (none: approval by vote only).
    pub veto_days: Option<u32>,
    /// The first instant after the window.
    pub window_ends: Option<DateTime<Utc>>,
    /// Its line in the approval record.
    pub line: u64,
}

/// An objection and the ruling on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objection {
    /// 1, 2, … in the order recorded.
    pub number: u32,
    /// The draft objected to.
    pub draft: u32,
    /// The agenda item, or `general`.
    pub item: String,
    /// The member objecting.
    pub member: String,
    /// Why.
    pub reason: String,
    /// Who recorded it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The ruling, once made.
    pub ruling: Option<Ruling>,
}

/// A ruling on an objection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruling {
    /// Upheld, or dismissed.
    pub upheld: bool,
    /// Why.
    pub reason: String,
    /// Who ruled.
    pub by: String,
}

/// A correction, for the next draft's annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// What is corrected.
    pub text: String,
    /// How many drafts had been circulated when it was recorded.
    pub after_draft: u32,
}

/// The approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    /// The day, in the alliance's zone.
    pub date: NaiveDate,
    /// The `meeting/item` whose vote approved the minutes, if a vote did.
    pub vote: Option<String>,
    /// The approved Markdown.
    pub markdown: StoredFile,
    /// The approved JSON.
    pub json: StoredFile,
    /// The statement signers sign.
    pub statement: StoredFile,
    /// Its line in the approval record.
    pub line: u64,
}

/// A signature as the approval record pins it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The signer.
    pub person: String,
    /// Their member.
    pub member: String,
    /// Their role when they signed.
    pub role: DelegateRole,
    /// Their public key, OpenSSH text.
    pub public_key: String,
    /// Its SHA-256 fingerprint.
    pub fingerprint: String,
    /// The armored signature file.
    pub signature: StoredFile,
    /// When it was added.
    pub at: DateTime<Utc>,
    /// Its line in the approval record.
    pub line: u64,
}

/// Where a meeting's approval stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalState {
    /// The meeting journal it is about (none before the first step).
    pub anchor: Option<Anchor>,
    /// Every draft circulated, in order.
    pub drafts: Vec<Draft>,
    /// Every objection, in order.
    pub objections: Vec<Objection>,
    /// Every correction, in order.
    pub corrections: Vec<Correction>,
    /// The approval, once given.
    pub approved: Option<Approved>,
    /// Every signature, in order.
    pub signatures: Vec<Signature>,
}

impl ApprovalState {
    /// The state after `records`, or the line that does not fit and why.
    pub fn replay(records: &[Record]) -> Result<Self, (u64, String)> {
        let mut state = Self::default();
        for record in records {
            state.apply(record).map_err(|m| (record.seq, m))?;
        }
        Ok(state)
    }

    /// The last circulated draft.
    pub fn last_draft(&self) -> Option<&Draft> {
        self.drafts.last()
    }

    /// The objections to the last circulated draft.
    pub fn current_objections(&self) -> impl Iterator<Item = &Objection> {
        let draft = self.drafts.len();
        self.objections
            .iter()
            .filter(move |o| usize::try_from(o.draft).is_ok_and(|d| d == draft))
    }

    /// The first objection not yet ruled on.
    pub fn unruled(&self) -> Option<&Objection> {
        self.objections.iter().find(|o| o.ruling.is_none())
    }

    /// The first objection to the last draft that was upheld.
    pub fn upheld(&self) -> Option<&Objection> {
        self.current_objections()
            .find(|o| o.ruling.as_ref().is_some_and(|r| r.upheld))
    }

    fn apply(&mut self, record: &Record) -> Result<(), String> {
        let Event::Approval(step) = &record.event else {
            return Err(format!(
                "`{}` is not an approval step",
                record.event.describe()
            ));
        };
        let first = record.seq == 1;
        if first != matches!(**step, ApprovalEvent::Anchor { .. }) {
            return Err("an approval record begins with its anchor, and has only one".to_owned());
        }
        match &**step {
            ApprovalEvent::Anchor {
                journal_seq,
                journal_sha256,
                ..
            } => {
                self.anchor = Some(Anchor {
                    seq: *journal_seq,
                    sha256: journal_sha256.clone(),
                    line: record.seq,
                });
            }
            _ if self.approved.is_some() && !matches!(**step, ApprovalEvent::Signed { .. }) => {
                return Err("the minutes are approved: only signatures follow".to_owned());
            }
            ApprovalEvent::Circulated {
                draft,
                markdown,
                json,
                date,
                timezone,
                veto_days,
                window_ends,
            } => {
                if usize::try_from(*draft).ok() != Some(self.drafts.len() + 1) {
                    return Err(format!("draft {draft} follows draft {}", self.drafts.len()));
                }
                self.drafts.push(Draft {
                    number: *draft,
                    markdown: markdown.clone(),
                    json: json.clone(),
                    date: *date,
                    timezone: timezone.clone(),
                    veto_days: *veto_days,
                    window_ends: *window_ends,
                    line: record.seq,
                });
            }
            ApprovalEvent::Objection {
                item,
                member,
                reason,
            } => {
                let draft = u32::try_from(self.drafts.len()).unwrap_or(u32::MAX);
                if draft == 0 {
                    return Err("an objection before any draft was circulated".to_owned());
                }
                self.objections.push(Objection {
                    number: u32::try_from(self.objections.len() + 1).unwrap_or(u32::MAX),
                    draft,
                    item: item.clone(),
                    member: member.clone(),
                    reason: reason.clone(),
                    by: record.by.clone(),
                    at: record.at,
                    ruling: None,
                });
            }
            ApprovalEvent::Ruling {
                objection,
                upheld,
                reason,
            } => {
                let target = usize::try_from(*objection)
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| self.objections.get_mut(i))
                    .ok_or_else(|| format!("there is no objection {objection}"))?;
                if target.ruling.is_some() {
                    return Err(format!("objection {objection} was already ruled on"));
                }
                target.ruling = Some(Ruling {
                    upheld: *upheld,
                    reason: reason.clone(),
                    by: record.by.clone(),
                });
            }
            ApprovalEvent::Correction { text } => self.corrections.push(Correction {
                text: text.clone(),
                after_draft: u32::try_from(self.drafts.len()).unwrap_or(u32::MAX),
            }),
            ApprovalEvent::Approved {
                date,
                vote,
                markdown,
                json,
                statement,
            } => {
                if self.drafts.is_empty() {
                    return Err("approved before any draft was circulated".to_owned());
                }
                self.approved = Some(Approved {
                    date: *date,
                    vote: vote.clone(),
                    markdown: markdown.clone(),
                    json: json.clone(),
                    statement: statement.clone(),
                    line: record.seq,
                });
            }
            ApprovalEvent::Signed {
                person,
                member,
                role,
                public_key,
                fingerprint,
                signature,
            } => {
                if self.approved.is_none() {
                    return Err("a signature before the minutes were approved".to_owned());
                }
                self.signatures.push(Signature {
                    person: person.clone(),
                    member: member.clone(),
                    role: *role,
                    public_key: public_key.clone(),
                    fingerprint: fingerprint.clone(),
                    signature: signature.clone(),
                    at: record.at,
                    line: record.seq,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::GENESIS;

    fn file(name: &str) -> StoredFile {
        StoredFile {
            file: name.into(),
            sha256: "0".repeat(64),
        }
    }

    fn records(steps: Vec<ApprovalEvent>) -> Vec<Record> {
        steps
            .into_iter()
            .enumerate()
            .map(|(i, step)| Record {
                seq: i as u64 + 1,
                at: "2027-03-15T09:00:00Z".parse().unwrap(),
                by: "s".into(),
                prev: GENESIS.into(),
                event: Event::Approval(Box::new(step)),
            })
            .collect()
    }

    fn anchor() -> ApprovalEvent {
        ApprovalEvent::Anchor {
            meeting: "m".into(),
            journal_seq: 3,
            journal_sha256: "a".repeat(64),
        }
    }

    fn circulated(draft: u32) -> ApprovalEvent {
        ApprovalEvent::Circulated {
            draft,
            markdown: file("m.md"),
            json: file("m.json"),
            date: "2027-03-15".parse().unwrap(),
            timezone: "Europe/Brussels".into(),
            veto_days: Some(10),
            window_ends: None,
        }
    }

    fn ruling(objection: u32) -> ApprovalEvent {
        ApprovalEvent::Ruling {
            objection,
            upheld: true,
            reason: "r".into(),
        }
    }

    fn objection() -> ApprovalEvent {
        ApprovalEvent::Objection {
            item: "general".into(),
            member: "uct".into(),
            reason: "r".into(),
        }
    }

    /// Lines that do not fit the lines before them: the line and why.
    #[test]
    fn an_edited_record_is_refused_at_the_line_that_does_not_fit() {
        let cases: Vec<(Vec<ApprovalEvent>, u64, &str)> = vec![
            (vec![circulated(1)], 1, "begins with its anchor"),
            (vec![anchor(), anchor()], 2, "only one"),
            (vec![anchor(), circulated(2)], 2, "draft 2 follows draft 0"),
            (vec![anchor(), objection()], 2, "before any draft"),
            (
                vec![anchor(), circulated(1), ruling(1)],
                3,
                "no objection 1",
            ),
            (
                vec![anchor(), circulated(1), objection(), ruling(1), ruling(1)],
                5,
                "already ruled",
            ),
        ];
        for (steps, line, message) in cases {
            let (seq, why) = ApprovalState::replay(&records(steps)).unwrap_err();
            assert_eq!(seq, line, "{why}");
            assert!(why.contains(message), "{why}");
        }
        let state = ApprovalState::replay(&records(vec![
            anchor(),
            circulated(1),
            objection(),
            ruling(1),
        ]))
        .unwrap();
        assert_eq!(state.upheld().map(|o| o.number), Some(1));
        assert!(state.unruled().is_none());
    }
}
