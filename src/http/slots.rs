//! Wake-up slots: how JavaScript callbacks (a timer firing, a fetch attempt settling) reach the
//! Rust future waiting for them by number, through one permanent callback instead of a closure
//! per event (see `fetch.rs`). Plain Rust, tested natively.

use std::task::Waker;

/// A slab of wake-up slots. A slot's number carries its index and the generation of that index,
/// so a late wake (an aborted attempt settling, a timer that could not be cleared) cannot wake a
/// later slot that reuses the index.
pub(crate) struct Slots {
    entries: Vec<Slot>,
    free: Vec<u32>,
}

#[derive(Default)]
pub(crate) struct Slot {
    generation: u32,
    live: bool,
    /// Set by a wake: the future waiting on the slot may go on.
    pub(crate) woken: bool,
    /// The waker of the future waiting on the slot.
    pub(crate) waker: Option<Waker>,
}

/// Generations wrap at 2²⁰ so that a slot number (generation × 2³² + index) stays an exact
/// JS number; a stale wake would have to outlive a million reuses of its index.
const GENERATIONS: u32 = 1 << 20;
const INDEX_SPAN: f64 = 4_294_967_296.0;

impl Slots {
    /// An empty slab.
    pub(crate) const fn new() -> Slots {
        Slots {
            entries: Vec::new(),
            free: Vec::new(),
        }
    }

    /// A new live slot, not woken; its number (`None` once the slab holds 2³² slots, which no
    /// 32-bit address space can).
    pub(crate) fn open(&mut self) -> Option<f64> {
        let index = match self.free.pop() {
            Some(i) => i,
            None => {
                let i = u32::try_from(self.entries.len()).ok()?;
                self.entries.push(Slot::default());
                i
            }
        };
        let e = self.entries.get_mut(index as usize)?;
        e.live = true;
        e.woken = false;
        e.waker = None;
        Some(f64::from(e.generation) * INDEX_SPAN + f64::from(index))
    }

    /// The live slot with this number (`None` for a closed, reused or malformed number).
    pub(crate) fn get(&mut self, slot: f64) -> Option<&mut Slot> {
        // A negative or fractional number would truncate onto a real slot; a number beyond the
        // last generation has a generation no slot carries.
        if !(slot >= 0.0 && slot.fract() == 0.0) {
            return None;
        }
        let generation = (slot / INDEX_SPAN).floor() as u32;
        let index = (slot % INDEX_SPAN) as u32;
        self.entries
            .get_mut(index as usize)
            .filter(|e| e.live && e.generation == generation)
    }

    /// Closes the slot: later wakes with its number are ignored, and its index is reused
    /// under the next generation.
    pub(crate) fn close(&mut self, slot: f64) {
        let index = (slot % INDEX_SPAN) as u32;
        if let Some(e) = self.get(slot) {
            e.live = false;
            e.waker = None;
            e.generation = (e.generation + 1) % GENERATIONS;
            self.free.push(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_found_by_its_number_until_closed() {
        let mut slots = Slots::new();
        let a = slots.open().expect("a slot");
        let b = slots.open().expect("a slot");
        assert_ne!(a, b);
        assert!(slots.get(a).is_some_and(|s| !s.woken));
        if let Some(s) = slots.get(a) {
            s.woken = true;
        }
        assert!(slots.get(a).is_some_and(|s| s.woken));
        assert!(slots.get(b).is_some_and(|s| !s.woken));
        slots.close(a);
        assert!(slots.get(a).is_none());
        assert!(slots.get(b).is_some());
    }

    #[test]
    fn a_reused_index_does_not_answer_to_the_old_number() {
        let mut slots = Slots::new();
        let old = slots.open().expect("a slot");
        slots.close(old);
        let new = slots.open().expect("a slot");
        assert_ne!(old, new, "same index, next generation");
        assert_eq!(new % INDEX_SPAN, old % INDEX_SPAN);
        assert!(
            slots.get(old).is_none(),
            "a late wake of the closed slot is ignored"
        );
        assert!(
            slots.get(new).is_some_and(|s| !s.woken),
            "and the new slot starts unwoken"
        );
        slots.close(old);
        assert!(
            slots.get(new).is_some(),
            "closing a stale number leaves the new slot alone"
        );
    }

    #[test]
    fn generations_wrap_and_numbers_stay_exact_js_numbers() {
        let mut slots = Slots::new();
        let mut n = slots.open().expect("a slot");
        for _ in 0..GENERATIONS + 3 {
            slots.close(n);
            n = slots.open().expect("a slot");
            assert!(n < 9_007_199_254_740_992.0, "below 2^53");
            assert!(slots.get(n).is_some());
        }
        assert_eq!(slots.entries.len(), 1, "one index, reused");
    }

    #[test]
    fn malformed_numbers_match_no_slot() {
        let mut slots = Slots::new();
        let a = slots.open().expect("a slot");
        for bad in [
            -1.0,
            a + 0.5,
            f64::NAN,
            f64::INFINITY,
            f64::from(GENERATIONS) * INDEX_SPAN,
            7.0,
        ] {
            assert!(slots.get(bad).is_none(), "{bad}");
        }
        slots.close(f64::NAN);
        assert!(slots.get(a).is_some());
    }
}
