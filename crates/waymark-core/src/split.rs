//! Split assignment (`waymark-split/1`): which path of a weighted split a customer takes.
//!
//! The assignment is a hash of the customer's id and the split's id, not a random draw, so that
//! any runtime given the exported plan puts every customer on the same path as the simulator.
//! `docs/export.md` spells the algorithm out for runtime authors; change nothing here without a
//! new name for the algorithm.

/// The name of the algorithm, as exported plans and BPMN headers give it.
pub const ALGORITHM: &str = "waymark-split/1";

/// Buckets run from 0 to this number (exclusive); one bucket is a hundredth of a percent.
pub const BUCKETS: u32 = 10_000;

/// Separates the customer id from the split id in the hashed text (ASCII unit separator).
pub const SEPARATOR: char = '\u{1f}';

/// The bucket of a customer at a split, in `0..BUCKETS`: FNV-1a (64-bit) over the UTF-8 bytes of
/// `customer_id`, the separator and `split_id`, modulo 10,000.
pub fn split_bucket(customer_id: &str, split_id: &str) -> u32 {
    let mut hash = FNV_OFFSET_BASIS;
    let separator = [SEPARATOR as u8];
    for &byte in customer_id.as_bytes().iter().chain(&separator).chain(split_id.as_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    (hash % u64::from(BUCKETS)) as u32
}

/// The id a split is hashed under: the journey's id and the node's id, joined by `/`, so that
/// splits of the same name in two journeys do not assign the same customers alike.
pub fn split_id(journey_id: &str, node_id: &str) -> String {
    format!("{journey_id}/{node_id}")
}

/// Where each path's range of buckets ends, from the paths' weights in percent: the running
/// total of the weights times 100, rounded to the nearest integer (halves away from zero) and
/// kept within `0..=BUCKETS`; the last path always ends at `BUCKETS`. Path `k` owns the buckets
/// from the end of path `k - 1` (0 for the first) up to, not including, its own end.
pub fn bucket_ends(weights: &[f64]) -> Vec<u32> {
    let mut total = 0.0;
    let mut ends: Vec<u32> = weights
        .iter()
        .map(|weight| {
            total += weight.max(0.0);
            (total * 100.0).round().clamp(0.0, f64::from(BUCKETS)) as u32
        })
        .collect();
    if let Some(last) = ends.last_mut() {
        *last = BUCKETS;
    }
    ends
}

/// The path (index) that owns `bucket`, given the ends from `bucket_ends`.
pub fn path_of(bucket: u32, ends: &[u32]) -> usize {
    ends.iter().position(|end| bucket < *end).unwrap_or(ends.len().saturating_sub(1))
}

const FNV_OFFSET_BASIS: u64 = 0xCBF2_9CE4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01B3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_pinned() {
        // These values are the contract with runtimes: docs/export.md shows the first one worked.
        let got: Vec<u32> = [("c1", "trial-to-paid/holdout_split"), ("c2", "trial-to-paid/holdout_split"), ("", "")]
            .iter()
            .map(|(customer, split)| split_bucket(customer, split))
            .collect();
        expect_test::expect![[r#"
            [
                6294,
                2715,
                9886,
            ]
        "#]]
        .assert_debug_eq(&got);
    }

    #[test]
    fn ends_round_the_running_total() {
        assert_eq!(bucket_ends(&[90.0, 10.0]), vec![9_000, 10_000]);
        assert_eq!(bucket_ends(&[33.33, 33.33, 33.34]), vec![3_333, 6_666, 10_000]);
        assert_eq!(bucket_ends(&[12.125, 87.875]), vec![1_213, 10_000], "halves round away from zero");
        assert_eq!(bucket_ends(&[100.0]), vec![10_000]);
        assert_eq!(path_of(0, &[9_000, 10_000]), 0);
        assert_eq!(path_of(8_999, &[9_000, 10_000]), 0);
        assert_eq!(path_of(9_000, &[9_000, 10_000]), 1);
    }

    #[test]
    fn buckets_spread_evenly_over_customer_ids() {
        let ends = bucket_ends(&[10.0, 20.0, 70.0]);
        let mut counts = [0u32; 3];
        for index in 1..=100_000 {
            counts[path_of(split_bucket(&format!("c{index}"), "journey/split"), &ends)] += 1;
        }
        for (count, expected) in counts.iter().zip([10_000.0, 20_000.0, 70_000.0]) {
            assert!((f64::from(*count) - expected).abs() < expected * 0.03, "{counts:?}");
        }
    }
}
