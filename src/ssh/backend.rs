//! The terminal backend of an SSH session: crossterm's escape sequences
//! written to the session's frame buffer, with the size and cursor answered
//! from the session itself. Crossterm's own answers would query the
//! server's terminal (or fail without one), never the client's.

use std::io::Write;
use std::sync::{Arc, Mutex};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The client's size as last reported, shared with the session's input.
pub type SharedSize = Arc<Mutex<(u16, u16)>>;

/// A backend over `W` that knows the client's size.
pub struct SessionBackend<W: Write> {
    inner: CrosstermBackend<W>,
    size: SharedSize,
    cursor: Position,
}

impl<W: Write> SessionBackend<W> {
    /// Writes to `writer`, sized by `size`.
    pub fn new(writer: W, size: SharedSize) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            size,
            cursor: Position::ORIGIN,
        }
    }
}

impl<W: Write> Backend for SessionBackend<W> {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        let (width, height) = self.size.lock().map(|s| *s).unwrap_or((80, 24));
        Ok(Size::new(width, height))
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        Backend::flush(&mut self.inner)
    }
}
