//! Per-instance error ids, in Goa's format: 6 bytes as 8 characters of
//! unpadded base64url (`A-Z a-z 0-9 - _`).
//!
//! The first 4 bytes are random; the last 2 are a process-wide counter that
//! starts at a random value, so that any 65,536 ids made one after another
//! in a process are distinct for certain, not just with high probability,
//! while ids of different processes stay as unlikely to meet as 48 random
//! bits.
//!
//! An id lets an operator find the log line of one error a user reports:
//! the server logs the error with its id and sends the id on the wire.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The number of random bytes in an id; 6 bytes are 8 base64 characters.
const ID_BYTES: usize = 6;

/// A fresh id: 8 characters of unpadded base64url.
///
/// Random when the operating system's generator answers; when it does not
/// (a sandbox without `getrandom`, an exhausted entropy pool on an old
/// kernel), ids still never repeat within the process and this never panics.
pub(crate) fn new_id() -> String {
    let mut bytes = [0; ID_BYTES];
    if getrandom::fill(&mut bytes).is_err() {
        bytes = fallback_bytes();
    }
    let [.., low, high] = &mut bytes;
    let [count_low, count_high] = next_count(u16::from_le_bytes([*low, *high])).to_le_bytes();
    (*low, *high) = (count_low, count_high);
    encode(bytes)
}

/// The next value of the process-wide id counter, which starts at `start`
/// (random bits of the first id) and then counts up, wrapping.
fn next_count(start: u16) -> u16 {
    static NEXT: OnceLock<AtomicU16> = OnceLock::new();
    NEXT.get_or_init(|| AtomicU16::new(start)).fetch_add(1, Ordering::Relaxed)
}

fn encode(bytes: [u8; ID_BYTES]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// 48 bits that differ on every call within the process, for up to 2^48
/// calls: a counter run through a bijection of the 48-bit integers, offset
/// by a seed taken from the clock and the process id so that two processes
/// are unlikely to produce the same sequence.
fn fallback_bytes() -> [u8; ID_BYTES] {
    const MASK: u64 = (1 << 48) - 1;
    // Odd, so multiplying by it modulo 2^48 is a bijection; the 64-bit
    // golden ratio spreads consecutive counters over the whole range.
    const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;

    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static SEED: OnceLock<u64> = OnceLock::new();

    let seed = *SEED.get_or_init(|| {
        // A clock before 1970 only weakens the seed, not uniqueness.
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_nanos());
        #[allow(clippy::cast_possible_truncation)] // the low bits vary most
        let nanos = nanos as u64;
        nanos ^ u64::from(std::process::id()).rotate_left(32)
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let value = n.wrapping_mul(SPREAD).wrapping_add(seed) & MASK;
    let [.., b0, b1, b2, b3, b4, b5] = value.to_be_bytes();
    [b0, b1, b2, b3, b4, b5]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn is_base64url(c: char) -> bool {
        c.is_ascii_alphanumeric() || c == '-' || c == '_'
    }

    #[test]
    fn ids_are_eight_base64url_characters() {
        for _ in 0..1000 {
            let id = new_id();
            assert_eq!(id.len(), 8, "{id}");
            assert!(id.chars().all(is_base64url), "{id}");
        }
    }

    #[test]
    fn encoding_is_unpadded_base64url() {
        assert_eq!(encode([0; 6]), "AAAAAAAA");
        assert_eq!(encode([0xff; 6]), "________");
        assert_eq!(encode([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff]), "----____");
    }

    /// Certain, not probable: the counter bytes of ids made within 65,536
    /// counts of each other differ, whatever the random bytes are. (Other
    /// tests of this process make a few ids meanwhile, far fewer than the
    /// 15,536 counts of slack.)
    #[test]
    fn no_duplicate_in_50_000_ids() {
        let ids: HashSet<String> = (0..50_000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 50_000);
    }

    #[test]
    fn fallback_ids_do_not_repeat() {
        let ids: HashSet<String> = (0..100_000).map(|_| encode(fallback_bytes())).collect();
        assert_eq!(ids.len(), 100_000);
        assert!(ids.iter().all(|id| id.len() == 8 && id.chars().all(is_base64url)));
    }
}
