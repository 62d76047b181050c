//! `fake-instantly` binary: parses the CLI and serves until Ctrl-C.

use clap::Parser;
use fake_instantly::{Config, RuntimeConfig};
use std::io::Write;

/// A local, wire-accurate fake of the Instantly API V2.
#[derive(Parser, Debug)]
#[command(name = "fake-instantly", version)]
struct Cli {
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to bind (0 = an ephemeral port).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// API key to accept (repeatable); each key gets its own workspace.
    /// Without any, the key `fake-instantly-test-key` is accepted.
    #[arg(long = "api-key", value_name = "KEY")]
    api_keys: Vec<String>,
    /// Seed scenario for the first key's workspace (`demo`).
    #[arg(long)]
    seed: Option<String>,
    /// Requests per second per workspace (0 = off).
    #[arg(long, default_value_t = 100)]
    rate_per_second: u32,
    /// Requests per minute per workspace (0 = off).
    #[arg(long, default_value_t = 6000)]
    rate_per_minute: u32,
    /// First retry delay of a failed webhook delivery (doubles per attempt).
    #[arg(long, default_value_t = 1000)]
    webhook_retry_delay_ms: u64,
    /// Delivery attempts per webhook event before the webhook is disabled.
    #[arg(long, default_value_t = 3)]
    webhook_max_attempts: u32,
    /// Answer with the spec's complete shapes instead of the live service's
    /// (which omit unset fields and differ as api-notes §7 documents).
    #[arg(long)]
    spec_shapes: bool,
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let runtime = RuntimeConfig {
        rate_per_second: cli.rate_per_second,
        rate_per_minute: cli.rate_per_minute,
        webhook_retry_delay_ms: cli.webhook_retry_delay_ms,
        webhook_max_attempts: cli.webhook_max_attempts,
        spec_shapes: cli.spec_shapes,
        ..RuntimeConfig::default()
    };
    let config = Config {
        host: cli.host,
        port: cli.port,
        api_keys: cli.api_keys,
        seed: cli.seed,
        runtime,
    };
    let (addr, handle) = match fake_instantly::serve(config).await {
        Ok(v) => v,
        Err(e) => {
            eprintln!("fake-instantly: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "fake-instantly listening on http://{addr}");
    let _ = out.flush();
    drop(out);
    tokio::select! {
        _ = handle => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}
