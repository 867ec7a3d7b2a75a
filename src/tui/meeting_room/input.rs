//! A one-line text input: a string and a cursor, edited by actions.

use crate::tui::action::Action;

/// Longest text accepted, in characters; a motion or note is one line.
const MAX_CHARS: usize = 1000;

/// The text being typed and where the cursor is (in characters).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    /// An input holding `text`, cursor at its end.
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's position, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies an editing action; others are ignored.
    pub fn update(&mut self, action: Action) {
        let len = self.text.chars().count();
        match action {
            Action::Type(c) if !c.is_control() && len < MAX_CHARS => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Action::DeleteBack if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Action::DeleteForward if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(len),
            Action::CursorStart => self.cursor = 0,
            Action::CursorEnd => self.cursor = len,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_in_the_middle_of_multibyte_text() {
        let mut input = TextInput::new("Zürich");
        input.update(Action::CursorStart);
        input.update(Action::CursorRight);
        input.update(Action::CursorRight);
        input.update(Action::DeleteBack);
        assert_eq!(input.text(), "Zrich");
        input.update(Action::Type('ü'));
        input.update(Action::Type('e'));
        assert_eq!(input.text(), "Züerich");
        input.update(Action::DeleteForward);
        assert_eq!(input.text(), "Züeich");
        input.update(Action::CursorEnd);
        input.update(Action::DeleteForward);
        input.update(Action::Type('\n'));
        assert_eq!((input.text(), input.cursor()), ("Züeich", 6));
    }
}
