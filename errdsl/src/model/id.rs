//! Per-instance error ids, in Goa's format: 6 bytes as 8 characters of
//! unpadded base64url (`A-Z a-z 0-9 - _`).
//!
//! The first 4 bytes are random; the last 2 are a process-wide counter that
//! starts at a random value, so that any 65,536 ids made one after another
//! in a process are distinct for certain, not just with high probability,
//! while ids of different processes stay as unlikely to meet as 48 random
//! bits.
//!
//! The random bytes come from a generator per thread, rand's `StdRng`
//! (`ChaCha12`, a cryptographically secure generator) seeded once from the
//! operating system: ids are sent to clients, so they must not let one
//! client guess another's (which a fast non-cryptographic generator such
//! as wyrand would), and asking the operating system for every id cost
//! more than the rest of an error response.
//!
//! An id lets an operator find the log line of one error a user reports:
//! the server logs the error with its id and sends the id on the wire.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The number of bytes of an id; 6 bytes are 8 base64 characters.
const ID_BYTES: usize = 6;

/// The random bytes of an id; the rest is the counter.
const RANDOM_BYTES: usize = 4;

/// The number of characters of an id.
const ID_CHARS: usize = 8;

/// An id, held inline: making one allocates nothing, so that an error
/// written straight to the wire copies its id nowhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Id([u8; ID_CHARS]);

impl Id {
    /// A fresh id.
    ///
    /// Random when the operating system's generator answers the thread's
    /// first id; when it does not (a sandbox without `getrandom`), ids still
    /// never repeat within the process and this never panics.
    pub(crate) fn new() -> Id {
        let mut random = [0; RANDOM_BYTES];
        THREAD_RNG.with_borrow_mut(|rng| rng.fill_bytes(&mut random));
        Id::of(random, process_counter().next())
    }

    /// The id of these random bytes and counter value.
    fn of(random: [u8; RANDOM_BYTES], count: u16) -> Id {
        let mut bytes = [0; ID_BYTES];
        bytes[..RANDOM_BYTES].copy_from_slice(&random);
        bytes[RANDOM_BYTES..].copy_from_slice(&count.to_le_bytes());
        let mut text = [0; ID_CHARS];
        // 6 bytes are exactly 8 characters: the slice always fits.
        let _ = URL_SAFE_NO_PAD.encode_slice(bytes, &mut text);
        Id(text)
    }

    /// The id's 8 characters.
    pub(crate) fn as_str(&self) -> &str {
        // base64url is ASCII, so this never falls back.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// A fresh id ([`Id::new`]) as a `String`.
pub(crate) fn new_id() -> String {
    Id::new().as_str().to_owned()
}

thread_local! {
    /// This thread's generator, seeded from the operating system.
    static THREAD_RNG: RefCell<StdRng> = RefCell::new(StdRng::from_seed(os_seed()));
}

/// 32 bytes from the operating system; without it, bytes that differ on
/// every call within the process (ids then rest on the counter).
fn os_seed() -> [u8; 32] {
    let mut seed = [0; 32];
    if getrandom::fill(&mut seed).is_err() {
        for chunk in seed.chunks_mut(ID_BYTES) {
            let bytes = fallback_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
    seed
}

/// A counter of ids that counts up from its start, wrapping.
struct Counter(AtomicU16);

impl Counter {
    fn next(&self) -> u16 {
        self.0.fetch_add(1, Ordering::Relaxed)
    }
}

/// The process-wide counter, started at a random value.
fn process_counter() -> &'static Counter {
    static COUNTER: OnceLock<Counter> = OnceLock::new();
    COUNTER.get_or_init(|| {
        let start = THREAD_RNG.with_borrow_mut(rand::Rng::next_u32);
        #[allow(clippy::cast_possible_truncation, reason = "16 random bits of 32")]
        Counter(AtomicU16::new(start as u16))
    })
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
    use super::*;
    use std::collections::HashSet;

    fn is_base64url(c: char) -> bool {
        c.is_ascii_alphanumeric() || c == '-' || c == '_'
    }

    fn bytes_of(id: &str) -> [u8; ID_BYTES] {
        URL_SAFE_NO_PAD.decode(id).expect("base64url").try_into().expect("6 bytes")
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
        assert_eq!(Id::of([0; 4], 0).as_str(), "AAAAAAAA");
        assert_eq!(Id::of([0xff; 4], 0xffff).as_str(), "________");
        assert_eq!(Id::of([0xfb, 0xef, 0xbe, 0xff], 0xffff).as_str(), "----____");
    }

    /// Certain, not probable: with the random bytes held fixed, the counter
    /// alone makes 65,536 consecutive ids distinct, and it wraps.
    #[test]
    fn the_counter_alone_keeps_65_536_consecutive_ids_distinct() {
        let counter = Counter(AtomicU16::new(u16::MAX - 1));
        let ids: Vec<String> =
            (0..=usize::from(u16::MAX)).map(|_| Id::of([7; 4], counter.next()).as_str().to_owned()).collect();
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 65_536);
        let counts: Vec<u16> = ids[..4]
            .iter()
            .map(|id| {
                let [.., low, high] = bytes_of(id);
                u16::from_le_bytes([low, high])
            })
            .collect();
        assert_eq!(counts, [u16::MAX - 1, u16::MAX, 0, 1]);
        assert!(ids.iter().all(|id| bytes_of(id)[..4] == [7; 4]));
    }

    /// The ids of one thread carry the process counter: each one's counter
    /// is past the one before (other tests may make ids meanwhile), and their
    /// random bytes differ.
    #[test]
    fn ids_carry_the_process_counter_and_fresh_random_bytes() {
        let ids: Vec<[u8; ID_BYTES]> = (0..1000).map(|_| bytes_of(&new_id())).collect();
        for pair in ids.windows(2) {
            let count = |bytes: &[u8; ID_BYTES]| u16::from_le_bytes([bytes[4], bytes[5]]);
            let step = count(&pair[1]).wrapping_sub(count(&pair[0]));
            assert!((1..32_768).contains(&step), "{step}");
        }
        let random: HashSet<[u8; 4]> = ids.iter().map(|bytes| bytes[..4].try_into().unwrap()).collect();
        assert!(random.len() > 990, "{} distinct random parts of 1000", random.len());
    }

    #[test]
    fn fallback_bytes_do_not_repeat() {
        let all: HashSet<[u8; ID_BYTES]> = (0..100_000).map(|_| fallback_bytes()).collect();
        assert_eq!(all.len(), 100_000);
    }
}
