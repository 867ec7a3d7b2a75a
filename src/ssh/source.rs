//! A session's input: the channel's bytes decoded into the interface's
//! inputs, with the lone-Esc wait, the idle timeout and the key rate
//! applied, read by the session's event loop.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEventKind;

use super::backend::SharedSize;
use super::input::Decoder;
use super::session::{Feed, SessionLimits, end};
use crate::rate::TokenBucket;
use crate::tui::{Ended, Input, Source};

/// How long a lone Esc waits for the rest of a sequence.
const ESC_WAIT: Duration = Duration::from_millis(50);

/// A session's input: decoded channel bytes, with the idle timeout and the
/// key rate applied.
pub(super) struct ChannelSource {
    feed: Receiver<Feed>,
    decoder: Decoder,
    ready: VecDeque<Input>,
    limits: SessionLimits,
    end: Arc<AtomicU8>,
    last_key: Instant,
    keys: TokenBucket,
    pub(super) idle: bool,
    size: SharedSize,
}

impl ChannelSource {
    pub(super) fn new(
        feed: Receiver<Feed>,
        limits: SessionLimits,
        end: Arc<AtomicU8>,
        size: SharedSize,
    ) -> Self {
        Self {
            size,
            feed,
            decoder: Decoder::default(),
            ready: VecDeque::new(),
            limits,
            end,
            last_key: Instant::now(),
            keys: TokenBucket::new(limits.keys_per_second, limits.key_burst, Instant::now()),
            idle: false,
        }
    }

    /// Queues what the connection passed on as inputs.
    fn take(&mut self, feed: Feed) {
        match feed {
            Feed::Bytes(bytes) => self.ready.extend(self.decoder.feed(&bytes)),
            Feed::Resize(width, height) => {
                if let Ok(mut size) = self.size.lock() {
                    *size = (width, height);
                }
                self.ready.push_back(Input::Resize(width, height));
            }
            Feed::Wake => {}
            // One look at the newest state serves any number of changes.
            Feed::Changed if self.ready.contains(&Input::Changed) => {}
            Feed::Changed => self.ready.push_back(Input::Changed),
        }
    }

    /// Waits until the key rate allows one more key.
    fn take_token(&mut self) {
        while !self.keys.try_take(Instant::now()) {
            std::thread::sleep(self.keys.wait(Instant::now()));
        }
    }
}

impl Source for ChannelSource {
    fn discard_pending(&mut self) {
        while let Ok(feed) = self.feed.try_recv() {
            self.take(feed);
        }
        self.ready
            .retain(|i| matches!(i, Input::Resize(..) | Input::Changed));
    }

    fn has_pending(&mut self) -> bool {
        while let Ok(feed) = self.feed.try_recv() {
            self.take(feed);
        }
        !self.ready.is_empty() && self.end.load(Ordering::SeqCst) == end::NONE
    }

    fn next(&mut self, wait: Duration) -> Result<Option<Input>, Ended> {
        let deadline = Instant::now() + wait;
        loop {
            if self.end.load(Ordering::SeqCst) != end::NONE {
                return Err(Ended);
            }
            if let Some(input) = self.ready.pop_front() {
                if let Input::Key(key) = &input
                    && key.kind != KeyEventKind::Release
                {
                    self.take_token();
                    self.last_key = Instant::now();
                }
                return Ok(Some(input));
            }
            if self.last_key.elapsed() > self.limits.idle {
                self.idle = true;
                return Err(Ended);
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(None);
            }
            let timeout = match self.decoder.is_pending() {
                true => ESC_WAIT.min(deadline - now),
                false => deadline - now,
            };
            match self.feed.recv_timeout(timeout) {
                Ok(feed) => self.take(feed),
                Err(RecvTimeoutError::Timeout) if self.decoder.is_pending() => {
                    self.ready.extend(self.decoder.flush());
                }
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => return Err(Ended),
            }
        }
    }
}
