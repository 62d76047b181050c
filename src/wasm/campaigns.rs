//! `client.campaigns`: the campaign operations for JS.

use super::convert::{input, input_or_default, string_arg, typed};
use super::errors::to_js_error;
use super::paginate::list_iterator;
use super::Core;
use crate::models::{
    Campaign, CampaignCreateParams, CampaignDuplicateParams, CampaignListParams, CampaignPage,
    CampaignUpdateParams,
};
use crate::paginate::{ListAllOptions, Paginator};
use crate::RequestOptions;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Campaign operations (`client.campaigns`).
#[wasm_bindgen]
pub struct CampaignsApi {
    core: Rc<Core>,
}

impl CampaignsApi {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        CampaignsApi { core }
    }
}

#[wasm_bindgen]
impl CampaignsApi {
    /// `POST /campaigns`: creates a Draft campaign.
    pub async fn create(&self, params: Ts<CampaignCreateParams>) -> Result<Ts<Campaign>, JsValue> {
        let p = input("campaigns.create params", &params)?;
        let core = self.core.clone();
        let c = core
            .campaigns()
            .create(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&c)
    }

    /// `GET /campaigns`: one page (`{ items, next_starting_after? }`).
    pub async fn list(
        &self,
        params: Option<Ts<CampaignListParams>>,
    ) -> Result<Ts<CampaignPage>, JsValue> {
        let p = input_or_default("campaigns.list params", params)?;
        let core = self.core.clone();
        let page = core
            .campaigns()
            .list(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&page)
    }

    /// `GET /campaigns/{id}`.
    pub async fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Campaign>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let c = core
            .campaigns()
            .get(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&c)
    }

    /// `PATCH /campaigns/{id}`.
    pub async fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Ts<CampaignUpdateParams>,
    ) -> Result<Ts<Campaign>, JsValue> {
        let id = string_arg("id", &id)?;
        let p = input("campaigns.update params", &params)?;
        let core = self.core.clone();
        let c = core
            .campaigns()
            .update(&id, &p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&c)
    }

    /// `DELETE /campaigns/{id}`: resolves with the deleted campaign.
    pub async fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Campaign>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let c = core
            .campaigns()
            .delete(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&c)
    }

    /// `POST /campaigns/{id}/activate`: starts or resumes sending.
    pub async fn activate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Campaign>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let c = core
            .campaigns()
            .activate(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&c)
    }

    /// `POST /campaigns/{id}/pause`.
    pub async fn pause(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<Campaign>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let c = core
            .campaigns()
            .pause(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&c)
    }

    /// `POST /campaigns/{id}/duplicate`: resolves with the copy.
    pub async fn duplicate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Option<Ts<CampaignDuplicateParams>>,
    ) -> Result<Ts<Campaign>, JsValue> {
        let id = string_arg("id", &id)?;
        let p = input_or_default("campaigns.duplicate params", params)?;
        let core = self.core.clone();
        let c = core
            .campaigns()
            .duplicate(&id, &p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&c)
    }
}

#[wasm_bindgen]
impl CampaignsApi {
    /// Every campaign `params` selects, as an async iterator fetching `GET /campaigns` pages lazily:
    /// `for await (const x of client.campaigns.listAll(params, { maxItems })) { … }`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "ListIterator<Campaign>")]
    pub fn list_all(
        &self,
        params: Option<Ts<CampaignListParams>>,
        options: Option<Ts<ListAllOptions>>,
    ) -> Result<JsValue, JsValue> {
        let p = input_or_default("campaigns.listAll params", params)?;
        let o: ListAllOptions = input_or_default("campaigns.listAll options", options)?;
        let walk = Paginator::new(self.core.clone(), p, o.max_items, RequestOptions::default());
        Ok(list_iterator(walk))
    }
}
