//! One small in-place sort for the few lists the client orders (import report rows by index,
//! query keys, rate-limit slots).
//!
//! `sort_unstable_by` instantiates a ~2.5 KB quicksort with its small-sort networks for every
//! element type; six of them were 3 % of the wasm. This heapsort is a few hundred bytes per type,
//! `O(n log n)` in the worst case, allocates nothing and never panics (a comparator that is not a
//! total order gives some order, as with the standard sorts). It is not stable: every caller
//! sorts by unique keys, or by values whose equal elements cannot be told apart.

/// Sorts `v` in place so that no element is `less` than the one before it.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let len = v.len();
    for start in (0..len / 2).rev() {
        sift_down(v, start, len, &mut less);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &mut less);
    }
}

/// Sorts `v` in place by `key`.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

/// Moves `v[node]` down the max-heap `v[..end]` until neither child is greater.
fn sift_down<T>(v: &mut [T], mut node: usize, end: usize, less: &mut impl FnMut(&T, &T) -> bool) {
    let end = end.min(v.len());
    loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[node], &v[child]) {
            return;
        }
        v.swap(node, child);
        node = child;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_lists() {
        let mut empty: [u8; 0] = [];
        sort_by(&mut empty, |a, b| a < b);
        let mut one = [7];
        sort_by(&mut one, |a, b| a < b);
        assert_eq!(one, [7]);
        let mut two = [2, 1];
        sort_by(&mut two, |a, b| a < b);
        assert_eq!(two, [1, 2]);
        let mut three = [3, 1, 2];
        sort_by_key(&mut three, |x| std::cmp::Reverse(*x));
        assert_eq!(three, [3, 2, 1]);
    }

    #[test]
    fn a_comparator_that_is_not_an_order_ends_without_panic() {
        let mut v: Vec<u32> = (0..100).collect();
        let mut n = 0u32;
        sort_by(&mut v, |_, _| {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            n & 4 == 0
        });
        v.sort_unstable();
        assert_eq!(
            v,
            (0..100).collect::<Vec<_>>(),
            "no element lost or repeated"
        );
    }

    proptest! {
        #[test]
        fn orders_like_the_standard_sort(mut v in prop::collection::vec(any::<i16>(), 0..200)) {
            let mut want = v.clone();
            want.sort();
            sort_by(&mut v, |a, b| a < b);
            prop_assert_eq!(v, want);
        }

        #[test]
        fn orders_floats_by_total_order(mut v in prop::collection::vec(any::<f64>(), 0..60)) {
            let mut want = v.clone();
            want.sort_by(f64::total_cmp);
            sort_by(&mut v, |a, b| a.total_cmp(b).is_lt());
            prop_assert_eq!(
                v.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                want.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            );
        }
    }
}
