//! `client.campaigns()`: create, list, get, update, delete, activate, pause, duplicate.

use super::item_path;
use crate::client::{Client, RequestOptions};
use crate::http::{ApiRequest, Clock, PathFormat, Transport};
use crate::models::{
    Campaign, CampaignCreateParams, CampaignDuplicateParams, CampaignListParams, CampaignPage,
    CampaignUpdateParams,
};
use crate::paginate::Paginator;
use crate::validate::Validate;
use crate::Result;

/// Campaign operations; get one with [`Client::campaigns`].
pub struct Campaigns<'a, T, C> {
    client: &'a Client<T, C>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Campaign operations.
    pub fn campaigns(&self) -> Campaigns<'_, T, C> {
        Campaigns { client: self }
    }
}

impl<T: Transport, C: Clock> Campaigns<'_, T, C> {
    /// `POST /campaigns`: creates a campaign (a Draft, status 0). Not retried after an
    /// ambiguous failure.
    pub async fn create(
        &self,
        params: &CampaignCreateParams,
        opts: &RequestOptions,
    ) -> Result<Campaign> {
        params.validate()?;
        let req = ApiRequest::post("/campaigns").json(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /campaigns`: one page of campaigns.
    pub async fn list(
        &self,
        params: &CampaignListParams,
        opts: &RequestOptions,
    ) -> Result<CampaignPage> {
        params.validate()?;
        let req = ApiRequest::get("/campaigns").query(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /campaigns/{id}`.
    pub async fn get(&self, id: &str, opts: &RequestOptions) -> Result<Campaign> {
        let req = ApiRequest::get(item_path("campaigns", "id", id, PathFormat::Uuid, "")?);
        self.client.request(req, opts).await
    }

    /// `PATCH /campaigns/{id}`: changes the fields set in `params`. Setting `email_list`
    /// replaces the senders.
    pub async fn update(
        &self,
        id: &str,
        params: &CampaignUpdateParams,
        opts: &RequestOptions,
    ) -> Result<Campaign> {
        let path = item_path("campaigns", "id", id, PathFormat::Uuid, "")?;
        params.validate()?;
        let req = ApiRequest::patch(path).json(params)?;
        self.client.request(req, opts).await
    }

    /// `DELETE /campaigns/{id}`: answers 200 with the deleted campaign. Sent without a body
    /// (and so without `Content-Type`).
    pub async fn delete(&self, id: &str, opts: &RequestOptions) -> Result<Campaign> {
        let req = ApiRequest::delete(item_path("campaigns", "id", id, PathFormat::Uuid, "")?);
        self.client.request(req, opts).await
    }

    /// `POST /campaigns/{id}/activate`: starts or resumes sending. No body; retry-safe.
    pub async fn activate(&self, id: &str, opts: &RequestOptions) -> Result<Campaign> {
        let req = ApiRequest::post(item_path(
            "campaigns",
            "id",
            id,
            PathFormat::Uuid,
            "/activate",
        )?)
        .retry_safe(true);
        self.client.request(req, opts).await
    }

    /// `POST /campaigns/{id}/pause`: stops sending. No body; retry-safe.
    pub async fn pause(&self, id: &str, opts: &RequestOptions) -> Result<Campaign> {
        let req = ApiRequest::post(item_path(
            "campaigns",
            "id",
            id,
            PathFormat::Uuid,
            "/pause",
        )?)
        .retry_safe(true);
        self.client.request(req, opts).await
    }

    /// `POST /campaigns/{id}/duplicate`: copies a campaign (optionally renamed). Not retried
    /// after an ambiguous failure, since a retry could create a second copy.
    pub async fn duplicate(
        &self,
        id: &str,
        params: &CampaignDuplicateParams,
        opts: &RequestOptions,
    ) -> Result<Campaign> {
        let path = item_path("campaigns", "id", id, PathFormat::Uuid, "/duplicate")?;
        if let Some(name) = &params.name {
            crate::validate::non_empty("name", name)?;
        }
        let req = ApiRequest::post(path).json(params)?;
        self.client.request(req, opts).await
    }
}

impl<'a, T: Transport, C: Clock> Campaigns<'a, T, C> {
    /// Walks every campaign `params` selects, fetching `GET /campaigns` pages lazily (cursor in the query); stops
    /// after `max_items` items when given. See [`crate::paginate`].
    pub fn list_all(
        &self,
        params: CampaignListParams,
        max_items: Option<u64>,
        opts: RequestOptions,
    ) -> Paginator<'a, &'a Client<T, C>, CampaignListParams> {
        self.client.list_all(params, max_items, opts)
    }
}
