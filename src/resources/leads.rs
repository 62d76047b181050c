//! `client.leads()`: create, list, get, update, delete, bulk add, interest status, move.

use super::item_path;
use crate::client::{Client, RequestOptions};
use crate::http::{ApiRequest, Clock, PathFormat, Transport};
use crate::models::{
    BackgroundJob, Lead, LeadBulkAddParams, LeadBulkAddResult, LeadCreateParams, LeadListParams,
    LeadMoveParams, LeadPage, LeadUpdateParams, UpdateInterestStatusParams,
    UpdateInterestStatusResult,
};
use crate::paginate::Paginator;
use crate::validate::Validate;
use crate::Result;

/// Lead operations; get one with [`Client::leads`].
pub struct Leads<'a, T, C> {
    client: &'a Client<T, C>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Lead operations.
    pub fn leads(&self) -> Leads<'_, T, C> {
        Leads { client: self }
    }
}

impl<T: Transport, C: Clock> Leads<'_, T, C> {
    /// `POST /leads`: creates one lead in a campaign (`campaign`, not `campaign_id`) or a list.
    /// Not retried after an ambiguous failure.
    pub async fn create(&self, params: &LeadCreateParams, opts: &RequestOptions) -> Result<Lead> {
        params.validate()?;
        let req = ApiRequest::post("/leads").json(params)?;
        self.client.request(req, opts).await
    }

    /// `POST /leads/list`: one page of leads. A read sent as POST: filters, `limit` and the
    /// `starting_after` cursor go in the JSON body. Retry-safe.
    pub async fn list(&self, params: &LeadListParams, opts: &RequestOptions) -> Result<LeadPage> {
        params.validate()?;
        let req = ApiRequest::post("/leads/list")
            .json(params)?
            .retry_safe(true);
        self.client.request(req, opts).await
    }

    /// `GET /leads/{id}`.
    pub async fn get(&self, id: &str, opts: &RequestOptions) -> Result<Lead> {
        let req = ApiRequest::get(item_path("leads", "id", id, PathFormat::Uuid, "")?);
        self.client.request(req, opts).await
    }

    /// `PATCH /leads/{id}`: changes the fields set (contact fields, interest status, value,
    /// assignee, custom variables); `null` clears a field. Answers the updated lead.
    pub async fn update(
        &self,
        id: &str,
        params: &LeadUpdateParams,
        opts: &RequestOptions,
    ) -> Result<Lead> {
        let path = item_path("leads", "id", id, PathFormat::Uuid, "")?;
        params.validate()?;
        let req = ApiRequest::patch(path).json(params)?;
        self.client.request(req, opts).await
    }

    /// `DELETE /leads/{id}`: answers 200 with the deleted lead. Sent without a body (and so
    /// without `Content-Type`).
    pub async fn delete(&self, id: &str, opts: &RequestOptions) -> Result<Lead> {
        let req = ApiRequest::delete(item_path("leads", "id", id, PathFormat::Uuid, "")?);
        self.client.request(req, opts).await
    }

    /// `POST /leads/add`: adds 1–1000 leads to a campaign (`campaign_id`) or a list
    /// (`list_id`). Not retried after an ambiguous failure. Re-sending the same leads is safe
    /// for leads with an email (the API does not re-add a lead already in the target; it counts
    /// it in `duplicated_leads`) but not for email-less list leads; [`Leads::import`] does this.
    pub async fn bulk_add(
        &self,
        params: &LeadBulkAddParams,
        opts: &RequestOptions,
    ) -> Result<LeadBulkAddResult> {
        params.validate()?;
        let req = ApiRequest::post("/leads/add").json(params)?;
        self.client.request(req, opts).await
    }

    /// `POST /leads/update-interest-status`: queues an interest status change (202 Accepted);
    /// `interest_value: None` resets the lead to "Lead". Setting a value twice has the same
    /// effect as once, so the call is retry-safe. Its 400 body is `{error}` only.
    pub async fn update_interest_status(
        &self,
        params: &UpdateInterestStatusParams,
        opts: &RequestOptions,
    ) -> Result<UpdateInterestStatusResult> {
        params.validate()?;
        let req = ApiRequest::post("/leads/update-interest-status")
            .json(params)?
            .retry_safe(true);
        self.client.request(req, opts).await
    }

    /// `POST /leads/move`: moves (or copies) the selected leads to `to_campaign_id` or
    /// `to_list_id`. Answers a [`BackgroundJob`]: poll it with `background_jobs().get(id)`.
    /// Not retried after an ambiguous failure (a retry would start a second job).
    pub async fn move_leads(
        &self,
        params: &LeadMoveParams,
        opts: &RequestOptions,
    ) -> Result<BackgroundJob> {
        params.validate()?;
        let req = ApiRequest::post("/leads/move").json(params)?;
        self.client.request(req, opts).await
    }
}

impl<'a, T: Transport, C: Clock> Leads<'a, T, C> {
    /// Walks every lead `params` selects, fetching `POST /leads/list` pages lazily (cursor in the JSON body); stops
    /// after `max_items` items when given. See [`crate::paginate`].
    pub fn list_all(
        &self,
        params: LeadListParams,
        max_items: Option<u64>,
        opts: RequestOptions,
    ) -> Paginator<'a, &'a Client<T, C>, LeadListParams> {
        self.client.list_all(params, max_items, opts)
    }
}

impl<T: Transport, C: Clock> Leads<'_, T, C> {
    /// Imports any number of leads into one campaign or list through `POST /leads/add` in
    /// chunks, with local checks, in-batch de-duplication, re-sends after ambiguous failures
    /// and a report accounting for every row. See [`crate::import`].
    pub async fn import(
        &self,
        leads: &[crate::models::LeadBulkItem],
        opts: &crate::import::ImportOptions<'_>,
    ) -> Result<crate::models::ImportReport> {
        self.client.import_leads(leads, opts).await
    }
}
