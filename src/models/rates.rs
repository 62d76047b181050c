//! Engagement rates computed by this client (the API returns counts only).
//!
//! Each rate is a percentage of the leads contacted (`contacted_count`), from 0 to 100, rounded
//! to 2 decimals:
//!
//! * `open_rate` = opens / contacted, where opens is `open_count_unique` when the API sent it,
//!   else `open_count`;
//! * `reply_rate` = `reply_count_unique`, else `reply_count`;
//! * `click_rate` = `link_click_count_unique`, else `link_click_count`;
//! * `bounce_rate` = `bounced_count`.
//!
//! When nothing was contacted every rate is 0. Totals can count a lead more than once, so a
//! rate computed from a total is capped at 100.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// The four rates, as the JS objects carry them next to the API's counts.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Default)]
pub struct AnalyticsRates {
    /// Computed by this client: opens (unique when available) per contacted lead, percent
    /// 0–100, 2 decimals.
    pub open_rate: f64,
    /// Computed by this client: replies (unique when available) per contacted lead, percent
    /// 0–100, 2 decimals.
    pub reply_rate: f64,
    /// Computed by this client: link clicks (unique when available) per contacted lead,
    /// percent 0–100, 2 decimals.
    pub click_rate: f64,
    /// Computed by this client: bounced leads per contacted lead, percent 0–100, 2 decimals.
    pub bounce_rate: f64,
}

/// `count` as a percentage of `contacted`: 0 when nothing was contacted, capped to 0–100,
/// rounded to 2 decimals.
pub fn percent(count: Option<i64>, contacted: Option<i64>) -> f64 {
    match (count, contacted) {
        (Some(n), Some(c)) if c > 0 => {
            let p = (n as f64 / c as f64 * 100.0).clamp(0.0, 100.0);
            (p * 100.0).round() / 100.0
        }
        _ => 0.0,
    }
}

/// Analytics that carry the counts rates are computed from. Implementors give the counts;
/// the rate methods are shared (one formula for every analytics shape).
pub trait Rates {
    /// Leads contacted (the denominator).
    fn contacted(&self) -> Option<i64>;
    /// `(unique, total)` opens.
    fn opens(&self) -> (Option<i64>, Option<i64>);
    /// `(unique, total)` replies.
    fn replies(&self) -> (Option<i64>, Option<i64>);
    /// `(unique, total)` link clicks.
    fn clicks(&self) -> (Option<i64>, Option<i64>);
    /// Bounced leads.
    fn bounces(&self) -> Option<i64>;

    /// Opens per contacted lead, percent (unique opens when present, else total).
    fn open_rate(&self) -> f64 {
        let (unique, total) = self.opens();
        percent(unique.or(total), self.contacted())
    }

    /// Replies per contacted lead, percent (unique replies when present, else total).
    fn reply_rate(&self) -> f64 {
        let (unique, total) = self.replies();
        percent(unique.or(total), self.contacted())
    }

    /// Link clicks per contacted lead, percent (unique clicks when present, else total).
    fn click_rate(&self) -> f64 {
        let (unique, total) = self.clicks();
        percent(unique.or(total), self.contacted())
    }

    /// Bounced leads per contacted lead, percent.
    fn bounce_rate(&self) -> f64 {
        percent(self.bounces(), self.contacted())
    }

    /// All four rates.
    fn rates(&self) -> AnalyticsRates {
        AnalyticsRates {
            open_rate: self.open_rate(),
            reply_rate: self.reply_rate(),
            click_rate: self.click_rate(),
            bounce_rate: self.bounce_rate(),
        }
    }
}

/// An analytics value serialized with its four rates alongside its own fields: the shape the
/// JS facade returns (`CampaignAnalytics & AnalyticsRates`).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WithRates<'a, T> {
    /// The API's counts.
    #[serde(flatten)]
    pub data: &'a T,
    /// The rates computed from them.
    #[serde(flatten)]
    pub rates: AnalyticsRates,
}

impl<'a, T: Rates> WithRates<'a, T> {
    /// Pairs `data` with its rates.
    pub fn new(data: &'a T) -> Self {
        WithRates {
            rates: data.rates(),
            data,
        }
    }

    /// Pairs every item with its rates.
    pub fn all(items: &'a [T]) -> Vec<Self> {
        items.iter().map(WithRates::new).collect()
    }
}

/// The generated model `analytics.campaigns` answers (counts the service left out read as
/// missing: a rate from them is 0).
impl Rates for crate::generated::models::CampaignAnalytics {
    fn contacted(&self) -> Option<i64> {
        self.contacted_count
    }
    fn opens(&self) -> (Option<i64>, Option<i64>) {
        (self.open_count_unique, self.open_count)
    }
    fn replies(&self) -> (Option<i64>, Option<i64>) {
        (self.reply_count_unique, self.reply_count)
    }
    fn clicks(&self) -> (Option<i64>, Option<i64>) {
        (self.link_click_count_unique, self.link_click_count)
    }
    fn bounces(&self) -> Option<i64> {
        self.bounced_count
    }
}

/// The generated model `analytics.overview` answers.
impl Rates for crate::generated::models::CampaignAnalyticsOverview {
    fn contacted(&self) -> Option<i64> {
        self.contacted_count
    }
    fn opens(&self) -> (Option<i64>, Option<i64>) {
        (self.open_count_unique, self.open_count)
    }
    fn replies(&self) -> (Option<i64>, Option<i64>) {
        (self.reply_count_unique, self.reply_count)
    }
    fn clicks(&self) -> (Option<i64>, Option<i64>) {
        (self.link_click_count_unique, self.link_click_count)
    }
    fn bounces(&self) -> Option<i64> {
        self.bounced_count
    }
}

impl Rates for serde_json::Map<String, serde_json::Value> {
    fn contacted(&self) -> Option<i64> {
        self.get("contacted_count")
            .and_then(serde_json::Value::as_i64)
    }
    fn opens(&self) -> (Option<i64>, Option<i64>) {
        (count(self, "open_count_unique"), count(self, "open_count"))
    }
    fn replies(&self) -> (Option<i64>, Option<i64>) {
        (
            count(self, "reply_count_unique"),
            count(self, "reply_count"),
        )
    }
    fn clicks(&self) -> (Option<i64>, Option<i64>) {
        (
            count(self, "link_click_count_unique"),
            count(self, "link_click_count"),
        )
    }
    fn bounces(&self) -> Option<i64> {
        count(self, "bounced_count")
    }
}

fn count(m: &serde_json::Map<String, serde_json::Value>, key: &str) -> Option<i64> {
    m.get(key).and_then(serde_json::Value::as_i64)
}

/// Adds the four rates to an analytics answer as JSON: to the object itself, or to each object
/// of an array. Other values (and non-object items) are left as they are; a count that is
/// absent, `null` or not an integer counts as missing (api-notes §7: rows may lack `bounced`).
pub fn add_rates(value: &mut serde_json::Value) {
    fn add(m: &mut serde_json::Map<String, serde_json::Value>) {
        let r = m.rates();
        for (k, v) in [
            ("open_rate", r.open_rate),
            ("reply_rate", r.reply_rate),
            ("click_rate", r.click_rate),
            ("bounce_rate", r.bounce_rate),
        ] {
            m.insert(k.to_string(), serde_json::json!(v));
        }
    }
    match value {
        serde_json::Value::Object(m) => add(m),
        serde_json::Value::Array(items) => items
            .iter_mut()
            .filter_map(serde_json::Value::as_object_mut)
            .for_each(add),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_are_added_to_json_objects_and_arrays_leniently() {
        let mut v = serde_json::json!([
            {"contacted_count": 4, "open_count": 3, "open_count_unique": 2, "reply_count": 1,
             "link_click_count": 8, "bounced_count": null},
            "not an object",
            {"contacted_count": 0}
        ]);
        super::add_rates(&mut v);
        assert_eq!(v[0]["open_rate"], 50.0);
        assert_eq!(v[0]["reply_rate"], 25.0);
        assert_eq!(v[0]["click_rate"], 100.0);
        assert_eq!(v[0]["bounce_rate"], 0.0);
        assert_eq!(v[1], "not an object");
        assert_eq!(v[2]["open_rate"], 0.0);
        let mut o = serde_json::json!({"contacted_count": 3, "reply_count_unique": 1});
        super::add_rates(&mut o);
        assert_eq!(o["reply_rate"], 33.33);
    }

    use super::percent;

    #[test]
    fn percent_rounds_caps_and_handles_zero() {
        assert_eq!(percent(Some(1), Some(3)), 33.33);
        assert_eq!(percent(Some(2), Some(3)), 66.67);
        assert_eq!(percent(Some(5), Some(0)), 0.0);
        assert_eq!(percent(Some(5), None), 0.0);
        assert_eq!(percent(None, Some(10)), 0.0);
        assert_eq!(percent(Some(30), Some(10)), 100.0);
        assert_eq!(percent(Some(-1), Some(10)), 0.0);
    }
}
