//! `client.analytics()`: per-campaign analytics, the overview and daily rows.
//!
//! Rates are not part of the API's answer: call the [`crate::models::Rates`] methods on the
//! results (the JS facade adds them to each object).

use crate::client::{Client, RequestOptions};
use crate::http::{ApiRequest, Clock, Transport};
use crate::models::{
    AnalyticsOverviewParams, AnalyticsParams, CampaignAnalytics, CampaignAnalyticsOverview,
    DailyAnalytics, DailyAnalyticsParams,
};
use crate::validate::Validate;
use crate::Result;

/// Analytics operations; get one with [`Client::analytics`].
pub struct Analytics<'a, T, C> {
    client: &'a Client<T, C>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Campaign analytics operations.
    pub fn analytics(&self) -> Analytics<'_, T, C> {
        Analytics { client: self }
    }
}

impl<T: Transport, C: Clock> Analytics<'_, T, C> {
    /// `GET /campaigns/analytics`: one item per campaign, always an array (even for one `id`;
    /// empty until a campaign has sent). `ids` is sent as `ids=a&ids=b`.
    pub async fn campaigns(
        &self,
        params: &AnalyticsParams,
        opts: &RequestOptions,
    ) -> Result<Vec<CampaignAnalytics>> {
        params.validate()?;
        let req = ApiRequest::get("/campaigns/analytics").query(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /campaigns/analytics/overview`: one object aggregated over the selected campaigns.
    pub async fn overview(
        &self,
        params: &AnalyticsOverviewParams,
        opts: &RequestOptions,
    ) -> Result<CampaignAnalyticsOverview> {
        params.validate()?;
        let req = ApiRequest::get("/campaigns/analytics/overview").query(params)?;
        self.client.request(req, opts).await
    }

    /// `GET /campaigns/analytics/daily`: one row per day. The campaign goes in `campaign_id`
    /// (not `id`, unlike the other analytics routes).
    pub async fn daily(
        &self,
        params: &DailyAnalyticsParams,
        opts: &RequestOptions,
    ) -> Result<Vec<DailyAnalytics>> {
        params.validate()?;
        let req = ApiRequest::get("/campaigns/analytics/daily").query(params)?;
        self.client.request(req, opts).await
    }
}
