//! A journal's records as the hub holds them: in shared runs, so that the
//! snapshot after an append shares every record before it with the one it
//! replaces instead of copying them (a long meeting has tens of thousands,
//! and every session holds a snapshot).

use std::sync::Arc;

use crate::meeting::Record;

/// Every committed record of a journal, in order. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Runs of records, oldest first; each run is at least twice as long
    /// as the next, so there are at most about log2(n) of them.
    runs: Vec<Arc<[Record]>>,
    len: usize,
}

impl Records {
    /// The records read from a journal.
    pub fn new(records: Vec<Record>) -> Self {
        let len = records.len();
        let runs = if records.is_empty() {
            Vec::new()
        } else {
            vec![Arc::from(records)]
        };
        Self { runs, len }
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The record at `index` (0 for the first line).
    pub fn get(&self, index: usize) -> Option<&Record> {
        let mut rest = index;
        for run in &self.runs {
            match run.get(rest) {
                Some(record) => return Some(record),
                None => rest -= run.len(),
            }
        }
        None
    }

    /// The last record.
    pub fn last(&self) -> Option<&Record> {
        self.runs.last().and_then(|run| run.last())
    }

    /// Every record, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Record> {
        self.runs.iter().flat_map(|run| run.iter())
    }

    /// These records followed by `more`. Runs that the new one catches up
    /// with are joined, so that copying stays in proportion to what is
    /// appended (each record is copied about log2(n) times over its life).
    pub fn with(&self, more: &[Record]) -> Self {
        if more.is_empty() {
            return self.clone();
        }
        let mut runs = self.runs.clone();
        let mut last: Vec<Record> = more.to_vec();
        while let Some(before) = runs.last() {
            if before.len() >= 2 * last.len() {
                break;
            }
            let mut joined = Vec::with_capacity(before.len() + last.len());
            joined.extend(before.iter().cloned());
            joined.append(&mut last);
            last = joined;
            runs.pop();
        }
        runs.push(Arc::from(last));
        Self {
            runs,
            len: self.len + more.len(),
        }
    }
}

impl<'a> IntoIterator for &'a Records {
    type Item = &'a Record;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = &'a Record> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl PartialEq<Vec<Record>> for Records {
    fn eq(&self, other: &Vec<Record>) -> bool {
        self.len == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::meeting::{Event, GENESIS};

    fn record(seq: u64) -> Record {
        Record {
            seq,
            at: chrono::DateTime::UNIX_EPOCH,
            by: "s".into(),
            prev: GENESIS.into(),
            event: Event::MeetingClosed,
        }
    }

    proptest! {
        /// However they were appended, the records read as one list, and
        /// the runs stay few.
        #[test]
        fn appended_runs_read_as_one_list(batches in prop::collection::vec(0usize..40, 0..60)) {
            let mut all = Vec::new();
            let mut records = Records::new(Vec::new());
            for size in batches {
                let more: Vec<Record> = (0..size).map(|i| record((all.len() + i + 1) as u64)).collect();
                records = records.with(&more);
                all.extend(more);
                prop_assert_eq!(records.len(), all.len());
                prop_assert!(records == all);
                prop_assert!(records.iter().rev().eq(all.iter().rev()));
                prop_assert_eq!(records.last(), all.last());
                for i in [0, all.len() / 2, all.len().saturating_sub(1), all.len()] {
                    prop_assert_eq!(records.get(i), all.get(i));
                }
                let bound = usize::BITS - all.len().leading_zeros() + 1;
                prop_assert!(records.runs.len() as u32 <= bound, "{} runs for {}", records.runs.len(), all.len());
            }
        }
    }
}
