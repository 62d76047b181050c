//! Which input rows an import has accounted for: the spans behind its checkpoint.
//!
//! Rows are read in order and grouped into contiguous spans: a chunk's rows (with the rows
//! refused between them), or a run of rows a resumed import skips. A span is `Done` once every
//! row in it is accounted for, `Sending` while its request may be in flight, and `Unsent` when
//! the import stopped before sending it. The checkpoint is the longest done prefix (`next`),
//! the done spans after it, and the sending ones (`unsure`).

use crate::models::ImportCheckpoint;
use std::collections::VecDeque;

/// Where a span stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Its request may be in flight (or was, when an attempt failed ambiguously).
    Sending,
    /// Every row is accounted for.
    Done,
    /// Never sent: a resumed import reads it again.
    Unsent,
}

/// The spans after the done prefix.
#[derive(Debug, Default)]
pub struct Spans {
    done_to: u64,
    /// `(start, end, state)`, in order and contiguous from `done_to`.
    open: VecDeque<(u64, u64, State)>,
}

impl Spans {
    /// Appends `[start, end)`; returns its id (its start). Done spans merge with a done
    /// neighbour.
    pub fn push(&mut self, start: u64, end: u64, state: State) -> u64 {
        if start >= end {
            return start;
        }
        if state == State::Done {
            if let Some(last) = self.open.back_mut() {
                if last.2 == State::Done && last.1 == start {
                    last.1 = end;
                    self.compact();
                    return start;
                }
            }
        }
        self.open.push_back((start, end, state));
        self.compact();
        start
    }

    /// Sets the state of the span that starts at `id`.
    pub fn set(&mut self, id: u64, state: State) {
        if let Some(span) = self.open.iter_mut().find(|s| s.0 == id) {
            span.2 = state;
        }
        self.compact();
    }

    fn compact(&mut self) {
        while let Some(&(start, end, State::Done)) = self.open.front() {
            if start != self.done_to {
                break;
            }
            self.done_to = end;
            self.open.pop_front();
        }
    }

    /// The checkpoint: a resumed run skips what it covers.
    pub fn checkpoint(&self) -> ImportCheckpoint {
        let mut cp = ImportCheckpoint {
            next: self.done_to,
            ..Default::default()
        };
        for &(start, end, state) in &self.open {
            let list = match state {
                State::Done => &mut cp.done,
                State::Sending => &mut cp.unsure,
                State::Unsent => continue,
            };
            match list.last_mut() {
                Some(last) if last[1] == start => last[1] = end,
                _ => list.push([start, end]),
            }
        }
        cp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkpoint_is_the_done_prefix_plus_later_done_and_sending_spans() {
        let mut s = Spans::default();
        let a = s.push(0, 10, State::Sending);
        let b = s.push(10, 20, State::Sending);
        s.push(20, 25, State::Done);
        let c = s.push(25, 30, State::Sending);
        assert_eq!(
            s.checkpoint(),
            ImportCheckpoint {
                next: 0,
                done: vec![[20, 25]],
                unsure: vec![[0, 20], [25, 30]]
            }
        );
        s.set(b, State::Done);
        assert_eq!(s.checkpoint().done, vec![[10, 25]]);
        s.set(a, State::Done);
        assert_eq!(s.checkpoint().next, 25);
        s.set(c, State::Unsent);
        let cp = s.checkpoint();
        assert_eq!((cp.next, cp.done.len(), cp.unsure.len()), (25, 0, 0));
        assert!(cp.covers(24) && !cp.covers(25));
    }

    #[test]
    fn done_spans_merge_only_with_an_adjacent_done_span() {
        let mut s = Spans::default();
        s.push(0, 5, State::Sending);
        s.push(5, 8, State::Done);
        s.push(10, 12, State::Done);
        assert_eq!(s.checkpoint().done, vec![[5, 8], [10, 12]]);
        s.push(12, 14, State::Done);
        assert_eq!(s.checkpoint().done, vec![[5, 8], [10, 14]]);
    }
}
