//! `client.lead_lists()`: create, list, get, update, delete.

use super::item_path;
use crate::client::{Client, RequestOptions};
use crate::http::{ApiRequest, Clock, PathFormat, Transport};
use crate::models::{
    LeadList, LeadListCreateParams, LeadListListParams, LeadListPage, LeadListUpdateParams,
};
use crate::paginate::Paginator;
use crate::validate::Validate;
use crate::Result;

/// Lead list operations; get one with [`Client::lead_lists`].
pub struct LeadLists<'a, T, C> {
    client: &'a Client<T, C>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Lead list operations.
    pub fn lead_lists(&self) -> LeadLists<'_, T, C> {
        LeadLists { client: self }
    }
}

impl<T: Transport, C: Clock> LeadLists<'_, T, C> {
    /// `POST /lead-lists`: creates a list. Not retried after an ambiguous failure.
    pub async fn create(
        &self,
        params: &LeadListCreateParams,
        opts: &RequestOptions,
    ) -> Result<LeadList> {
        params.validate()?;
        let req = ApiRequest::post("/lead-lists").json(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /lead-lists`: one page of lists.
    pub async fn list(
        &self,
        params: &LeadListListParams,
        opts: &RequestOptions,
    ) -> Result<LeadListPage> {
        params.validate()?;
        let req = ApiRequest::get("/lead-lists").query(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /lead-lists/{id}`.
    pub async fn get(&self, id: &str, opts: &RequestOptions) -> Result<LeadList> {
        let req = ApiRequest::get(item_path("lead-lists", "id", id, PathFormat::Uuid, "")?);
        self.client.request(req, opts).await
    }

    /// `PATCH /lead-lists/{id}`: changes the fields set; answers the updated list.
    pub async fn update(
        &self,
        id: &str,
        params: &LeadListUpdateParams,
        opts: &RequestOptions,
    ) -> Result<LeadList> {
        let path = item_path("lead-lists", "id", id, PathFormat::Uuid, "")?;
        params.validate()?;
        let req = ApiRequest::patch(path).json(params)?;
        self.client.request(req, opts).await
    }

    /// `DELETE /lead-lists/{id}`: answers 200 with the deleted list. Sent without a body.
    pub async fn delete(&self, id: &str, opts: &RequestOptions) -> Result<LeadList> {
        let req = ApiRequest::delete(item_path("lead-lists", "id", id, PathFormat::Uuid, "")?);
        self.client.request(req, opts).await
    }
}

impl<'a, T: Transport, C: Clock> LeadLists<'a, T, C> {
    /// Walks every lead list `params` selects, fetching `GET /lead-lists` pages lazily (cursor in the query); stops
    /// after `max_items` items when given. See [`crate::paginate`].
    pub fn list_all(
        &self,
        params: LeadListListParams,
        max_items: Option<u64>,
        opts: RequestOptions,
    ) -> Paginator<'a, &'a Client<T, C>, LeadListListParams> {
        self.client.list_all(params, max_items, opts)
    }
}
