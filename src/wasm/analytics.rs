//! `client.analytics`: campaign analytics for JS. Campaign and overview objects also carry
//! `open_rate`, `reply_rate`, `click_rate` and `bounce_rate`, computed by the core
//! ([`crate::models::Rates`]).

use super::convert::{input_or_default, output};
use super::errors::to_js_error;
use super::Core;
use crate::models::{
    AnalyticsOverviewParams, AnalyticsParams, DailyAnalytics, DailyAnalyticsParams, WithRates,
};
use crate::RequestOptions;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Campaign analytics operations (`client.analytics`).
#[wasm_bindgen]
pub struct AnalyticsApi {
    core: Rc<Core>,
}

impl AnalyticsApi {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        AnalyticsApi { core }
    }
}

#[wasm_bindgen]
impl AnalyticsApi {
    /// `GET /campaigns/analytics`: one object per campaign (an array even for one id), each
    /// with the client-computed rates.
    #[wasm_bindgen(unchecked_return_type = "Array<CampaignAnalytics & AnalyticsRates>")]
    pub async fn campaigns(&self, params: Option<Ts<AnalyticsParams>>) -> Result<JsValue, JsValue> {
        let p = input_or_default("analytics.campaigns params", params)?;
        let core = self.core.clone();
        let items = core
            .analytics()
            .campaigns(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        output(&WithRates::all(&items))
    }

    /// `GET /campaigns/analytics/overview`: one aggregate object with the client-computed
    /// rates.
    #[wasm_bindgen(unchecked_return_type = "CampaignAnalyticsOverview & AnalyticsRates")]
    pub async fn overview(
        &self,
        params: Option<Ts<AnalyticsOverviewParams>>,
    ) -> Result<JsValue, JsValue> {
        let p = input_or_default("analytics.overview params", params)?;
        let core = self.core.clone();
        let overview = core
            .analytics()
            .overview(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        output(&WithRates::new(&overview))
    }

    /// `GET /campaigns/analytics/daily`: one row per day (`campaign_id`, not `id`).
    #[wasm_bindgen(unchecked_return_type = "Array<DailyAnalytics>")]
    pub async fn daily(
        &self,
        params: Option<Ts<DailyAnalyticsParams>>,
    ) -> Result<JsValue, JsValue> {
        let p = input_or_default("analytics.daily params", params)?;
        let core = self.core.clone();
        let rows = core
            .analytics()
            .daily(&p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        output::<Vec<DailyAnalytics>>(&rows)
    }
}
