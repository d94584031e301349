//! Every fuzz target's property on stable, in every test run: over the
//! committed seeds (`fuzz/seeds/<target>`), over truncations and byte
//! flips of each seed, and over pseudo-random inputs from a fixed seed, so
//! that a failure reproduces. libFuzzer explores far more on nightly
//! (`scripts/fuzz.sh`); this keeps the properties from going unchecked
//! between fuzzing runs.

use std::path::Path;

use errdsl_fuzz::targets::{ALL, Target};

/// How many pseudo-random inputs each target gets.
const GENERATED: usize = 2000;

/// xorshift64*: reproducible bytes without a dependency.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn input(&mut self) -> Vec<u8> {
        let len = usize::try_from(self.next() % 300).unwrap();
        (0..len).map(|_| self.next().to_le_bytes()[0]).collect()
    }
}

/// The committed seeds of `target`.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut seeds: Vec<Vec<u8>> =
        entries.map(|entry| std::fs::read(entry.unwrap().path()).unwrap()).collect();
    seeds.sort();
    seeds
}

/// Each seed, its truncations and single-byte flips.
fn mutations(seed: &[u8], bytes: &mut Bytes) -> Vec<Vec<u8>> {
    let mut inputs = vec![seed.to_vec()];
    for cut in (0..seed.len()).step_by(seed.len() / 16 + 1) {
        inputs.push(seed[..cut].to_vec());
    }
    for _ in 0..64 {
        let mut flipped = seed.to_vec();
        if flipped.is_empty() {
            break;
        }
        let at = usize::try_from(bytes.next() % flipped.len() as u64).unwrap();
        flipped[at] = bytes.next().to_le_bytes()[0];
        inputs.push(flipped);
    }
    inputs
}

fn replay(name: &str, target: Target) -> usize {
    let mut bytes = Bytes(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64);
    let mut inputs: Vec<Vec<u8>> = seeds(name).iter().flat_map(|seed| mutations(seed, &mut bytes)).collect();
    inputs.extend((0..GENERATED).map(|_| bytes.input()));
    for input in &inputs {
        target(input);
    }
    inputs.len()
}

#[test]
fn every_target_holds_over_its_seeds_and_generated_inputs() {
    let mut seeded = 0;
    for (name, target) in ALL {
        let count = replay(name, target);
        assert!(count >= GENERATED, "{name}");
        seeded += usize::from(!seeds(name).is_empty());
    }
    // The seeds are there to be replayed: a target list that lost them all
    // would check nothing but noise.
    assert!(seeded >= 6, "only {seeded} targets have seeds");
}

#[test]
fn every_binary_is_a_listed_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz_targets");
    let mut binaries: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    binaries.sort();
    let mut listed: Vec<String> = ALL.iter().map(|(name, _)| (*name).to_owned()).collect();
    listed.sort();
    assert_eq!(binaries, listed);
}
