//! The chunks an import has in flight (at most [`super::MAX_CONCURRENCY`]).

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// Futures run side by side, their outputs taken as they finish. Each wake of the import polls
/// every future still running, in the order they were added, and answers the first that is
/// done: with a handful of chunks that costs less code than a ready queue with a waker per
/// future (`futures::stream::FuturesUnordered` took about 1.4 KB of the gzipped wasm), and the
/// futures it polls (fetches, timers, limiter turns) only check a flag when nothing happened.
pub(crate) struct InFlight<F> {
    futures: Vec<Pin<Box<F>>>,
}

impl<F: Future> InFlight<F> {
    pub(crate) fn new() -> Self {
        InFlight {
            futures: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, future: F) {
        self.futures.push(Box::pin(future));
    }

    pub(crate) fn len(&self) -> usize {
        self.futures.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.futures.is_empty()
    }

    /// The output of the next future to finish, which leaves the set; `None` when the set is
    /// empty.
    pub(crate) fn next(&mut self) -> impl Future<Output = Option<F::Output>> + Unpin + '_ {
        std::future::poll_fn(move |cx| {
            for i in 0..self.futures.len() {
                if let Poll::Ready(out) = self.futures[i].as_mut().poll(cx) {
                    drop(self.futures.remove(i));
                    return Poll::Ready(Some(out));
                }
            }
            if self.futures.is_empty() {
                Poll::Ready(None)
            } else {
                Poll::Pending
            }
        })
    }

    /// Awaits `other` while the futures in the set run (a chunk is sent, answered and retried
    /// while the import waits on a slow source): each that finishes leaves the set and its
    /// output goes to `on_done` at once. `None` when `on_done` answers false (stop waiting;
    /// `other` is dropped).
    pub(crate) fn while_running<'a, O, H>(
        &'a mut self,
        mut other: O,
        mut on_done: H,
    ) -> impl Future<Output = Option<O::Output>> + Unpin + 'a
    where
        O: Future + Unpin + 'a,
        H: FnMut(F::Output) -> bool + Unpin + 'a,
    {
        std::future::poll_fn(move |cx| {
            if let Poll::Ready(out) = Pin::new(&mut other).poll(cx) {
                return Poll::Ready(Some(out));
            }
            let mut i = 0;
            while i < self.futures.len() {
                match self.futures[i].as_mut().poll(cx) {
                    Poll::Ready(out) => {
                        drop(self.futures.remove(i));
                        if !on_done(out) {
                            return Poll::Ready(None);
                        }
                    }
                    Poll::Pending => i += 1,
                }
            }
            Poll::Pending
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::channel::oneshot;
    use std::task::Context;

    async fn answer(rx: oneshot::Receiver<u32>) -> u32 {
        rx.await.unwrap_or(0)
    }

    #[test]
    fn each_output_comes_once_as_its_future_finishes_then_none() {
        let waker = futures::task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut set = InFlight::new();
        assert_eq!(Pin::new(&mut set.next()).poll(&mut cx), Poll::Ready(None));
        let (a, b, c) = (oneshot::channel(), oneshot::channel(), oneshot::channel());
        set.push(answer(a.1));
        set.push(answer(b.1));
        set.push(answer(c.1));
        assert_eq!(set.len(), 3);
        assert!(!set.is_empty());
        assert_eq!(Pin::new(&mut set.next()).poll(&mut cx), Poll::Pending);
        b.0.send(2).unwrap();
        assert_eq!(
            Pin::new(&mut set.next()).poll(&mut cx),
            Poll::Ready(Some(2))
        );
        assert_eq!(set.len(), 2);
        assert_eq!(Pin::new(&mut set.next()).poll(&mut cx), Poll::Pending);
        // Two done at once: the one added first comes first, the other on the next call.
        c.0.send(3).unwrap();
        a.0.send(1).unwrap();
        assert_eq!(
            Pin::new(&mut set.next()).poll(&mut cx),
            Poll::Ready(Some(1))
        );
        assert_eq!(
            Pin::new(&mut set.next()).poll(&mut cx),
            Poll::Ready(Some(3))
        );
        assert!(set.is_empty());
        assert_eq!(Pin::new(&mut set.next()).poll(&mut cx), Poll::Ready(None));
    }

    /// While the set waits on another future, its futures run, and each that finishes goes to
    /// the handler at once; a handler answering false ends the wait.
    #[test]
    fn futures_finishing_during_another_wait_go_to_the_handler() {
        let waker = futures::task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut set = InFlight::new();
        let (a, b, c) = (oneshot::channel(), oneshot::channel(), oneshot::channel());
        set.push(answer(a.1));
        set.push(answer(b.1));
        set.push(answer(c.1));
        let (other_tx, mut other) = oneshot::channel::<u32>();
        let mut seen = Vec::new();
        {
            let mut wait = set.while_running(&mut other, |out| {
                seen.push(out);
                true
            });
            assert_eq!(Pin::new(&mut wait).poll(&mut cx), Poll::Pending);
            b.0.send(2).unwrap();
            assert_eq!(Pin::new(&mut wait).poll(&mut cx), Poll::Pending);
            other_tx.send(7).unwrap();
            assert_eq!(Pin::new(&mut wait).poll(&mut cx), Poll::Ready(Some(Ok(7))));
        }
        assert_eq!(seen, vec![2]);
        assert_eq!(set.len(), 2);
        // A handler answering false stops the wait, the other future unfinished.
        let (_keep, mut never) = oneshot::channel::<u32>();
        {
            let mut wait = set.while_running(&mut never, |out| {
                seen.push(out);
                false
            });
            a.0.send(1).unwrap();
            assert_eq!(Pin::new(&mut wait).poll(&mut cx), Poll::Ready(None));
        }
        assert_eq!(seen, vec![2, 1]);
        assert_eq!(set.len(), 1);
        c.0.send(3).unwrap();
        assert_eq!(
            Pin::new(&mut set.next()).poll(&mut cx),
            Poll::Ready(Some(3))
        );
        assert!(set.is_empty());
    }
}
