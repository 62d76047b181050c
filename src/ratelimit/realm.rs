//! The realm-wide registry: every client of one workspace in a realm (a JS realm is one thread
//! of wasm; natively, one thread) shares one [`RateLimiter`].
//!
//! Entries are keyed by a hash of the API key and `x-as-workspace` ([`workspace_hash`]), never
//! the key, and by the coordinator's id when there is one. An entry lives while a client holds
//! it and, after the last client is gone, until its workspace windows are idle (nothing in
//! flight or queued, the last completion older than a minute plus margin), so a client made per
//! request still sees the requests of the one before it. Idle entries nobody holds are dropped
//! whenever a client registers, so the registry holds at most the workspaces used within the
//! last minute.

use super::{RateLimit, RateLimiter, SharedCoordinator};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::rc::Rc;

/// `(workspace hash, coordinator id)`.
type Key = (String, Option<u64>);

thread_local! {
    static REGISTRY: RefCell<Vec<(Key, Rc<RateLimiter>)>> = const { RefCell::new(Vec::new()) };
}

/// Hex of the first 16 bytes of SHA-256 over the key and workspace id (or, without a key, the
/// base URL, whose proxy holds it): what a coordinator sees instead of the key.
pub fn workspace_hash(api_key: Option<&str>, workspace_id: Option<&str>, base_url: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"instantly-wasm rate budget v1\0");
    match api_key {
        Some(k) => {
            h.update(b"key\0");
            h.update(k.as_bytes());
        }
        None => {
            h.update(b"proxy\0");
            h.update(base_url.as_bytes());
        }
    }
    h.update(b"\0");
    h.update(workspace_id.unwrap_or("").as_bytes());
    crate::text::hex(&h.finalize()[..16])
}

/// The realm's limiter for `workspace` (documented limits), made on first use. `now` (ms) is
/// used to drop idle entries that no client holds.
pub fn shared_limiter(
    workspace: &str,
    coordinator: Option<SharedCoordinator>,
    now: f64,
) -> Rc<RateLimiter> {
    let key: Key = (
        workspace.to_string(),
        coordinator.as_ref().map(|c| c.0.id()),
    );
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.retain(|(_, l)| Rc::strong_count(l) > 1 || !l.is_idle(now));
        if let Some((_, l)) = r.iter().find(|(k, _)| *k == key) {
            return l.clone();
        }
        let limiter = Rc::new(RateLimiter::with_coordinator(
            &RateLimit::default(),
            workspace.to_string(),
            coordinator,
        ));
        r.push((key, limiter.clone()));
        limiter
    })
}

/// How many limiters the registry holds (for tests of the eviction).
pub fn registry_len() -> usize {
    REGISTRY.with(|r| r.borrow().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_hides_the_key_and_separates_workspaces() {
        let a = workspace_hash(Some("secret-key"), None, "https://api.instantly.ai");
        assert_eq!(a.len(), 32);
        assert!(!a.contains("secret"));
        assert_eq!(a, workspace_hash(Some("secret-key"), None, "http://other"));
        assert_ne!(a, workspace_hash(Some("secret-key"), Some("ws"), "x"));
        assert_ne!(a, workspace_hash(Some("other-key"), None, "x"));
    }

    #[test]
    fn clients_share_until_dropped_and_idle() {
        let a = shared_limiter("w1", None, 0.0);
        let b = shared_limiter("w1", None, 0.0);
        assert!(Rc::ptr_eq(&a, &b));
        let c = shared_limiter("w2", None, 0.0);
        assert!(!Rc::ptr_eq(&a, &c));
        drop((a, b, c));
        assert_eq!(registry_len(), 2);
        // Idle and unheld: dropped when the next client registers.
        let _d = shared_limiter("w3", None, 1.0);
        assert_eq!(registry_len(), 1);
    }
}
