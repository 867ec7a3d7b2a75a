//! A token bucket per client address, applied before the handshake: one
//! address that opens connections in a loop (a script gone wrong, a
//! password-less brute force) is turned away without costing a key
//! exchange, and without taking the slots other members need.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

use crate::rate::TokenBucket;

/// Connections per second one address may open, on average, once its
/// burst is spent.
pub const PER_SECOND: f64 = 2.0;
/// The most addresses remembered; the longest idle are forgotten first.
const MAX_ADDRESSES: usize = 4096;

/// The buckets of every address seen lately.
#[derive(Debug)]
pub struct AddressBuckets {
    /// Connections one address may open at once: as many as the server
    /// takes, since a whole delegation may sit behind one university's
    /// address translation.
    burst: f64,
    buckets: HashMap<IpAddr, TokenBucket>,
}

impl AddressBuckets {
    /// Buckets that let each address open `burst` connections at once.
    pub fn new(burst: usize) -> Self {
        Self {
            burst: burst.max(1) as f64,
            buckets: HashMap::new(),
        }
    }

    /// Whether `addr` may open a connection at `now` (and takes a token).
    pub fn allow(&mut self, addr: IpAddr, now: Instant) -> bool {
        if self.buckets.len() >= MAX_ADDRESSES && !self.buckets.contains_key(&addr) {
            self.forget_full(now);
        }
        let burst = self.burst;
        self.buckets
            .entry(addr)
            .or_insert_with(|| TokenBucket::new(PER_SECOND, burst, now))
            .try_take(now)
    }

    /// Drops the addresses whose bucket has refilled (they are as if never
    /// seen), and if none has, any one: at worst that address gets a
    /// fresh burst.
    fn forget_full(&mut self, now: Instant) {
        self.buckets.retain(|_, bucket| !bucket.is_full(now));
        if self.buckets.len() >= MAX_ADDRESSES
            && let Some(any) = self.buckets.keys().next().copied()
        {
            self.buckets.remove(&any);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, last])
    }

    const BURST: usize = 16;

    #[test]
    fn a_burst_then_the_rate() {
        let mut buckets = AddressBuckets::new(BURST);
        let t0 = Instant::now();
        for n in 0..BURST {
            assert!(buckets.allow(ip(1), t0), "connection {n} of the burst");
        }
        assert!(!buckets.allow(ip(1), t0), "the burst is spent");
        // Another address is not affected.
        assert!(buckets.allow(ip(2), t0));
        // Two more per second.
        let t1 = t0 + Duration::from_millis(1000);
        assert!(buckets.allow(ip(1), t1));
        assert!(buckets.allow(ip(1), t1));
        assert!(!buckets.allow(ip(1), t1));
        // A long pause refills the bucket, never beyond the burst.
        let later = t1 + Duration::from_secs(3600);
        for _ in 0..BURST {
            assert!(buckets.allow(ip(1), later));
        }
        assert!(!buckets.allow(ip(1), later));
    }

    #[test]
    fn memory_stays_bounded_under_many_addresses() {
        let mut buckets = AddressBuckets::new(BURST);
        let t0 = Instant::now();
        for n in 0..(MAX_ADDRESSES as u32 + 100) {
            let addr = IpAddr::from(std::net::Ipv6Addr::from(u128::from(n)));
            assert!(buckets.allow(addr, t0));
        }
        assert!(buckets.buckets.len() <= MAX_ADDRESSES);
    }
}
