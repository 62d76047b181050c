//! In-memory state: API keys, one workspace per key, and global knobs.

use crate::faults::FaultRule;
use crate::ids::{new_uuid, Rng};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;
use tokio::sync::mpsc;

/// The key that works when no `--api-key` is given.
pub const DEFAULT_API_KEY: &str = "fake-instantly-test-key";
/// Seed of each workspace's simulation RNG (reset restores it).
pub const SIM_SEED: u64 = 0x1257_a17c;
/// At most this many requests are kept in the request log.
pub const REQUEST_LOG_CAP: usize = 10_000;
/// ... and at most this many request-body bytes (oldest entries go first).
pub const REQUEST_LOG_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Knobs that can change at runtime (`POST /__fake/config`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuntimeConfig {
    /// Requests per second per workspace (0 = unlimited).
    pub rate_per_second: u32,
    /// Requests per minute per workspace (0 = unlimited).
    pub rate_per_minute: u32,
    /// First retry delay of a failed webhook delivery; doubles per attempt.
    pub webhook_retry_delay_ms: u64,
    /// Delivery attempts per event before the webhook is disabled.
    pub webhook_max_attempts: u32,
    /// Timeout of one webhook delivery attempt.
    pub webhook_timeout_ms: u64,
    /// Time between background-job states (pending → in-progress → success).
    pub job_step_ms: u64,
    /// Delay before an update-interest-status request is applied.
    pub interest_delay_ms: u64,
    /// Answer with the spec's complete shapes instead of the live service's
    /// (`--spec-shapes`; see `shape.rs`).
    #[serde(default)]
    pub spec_shapes: bool,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            rate_per_second: 100,
            rate_per_minute: 6000,
            webhook_retry_delay_ms: 1000,
            webhook_max_attempts: 3,
            webhook_timeout_ms: 5000,
            job_step_ms: 150,
            interest_delay_ms: 50,
            spec_shapes: false,
        }
    }
}

/// A kind of activity recorded for analytics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Sent,
    Open,
    Click,
    Reply,
    AutoReply,
    Bounce,
    Unsubscribe,
    Completed,
    Opportunity,
}

/// One analytics fact: what happened to which lead of which campaign, when.
#[derive(Debug, Clone)]
pub struct Activity {
    pub campaign_id: String,
    pub lead_id: String,
    pub date: NaiveDate,
    pub kind: ActivityKind,
    pub step: u32,
    pub variant: u32,
    /// For `Sent`: the lead's first email in this campaign.
    pub first: bool,
}

/// Simulation progress of one lead in its campaign.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LeadSim {
    pub steps_sent: u32,
    pub next_due_tick: u64,
    pub done: bool,
    pub last_variant: u32,
    pub last_subject: String,
    pub last_email_id: String,
    pub sender: String,
    /// The Unibox thread of the lead's emails in its campaign.
    pub thread_id: String,
}

#[derive(Debug, Clone)]
pub struct Lead {
    /// The wire object (exactly the spec's `Lead` fields).
    pub data: Map<String, Value>,
    pub sim: LeadSim,
}

impl Lead {
    pub fn id(&self) -> &str {
        self.data["id"].as_str().unwrap_or_default()
    }
    pub fn email(&self) -> Option<&str> {
        self.data.get("email").and_then(Value::as_str)
    }
    pub fn email_key(&self) -> Option<String> {
        self.email().map(|e| e.trim().to_ascii_lowercase())
    }
    pub fn campaign(&self) -> Option<&str> {
        self.data.get("campaign").and_then(Value::as_str)
    }
    pub fn list_id(&self) -> Option<&str> {
        self.data.get("list_id").and_then(Value::as_str)
    }
    pub fn status(&self) -> i64 {
        self.data.get("status").and_then(Value::as_i64).unwrap_or(1)
    }
    pub fn num(&self, key: &str) -> i64 {
        self.data.get(key).and_then(Value::as_i64).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counters {
    pub requests: u64,
    pub rate_limited: u64,
    pub webhook_deliveries: u64,
    pub webhook_delivery_failures: u64,
}

/// Sliding-window request timestamps for the two rate limits.
#[derive(Debug, Default)]
pub struct RateWindow {
    pub hits: VecDeque<Instant>,
}

/// Reads a field of a stored object; an absent field reads as `null`
/// (indexing a `Map` directly would panic).
pub trait Field {
    /// The field `k`, or `null`.
    fn f(&self, k: &str) -> &Value;
}

impl Field for Map<String, Value> {
    fn f(&self, k: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(k).unwrap_or(&NULL)
    }
}

/// Records of one collection, ordered by key (the cursor of its list route).
pub type Records = BTreeMap<String, Map<String, Value>>;

#[derive(Debug)]
pub struct Workspace {
    pub id: String,
    /// The id of the user behind the workspace's API keys (`created_by`, ...).
    pub user_id: String,
    pub campaigns: Records,
    /// Leads by id. Change a lead's `campaign` or `list_id` only through
    /// [`Workspace::insert_lead`], which keeps the indexes below in step.
    pub leads: BTreeMap<String, Lead>,
    /// lowercase email → ids of leads with that email.
    pub email_index: HashMap<String, BTreeSet<String>>,
    /// campaign id → ids of its leads, in id order (cursor seeks).
    pub campaign_index: HashMap<String, BTreeSet<String>>,
    /// list id → ids of its leads, in id order.
    pub list_index: HashMap<String, BTreeSet<String>>,
    pub lead_lists: Records,
    pub webhooks: Records,
    pub webhook_events: Records,
    /// Campaigns shared with `POST /campaigns/{id}/share`, until when.
    pub shared: HashMap<String, chrono::DateTime<chrono::Utc>>,
    /// The collections served by the spec-driven routes (`generic/`), by
    /// collection name (`accounts`, `background-jobs`, `custom-tags`, ...).
    pub records: HashMap<String, Records>,
    pub activities: Vec<Activity>,
    pub rate: RateWindow,
    pub counters: Counters,
    pub rng: Rng,
    pub sim_tick: u64,
}

impl Workspace {
    pub fn new(id: String) -> Self {
        Workspace {
            id,
            user_id: new_uuid(),
            campaigns: BTreeMap::new(),
            leads: BTreeMap::new(),
            email_index: HashMap::new(),
            campaign_index: HashMap::new(),
            list_index: HashMap::new(),
            lead_lists: BTreeMap::new(),
            webhooks: BTreeMap::new(),
            webhook_events: BTreeMap::new(),
            shared: HashMap::new(),
            records: HashMap::new(),
            activities: Vec::new(),
            rate: RateWindow::default(),
            counters: Counters::default(),
            rng: Rng::new(SIM_SEED),
            sim_tick: 0,
        }
    }

    /// Inserts (or replaces) a lead and indexes it by email, campaign and list.
    pub fn insert_lead(&mut self, lead: Lead) {
        let id = lead.id().to_string();
        if self.leads.contains_key(&id) {
            self.remove_lead(&id);
        }
        if let Some(key) = lead.email_key() {
            self.email_index.entry(key).or_default().insert(id.clone());
        }
        if let Some(c) = lead.campaign() {
            self.campaign_index
                .entry(c.to_string())
                .or_default()
                .insert(id.clone());
        }
        if let Some(l) = lead.list_id() {
            self.list_index
                .entry(l.to_string())
                .or_default()
                .insert(id.clone());
        }
        self.leads.insert(id, lead);
    }

    pub fn remove_lead(&mut self, id: &str) -> Option<Lead> {
        let lead = self.leads.remove(id)?;
        fn unindex(index: &mut HashMap<String, BTreeSet<String>>, key: Option<String>, id: &str) {
            if let Some(key) = key {
                if let Some(set) = index.get_mut(&key) {
                    set.remove(id);
                    if set.is_empty() {
                        index.remove(&key);
                    }
                }
            }
        }
        unindex(&mut self.email_index, lead.email_key(), id);
        unindex(
            &mut self.campaign_index,
            lead.campaign().map(str::to_string),
            id,
        );
        unindex(&mut self.list_index, lead.list_id().map(str::to_string), id);
        Some(lead)
    }

    /// Leads whose email equals `email` (case-insensitive).
    pub fn leads_with_email(&self, email: &str) -> Vec<&Lead> {
        self.email_index
            .get(&email.trim().to_ascii_lowercase())
            .into_iter()
            .flatten()
            .filter_map(|id| self.leads.get(id))
            .collect()
    }

    pub fn campaign_name(&self, id: &str) -> String {
        self.campaigns
            .get(id)
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }

    /// The leads of a campaign, in id order.
    pub fn leads_in_campaign<'a>(&'a self, campaign_id: &str) -> impl Iterator<Item = &'a Lead> {
        self.campaign_index
            .get(campaign_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.leads.get(id))
    }

    /// The leads of a lead list, in id order.
    pub fn leads_in_list<'a>(&'a self, list_id: &str) -> impl Iterator<Item = &'a Lead> {
        self.list_index
            .get(list_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.leads.get(id))
    }

    /// The records of a spec-driven collection (created empty on first use).
    pub fn coll(&mut self, name: &str) -> &mut Records {
        self.records.entry(name.to_string()).or_default()
    }

    /// The records of a collection, if it has any.
    pub fn coll_ref(&self, name: &str) -> Option<&Records> {
        self.records.get(name)
    }
}

/// A queued webhook delivery (see `delivery.rs`).
#[derive(Debug)]
pub struct DeliveryJob {
    pub workspace_id: String,
    pub webhook_id: String,
    pub payload: Value,
    pub generation: u64,
}

/// The clock of the rate limiter: real time, or frozen and advanced by hand
/// through `POST /__fake/clock` (a virtual clock for tests).
#[derive(Debug, Default, Clone, Copy)]
pub struct Clock {
    /// When frozen, the instant the clock stands at (before the offset).
    pub frozen: Option<Instant>,
    /// How far the clock was advanced by hand.
    pub offset: std::time::Duration,
}

impl Clock {
    /// The rate limiter's now.
    pub fn now(&self) -> Instant {
        self.frozen.unwrap_or_else(Instant::now) + self.offset
    }
}

#[derive(Debug)]
pub struct Store {
    pub config: RuntimeConfig,
    /// The rate limiter's clock.
    pub clock: Clock,
    /// API key → workspace id.
    pub keys: BTreeMap<String, String>,
    /// Key used by the control plane when no Authorization header is given.
    pub default_key: String,
    pub workspaces: HashMap<String, Workspace>,
    pub faults: Vec<FaultRule>,
    pub requests: VecDeque<Value>,
    /// Sum of the body sizes in `requests`.
    pub request_log_bytes: usize,
    /// Bumped on reset; background tasks of an older generation do nothing.
    pub generation: u64,
    /// Requests rejected with 401 (not attributable to a workspace).
    pub unauthorized: u64,
}

impl Store {
    pub fn register_key(&mut self, key: &str) -> String {
        if let Some(ws) = self.keys.get(key) {
            return ws.clone();
        }
        let ws_id = new_uuid();
        self.keys.insert(key.to_string(), ws_id.clone());
        self.workspaces
            .insert(ws_id.clone(), Workspace::new(ws_id.clone()));
        ws_id
    }

    pub fn workspace_for_key(&self, key: &str) -> Option<String> {
        self.keys.get(key).cloned()
    }

    pub fn ws(&mut self, id: &str) -> &mut Workspace {
        self.workspaces
            .get_mut(id)
            .expect("workspace of a registered key exists")
    }
}

pub struct Inner {
    pub store: Mutex<Store>,
    /// Config given at startup; reset restores it.
    pub startup_config: RuntimeConfig,
    pub http: reqwest::Client,
    /// One delivery queue per webhook id, preserving event order.
    pub queues: Mutex<HashMap<String, mpsc::UnboundedSender<DeliveryJob>>>,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl AppState {
    pub fn new(keys: &[String], config: RuntimeConfig) -> Self {
        let mut store = Store {
            config: config.clone(),
            clock: Clock::default(),
            keys: BTreeMap::new(),
            default_key: keys
                .first()
                .cloned()
                .unwrap_or_else(|| DEFAULT_API_KEY.to_string()),
            workspaces: HashMap::new(),
            faults: Vec::new(),
            requests: VecDeque::new(),
            request_log_bytes: 0,
            generation: 0,
            unauthorized: 0,
        };
        if keys.is_empty() {
            store.register_key(DEFAULT_API_KEY);
        }
        for k in keys {
            store.register_key(k);
        }
        let http = reqwest::Client::builder()
            .user_agent("fake-instantly-webhooks/0.1")
            .build()
            .expect("http client");
        AppState(Arc::new(Inner {
            store: Mutex::new(store),
            startup_config: config,
            http,
            queues: Mutex::new(HashMap::new()),
        }))
    }

    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.0.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Clears every workspace (keeping keys and workspace ids), faults, the
    /// request log and queued deliveries; restores the startup config.
    pub fn reset(&self) {
        {
            let mut s = self.lock();
            s.generation += 1;
            s.faults.clear();
            s.requests.clear();
            s.request_log_bytes = 0;
            s.unauthorized = 0;
            s.config = self.0.startup_config.clone();
            s.clock = Clock::default();
            let ids: Vec<String> = s.keys.values().cloned().collect();
            s.workspaces.clear();
            for id in ids {
                s.workspaces.insert(id.clone(), Workspace::new(id));
            }
        }
        self.0.queues.lock().unwrap().clear();
    }
}

/// The request context resolved by the API middleware.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub workspace_id: String,
}
