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
        // Floating-point residue of the sums above: a wait under a microsecond is none.
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

    #[test]
    fn only_completions_older_than_the_horizon_leave_the_window() {
        // A completion at 0 is 1010 ms from leaving a window of 1/s (period + 2 % margin).
        let mut w = Window::new(1, 1000.0, false);
        w.grant(0.0, 1.0);
        w.complete(0.0);
        assert_eq!(w.wait(10.0, 1.0), 1010.0);
        // A completion just inside the horizon still counts, and the wait it leaves is exact.
        let mut w = Window::new(1, 1000.0, false);
        w.grant(0.0, 1.0);
        w.complete(0.5);
        assert_eq!(w.wait(600.0, 1.0), 420.5);
        assert_eq!(w.wait(1020.5, 1.0), 0.0, "gone at exactly the horizon");
    }

    #[test]
    fn a_wait_below_a_microsecond_is_no_wait() {
        let mut w = Window::new(1, 1000.0, false);
        w.grant(0.0, 1.0);
        w.complete(0.0);
        let now = 1020.0 - 5e-7;
        assert!(now < 1020.0);
        assert_eq!(w.wait(now, 1.0), 0.0);
        assert!(w.wait(1019.0, 1.0) > 0.9);
    }

    #[test]
    fn in_flight_counts_grants_until_they_complete() {
        let mut w = Window::new(5, 1000.0, false);
        assert_eq!(w.in_flight(), 0);
        w.grant(0.0, 1.0);
        w.grant(0.0, 1.0);
        assert_eq!(w.in_flight(), 2);
        w.complete(1.0);
        assert_eq!(w.in_flight(), 1);
    }

    #[test]
    fn a_window_is_idle_with_nothing_in_flight_recent_or_owed() {
        let mut w = Window::new(5, 1000.0, false);
        assert!(w.is_idle(0.0), "a new window");
        w.grant(0.0, 1.0);
        assert!(!w.is_idle(5000.0), "a request in flight");
        w.complete(100.0);
        assert!(!w.is_idle(100.0), "a completion just now");
        assert!(!w.is_idle(1119.9), "a completion within the horizon");
        assert!(w.is_idle(1120.0), "the completion left the window");
        // Pacing debt: the next grant is scheduled after `now`.
        let mut paced = Window::new(10, 1000.0, true);
        paced.grant(0.0, 1.0);
        paced.complete(0.0);
        assert!(!paced.is_idle(50.0), "owed spacing and a recent completion");
        // Twenty grants at once owe 20 × 100 ms of spacing: the window is not idle until 2 s,
        // though its completions left it at 1.02 s.
        let mut owed = Window::new(10, 1000.0, true);
        for _ in 0..20 {
            owed.grant(0.0, 1.0);
            owed.complete(0.0);
        }
        assert!(!owed.is_idle(1500.0));
        assert!(owed.is_idle(2000.0));
    }

    #[test]
    fn only_a_wait_under_a_microsecond_counts_as_none() {
        // One request per second (horizon 1020 ms), completed at -1020: the window frees at
        // exactly 0, so the wait at `now` is exactly `-now`.
        let mut w = Window::new(1, 1000.0, false);
        w.grant(-1020.0, 1.0);
        w.complete(-1020.0);
        assert_eq!(w.wait(-5e-7, 1.0), 0.0, "half a microsecond is residue");
        assert_eq!(w.wait(-1e-6, 1.0), 1e-6, "a microsecond is a wait");
        assert_eq!(w.wait(-2e-6, 1.0), 2e-6);
    }
}
