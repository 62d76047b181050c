//! Auto-pagination: walk every item of a cursor-paginated list, one page in memory at a time.
//!
//! Every list route answers `{ items, next_starting_after? }` and takes the cursor back as
//! `starting_after`: in the query for `GET` lists, in the JSON body for `POST /leads/list`. Each
//! list's params type implements [`ListParams`], which knows its cursor field and which resource
//! method fetches a page, so one [`Paginator`] walks them all:
//!
//! * pages are fetched lazily, when the previous page's items are used up;
//! * the walk ends on a page **without items** (the API may still send a cursor with it), on a
//!   page **without a cursor**, after `max_items` items, or after an error (yielded once);
//! * a cursor that does not advance (the same value twice in a row) is an error rather than an
//!   endless loop;
//! * every page goes through the client's request loop, so the rate limiter, retries (list
//!   routes are retry-safe, `POST /leads/list` included) and cancellation apply.
//!
//! ```ignore
//! let mut all = client.campaigns().list_all(CampaignListParams::default(), None, opts);
//! while let Some(campaign) = all.next().await {
//!     let campaign = campaign?;
//! }
//! ```

use crate::client::{Client, RequestOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{Clock, Transport};
use crate::models::{
    CampaignListParams, CampaignPage, LeadListListParams, LeadListPage, LeadListParams, LeadPage,
};
use futures::future::LocalBoxFuture;
use futures::Stream;
use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A page of a cursor-paginated list.
pub trait Page {
    /// The item type.
    type Item;
    /// The items and the cursor of the next page.
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

/// The params of one list operation: where its cursor goes and how a page is fetched.
pub trait ListParams: Clone {
    /// The item type.
    type Item;
    /// The page type.
    type Page: Page<Item = Self::Item>;
    /// Sets `starting_after` (query or body, as the route needs).
    fn set_cursor(&mut self, cursor: Option<String>);
    /// Fetches one page with these params.
    fn fetch<'a, T: Transport, C: Clock>(
        client: &'a Client<T, C>,
        params: &'a Self,
        opts: &'a RequestOptions,
    ) -> impl Future<Output = Result<Self::Page>> + 'a;
}

enum Cursor {
    /// Nothing fetched yet: the params' own `starting_after` applies.
    Start,
    /// Fetch the page after this cursor next.
    After(String),
    /// No more pages.
    Done,
}

/// Walks every item of a list. `H` is how the walker holds the client: `&Client` in Rust,
/// `Rc<Client>` in the JS facade.
///
/// Use [`Paginator::next`] in a loop, or the [`Stream`] implementation.
pub struct Paginator<'a, H, P: ListParams> {
    client: H,
    params: P,
    opts: RequestOptions,
    page: std::vec::IntoIter<P::Item>,
    cursor: Cursor,
    remaining: Option<u64>,
    pending: Option<LocalBoxFuture<'a, Result<P::Page>>>,
    pages: u64,
}

impl<'a, T, C, H, P> Paginator<'a, H, P>
where
    H: Deref<Target = Client<T, C>> + Clone + 'a,
    T: Transport + 'a,
    C: Clock + 'a,
    P: ListParams + 'a,
{
    /// A walker over the list `params` selects (from `params.starting_after` if set), stopping
    /// after `max_items` items when given.
    pub fn new(client: H, params: P, max_items: Option<u64>, opts: RequestOptions) -> Self {
        Paginator {
            client,
            params,
            opts,
            page: Vec::new().into_iter(),
            cursor: if max_items == Some(0) {
                Cursor::Done
            } else {
                Cursor::Start
            },
            remaining: max_items,
            pending: None,
            pages: 0,
        }
    }

    /// The next item; `None` once the list (or `max_items`) is exhausted or after an error.
    pub async fn next(&mut self) -> Option<Result<P::Item>> {
        futures::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// How many pages were fetched so far.
    pub fn pages_fetched(&self) -> u64 {
        self.pages
    }

    /// Stops the walk: later calls to `next` return `None`, and a page in flight is dropped
    /// (which aborts its request).
    pub fn stop(&mut self) {
        self.cursor = Cursor::Done;
        self.pending = None;
        self.page = Vec::new().into_iter();
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<P::Item>>> {
        loop {
            if self.remaining == Some(0) {
                self.stop();
                return Poll::Ready(None);
            }
            if let Some(item) = self.page.next() {
                if let Some(r) = &mut self.remaining {
                    *r -= 1;
                }
                return Poll::Ready(Some(Ok(item)));
            }
            if self.pending.is_none() {
                let cursor = match std::mem::replace(&mut self.cursor, Cursor::Done) {
                    Cursor::Done => return Poll::Ready(None),
                    Cursor::Start => None,
                    Cursor::After(c) => Some(c),
                };
                let mut params = self.params.clone();
                if let Some(c) = cursor.clone() {
                    params.set_cursor(Some(c));
                }
                self.cursor = Cursor::After(cursor.unwrap_or_default());
                let client = self.client.clone();
                let opts = self.opts.clone();
                self.pending = Some(Box::pin(
                    async move { P::fetch(&client, &params, &opts).await },
                ));
            }
            let fetch = self.pending.as_mut().expect("a page fetch is in flight");
            let page = match fetch.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(page) => page,
            };
            self.pending = None;
            self.pages += 1;
            let previous = std::mem::replace(&mut self.cursor, Cursor::Done);
            let (items, next) = match page {
                Ok(page) => page.into_parts(),
                Err(e) => return Poll::Ready(Some(Err(e))),
            };
            if items.is_empty() {
                return Poll::Ready(None);
            }
            match (next, previous) {
                (Some(next), Cursor::After(prev)) if !prev.is_empty() && next == prev => {
                    return Poll::Ready(Some(Err(stuck_cursor(&next))));
                }
                (Some(next), _) if !next.is_empty() => self.cursor = Cursor::After(next),
                _ => {}
            }
            self.page = items.into_iter();
        }
    }
}

fn stuck_cursor(cursor: &str) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!(
            "pagination stopped: the API answered the same next_starting_after ({cursor:?}) \
             twice in a row"
        ),
    )
}

impl<'a, T, C, H, P> Stream for Paginator<'a, H, P>
where
    H: Deref<Target = Client<T, C>> + Clone + Unpin + 'a,
    T: Transport + 'a,
    C: Clock + 'a,
    P: ListParams + Unpin + 'a,
    P::Item: Unpin,
{
    type Item = Result<P::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Walks every item of the list `params` selects; see [`crate::paginate`].
    pub fn list_all<'a, P: ListParams + 'a>(
        &'a self,
        params: P,
        max_items: Option<u64>,
        opts: RequestOptions,
    ) -> Paginator<'a, &'a Self, P> {
        Paginator::new(self, params, max_items, opts)
    }
}

/// Implements [`ListParams`] for a params type with a `starting_after` field.
macro_rules! list_params {
    ($params:ty, $page:ty, $item:ty, |$client:ident, $p:ident, $o:ident| $fetch:expr) => {
        impl ListParams for $params {
            type Item = $item;
            type Page = $page;

            fn set_cursor(&mut self, cursor: Option<String>) {
                self.starting_after = cursor;
            }

            fn fetch<'a, T: Transport, C: Clock>(
                $client: &'a Client<T, C>,
                $p: &'a Self,
                $o: &'a RequestOptions,
            ) -> impl Future<Output = Result<Self::Page>> + 'a {
                $fetch
            }
        }
    };
}

list_params!(
    CampaignListParams,
    CampaignPage,
    crate::models::Campaign,
    |client, params, opts| async move { client.campaigns().list(params, opts).await }
);
list_params!(
    LeadListParams,
    LeadPage,
    crate::models::Lead,
    |client, params, opts| async move { client.leads().list(params, opts).await }
);
list_params!(
    LeadListListParams,
    LeadListPage,
    crate::models::LeadList,
    |client, params, opts| async move { client.lead_lists().list(params, opts).await }
);
list_params!(
    crate::models::WebhookListParams,
    crate::models::WebhookPage,
    crate::models::Webhook,
    |client, params, opts| async move { client.webhooks().list(params, opts).await }
);
list_params!(
    crate::models::WebhookDeliveryListParams,
    crate::models::WebhookDeliveryPage,
    crate::models::WebhookDelivery,
    |client, params, opts| async move { client.webhook_events().list(params, opts).await }
);

/// Options of every JS `listAll` (`{ maxItems? }`).
#[derive(tsify::Tsify, serde::Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct ListAllOptions {
    /// Stop after this many items (default: walk the whole list).
    #[serde(default)]
    #[tsify(optional)]
    pub max_items: Option<u64>,
}
