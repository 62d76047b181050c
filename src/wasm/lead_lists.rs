//! `client.leadLists`: the lead list operations for JS.

use super::convert::{input, input_or_default, string_arg, typed};
use super::errors::to_js_error;
use super::paginate::list_iterator;
use super::Core;
use crate::models::{
    LeadList, LeadListCreateParams, LeadListListParams, LeadListPage, LeadListUpdateParams,
};
use crate::paginate::{ListAllOptions, Paginator};
use crate::RequestOptions;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Lead list operations (`client.leadLists`).
#[wasm_bindgen]
pub struct LeadListsApi {
    core: Rc<Core>,
}

impl LeadListsApi {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        LeadListsApi { core }
    }
}

#[wasm_bindgen]
impl LeadListsApi {
    /// `POST /lead-lists`: creates a list.
    pub async fn create(&self, params: Ts<LeadListCreateParams>) -> Result<Ts<LeadList>, JsValue> {
        let p = input("leadLists.create params", &params)?;
        let core = self.core.clone();
        let list = core
            .lead_lists()
            .create(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&list)
    }

    /// `GET /lead-lists`: one page (`{ items, next_starting_after? }`).
    pub async fn list(
        &self,
        params: Option<Ts<LeadListListParams>>,
    ) -> Result<Ts<LeadListPage>, JsValue> {
        let p = input_or_default("leadLists.list params", params)?;
        let core = self.core.clone();
        let page = core
            .lead_lists()
            .list(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&page)
    }

    /// `GET /lead-lists/{id}`.
    pub async fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<LeadList>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let list = core
            .lead_lists()
            .get(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&list)
    }

    /// `PATCH /lead-lists/{id}`.
    pub async fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Ts<LeadListUpdateParams>,
    ) -> Result<Ts<LeadList>, JsValue> {
        let id = string_arg("id", &id)?;
        let p = input("leadLists.update params", &params)?;
        let core = self.core.clone();
        let list = core
            .lead_lists()
            .update(&id, &p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&list)
    }

    /// `DELETE /lead-lists/{id}`: resolves with the deleted list.
    pub async fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Ts<LeadList>, JsValue> {
        let id = string_arg("id", &id)?;
        let core = self.core.clone();
        let list = core
            .lead_lists()
            .delete(&id, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&list)
    }
}

#[wasm_bindgen]
impl LeadListsApi {
    /// Every lead list `params` selects, as an async iterator fetching `GET /lead-lists` pages lazily:
    /// `for await (const x of client.leadLists.listAll(params, { maxItems })) { … }`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "ListIterator<LeadList>")]
    pub fn list_all(
        &self,
        params: Option<Ts<LeadListListParams>>,
        options: Option<Ts<ListAllOptions>>,
    ) -> Result<JsValue, JsValue> {
        let p = input_or_default("leadLists.listAll params", params)?;
        let o: ListAllOptions = input_or_default("leadLists.listAll options", options)?;
        let walk = Paginator::new(self.core.clone(), p, o.max_items, RequestOptions::default());
        Ok(list_iterator(walk))
    }
}
