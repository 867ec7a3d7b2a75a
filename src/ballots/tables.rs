//! The `[[ballots]]` tables of a TOML ballot file, read one at a time from
//! the lexer's tokens and the parser's events (`toml_parser`), never as a
//! tree of the whole file: a million ballots cost the file's text and the
//! tokens of one table.
//!
//! The file is cut before every table header (a `[` opening a line outside
//! any value), so each piece is a TOML document of its own; the first piece
//! is the head (`method`, `options` …). A ballot's values become a
//! [`BallotIn`] with their positions, strings borrowed from the text.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::{Lexer, Token, TokenKind};
use toml_parser::parser::{EventReceiver, RecursionGuard, parse_document};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::check::{BallotIn, Sink, Text};

/// The keys a ballot may have, in the order the docs give them.
pub(super) const BALLOT_KEYS: [&str; 5] = ["voter", "weight", "ranking", "approve", "scores"];

/// Nesting deeper than this is refused before the parser recurses (a
/// ballot needs two levels: `scores = { a = 5 }`).
const MAX_DEPTH: u32 = 16;

/// The pieces of a file, each ended before the next table header.
pub(super) struct Pieces<'t> {
    text: &'t str,
    lexer: Lexer<'t>,
    /// The header token that ended the previous piece and starts the next.
    pending: Option<Token>,
    tokens: Vec<Token>,
    done: bool,
}

impl<'t> Pieces<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            lexer: Source::new(text).lex(),
            pending: None,
            tokens: Vec::new(),
            done: false,
        }
    }

    /// The next piece: its byte range and its tokens.
    pub fn next_piece(&mut self) -> Option<(Range<usize>, &[Token])> {
        if self.done {
            return None;
        }
        self.tokens.clear();
        let mut start = None;
        if let Some(header) = self.pending.take() {
            start = Some(header.span().start());
            self.tokens.push(header);
        }
        // `in_header`: the rest of a header line, whose brackets are not
        // values'; `depth`: brackets and braces open in a value.
        let mut in_header = !self.tokens.is_empty();
        let mut depth = 0usize;
        let mut line_start = self.tokens.is_empty();
        for token in self.lexer.by_ref() {
            let kind = token.kind();
            if kind == TokenKind::Eof {
                self.done = true;
                self.tokens.push(token);
                break;
            }
            if line_start && kind == TokenKind::LeftSquareBracket && !self.tokens.is_empty() {
                let at = token.span().start();
                // A line opening with `[[ballots]]` is never inside a
                // value (`ballots` is no value), so an unclosed array
                // before it ends with its piece rather than swallowing
                // every ballot after it.
                let ballots = self
                    .text
                    .get(at..)
                    .is_some_and(|t| t.starts_with("[[ballots]]"));
                if depth == 0 || ballots {
                    self.pending = Some(token);
                    break;
                }
            }
            match kind {
                TokenKind::Newline => {
                    line_start = true;
                    in_header = false;
                }
                TokenKind::Whitespace => {}
                _ => line_start = false,
            }
            if !in_header {
                match kind {
                    TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
                    TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                        depth = depth.saturating_sub(1);
                    }
                    _ => {}
                }
            }
            self.tokens.push(token);
        }
        let end = match (&self.pending, self.done) {
            (Some(next), _) => next.span().start(),
            _ => self.text.len(),
        };
        let start = start.unwrap_or(0);
        Some((start..end, &self.tokens))
    }
}

/// What a table piece turned out to be.
pub(super) enum Table<'t> {
    /// A `[[ballots]]` table, read well enough to check (boxed: it is
    /// large, and the other answers are nothing).
    Ballot(Box<BallotIn<'t>>),
    /// A `[[ballots]]` table with a problem already reported (an unknown
    /// key, a value of the wrong type): it still takes a number.
    Unreadable,
    /// Some other table, already reported; not a ballot.
    Other,
    /// Not TOML: the caller reports the piece's syntax error alone.
    Syntax,
}

/// Reads table pieces, keeping its scratch space from one to the next.
pub(super) struct TableReader<'t> {
    events: Events<'t>,
}

impl<'t> TableReader<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            events: Events::new(text),
        }
    }

    /// Reads one table piece (`tokens` of the text), reporting to `sink`
    /// what is wrong with its header or values.
    pub fn read(&mut self, tokens: &[Token], sink: &mut dyn Sink) -> Table<'t> {
        self.events.reset();
        read_table(&mut self.events, tokens, sink)
    }
}

fn read_table<'t>(events: &mut Events<'t>, tokens: &[Token], sink: &mut dyn Sink) -> Table<'t> {
    let mut syntax = false;
    {
        let mut guard = RecursionGuard::new(events, MAX_DEPTH);
        let mut errors = |_: ParseError| syntax = true;
        parse_document(tokens, &mut guard, &mut errors);
    }
    if syntax || events.syntax {
        return Table::Syntax;
    }
    let Some((header, span)) = events.header.take() else {
        return Table::Syntax;
    };
    if let Some(dot) = events.dotted.take() {
        sink.error(
            dot,
            "dotted keys are not read in a ballot: write `scores = { a = 5, b = 3 }`".into(),
        );
        return Table::Unreadable;
    }
    if !(header.array && header.keys.len() == 1 && header.keys[0].get_ref() == "ballots") {
        sink.error(
            header.keys.first().map_or(span.clone(), Spanned::span),
            other_table(&header),
        );
        return Table::Other;
    }
    let mut ballot = BallotIn {
        span: span.start..events.end.max(span.end),
        ..BallotIn::default()
    };
    let mut readable = true;
    let mut taken: Vec<&str> = Vec::new();
    for (key, value) in events.values.drain(..) {
        let name = key.get_ref().as_ref();
        if let Some(&first) = taken.iter().find(|&&k| k == name) {
            sink.error(key.span(), format!("duplicate key `{first}`"));
            readable = false;
            continue;
        }
        let Some(&known) = BALLOT_KEYS.iter().find(|&&k| k == name) else {
            let keys = BALLOT_KEYS.map(|k| format!("`{k}`")).join(", ");
            sink.error(
                key.span(),
                format!("unknown key `{name}`, expected one of {keys}"),
            );
            readable = false;
            continue;
        };
        taken.push(known);
        readable &= assign(&mut ballot, known, value, sink);
    }
    if readable {
        Table::Ballot(Box::new(ballot))
    } else {
        Table::Unreadable
    }
}

/// What a header that is not `[[ballots]]` is told.
fn other_table(header: &Header<'_>) -> String {
    let name = header
        .keys
        .iter()
        .map(|k| k.get_ref().as_ref())
        .collect::<Vec<_>>()
        .join(".");
    let first = header.keys.first().map_or("", |k| k.get_ref().as_ref());
    if first == "ballots" && header.keys.len() == 1 {
        "`ballots` must be an array of tables, written [[ballots]]".to_owned()
    } else if first == "ballots" {
        format!(
            "[{name}] is not read: write a ballot's values under its [[ballots]] line, e.g. `scores = {{ a = 5 }}`"
        )
    } else if super::head::KEYS.contains(&first) {
        format!(
            "`{first}` is a value, not a table: write `{first} = …` before the first [[ballots]]"
        )
    } else {
        let keys = super::head::KEYS.map(|k| format!("`{k}`")).join(", ");
        format!("unknown key `{first}`, expected one of {keys}")
    }
}

/// Puts one value into its place in the ballot; `false` (reported) when it
/// has the wrong type.
fn assign<'t>(ballot: &mut BallotIn<'t>, key: &str, value: Value<'t>, sink: &mut dyn Sink) -> bool {
    let wrong = |sink: &mut dyn Sink, span: Range<usize>, what: &str| {
        sink.error(span, format!("`{key}` must be {what}"));
        false
    };
    match (key, value) {
        ("voter", Value::Scalar(span, Scalar::Str(s))) => {
            ballot.voter = Some(Spanned::new(span, s));
            true
        }
        ("voter", v) => wrong(sink, v.span(), "a string, e.g. voter = \"uct\""),
        ("weight", Value::Scalar(span, Scalar::Int(n))) => {
            ballot.weight = Some(Spanned::new(span, n));
            true
        }
        ("weight", v) => wrong(sink, v.span(), "a whole number, e.g. weight = 2"),
        ("ranking" | "approve", Value::Array(span, items)) => {
            let mut ids = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Scalar(at, Scalar::Str(s)) => ids.push(Spanned::new(at, s)),
                    other => return wrong(sink, other.span(), "a list of option ids (strings)"),
                }
            }
            let list = Some(Spanned::new(span, ids));
            if key == "ranking" {
                ballot.ranking = list;
            } else {
                ballot.approve = list;
            }
            true
        }
        ("ranking", v) => wrong(
            sink,
            v.span(),
            "a list of option ids, e.g. ranking = [\"b\", \"a\"]",
        ),
        ("approve", v) => wrong(
            sink,
            v.span(),
            "a list of option ids, e.g. approve = [\"a\"]",
        ),
        ("scores", Value::Table(span, entries)) => {
            let mut scores = Vec::with_capacity(entries.len());
            for (id, score) in entries {
                match score {
                    Value::Scalar(at, Scalar::Int(n)) => scores.push((id, Spanned::new(at, n))),
                    other => return wrong(sink, other.span(), "a table of whole-number scores"),
                }
            }
            ballot.scores = Some(Spanned::new(span, scores));
            true
        }
        (_, v) => wrong(
            sink,
            v.span(),
            "a table of scores, e.g. scores = { a = 5, b = 3 }",
        ),
    }
}

/// A value of the subset a ballot uses; anything else is kept only as
/// its description, for the message.
enum Value<'t> {
    Scalar(Range<usize>, Scalar<'t>),
    Array(Range<usize>, Vec<Value<'t>>),
    Table(Range<usize>, Vec<(Text<'t>, Value<'t>)>),
}

impl Value<'_> {
    fn span(&self) -> Range<usize> {
        match self {
            Self::Scalar(s, _) | Self::Array(s, _) | Self::Table(s, _) => s.clone(),
        }
    }
}

enum Scalar<'t> {
    Str(Cow<'t, str>),
    Int(i64),
    /// A float, boolean, date or an integer beyond `i64`.
    Other,
}

struct Header<'t> {
    array: bool,
    keys: Vec<Text<'t>>,
}

/// A value being built: an array or inline table open at some depth.
enum Open<'t> {
    Array(usize, Vec<Value<'t>>),
    Table(usize, Vec<(Text<'t>, Value<'t>)>, Option<Text<'t>>),
}

/// Collects one piece's header and top-level `key = value` pairs from the
/// parser's events.
struct Events<'t> {
    text: &'t str,
    header: Option<(Header<'t>, Range<usize>)>,
    in_header: bool,
    /// The key being written (the last part of a dotted key wins; dotted
    /// keys are refused by `dotted`).
    key: Option<Text<'t>>,
    dotted: Option<Range<usize>>,
    stack: Vec<Open<'t>>,
    values: Vec<(Text<'t>, Value<'t>)>,
    /// A decoding problem (a bad escape, say), which the whole-document
    /// parser then words.
    syntax: bool,
    end: usize,
}

impl<'t> Events<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            header: None,
            in_header: false,
            key: None,
            dotted: None,
            stack: Vec::new(),
            values: Vec::new(),
            syntax: false,
            end: 0,
        }
    }

    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'t> {
        let text = self.text.get(span.start()..span.end()).unwrap_or("");
        Raw::new_unchecked(text, encoding, span)
    }

    fn decode_key(&mut self, span: Span, encoding: Option<Encoding>) -> Text<'t> {
        let raw = self.raw(span, encoding);
        if let Some(plain) = plain(raw.as_str(), encoding) {
            return Spanned::new(span.start()..span.end(), Cow::Borrowed(plain));
        }
        let mut out = Cow::Borrowed("");
        let mut bad = false;
        self.raw(span, encoding)
            .decode_key(&mut out, &mut |_: ParseError| bad = true);
        self.syntax |= bad;
        Spanned::new(span.start()..span.end(), out)
    }

    /// A finished value: into the array or table it is in, or the piece's.
    fn push(&mut self, value: Value<'t>) {
        match self.stack.last_mut() {
            Some(Open::Array(_, items)) => items.push(value),
            Some(Open::Table(_, entries, key)) => {
                if let Some(key) = key.take() {
                    entries.push((key, value));
                }
            }
            None => {
                if let Some(key) = self.key.take() {
                    self.values.push((key, value));
                }
            }
        }
    }
}

/// The text of a bare key or a one-line string that needs no decoding
/// (no escapes, no control characters), borrowed as it is; `None` sends
/// it to the decoder. Option ids are nearly always such strings, and this
/// spares a million of them the decoder's work.
pub(super) fn plain(raw: &str, encoding: Option<Encoding>) -> Option<&str> {
    let inner = match encoding {
        None => {
            let bare = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
            return (!raw.is_empty() && raw.bytes().all(bare)).then_some(raw);
        }
        Some(Encoding::BasicString) => raw.strip_prefix('"')?.strip_suffix('"')?,
        Some(Encoding::LiteralString) => raw.strip_prefix('\'')?.strip_suffix('\'')?,
        Some(_) => return None,
    };
    let clean =
        |b: u8| b != b'\\' && b != b'"' && b != b'\'' && (b >= 0x20 || b == b'\t') && b != 0x7f;
    inner.bytes().all(clean).then_some(inner)
}

impl<'t> EventReceiver for Events<'t> {
    fn std_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.open_header(span, false);
    }

    fn array_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.open_header(span, true);
    }

    fn std_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn array_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.stack.push(Open::Table(span.start(), Vec::new(), None));
        true
    }

    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if let Some(Open::Table(start, entries, _)) = self.stack.pop() {
            self.push(Value::Table(start..span.end(), entries));
        }
        self.end = span.end();
    }

    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        // Room for a typical ranking, so that it is not grown three times.
        self.stack
            .push(Open::Array(span.start(), Vec::with_capacity(16)));
        true
    }

    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if let Some(Open::Array(start, items)) = self.stack.pop() {
            self.push(Value::Array(start..span.end(), items));
        }
        self.end = span.end();
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        let key = self.decode_key(span, encoding);
        if self.in_header {
            if let Some((header, _)) = &mut self.header {
                header.keys.push(key);
            }
            return;
        }
        match self.stack.last_mut() {
            Some(Open::Table(_, _, slot)) => *slot = Some(key),
            Some(Open::Array(..)) => {}
            None => self.key = Some(key),
        }
    }

    fn key_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if !self.in_header {
            // `scores.a = 5` is TOML, but a ballot is read as written
            // in the docs; the message is ours (see `read_table`).
            self.dotted.get_or_insert(span.start()..span.end());
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        let raw = self.raw(span, encoding);
        if encoding.is_some()
            && let Some(plain) = plain(raw.as_str(), encoding)
        {
            self.push(Value::Scalar(
                span.start()..span.end(),
                Scalar::Str(Cow::Borrowed(plain)),
            ));
            self.end = span.end();
            return;
        }
        let mut out = Cow::Borrowed("");
        let mut bad = false;
        let kind = raw.decode_scalar(&mut out, &mut |_: ParseError| bad = true);
        self.syntax |= bad;
        let scalar = match kind {
            ScalarKind::String => Scalar::Str(out),
            ScalarKind::Integer(radix) => {
                i64::from_str_radix(&out, radix.value()).map_or(Scalar::Other, Scalar::Int)
            }
            _ => Scalar::Other,
        };
        self.push(Value::Scalar(span.start()..span.end(), scalar));
        self.end = span.end();
    }

    fn error(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.syntax = true;
    }
}

impl Events<'_> {
    fn reset(&mut self) {
        self.header = None;
        self.in_header = false;
        self.key = None;
        self.dotted = None;
        self.stack.clear();
        self.values.clear();
        self.syntax = false;
        self.end = 0;
    }

    fn open_header(&mut self, span: Span, array: bool) {
        self.in_header = true;
        self.header = Some((
            Header {
                array,
                keys: Vec::new(),
            },
            span.start()..span.end(),
        ));
    }

    fn close_header(&mut self, span: Span) {
        self.in_header = false;
        if let Some((_, range)) = &mut self.header {
            range.end = span.end();
        }
    }
}
