//! Test helpers: an in-process fake on an ephemeral port, a small HTTP
//! client, and response validation against the vendored OpenAPI document.
#![allow(dead_code)]

use fake_instantly::{Config, RuntimeConfig, Server};
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub const KEY: &str = fake_instantly::DEFAULT_API_KEY;

static SPEC_TEXT: &str = include_str!("../../../../spec/instantly-api-v2.json");

/// The vendored OpenAPI document.
pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| serde_json::from_str(SPEC_TEXT).unwrap())
}

fn escape(segment: &str) -> String {
    segment
        .replace('~', "~0")
        .replace('/', "~1")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

/// The schema violations of `body` against the response schema the spec
/// declares for `method spec_path` answering `status`, as (instance path,
/// message). The whole OpenAPI document is the root resource, so `$ref`s
/// resolve natively in the JSON-schema library.
pub fn spec_errors(
    method: &str,
    spec_path: &str,
    status: u16,
    body: &Value,
) -> Vec<(String, String)> {
    type Cache = Mutex<HashMap<String, Arc<jsonschema::Validator>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = format!("{method} {spec_path} {status}");
    let cache = CACHE.get_or_init(Default::default);
    let cached = cache.lock().unwrap().get(&key).cloned();
    let validator = match cached {
        Some(v) => v,
        None => {
            let pointer = format!(
                "/paths/{}/{}/responses/{}/content/application~1json/schema",
                escape(spec_path),
                method.to_ascii_lowercase(),
                status
            );
            let plain = pointer.replace("%7B", "{").replace("%7D", "}");
            assert!(
                spec().pointer(&plain).is_some(),
                "spec declares no JSON body for {key}"
            );
            // The root keeps the document's layout (so `#/...` pointers and
            // `$ref`s resolve) but only carries this path and the components.
            let root = json!({
                "$ref": format!("#{pointer}"),
                "components": spec()["components"],
                "paths": { spec_path: spec()["paths"][spec_path] },
            });
            let v = Arc::new(
                jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(&root)
                    .expect("schema compiles"),
            );
            cache.lock().unwrap().insert(key.clone(), v.clone());
            v
        }
    };
    validator
        .iter_errors(body)
        .map(|e| (e.instance_path().to_string(), e.to_string()))
        .collect()
}

/// Asserts that `body` is valid against the response schema the spec
/// declares for `method spec_path` answering `status`.
pub fn assert_matches_spec(method: &str, spec_path: &str, status: u16, body: &Value) {
    let errors: Vec<String> = spec_errors(method, spec_path, status, body)
        .into_iter()
        .take(5)
        .map(|(path, msg)| format!("{msg} at {path}"))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {spec_path} {status}: response does not match the spec: {errors:#?}\nbody: {}",
        serde_json::to_string(body)
            .unwrap()
            .chars()
            .take(1500)
            .collect::<String>()
    );
}

/// True when the spec documents a JSON body for `status` on the operation.
pub fn spec_declares(method: &str, spec_path: &str, status: u16) -> bool {
    spec()["paths"][spec_path][method.to_ascii_lowercase()]["responses"][status.to_string()]
        ["content"]["application/json"]["schema"]
        .is_object()
}

/// Rate limits off, fast background timings, the spec's complete shapes.
pub fn fast_config() -> RuntimeConfig {
    RuntimeConfig {
        rate_per_second: 0,
        rate_per_minute: 0,
        webhook_retry_delay_ms: 20,
        webhook_max_attempts: 3,
        webhook_timeout_ms: 2000,
        job_step_ms: 100,
        interest_delay_ms: 20,
        spec_shapes: true,
    }
}

pub struct Fake {
    pub server: Server,
    pub base: String,
    pub http: reqwest::Client,
    pub key: String,
}

pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }
}

impl Fake {
    /// A fake with rate limits off, fast background timings and the spec's
    /// complete shapes (every answer is checked against the spec).
    pub async fn new() -> Fake {
        Fake::with(fast_config()).await
    }

    /// Like [`Fake::new`], with the default (live) answer shapes.
    pub async fn live() -> Fake {
        Fake::with(RuntimeConfig {
            spec_shapes: false,
            ..fast_config()
        })
        .await
    }

    pub async fn with(runtime: RuntimeConfig) -> Fake {
        let server = fake_instantly::start(Config {
            runtime,
            ..Config::default()
        })
        .await
        .expect("server starts");
        Fake {
            base: server.url(),
            server,
            http: reqwest::Client::new(),
            key: KEY.to_string(),
        }
    }

    /// A raw request. `body` None = no body and no content-type.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> Resp {
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.http.request(m, format!("{}{}", self.base, path));
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(serde_json::to_vec(b).unwrap());
        }
        let resp = req.send().await.expect("request sent");
        Resp {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            text: resp.text().await.unwrap_or_default(),
        }
    }

    /// Calls `/api/v2{path}` with the default key, asserts `status` and checks
    /// the body against the spec's schema for `spec_path` and that status.
    pub async fn expect(
        &self,
        method: &str,
        path: &str,
        spec_path: &str,
        body: Option<Value>,
        status: u16,
    ) -> Value {
        let r = self
            .send(
                method,
                &format!("/api/v2{path}"),
                Some(&self.key),
                body.as_ref(),
            )
            .await;
        assert_eq!(r.status, status, "{method} {path}: {}", r.text);
        let v = r.json();
        let full = format!("/api/v2{spec_path}");
        if spec_declares(method, &full, status) {
            assert_matches_spec(method, &full, status, &v);
        } else {
            // Fastify answers validation errors on every route, documented or
            // not: those must be the standard envelope.
            assert_eq!(v["statusCode"], status, "{v}");
            assert!(v["error"].is_string() && v["message"].is_string(), "{v}");
        }
        v
    }

    /// 200 + spec check.
    pub async fn ok(
        &self,
        method: &str,
        path: &str,
        spec_path: &str,
        body: Option<Value>,
    ) -> Value {
        self.expect(method, path, spec_path, body, 200).await
    }

    /// A control-plane call (`/__fake{path}`), asserting 200.
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let r = self
            .send(method, &format!("/__fake{path}"), None, body.as_ref())
            .await;
        assert_eq!(r.status, 200, "{method} /__fake{path}: {}", r.text);
        r.json()
    }

    pub async fn state(&self) -> Value {
        self.control("GET", "/state", None).await
    }

    pub async fn campaign(&self, name: &str) -> Value {
        self.ok(
            "POST",
            "/campaigns",
            "/campaigns",
            Some(campaign_body(name)),
        )
        .await
    }

    pub async fn list(&self, name: &str) -> Value {
        self.ok(
            "POST",
            "/lead-lists",
            "/lead-lists",
            Some(json!({ "name": name })),
        )
        .await
    }

    /// Connects the account [`campaign_body`] sends from (campaigns send only
    /// from accounts that exist).
    pub async fn sender_account(&self) -> Value {
        self.ok("POST", "/accounts", "/accounts", Some(account_body(SENDER)))
            .await
    }

    /// Adds `n` leads `prefix{i}@example.com` to a campaign.
    pub async fn add_leads(&self, campaign_id: &str, prefix: &str, n: usize) -> Value {
        let leads: Vec<Value> = (0..n)
            .map(|i| json!({"email": format!("{prefix}{i}@example.com"), "first_name": format!("First{i}")}))
            .collect();
        self.ok(
            "POST",
            "/leads/add",
            "/leads/add",
            Some(json!({"campaign_id": campaign_id, "leads": leads})),
        )
        .await
    }
}

pub fn schedule() -> Value {
    json!({
        "schedules": [{
            "name": "Weekdays",
            "timing": {"from": "09:00", "to": "17:00"},
            "days": {"1": true, "2": true, "3": true, "4": true, "5": true},
            "timezone": "America/Chicago"
        }]
    })
}

/// The sending account of [`campaign_body`].
pub const SENDER: &str = "sender@outreach.example.com";

/// A valid `POST /accounts` body for `email`.
pub fn account_body(email: &str) -> Value {
    json!({
        "email": email, "first_name": "Sam", "last_name": "Sender", "provider_code": 2,
        "imap_username": email, "imap_password": "secret", "imap_host": "imap.example.com", "imap_port": 993,
        "smtp_username": email, "smtp_password": "secret", "smtp_host": "smtp.example.com", "smtp_port": 587
    })
}

pub fn campaign_body(name: &str) -> Value {
    json!({
        "name": name,
        "campaign_schedule": schedule(),
        "sequences": [{"steps": [
            {"type": "email", "delay": 1, "variants": [{"subject": "Hi {{firstName}}", "body": "Hello {{firstName}}"}]},
            {"type": "email", "delay": 1, "variants": [{"subject": "Follow-up", "body": "Bump"}]}
        ]}],
        "email_list": [SENDER]
    })
}

/// Waits until `check` returns Some, polling every 10 ms for up to `ms`.
pub async fn eventually<T, F, Fut>(ms: u64, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(ms);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "condition not met within {ms} ms"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}
