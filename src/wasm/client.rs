//! `new InstantlyClient(options)`: one accessor per resource, plus `callEndpoint`.

use super::analytics::AnalyticsApi;
use super::background_jobs::BackgroundJobsApi;
use super::campaigns::CampaignsApi;
use super::convert::{input, input_or_default, output, string_arg};
use super::errors::to_js_error;
use super::lead_lists::LeadListsApi;
use super::leads::LeadsApi;
use super::Core;
use crate::client::InstantlyClientOptions;
use crate::http::fetch::{FetchTransport, JsClock};
use crate::resources::CallEndpointOptions;
use crate::RequestOptions;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// The Instantly API V2 client.
///
/// ```ts
/// const client = new InstantlyClient({ apiKey: process.env.INSTANTLY_API_KEY });
/// const page = await client.campaigns.list({ limit: 10 });
/// ```
#[wasm_bindgen]
pub struct InstantlyClient {
    core: Rc<Core>,
}

/// True when the global scope looks like a web page (`window` or `document` exists).
fn in_browser() -> bool {
    let global = js_sys::global();
    ["window", "document"].iter().any(|k| {
        js_sys::Reflect::get(&global, &JsValue::from_str(k)).is_ok_and(|v| !v.is_undefined())
    })
}

#[wasm_bindgen]
impl InstantlyClient {
    /// Creates a client. Throws a `ValidationError` for bad options, including an `apiKey` in a
    /// browser without `dangerouslyAllowBrowser: true`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<InstantlyClientOptions>) -> Result<InstantlyClient, JsValue> {
        let opts: InstantlyClientOptions = input("InstantlyClient options", &options)?;
        let options = opts.into_options(in_browser()).map_err(to_js_error)?;
        let core = Core::new_unchecked(options, FetchTransport, JsClock);
        Ok(InstantlyClient {
            core: Rc::new(core),
        })
    }

    /// Campaign operations.
    #[wasm_bindgen(getter)]
    pub fn campaigns(&self) -> CampaignsApi {
        CampaignsApi::new(self.core.clone())
    }

    /// Lead operations.
    #[wasm_bindgen(getter)]
    pub fn leads(&self) -> LeadsApi {
        LeadsApi::new(self.core.clone())
    }

    /// Campaign analytics (with client-computed rates).
    #[wasm_bindgen(getter)]
    pub fn analytics(&self) -> AnalyticsApi {
        AnalyticsApi::new(self.core.clone())
    }

    /// Lead list operations.
    #[wasm_bindgen(getter, js_name = leadLists)]
    pub fn lead_lists(&self) -> LeadListsApi {
        LeadListsApi::new(self.core.clone())
    }

    /// Background job operations (poll the job `leads.move` answers).
    #[wasm_bindgen(getter, js_name = backgroundJobs)]
    pub fn background_jobs(&self) -> BackgroundJobsApi {
        BackgroundJobsApi::new(self.core.clone())
    }

    /// Webhook subscriptions (receiving is `parseWebhook`).
    #[wasm_bindgen(getter)]
    pub fn webhooks(&self) -> super::webhooks::WebhooksApi {
        super::webhooks::WebhooksApi::new(self.core.clone())
    }

    /// The webhook delivery log (`/webhook-events`).
    #[wasm_bindgen(getter, js_name = webhookEvents)]
    pub fn webhook_events(&self) -> super::webhooks::WebhookEventsApi {
        super::webhooks::WebhookEventsApi::new(self.core.clone())
    }

    /// Calls any route of the API: `path` relative to `/api/v2` (e.g. `"/webhooks/event-types"`),
    /// with the client's auth, retries and errors. POST is not retried after an ambiguous
    /// failure.
    #[wasm_bindgen(js_name = callEndpoint, unchecked_return_type = "unknown")]
    pub async fn call_endpoint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        options: Option<Ts<CallEndpointOptions>>,
    ) -> Result<JsValue, JsValue> {
        let path = string_arg("path", &path)?;
        let opts = input_or_default("callEndpoint options", options)?;
        let core = self.core.clone();
        let v = core
            .call_endpoint(&path, &opts, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        output(&v)
    }

    /// A key-free description of the client (what `JSON.stringify(client)` shows).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ baseUrl: string; hasApiKey: boolean; timeoutMs: number; maxRetries: number }")]
    pub fn to_json(&self) -> JsValue {
        let o = self.core.options();
        let obj = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), &v);
        };
        set("baseUrl", JsValue::from_str(&o.base_url));
        set("hasApiKey", JsValue::from_bool(o.api_key.is_some()));
        set("timeoutMs", JsValue::from_f64(o.timeout.as_millis() as f64));
        set("maxRetries", JsValue::from(o.max_retries));
        obj.into()
    }

    /// `InstantlyClient(<baseUrl>)`; never includes the key.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("InstantlyClient({})", self.core.options().base_url)
    }
}
