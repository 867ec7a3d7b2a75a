//! Bytes from an SSH channel become the same inputs the local terminal
//! gives (SPEC 8): keys from any client's escape sequences (`ESC [ A` and
//! `ESC O A` alike), a lone Esc once no more bytes follow, Backspace as
//! `^?` or `^H`, UTF-8 split across packets, and a bracketed paste as one
//! paste. It knows nothing of sessions or the network.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::tui::Input;

/// The most bytes kept waiting for the end of a sequence or paste; a
/// longer paste is dropped whole rather than growing without bound.
pub const MAX_BUFFER: usize = 16 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Turns a stream of bytes into inputs, keeping an incomplete sequence for
/// the next packet.
#[derive(Debug, Default)]
pub struct Decoder {
    buffer: Vec<u8>,
}

impl Decoder {
    /// Adds `bytes` and returns every input they complete. A lone Esc at
    /// the end stays pending: it may start a sequence still in flight.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        self.buffer.extend_from_slice(bytes);
        let mut out = Vec::new();
        while let Some(input) = self.next_input() {
            out.extend(input);
        }
        if self.buffer.len() > MAX_BUFFER {
            self.buffer.clear();
        }
        out
    }

    /// Whether bytes wait for more (a lone Esc, half a sequence, a paste).
    pub fn is_pending(&self) -> bool {
        !self.buffer.is_empty()
    }

    /// No more bytes came in time: a pending Esc is the Esc key, and
    /// whatever follows it is read afresh; other incomplete bytes stay.
    pub fn flush(&mut self) -> Vec<Input> {
        let mut out = Vec::new();
        if self.buffer.first() == Some(&0x1b) && !self.buffer.starts_with(PASTE_START) {
            self.buffer.remove(0);
            out.push(Input::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
            while let Some(input) = self.next_input() {
                out.extend(input);
            }
        }
        out
    }

    /// One step: `Some(Some(input))` decoded, `Some(None)` bytes skipped,
    /// `None` nothing more can be decoded now.
    fn next_input(&mut self) -> Option<Option<Input>> {
        if self.buffer.is_empty() {
            return None;
        }
        if self.buffer.starts_with(PASTE_START) {
            return self.paste();
        }
        if PASTE_START.starts_with(&self.buffer) && self.buffer.len() > 1 {
            return None;
        }
        // The shortest prefix that parses is one event; a lone Esc waits.
        for len in 1..=self.buffer.len() {
            if len == 1 && self.buffer[0] == 0x1b {
                continue;
            }
            match terminput::Event::parse_from(&self.buffer[..len]) {
                Ok(None) => continue,
                Ok(Some(event)) => {
                    self.buffer.drain(..len);
                    return Some(convert(event));
                }
                Err(_) => {
                    // Not a sequence we know: drop its first byte.
                    self.buffer.remove(0);
                    return Some(None);
                }
            }
        }
        None
    }

    fn paste(&mut self) -> Option<Option<Input>> {
        let body = &self.buffer[PASTE_START.len()..];
        let end = body.windows(PASTE_END.len()).position(|w| w == PASTE_END)?;
        let text = String::from_utf8_lossy(&body[..end]).into_owned();
        self.buffer
            .drain(..PASTE_START.len() + end + PASTE_END.len());
        Some(Some(Input::Paste(text)))
    }
}

/// terminput's event as the local terminal's: keys and pastes only;
/// `^H` is Backspace (the pty modes of some clients send it).
fn convert(event: terminput::Event) -> Option<Input> {
    match terminput_crossterm::to_crossterm(event).ok()? {
        Event::Key(key)
            if key.code == KeyCode::Char('h') && key.modifiers == KeyModifiers::CONTROL =>
        {
            Some(Input::Key(KeyEvent::new(
                KeyCode::Backspace,
                KeyModifiers::NONE,
            )))
        }
        Event::Key(key) => Some(Input::Key(key)),
        Event::Paste(text) => Some(Input::Paste(text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Input {
        Input::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn ch(c: char) -> Input {
        key(KeyCode::Char(c))
    }

    fn decode(packets: &[&[u8]]) -> Vec<Input> {
        let mut decoder = Decoder::default();
        let mut out = Vec::new();
        for packet in packets {
            out.extend(decoder.feed(packet));
        }
        out.extend(decoder.flush());
        out
    }

    #[test]
    fn arrows_from_any_client() {
        assert_eq!(decode(&[b"\x1b[A"]), [key(KeyCode::Up)]);
        assert_eq!(decode(&[b"\x1bOA"]), [key(KeyCode::Up)]);
        assert_eq!(
            decode(&[b"\x1bOB\x1b[C\x1b[D"]),
            [key(KeyCode::Down), key(KeyCode::Right), key(KeyCode::Left)]
        );
    }

    #[test]
    fn a_sequence_split_across_packets() {
        let mut decoder = Decoder::default();
        assert_eq!(decoder.feed(b"\x1b"), []);
        assert_eq!(decoder.feed(b"["), []);
        assert_eq!(decoder.feed(b"B"), [key(KeyCode::Down)]);
        assert!(!decoder.is_pending());
        assert_eq!(decode(&[b"\x1bO", b"A"]), [key(KeyCode::Up)]);
        assert_eq!(decode(&[b"\x1b[1", b"5~"]), [key(KeyCode::F(5))]);
    }

    #[test]
    fn several_keys_in_one_packet() {
        assert_eq!(
            decode(&[b"3p\r\tq"]),
            [
                ch('3'),
                ch('p'),
                key(KeyCode::Enter),
                key(KeyCode::Tab),
                ch('q')
            ]
        );
    }

    #[test]
    fn a_lone_esc_waits_for_more_bytes() {
        let mut decoder = Decoder::default();
        assert_eq!(decoder.feed(b"\x1b"), [], "it may start a sequence");
        assert!(decoder.is_pending());
        assert_eq!(decoder.flush(), [key(KeyCode::Esc)]);
        assert!(!decoder.is_pending());
        // Esc then a key typed later still reads as two keys.
        assert_eq!(decode(&[b"\x1b", b"x"]).len(), 1, "Alt-x when in one burst");
        let mut decoder = Decoder::default();
        decoder.feed(b"\x1b");
        assert_eq!(decoder.flush(), [key(KeyCode::Esc)]);
        assert_eq!(decoder.feed(b"x"), [ch('x')]);
    }

    #[test]
    fn backspace_as_del_or_ctrl_h() {
        assert_eq!(
            decode(&[b"\x7f\x08"]),
            [key(KeyCode::Backspace), key(KeyCode::Backspace)]
        );
    }

    #[test]
    fn utf8_split_across_packets() {
        let bytes = "Zürich".as_bytes();
        let (a, b) = bytes.split_at(2); // inside the ü
        let out = decode(&[a, b]);
        let text: String = out
            .iter()
            .map(|i| match i {
                Input::Key(KeyEvent {
                    code: KeyCode::Char(c),
                    ..
                }) => *c,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(text, "Zürich");
    }

    #[test]
    fn a_bracketed_paste_is_one_input_even_when_split() {
        assert_eq!(
            decode(&[b"\x1b[200~yes\rno", b"\x1b[20", b"1~q"]),
            [Input::Paste("yes\rno".into()), ch('q')]
        );
        assert_eq!(
            decode(&[b"\x1b[2", b"00~x\x1b[201~"]),
            [Input::Paste("x".into())]
        );
    }

    #[test]
    fn an_endless_paste_is_dropped_not_kept() {
        let mut decoder = Decoder::default();
        decoder.feed(PASTE_START);
        for _ in 0..20 {
            decoder.feed(&[b'a'; 1024]);
        }
        assert!(decoder.buffer.len() <= MAX_BUFFER);
    }
}
