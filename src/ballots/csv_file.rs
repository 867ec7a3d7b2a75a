//! CSV ballot files: the ballots of a contest whose head (method, options,
//! seats) is a TOML file naming this one with `ballots_csv`. Streamed one
//! record at a time, so a million ballots never need the file's text in
//! memory: what is kept is the box's distinct rankings (and the names of
//! voters, when a `voter` column is there, to refuse a second ballot).
//!
//! The first record names the columns: `voter` and `weight` (both
//! optional), then for the ranked methods the ranks `1`, `2`, `3` … each
//! holding an option id (an empty cell ends the ranking), or for approval
//! and score one column per option id, holding `1`/`0` (approval) or a
//! score 0 to 10 (score); an empty cell is no mark.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::check::{BallotIn, Checker, Sink, Text};
use crate::files::{Diagnostic, SourceFile, regular};
use crate::vote::ranked::{BallotBox, BallotKind};

/// The largest CSV ballot file read: about 50 million ten-option rankings.
/// Memory does not grow with the file; this bounds the time a tally takes.
pub const MAX_CSV_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The longest record (a ballot) read: 200 options with long ids fit many
/// times over; a longer one is a file of something else.
const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Voter,
    Weight,
    /// Rank `k` (0-based) of a ranking.
    Rank(usize),
    /// Option `o`'s mark (approval or score); its id is the header cell.
    Option(usize),
}

/// Reads the CSV at `path`, checking each ballot with `checker` and
/// casting the sound ones into `into`; the problems found, or the one
/// reason the file cannot be read at all. Without a usable method nothing
/// is read: the head's problem is the one to fix first.
pub(super) fn read(
    path: &Path,
    checker: &mut Checker,
    mut into: Option<&mut BallotBox>,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let Some(kind) = checker.kind() else {
        return Ok(Vec::new());
    };
    let cannot = |e: std::io::Error| Diagnostic::whole_file(path, format!("cannot read file: {e}"));
    let file = regular::open_read(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    let too_large = |size: u64| {
        Diagnostic::whole_file(
            path,
            format!(
                "file is too large ({size} bytes); CSV ballot files are limited to {} GiB",
                MAX_CSV_BYTES >> 30
            ),
        )
    };
    if size > MAX_CSV_BYTES {
        return Err(too_large(size));
    }
    // The limit holds on what is read too, should the file grow meanwhile.
    let mut records = Records::new(BufReader::with_capacity(
        1 << 16,
        file.take(MAX_CSV_BYTES + 1),
    ));
    let mut out = Vec::new();
    let Some(header) = records.next_record().map_err(cannot)? else {
        return Err(Diagnostic::whole_file(
            path,
            "the CSV file is empty: its first row names the columns (see docs/tally.md)",
        ));
    };
    let Some(columns) = header_columns(path, &header, kind, checker, &mut out) else {
        return Ok(out);
    };
    let mut fields = Fields::new();
    while let Some(record) = records.next_record().map_err(cannot)? {
        if records.read > MAX_CSV_BYTES {
            return Err(too_large(records.read));
        }
        let mut sink = RecordSink {
            path,
            record: &record,
            out: &mut out,
        };
        let Some(text) = record.text(&mut sink) else {
            checker.skip();
            continue;
        };
        fields.split(text);
        if fields.len() != columns.names.len() {
            let at = text.trim_end_matches(['\r', '\n']).len();
            sink.error(
                at..at,
                format!(
                    "this row has {} fields, the header {}",
                    fields.len(),
                    columns.names.len()
                ),
            );
            checker.skip();
            continue;
        }
        match columns.ballot(&fields, text, &mut sink) {
            Some(ballot) => checker.ballot(&mut sink, &ballot, into.as_deref_mut()),
            None => checker.skip(),
        }
    }
    Ok(out)
}

/// The header, understood.
struct Columns {
    /// Each column's meaning, in file order.
    of: Vec<Column>,
    /// Each column's header cell (option ids, for approval and score).
    names: Vec<String>,
    kind: BallotKind,
}

/// Reads the header record into columns; `None` (reported) when it does
/// not fit the method.
fn header_columns(
    path: &Path,
    header: &Record,
    kind: BallotKind,
    checker: &Checker,
    out: &mut Vec<Diagnostic>,
) -> Option<Columns> {
    let mut sink = RecordSink {
        path,
        record: header,
        out,
    };
    let text = header.text(&mut sink)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let shift = header.raw.len() - text.len();
    let mut fields = Fields::new();
    fields.split(text);
    let mut of = Vec::new();
    let mut names = Vec::new();
    let mut ok = true;
    for i in 0..fields.len() {
        let (name, raw) = fields.get(i);
        let span = raw.start + shift..raw.end + shift;
        let column = match name {
            "voter" => Some(Column::Voter),
            "weight" => Some(Column::Weight),
            _ if kind == BallotKind::Ranking => match name.parse::<usize>() {
                Ok(k) if k >= 1 => Some(Column::Rank(k - 1)),
                _ => None,
            },
            _ => checker.position_of(name).map(Column::Option),
        };
        let Some(column) = column else {
            let expected = match kind {
                BallotKind::Ranking => "`voter`, `weight` or a rank `1`, `2` …",
                _ => "`voter`, `weight` or an option id",
            };
            let hint = match kind {
                BallotKind::Ranking => String::new(),
                _ => format!("; {}", checker.options_hint()),
            };
            sink.error(
                span,
                format!("unknown column `{name}`, expected {expected}{hint}"),
            );
            ok = false;
            continue;
        };
        if of.contains(&column) {
            sink.error(span, format!("column `{name}` appears twice"));
            ok = false;
            continue;
        }
        of.push(column);
        names.push(name.to_owned());
    }
    if kind == BallotKind::Ranking && ok {
        let ranks = of.iter().filter(|c| matches!(c, Column::Rank(_))).count();
        if let Some(missing) = (0..ranks).find(|k| !of.contains(&Column::Rank(*k))) {
            let at = text.trim_end_matches(['\r', '\n']).len() + shift;
            sink.error(
                at..at,
                format!(
                    "the rank columns must be 1 to {ranks}; rank {} is missing",
                    missing + 1
                ),
            );
            ok = false;
        }
    }
    ok.then_some(Columns { of, names, kind })
}

impl Columns {
    /// One record as a ballot; `None` (reported) when a cell cannot be read.
    fn ballot<'t>(
        &'t self,
        fields: &'t Fields,
        text: &str,
        sink: &mut dyn Sink,
    ) -> Option<BallotIn<'t>> {
        let end = text.trim_end_matches(['\r', '\n']).len();
        let mut ballot = BallotIn {
            span: 0..end,
            ..BallotIn::default()
        };
        let mut ranks: Vec<Option<Text<'t>>> = Vec::new();
        let mut marks = Vec::new();
        let mut scores = Vec::new();
        let mut ok = true;
        for (i, column) in self.of.iter().enumerate() {
            let (cell, span) = fields.get(i);
            match *column {
                Column::Voter if !cell.is_empty() => {
                    ballot.voter = Some(Spanned::new(span, Cow::Borrowed(cell)));
                }
                Column::Weight if !cell.is_empty() => match cell.parse::<i64>() {
                    Ok(n) => ballot.weight = Some(Spanned::new(span, n)),
                    Err(_) => {
                        sink.error(span, format!("a weight is a whole number, not `{cell}`"));
                        ok = false;
                    }
                },
                Column::Rank(k) => {
                    if ranks.len() <= k {
                        ranks.resize(k + 1, None);
                    }
                    ranks[k] = (!cell.is_empty()).then(|| Spanned::new(span, Cow::Borrowed(cell)));
                }
                Column::Option(_) if cell.is_empty() => {}
                Column::Option(_) => {
                    let id = Spanned::new(span.clone(), Cow::Borrowed(self.names[i].as_str()));
                    match (self.kind, cell) {
                        (BallotKind::Approve, "1") => marks.push(id),
                        (BallotKind::Approve, "0") => {}
                        (BallotKind::Approve, _) => {
                            sink.error(
                                span,
                                format!("an approval cell holds 1 (approved), 0 or nothing, not `{cell}`"),
                            );
                            ok = false;
                        }
                        (_, _) => match cell.parse::<i64>() {
                            Ok(n) => scores.push((id, Spanned::new(span, n))),
                            Err(_) => {
                                sink.error(
                                    span,
                                    format!("a score is a whole number from 0 to 10, not `{cell}`"),
                                );
                                ok = false;
                            }
                        },
                    }
                }
                Column::Voter | Column::Weight => {}
            }
        }
        let whole = 0..end;
        match self.kind {
            BallotKind::Ranking => {
                let mut ranking = Vec::with_capacity(ranks.len());
                let mut gap = None;
                for (k, cell) in ranks.into_iter().enumerate() {
                    match (cell, gap) {
                        (Some(cell), Some(empty)) => {
                            sink.error(
                                cell.span(),
                                format!("rank {} is filled in but rank {empty} is empty", k + 1),
                            );
                            ok = false;
                            break;
                        }
                        (Some(cell), None) => ranking.push(cell),
                        (None, None) => gap = Some(k + 1),
                        (None, Some(_)) => {}
                    }
                }
                ballot.ranking = Some(Spanned::new(whole, ranking));
            }
            BallotKind::Approve => ballot.approve = Some(Spanned::new(whole, marks)),
            BallotKind::Scores => ballot.scores = Some(Spanned::new(whole, scores)),
        }
        ok.then_some(ballot)
    }
}

/// One record's raw bytes (one line, or more when a quoted field holds a
/// line break) and the line it starts on.
struct Record {
    raw: Vec<u8>,
    line: usize,
}

impl Record {
    /// The record as text; `None` (reported) when it is not UTF-8.
    fn text(&self, sink: &mut RecordSink<'_>) -> Option<&str> {
        match std::str::from_utf8(&self.raw) {
            Ok(text) => Some(text),
            Err(e) => {
                let at = e.valid_up_to();
                let byte = self.raw.get(at).copied().unwrap_or(0);
                sink.error_lossy(
                    at,
                    format!("the file is not UTF-8 text (byte 0x{byte:02X})"),
                );
                None
            }
        }
    }
}

/// Splits the input into records without parsing their fields.
struct Records<R> {
    input: R,
    /// Lines read so far.
    lines: usize,
    /// Bytes read so far.
    read: u64,
}

impl<R: BufRead> Records<R> {
    fn new(input: R) -> Self {
        Self {
            input,
            lines: 0,
            read: 0,
        }
    }

    /// The next record that is not a blank line, or `None` at the end. A
    /// record ends at a line break outside quotes: with an even count of
    /// `"` so far (a quoted field and an escaped `""` each add two).
    fn next_record(&mut self) -> std::io::Result<Option<Record>> {
        loop {
            let mut raw = Vec::new();
            let line = self.lines + 1;
            loop {
                let before = raw.len();
                let n = self
                    .input
                    .by_ref()
                    .take((MAX_RECORD_BYTES + 1 - before.min(MAX_RECORD_BYTES)) as u64)
                    .read_until(b'\n', &mut raw)?;
                self.read += n as u64;
                if n == 0 {
                    break;
                }
                if raw.ends_with(b"\n") {
                    self.lines += 1;
                }
                if raw.len() > MAX_RECORD_BYTES {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "the record starting on line {line} is longer than {} KiB",
                            MAX_RECORD_BYTES >> 10
                        ),
                    ));
                }
                let quotes = raw.iter().filter(|&&b| b == b'"').count();
                if quotes % 2 == 0 || !raw.ends_with(b"\n") {
                    break;
                }
            }
            if raw.is_empty() {
                return Ok(None);
            }
            if raw.iter().all(|b| matches!(b, b'\r' | b'\n')) {
                continue;
            }
            // Every record ends with a line break, the last line's too, so
            // that the field splitter always sees the record's end.
            if !raw.ends_with(b"\n") {
                raw.push(b'\n');
            }
            return Ok(Some(Record { raw, line }));
        }
    }
}

/// The fields of one record: each one's decoded text (quotes removed) and
/// where it is in the record's raw text.
struct Fields {
    reader: csv_core::Reader,
    decoded: Vec<u8>,
    /// (raw span, decoded span) per field.
    spans: Vec<(Range<usize>, Range<usize>)>,
}

impl Fields {
    fn new() -> Self {
        Self {
            // Built, not `Default`: the default reader has no DFA yet.
            reader: csv_core::Reader::new(),
            decoded: Vec::new(),
            spans: Vec::new(),
        }
    }

    /// Splits one record, which ends with a line break (see `Records`).
    fn split(&mut self, text: &str) {
        let raw = text.as_bytes();
        self.reader.reset();
        self.spans.clear();
        // Unquoting only shortens a field, so the output never fills up.
        self.decoded.clear();
        self.decoded.resize(raw.len() + 1, 0);
        let (mut pos, mut out) = (0, 0);
        while pos < raw.len() {
            let input = raw.get(pos..).unwrap_or(&[]);
            let output = self.decoded.get_mut(out..).unwrap_or(&mut []);
            let (result, nin, nout) = self.reader.read_field(input, output);
            let start = pos;
            pos += nin;
            match result {
                csv_core::ReadFieldResult::Field { record_end } => {
                    // The span stops before the `,` or line break that
                    // ended the field.
                    let ended = raw
                        .get(pos.saturating_sub(1))
                        .is_some_and(|b| matches!(b, b',' | b'\r' | b'\n'));
                    let end = if ended && pos > start { pos - 1 } else { pos };
                    self.spans.push((start..end, out..out + nout));
                    out += nout;
                    if record_end {
                        return;
                    }
                }
                csv_core::ReadFieldResult::InputEmpty if nin > 0 => {}
                _ => return,
            }
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`: its text (unquoted) and its raw span in the record.
    fn get(&self, i: usize) -> (&str, Range<usize>) {
        let Some((raw, decoded)) = self.spans.get(i) else {
            return ("", 0..0);
        };
        let bytes = self.decoded.get(decoded.clone()).unwrap_or(&[]);
        // The decoded bytes are the record's own less quotes, cut at ASCII
        // delimiters: still UTF-8.
        (std::str::from_utf8(bytes).unwrap_or(""), raw.clone())
    }
}

/// Problems of one record, located in the file by its first line.
struct RecordSink<'a> {
    path: &'a Path,
    record: &'a Record,
    out: &'a mut Vec<Diagnostic>,
}

impl RecordSink<'_> {
    fn error_lossy(&mut self, at: usize, message: String) {
        let text = String::from_utf8_lossy(self.record.raw.get(..at).unwrap_or(&[])).into_owned();
        let at = text.len();
        self.push(SourceFile::new(self.path, text), at..at, message);
    }

    fn push(&mut self, file: SourceFile, span: Range<usize>, message: String) {
        let mut d = file.error(span, message);
        d.line += self.record.line - 1;
        self.out.push(d);
    }
}

impl Sink for RecordSink<'_> {
    fn error(&mut self, span: Range<usize>, message: String) {
        let text = String::from_utf8_lossy(&self.record.raw).into_owned();
        self.push(SourceFile::new(self.path, text), span, message);
    }
}
