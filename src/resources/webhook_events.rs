//! `client.webhook_events()`: the delivery log (`/webhook-events`): list, get, summary,
//! summary by date. Each record is a [`WebhookDelivery`] (the spec's `WebhookEvent`).

use super::item_path;
use crate::client::{Client, RequestOptions};
use crate::error::{Error, Result};
use crate::http::{ApiRequest, Clock, PathFormat, Transport};
use crate::models::{
    WebhookDelivery, WebhookDeliveryListParams, WebhookDeliveryPage, WebhookDeliverySummary,
    WebhookDeliverySummaryByDate, WebhookDeliverySummaryParams,
};
use crate::paginate::Paginator;
use crate::validate::Validate;

/// Delivery-log operations; get one with [`Client::webhook_events`].
pub struct WebhookEvents<'a, T, C> {
    client: &'a Client<T, C>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Delivery-log operations.
    pub fn webhook_events(&self) -> WebhookEvents<'_, T, C> {
        WebhookEvents { client: self }
    }
}

impl<T: Transport, C: Clock> WebhookEvents<'_, T, C> {
    /// `GET /webhook-events`: one page of delivery attempts, filtered by success, day window
    /// (`from`/`to`, `YYYY-MM-DD`, inclusive) or an exact target URL / lead email (`search`).
    pub async fn list(
        &self,
        params: &WebhookDeliveryListParams,
        opts: &RequestOptions,
    ) -> Result<WebhookDeliveryPage> {
        params.validate()?;
        let req = ApiRequest::get("/webhook-events").query(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /webhook-events/{id}`.
    pub async fn get(&self, id: &str, opts: &RequestOptions) -> Result<WebhookDelivery> {
        if matches!(id, "summary" | "summary-by-date") {
            return Err(Error::validation(
                "id",
                format!("{id:?} is not a delivery id (use summary() or summaryByDate())"),
            ));
        }
        let req = ApiRequest::get(item_path("webhook-events", "id", id, PathFormat::Uuid, "")?);
        self.client.request(req, opts).await
    }

    /// `GET /webhook-events/summary`: totals and success/failure rates (0–100) of a window.
    pub async fn summary(
        &self,
        params: &WebhookDeliverySummaryParams,
        opts: &RequestOptions,
    ) -> Result<WebhookDeliverySummary> {
        params.validate()?;
        let req = ApiRequest::get("/webhook-events/summary").query(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /webhook-events/summary-by-date`: the same counts per day.
    pub async fn summary_by_date(
        &self,
        params: &WebhookDeliverySummaryParams,
        opts: &RequestOptions,
    ) -> Result<WebhookDeliverySummaryByDate> {
        params.validate()?;
        let req = ApiRequest::get("/webhook-events/summary-by-date").query(params)?;
        self.client.request(req, opts).await
    }
}

impl<'a, T: Transport, C: Clock> WebhookEvents<'a, T, C> {
    /// Walks every delivery attempt `params` selects, fetching `GET /webhook-events` pages
    /// lazily (cursor in the query); stops after `max_items` items when given. See
    /// [`crate::paginate`].
    pub fn list_all(
        &self,
        params: WebhookDeliveryListParams,
        max_items: Option<u64>,
        opts: RequestOptions,
    ) -> Paginator<'a, &'a Client<T, C>, WebhookDeliveryListParams> {
        self.client.list_all(params, max_items, opts)
    }
}
