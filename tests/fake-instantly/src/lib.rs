//! `fake-instantly`: a local, wire-accurate fake of the Instantly API V2.
//!
//! [`serve`] starts the server on the configured address (port 0 picks a free
//! port) and returns the bound address; see the README for the routes, the
//! control plane under `/__fake/` and the choices made where the spec is
//! ambiguous.

pub mod analytics;
pub mod api;
pub mod campaigns;
pub mod control;
pub mod delivery;
pub mod errors;
pub mod events;
pub mod faults;
pub mod generic;
pub mod ids;
pub mod jobs;
pub mod leads;
pub mod leads_bulk;
pub mod lists;
pub mod optable;
pub mod pagination;
pub mod routes;
pub mod seed;
pub mod server;
pub mod shape;
pub mod simulate;
pub mod spec;
pub mod state;
pub mod synth;
pub mod validation;
pub mod webhooks;

use axum::extract::OriginalUri;
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::Router;
use std::net::SocketAddr;
use tokio::task::JoinHandle;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use state::{AppState, RuntimeConfig, DEFAULT_API_KEY};

/// Startup configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    /// 0 = an ephemeral port.
    pub port: u16,
    /// API keys, each with its own workspace. Empty = [`DEFAULT_API_KEY`].
    pub api_keys: Vec<String>,
    /// Seed scenario applied to the first key's workspace at startup.
    pub seed: Option<String>,
    pub runtime: RuntimeConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 0,
            api_keys: vec![],
            seed: None,
            runtime: RuntimeConfig::default(),
        }
    }
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub handle: JoinHandle<()>,
    pub state: AppState,
}

impl Server {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Binds and starts the server; returns its address and task handle.
pub async fn serve(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let s = start(config).await?;
    Ok((s.addr, s.handle))
}

/// Like [`serve`], also returning the shared state.
pub async fn start(config: Config) -> std::io::Result<Server> {
    // Parse the spec before accepting requests.
    let _ = spec::spec();
    let state = AppState::new(&config.api_keys, config.runtime.clone());
    if let Some(scenario) = &config.seed {
        let mut s = state.lock();
        let key = s.default_key.clone();
        let ws = s.workspace_for_key(&key).expect("default key registered");
        if seed::run(&state, &mut s, &ws, scenario).is_none() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("unknown seed scenario '{scenario}' (known: demo)"),
            ));
        }
    }
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let app = router(state.clone());
    let handle = tokio::spawn(server::run(listener, app));
    Ok(Server {
        addr,
        handle,
        state,
    })
}

async fn route_not_found(method: Method, OriginalUri(uri): OriginalUri) -> Response {
    errors::ApiError::not_found(format!("Route {}:{} not found", method, uri.path()))
        .into_response()
}

/// The full router: `/api/v2` behind the API middleware, `/__fake` control
/// plane, CORS for browsers on everything.
pub fn router(state: AppState) -> Router {
    let api = routes::api(state.clone())
        .fallback(route_not_found)
        .method_not_allowed_fallback(route_not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            api::middleware,
        ))
        .with_state(state.clone());

    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("x-as-workspace"),
            header::USER_AGENT,
        ])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600));

    Router::new()
        .nest("/api/v2", api)
        .nest("/__fake", control::router(state))
        .route("/health", get(|| async { "ok" }))
        .route("/", delete(route_not_found))
        .fallback(|m: Method, u: OriginalUri| async move {
            let _ = StatusCode::NOT_FOUND;
            route_not_found(m, u).await
        })
        .layer(cors)
}
