//! `client.webhooks` and `client.webhookEvents`: subscription management and the delivery log
//! for JS. (Receiving is in `webhook_receive.rs`.)

use super::convert::{input, input_or_default, string_arg, typed};
use super::errors::to_js_error;
use super::paginate::list_iterator;
use super::Core;
use crate::models::{
    Webhook, WebhookCreateParams, WebhookDelivery, WebhookDeliveryListParams, WebhookDeliveryPage,
    WebhookDeliverySummary, WebhookDeliverySummaryByDate, WebhookDeliverySummaryParams,
    WebhookEventTypeList, WebhookListParams, WebhookPage, WebhookTestResult, WebhookUpdateParams,
};
use crate::paginate::{ListAllOptions, Paginator};
use crate::RequestOptions;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Webhook subscriptions (`client.webhooks`).
#[wasm_bindgen]
pub struct WebhooksApi {
    core: Rc<Core>,
}

impl WebhooksApi {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        WebhooksApi { core }
    }
}

#[wasm_bindgen]
impl WebhooksApi {
    /// `GET /webhooks`: one page (`{ items, next_starting_after? }`).
    pub async fn list(
        &self,
        params: Option<Ts<WebhookListParams>>,
    ) -> Result<Ts<WebhookPage>, JsValue> {
        let p = input_or_default("webhooks.list params", params)?;
        let core = self.core.clone();
        let page = core
            .webhooks()
            .list(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&page)
    }

    /// Every subscription `params` selects, as an async iterator fetching `GET /webhooks` pages
    /// lazily: `for await (const w of client.webhooks.listAll(params, { maxItems })) { … }`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "ListIterator<Webhook>")]
    pub fn list_all(
        &self,
        params: Option<Ts<WebhookListParams>>,
        options: Option<Ts<ListAllOptions>>,
    ) -> Result<JsValue, JsValue> {
        let p = input_or_default("webhooks.listAll params", params)?;
        let o: ListAllOptions = input_or_default("webhooks.listAll options", options)?;
        let walk = Paginator::new(self.core.clone(), p, o.max_items, RequestOptions::default());
        Ok(list_iterator(walk))
    }

    /// `POST /webhooks`: subscribes a URL; put a shared secret in `headers`.
    pub async fn create(&self, params: Ts<WebhookCreateParams>) -> Result<Ts<Webhook>, JsValue> {
        let p = input("webhooks.create params", &params)?;
        let core = self.core.clone();
        let w = core
            .webhooks()
            .create(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&w)
    }

    /// `GET /webhooks/{id}`.
    pub async fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Webhook>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let w = core
            .webhooks()
            .get(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&w)
    }

    /// `PATCH /webhooks/{id}`: at least one field; `null` clears a nullable field.
    pub async fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Ts<WebhookUpdateParams>,
    ) -> Result<Ts<Webhook>, JsValue> {
        let id = string_arg("id", &id)?;
        let p = input("webhooks.update params", &params)?;
        let core = self.core.clone();
        let w = core
            .webhooks()
            .update(&id, &p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&w)
    }

    /// `DELETE /webhooks/{id}`: resolves with the deleted subscription.
    pub async fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Webhook>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let w = core
            .webhooks()
            .delete(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&w)
    }

    /// `POST /webhooks/{id}/test`: sends a test payload and reports the target's answer.
    pub async fn test(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<WebhookTestResult>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let r = core
            .webhooks()
            .test(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&r)
    }

    /// `POST /webhooks/{id}/resume`: re-enables a subscription disabled after failures.
    pub async fn resume(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Webhook>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let w = core
            .webhooks()
            .resume(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&w)
    }

    /// `GET /webhooks/event-types`: every subscribable type, custom labels included.
    #[wasm_bindgen(js_name = eventTypes)]
    pub async fn event_types(&self) -> Result<Ts<WebhookEventTypeList>, JsValue> {
        let core = self.core.clone();
        let r = core
            .webhooks()
            .event_types(&RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&r)
    }
}

/// The delivery log (`client.webhookEvents`); each record is a `WebhookDelivery`.
#[wasm_bindgen]
pub struct WebhookEventsApi {
    core: Rc<Core>,
}

impl WebhookEventsApi {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        WebhookEventsApi { core }
    }
}

#[wasm_bindgen]
impl WebhookEventsApi {
    /// `GET /webhook-events`: one page of delivery attempts.
    pub async fn list(
        &self,
        params: Option<Ts<WebhookDeliveryListParams>>,
    ) -> Result<Ts<WebhookDeliveryPage>, JsValue> {
        let p = input_or_default("webhookEvents.list params", params)?;
        let core = self.core.clone();
        let page = core
            .webhook_events()
            .list(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&page)
    }

    /// Every delivery attempt `params` selects, as an async iterator fetching
    /// `GET /webhook-events` pages lazily:
    /// `for await (const d of client.webhookEvents.listAll({ success: false })) { … }`.
    #[wasm_bindgen(
        js_name = listAll,
        unchecked_return_type = "ListIterator<WebhookDelivery>"
    )]
    pub fn list_all(
        &self,
        params: Option<Ts<WebhookDeliveryListParams>>,
        options: Option<Ts<ListAllOptions>>,
    ) -> Result<JsValue, JsValue> {
        let p = input_or_default("webhookEvents.listAll params", params)?;
        let o: ListAllOptions = input_or_default("webhookEvents.listAll options", options)?;
        let walk = Paginator::new(self.core.clone(), p, o.max_items, RequestOptions::default());
        Ok(list_iterator(walk))
    }

    /// `GET /webhook-events/{id}`.
    pub async fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<WebhookDelivery>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let d = core
            .webhook_events()
            .get(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&d)
    }

    /// `GET /webhook-events/summary`: totals and rates of a day window.
    pub async fn summary(
        &self,
        params: Option<Ts<WebhookDeliverySummaryParams>>,
    ) -> Result<Ts<WebhookDeliverySummary>, JsValue> {
        let p = input_or_default("webhookEvents.summary params", params)?;
        let core = self.core.clone();
        let s = core
            .webhook_events()
            .summary(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&s)
    }

    /// `GET /webhook-events/summary-by-date`: the same counts per day.
    #[wasm_bindgen(js_name = summaryByDate)]
    pub async fn summary_by_date(
        &self,
        params: Option<Ts<WebhookDeliverySummaryParams>>,
    ) -> Result<Ts<WebhookDeliverySummaryByDate>, JsValue> {
        let p = input_or_default("webhookEvents.summaryByDate params", params)?;
        let core = self.core.clone();
        let s = core
            .webhook_events()
            .summary_by_date(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&s)
    }
}
