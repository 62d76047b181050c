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
struct Slot {
    generation: u32,
    live: bool,
    /// Set by a wake: the future waiting on the slot may go on.
    woken: bool,
    /// The waker of the future waiting on the slot.
    waker: Option<Waker>,
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

    /// Marks the slot woken and hands back the waker of the future waiting on it, to be woken
    /// once the slab is released. A number no live slot answers to does nothing.
    pub(crate) fn wake(&mut self, slot: f64) -> Option<Waker> {
        let e = self.get(slot)?;
        e.woken = true;
        e.waker.take()
    }

    /// Whether the wait on the slot is over (it was woken, or no live slot has the number);
    /// otherwise `waker` is kept for [`Slots::wake`].
    pub(crate) fn ready(&mut self, slot: f64, waker: &Waker) -> bool {
        match self.get(slot) {
            Some(e) if !e.woken => {
                e.waker = Some(waker.clone());
                false
            }
            _ => true,
        }
    }

    /// Whether the live slot with this number was woken.
    pub(crate) fn woken(&mut self, slot: f64) -> bool {
        self.get(slot).is_some_and(|e| e.woken)
    }

    /// The live slot with this number (`None` for a closed, reused or malformed number).
    fn get(&mut self, slot: f64) -> Option<&mut Slot> {
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
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::task::Wake;

    /// A waker that counts its wakes.
    struct Count(AtomicUsize);

    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counting() -> (Arc<Count>, Waker) {
        let count = Arc::new(Count(AtomicUsize::new(0)));
        (count.clone(), Waker::from(count))
    }

    #[test]
    fn a_wait_ends_when_its_slot_is_woken_and_not_before() {
        let mut slots = Slots::new();
        let a = slots.open().expect("a slot");
        let b = slots.open().expect("a slot");
        assert_ne!(a, b);
        let (count, waker) = counting();
        assert!(!slots.ready(a, &waker), "a new slot is waited on");
        assert!(!slots.woken(a));
        assert!(slots.wake(b).is_none(), "b has no waiting future yet");
        assert!(slots.ready(b, &waker), "a wake before the wait is not lost");
        assert!(!slots.ready(a, &waker), "waking b leaves a waiting");
        let kept = slots.wake(a).expect("the waker a's future left");
        kept.wake();
        assert_eq!(count.0.load(Ordering::SeqCst), 1);
        assert!(slots.woken(a) && slots.ready(a, &waker));
        assert!(slots.wake(a).is_none(), "a second wake finds no waker");
        slots.close(a);
        assert!(!slots.woken(a));
        assert!(
            slots.ready(a, &waker),
            "a closed slot never keeps a wait going"
        );
        assert!(slots.woken(b), "closing a leaves b");
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
        let (_, waker) = counting();
        assert!(!slots.ready(new, &waker), "and the new slot starts unwoken");
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
            -INDEX_SPAN,
            a + 0.5,
            f64::NAN,
            f64::INFINITY,
            f64::from(GENERATIONS) * INDEX_SPAN,
            1e300,
            7.0,
        ] {
            assert!(slots.get(bad).is_none(), "{bad}");
        }
        slots.close(f64::NAN);
        assert!(slots.get(a).is_some());
    }
}
