//! One limit as a sliding window over request completions, optionally paced.

use std::collections::VecDeque;

/// A sliding window of `limit` requests per `period_ms` (plus a margin of `period / 50`).
///
/// A granted request counts as *in flight* until it completes, then by its completion time:
/// the server counts a request when it arrives, which is no later than when its answer (or
/// failure) is seen, so a window over completions never admits more than the server allows,
/// however late a granted request actually leaves. A paced window also spaces grants
/// `period / limit` apart after a burst of a tenth of the limit (a GCRA schedule).
#[derive(Debug)]
pub(super) struct Window {
    limit: u32,
    period_ms: f64,
    paced: bool,
    /// Completion times, oldest first; at most `limit` entries.
    log: VecDeque<f64>,
    /// Granted, not yet completed.
    in_flight: usize,
    /// Theoretical arrival time of the next paced grant.
    tat: f64,
}

impl Window {
    pub(super) fn new(limit: u32, period_ms: f64, paced: bool) -> Self {
        Window {
            limit,
            period_ms,
            paced,
            log: VecDeque::new(),
            in_flight: 0,
            tat: f64::NEG_INFINITY,
        }
    }

    fn horizon(&self) -> f64 {
        self.period_ms + self.period_ms / 50.0
    }

    fn effective_limit(&self, factor: f64) -> u32 {
        if self.paced {
            ((self.limit as f64 * factor).floor() as u32).max(1)
        } else {
            self.limit
        }
    }

    /// Milliseconds until a grant is allowed at `now`: 0 for now, `INFINITY` while requests in
    /// flight alone fill the window (a completion must come first).
    pub(super) fn wait(&mut self, now: f64, factor: f64) -> f64 {
        let horizon = self.horizon();
        while self.log.front().is_some_and(|&t| now - t >= horizon) {
            self.log.pop_front();
        }
        let limit = self.effective_limit(factor) as usize;
        let counted = self.log.len() + self.in_flight;
        let mut wait = if counted < limit {
            0.0
        } else if self.in_flight >= limit {
            f64::INFINITY
        } else {
            self.log[counted - limit] + horizon - now
        };
        if self.paced {
            let spacing = self.period_ms / limit as f64;
            let tolerance = spacing * ((limit / 10).max(1) - 1) as f64;
            wait = wait.max(self.tat - tolerance - now);
        }
        if wait < 1e-6 {
            0.0
        } else {
            wait
        }
    }

    /// Granted, not yet completed.
    pub(super) fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Nothing in flight, no completion within the last `period + margin` and no pacing debt.
    pub(super) fn is_idle(&self, now: f64) -> bool {
        self.in_flight == 0
            && self.tat <= now
            && self.log.back().map_or(true, |&t| now - t >= self.horizon())
    }

    /// Records a grant at `now`.
    pub(super) fn grant(&mut self, now: f64, factor: f64) {
        self.in_flight += 1;
        if self.paced {
            let spacing = self.period_ms / self.effective_limit(factor) as f64;
            self.tat = self.tat.max(now) + spacing;
        }
    }

    /// Records the completion, at `now`, of a granted request.
    pub(super) fn complete(&mut self, now: f64) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let at = self.log.back().map_or(now, |&last| now.max(last));
        self.log.push_back(at);
        while self.log.len() > self.limit as usize {
            self.log.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_counts_completions_within_period_plus_margin() {
        let mut w = Window::new(3, 1000.0, false);
        for _ in 0..3 {
            assert_eq!(w.wait(0.0, 1.0), 0.0);
            w.grant(0.0, 1.0);
        }
        assert_eq!(w.wait(0.0, 1.0), f64::INFINITY, "three in flight fill it");
        w.complete(5.0);
        assert_eq!(
            w.wait(5.0, 1.0),
            1020.0,
            "until the completion at 5 is 1020 ms old"
        );
        w.complete(5.0);
        w.complete(7.0);
        assert_eq!(
            w.wait(10.0, 1.0),
            1015.0,
            "the first completion expires at 5 + 1020"
        );
        assert_eq!(w.wait(1025.0, 1.0), 0.0);
    }

    #[test]
    fn a_paced_window_allows_a_tenth_as_burst_then_spaces_grants() {
        let mut w = Window::new(100, 1000.0, true);
        for _ in 0..10 {
            assert_eq!(w.wait(0.0, 1.0), 0.0);
            w.grant(0.0, 1.0);
        }
        assert!((w.wait(0.0, 1.0) - 10.0).abs() < 1e-9);
        w.grant(10.0, 1.0);
        assert!((w.wait(10.0, 1.0) - 10.0).abs() < 1e-9);
        // Half speed after a 429: spacing doubles, burst halves.
        let mut slow = Window::new(100, 1000.0, true);
        for _ in 0..5 {
            assert_eq!(slow.wait(0.0, 0.5), 0.0);
            slow.grant(0.0, 0.5);
        }
        assert!((slow.wait(0.0, 0.5) - 20.0).abs() < 1e-9);
    }
}
