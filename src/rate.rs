//! A token bucket: `burst` at once, then `rate` per second on average. It
//! bounds keys and recordings per session and connections per address.

use std::time::{Duration, Instant};

/// One bucket; time is passed in, so tests need no clock.
#[derive(Debug, Clone, Copy)]
pub struct TokenBucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl TokenBucket {
    /// A full bucket at `now`.
    pub fn new(rate: f64, burst: f64, now: Instant) -> Self {
        Self {
            rate,
            burst,
            tokens: burst,
            last: now,
        }
    }

    fn refill(&mut self, now: Instant) {
        let earned = now.saturating_duration_since(self.last).as_secs_f64() * self.rate;
        self.tokens = (self.tokens + earned).min(self.burst);
        self.last = now;
    }

    /// Takes a token if there is one at `now`.
    pub fn try_take(&mut self, now: Instant) -> bool {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// How long from `now` until a token is there (zero if one is).
    pub fn wait(&mut self, now: Instant) -> Duration {
        self.refill(now);
        if self.tokens >= 1.0 {
            return Duration::ZERO;
        }
        if self.rate <= 0.0 {
            // Never refills: a caller waiting in a loop looks again later.
            return Duration::from_secs(1);
        }
        Duration::from_secs_f64((1.0 - self.tokens) / self.rate)
    }

    /// Whether the bucket is full at `now`: it is as if never used.
    pub fn is_full(&mut self, now: Instant) -> bool {
        self.refill(now);
        self.tokens >= self.burst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate_and_never_beyond_the_burst() {
        let t0 = Instant::now();
        let mut bucket = TokenBucket::new(2.0, 3.0, t0);
        assert!(bucket.try_take(t0) && bucket.try_take(t0) && bucket.try_take(t0));
        assert!(!bucket.try_take(t0));
        assert_eq!(bucket.wait(t0), Duration::from_millis(500));
        let t1 = t0 + Duration::from_millis(500);
        assert_eq!(bucket.wait(t1), Duration::ZERO);
        assert!(bucket.try_take(t1) && !bucket.try_take(t1));
        let later = t1 + Duration::from_secs(60);
        assert!(bucket.is_full(later));
        assert!(bucket.try_take(later) && bucket.try_take(later) && bucket.try_take(later));
        assert!(!bucket.try_take(later));
    }
}
