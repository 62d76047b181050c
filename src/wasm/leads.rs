//! `client.leads`: the lead operations for JS.

use super::convert::{input, input_array, input_or_default, output, string_arg, typed};
use super::errors::to_js_error;
use super::paginate::list_iterator;
use super::signal::{split_options, AbortLink, Callback, SplitOptions};
use super::Core;
use crate::import::ImportOptions;
use crate::models::{
    BackgroundJob, Lead, LeadBulkAddParams, LeadBulkAddResult, LeadCreateParams, LeadListParams,
    LeadMoveParams, LeadPage, LeadUpdateParams, UpdateInterestStatusParams,
    UpdateInterestStatusResult,
};
use crate::models::{ImportProgress, ImportReport, LeadBulkItem, LeadImportSettings};
use crate::paginate::{ListAllOptions, Paginator};
use crate::RequestOptions;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Lead operations (`client.leads`).
#[wasm_bindgen]
pub struct LeadsApi {
    core: Rc<Core>,
}

impl LeadsApi {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        LeadsApi { core }
    }
}

#[wasm_bindgen]
impl LeadsApi {
    /// `POST /leads`: creates one lead (`campaign` or `list_id`).
    pub async fn create(&self, params: Ts<LeadCreateParams>) -> Result<Ts<Lead>, JsValue> {
        let p = input("leads.create params", &params)?;
        let core = self.core.clone();
        let lead = core
            .leads()
            .create(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&lead)
    }

    /// `POST /leads/list`: one page (`{ items, next_starting_after? }`); the cursor goes in
    /// the body as `starting_after`.
    pub async fn list(&self, params: Option<Ts<LeadListParams>>) -> Result<Ts<LeadPage>, JsValue> {
        let p = input_or_default("leads.list params", params)?;
        let core = self.core.clone();
        let page = core
            .leads()
            .list(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&page)
    }

    /// `GET /leads/{id}`.
    pub async fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Lead>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let lead = core
            .leads()
            .get(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&lead)
    }

    /// `PATCH /leads/{id}`: `null` clears a field (e.g. `lt_interest_status: null`).
    pub async fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Ts<LeadUpdateParams>,
    ) -> Result<Ts<Lead>, JsValue> {
        let id = string_arg("id", &id)?;
        let p = input("leads.update params", &params)?;
        let core = self.core.clone();
        let lead = core
            .leads()
            .update(&id, &p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&lead)
    }

    /// `DELETE /leads/{id}`: resolves with the deleted lead.
    pub async fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Lead>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let lead = core
            .leads()
            .delete(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&lead)
    }

    /// `POST /leads/add`: 1–1000 leads into `campaign_id` XOR `list_id`. Not retried after an
    /// ambiguous failure.
    #[wasm_bindgen(js_name = bulkAdd)]
    pub async fn bulk_add(
        &self,
        params: Ts<LeadBulkAddParams>,
    ) -> Result<Ts<LeadBulkAddResult>, JsValue> {
        let p = input("leads.bulkAdd params", &params)?;
        let core = self.core.clone();
        let result = core
            .leads()
            .bulk_add(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&result)
    }

    /// `POST /leads/update-interest-status`: queues the change (202); `interest_value: null`
    /// resets the lead to "Lead".
    #[wasm_bindgen(js_name = updateInterestStatus)]
    pub async fn update_interest_status(
        &self,
        params: Ts<UpdateInterestStatusParams>,
    ) -> Result<Ts<UpdateInterestStatusResult>, JsValue> {
        let p = input("leads.updateInterestStatus params", &params)?;
        let core = self.core.clone();
        let result = core
            .leads()
            .update_interest_status(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&result)
    }

    /// `POST /leads/move`: resolves with the `BackgroundJob` doing the move; poll it with
    /// `client.backgroundJobs.get(job.id)`.
    #[wasm_bindgen(js_name = "move")]
    pub async fn move_leads(
        &self,
        params: Ts<LeadMoveParams>,
    ) -> Result<Ts<BackgroundJob>, JsValue> {
        let p = input("leads.move params", &params)?;
        let core = self.core.clone();
        let job = core
            .leads()
            .move_leads(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&job)
    }
}

#[wasm_bindgen]
impl LeadsApi {
    /// Every lead `params` selects, as an async iterator fetching `POST /leads/list` (cursor in the body) pages lazily:
    /// `for await (const x of client.leads.listAll(params, { maxItems })) { … }`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "ListIterator<Lead>")]
    pub fn list_all(
        &self,
        params: Option<Ts<LeadListParams>>,
        options: Option<Ts<ListAllOptions>>,
    ) -> Result<JsValue, JsValue> {
        let p = input_or_default("leads.listAll params", params)?;
        let o: ListAllOptions = input_or_default("leads.listAll options", options)?;
        let walk = Paginator::new(self.core.clone(), p, o.max_items, RequestOptions::default());
        Ok(list_iterator(walk))
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_LEAD_IMPORT: &'static str = r#"
/** Options of `leads.import`: the target and the `POST /leads/add` options (snake_case, as on
 * the wire), how the import runs (camelCase), plus: */
export type LeadImportOptions = LeadImportSettings & {
  /** Stops the import: no further chunk is sent (a request already in flight finishes, so its
   * rows are accounted exactly); unsent rows are reported in `failed` with an `aborted` error.
   * The promise still resolves with the report. */
  signal?: AbortSignal;
  /** Called after each chunk. If it throws, the import stops as if aborted and the unsent rows
   * carry the thrown message. */
  onProgress?: (progress: ImportProgress) => void;
};
"#;

#[wasm_bindgen]
impl LeadsApi {
    /// Imports any number of leads into one campaign or list through `POST /leads/add` in
    /// chunks of up to 1000, under the rate limiter. Resolves with a report in which every
    /// input index appears exactly once (`created`, `rejected`, `not_created`, `failed`);
    /// rejects only for bad options or leads that are not lead objects (before sending).
    #[wasm_bindgen(js_name = "import")]
    pub async fn import(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LeadBulkItem[]")] leads: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LeadImportOptions")] options: JsValue,
    ) -> Result<Ts<ImportReport>, JsValue> {
        if !super::js::is_array(&leads).unwrap_or(false) {
            return Err(to_js_error(crate::Error::validation(
                "leads",
                "must be an array of lead objects",
            )));
        }
        let leads: Vec<LeadBulkItem> = input_array("leads.import leads", &leads)?;
        let split: SplitOptions<LeadImportSettings> =
            split_options("leads.import options", &options)?;
        let callback = split.on_progress.map(Callback::new);
        let report = |p: &ImportProgress| -> crate::Result<()> {
            match &callback {
                Some(cb) => cb.call(&output(p).map_err(|_| {
                    crate::Error::new(crate::ErrorKind::Decode, "could not convert progress")
                })?),
                None => Ok(()),
            }
        };
        let opts = ImportOptions {
            settings: split.data,
            cancel: split.abort.as_ref().map(AbortLink::token),
            on_progress: Some(&report),
        };
        let core = self.core.clone();
        let result = core
            .import_leads(&leads, &opts)
            .await
            .map_err(to_js_error)?;
        typed(&result)
    }
}
