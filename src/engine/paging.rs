//! Walking a cursor-paginated list, one page at a time.
//!
//! List operations take `limit` and `starting_after` (in the query, or in the JSON body for
//! `POST /leads/list`) and answer `{ items, next_starting_after? }`. A [`Walk`] holds what the
//! next request needs and decides when to stop:
//!
//! * on a page **without items** (the service may still send a cursor with it: api-notes §7),
//!   on a page **without a cursor**, or once `max_items` items were handed out;
//! * a cursor that does not advance (the same value twice in a row) is an error, not an endless
//!   loop.
//!
//! Fetching is the caller's: [`crate::Client::paginate`] for Rust (a `Stream` of typed items),
//! the JS facade's `ListIterator` (items from `JSON.parse`). Both send through the request loop,
//! so the limiter, retries and cancellation apply to every page.

use super::table::{Operation, Paging};
use crate::error::{Error, ErrorKind, Result};
use crate::http::ApiRequest;
use serde_json::{Map, Value};

/// The state of a walk over one list.
#[derive(Debug, Clone)]
pub struct Walk {
    op: &'static Operation,
    path: Vec<String>,
    params: Map<String, Value>,
    /// `None` before the first page (the params' own `starting_after` applies).
    last_cursor: Option<String>,
    done: bool,
    remaining: Option<u64>,
    pages: u64,
}

impl Walk {
    /// A walk over what `params` selects, checked now (so bad params fail before any request).
    pub fn new(
        op: &'static Operation,
        path_values: &[&str],
        params: Value,
        max_items: Option<u64>,
    ) -> Result<Walk> {
        if op.paging == Paging::None {
            return Err(Error::validation(
                "operation",
                format!("{} is not a cursor-paginated list", op.call),
            ));
        }
        let params = super::params_object(op, params)?;
        // Check once, including the path values.
        super::prepare(op, path_values, Value::Object(params.clone()))?;
        Ok(Walk {
            op,
            path: path_values.iter().map(|s| s.to_string()).collect(),
            params,
            last_cursor: None,
            done: max_items == Some(0),
            remaining: max_items,
            pages: 0,
        })
    }

    /// Whether the walk has ended.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Pages fetched so far.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Ends the walk.
    pub fn stop(&mut self) {
        self.done = true;
    }

    /// The request for the next page, or `None` when the walk has ended.
    pub fn next_request(&self) -> Result<Option<ApiRequest>> {
        if self.done {
            return Ok(None);
        }
        let mut params = self.params.clone();
        if let Some(c) = &self.last_cursor {
            params.insert("starting_after".into(), Value::String(c.clone()));
        }
        let path: Vec<&str> = self.path.iter().map(String::as_str).collect();
        super::build::request(self.op, &path, params).map(Some)
    }

    /// Records a page of `items` items with cursor `next`; answers how many of its items to
    /// hand out (fewer than `items` when `max_items` is reached).
    pub fn on_page(&mut self, items: usize, next: Option<&str>) -> Result<usize> {
        self.pages += 1;
        let mut take = items as u64;
        if let Some(r) = self.remaining.as_mut() {
            take = take.min(*r);
            *r -= take;
            if *r == 0 {
                self.done = true;
            }
        }
        match next.filter(|c| !c.is_empty()) {
            _ if items == 0 => self.done = true,
            None => self.done = true,
            Some(c) => {
                if self.last_cursor.as_deref() == Some(c)
                    || (self.last_cursor.is_none()
                        && self.params.get("starting_after").and_then(Value::as_str) == Some(c))
                {
                    self.done = true;
                    return Err(Error::new(
                        ErrorKind::Decode,
                        format!(
                            "{} answered the cursor {} twice in a row; stopped instead of \
                             looping",
                            self.op.call,
                            super::formats::quote(c)
                        ),
                    ));
                }
                self.last_cursor = Some(c.to_string());
            }
        }
        Ok(take as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn walk(max_items: Option<u64>) -> Walk {
        let op = crate::engine::operation("campaigns.list").unwrap();
        Walk::new(op, &[], json!({ "limit": 2 }), max_items).unwrap()
    }

    #[test]
    fn a_walk_counts_pages_and_ends_on_a_page_without_a_cursor() {
        let mut w = walk(None);
        assert!(!w.is_done());
        assert_eq!(w.pages(), 0);
        assert_eq!(w.on_page(2, Some("c1")).unwrap(), 2);
        assert_eq!(w.pages(), 1);
        assert!(!w.is_done());
        let next = w.next_request().unwrap().unwrap();
        assert!(next
            .query
            .iter()
            .any(|(k, v)| k == "starting_after" && v == "c1"));
        assert_eq!(w.on_page(1, None).unwrap(), 1);
        assert_eq!(w.pages(), 2);
        assert!(w.is_done());
        assert!(w.next_request().unwrap().is_none());
    }

    #[test]
    fn stop_ends_the_walk_and_max_items_cuts_the_last_page() {
        let mut w = walk(None);
        w.stop();
        assert!(w.is_done());
        assert!(w.next_request().unwrap().is_none());
        let mut w = walk(Some(3));
        assert_eq!(w.on_page(2, Some("a")).unwrap(), 2);
        assert!(!w.is_done());
        assert_eq!(w.on_page(2, Some("b")).unwrap(), 1);
        assert!(w.is_done());
        assert!(walk(Some(0)).is_done());
    }
}
