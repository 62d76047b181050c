//! `client.webhooks()`: list, create, get, update, delete, test, resume, event types.

use super::item_path;
use crate::client::{Client, RequestOptions};
use crate::error::{Error, Result};
use crate::http::{ApiRequest, Clock, PathFormat, Transport};
use crate::models::{
    Webhook, WebhookCreateParams, WebhookEventTypeList, WebhookListParams, WebhookPage,
    WebhookTestResult, WebhookUpdateParams,
};
use crate::paginate::Paginator;
use crate::validate::Validate;

/// Webhook subscription operations; get one with [`Client::webhooks`].
pub struct Webhooks<'a, T, C> {
    client: &'a Client<T, C>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Webhook subscription operations.
    pub fn webhooks(&self) -> Webhooks<'_, T, C> {
        Webhooks { client: self }
    }
}

/// `/webhooks/{id}`, refusing ids that would address a sibling route (`event-types`).
fn webhook_path(id: &str, suffix: &str) -> Result<String> {
    if id == "event-types" {
        return Err(Error::validation(
            "id",
            "\"event-types\" is not a webhook id (use eventTypes())",
        ));
    }
    item_path("webhooks", "id", id, PathFormat::Uuid, suffix)
}

impl<T: Transport, C: Clock> Webhooks<'_, T, C> {
    /// `GET /webhooks`: one page of subscriptions, optionally filtered by campaign and
    /// subscription type.
    pub async fn list(
        &self,
        params: &WebhookListParams,
        opts: &RequestOptions,
    ) -> Result<WebhookPage> {
        params.validate()?;
        let req = ApiRequest::get("/webhooks").query(params)?;
        self.client.request(req, opts).await
    }

    /// `POST /webhooks`: subscribes `target_hook_url`. Put a shared secret in `headers` and
    /// check it on receipt: deliveries are not signed. Not retried after an ambiguous failure
    /// (a retry could create a second subscription, and every event would arrive twice).
    pub async fn create(
        &self,
        params: &WebhookCreateParams,
        opts: &RequestOptions,
    ) -> Result<Webhook> {
        params.validate()?;
        let req = ApiRequest::post("/webhooks").json(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /webhooks/{id}`.
    pub async fn get(&self, id: &str, opts: &RequestOptions) -> Result<Webhook> {
        let req = ApiRequest::get(webhook_path(id, "")?);
        self.client.request(req, opts).await
    }

    /// `PATCH /webhooks/{id}`: changes the fields set (at least one; `null` clears).
    pub async fn update(
        &self,
        id: &str,
        params: &WebhookUpdateParams,
        opts: &RequestOptions,
    ) -> Result<Webhook> {
        let path = webhook_path(id, "")?;
        params.validate()?;
        let req = ApiRequest::patch(path).json(params)?;
        self.client.request(req, opts).await
    }

    /// `DELETE /webhooks/{id}`: answers the deleted subscription. Sent without a body.
    pub async fn delete(&self, id: &str, opts: &RequestOptions) -> Result<Webhook> {
        let req = ApiRequest::delete(webhook_path(id, "")?);
        self.client.request(req, opts).await
    }

    /// `POST /webhooks/{id}/test`: sends a test payload to the target and reports how it
    /// answered. No body. Not retried after an ambiguous failure (each attempt is a delivery).
    pub async fn test(&self, id: &str, opts: &RequestOptions) -> Result<WebhookTestResult> {
        let req = ApiRequest::post(webhook_path(id, "/test")?);
        self.client.request(req, opts).await
    }

    /// `POST /webhooks/{id}/resume`: re-enables a subscription disabled after delivery
    /// failures (`status` -1 → 1). No body; retry-safe.
    pub async fn resume(&self, id: &str, opts: &RequestOptions) -> Result<Webhook> {
        let req = ApiRequest::post(webhook_path(id, "/resume")?).retry_safe(true);
        self.client.request(req, opts).await
    }

    /// `GET /webhooks/event-types`: every type the workspace can subscribe to, custom labels
    /// included.
    pub async fn event_types(&self, opts: &RequestOptions) -> Result<WebhookEventTypeList> {
        self.client
            .request(ApiRequest::get("/webhooks/event-types"), opts)
            .await
    }
}

impl<'a, T: Transport, C: Clock> Webhooks<'a, T, C> {
    /// Walks every subscription `params` selects, fetching `GET /webhooks` pages lazily (cursor
    /// in the query); stops after `max_items` items when given. See [`crate::paginate`].
    pub fn list_all(
        &self,
        params: WebhookListParams,
        max_items: Option<u64>,
        opts: RequestOptions,
    ) -> Paginator<'a, &'a Client<T, C>, WebhookListParams> {
        self.client.list_all(params, max_items, opts)
    }
}
