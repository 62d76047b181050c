//! The binary: the single startup line scripts parse, keys and seeding.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn launch(args: &[&str]) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-instantly"))
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let running = Running(child);
    let prefix = "fake-instantly listening on http://127.0.0.1:";
    assert!(line.starts_with(prefix), "startup line: {line:?}");
    let port: u16 = line.trim_end()[prefix.len()..].parse().expect("a port");
    assert!(port > 0);
    (running, format!("http://127.0.0.1:{port}"))
}

#[tokio::test]
async fn prints_the_listening_line_and_serves_the_default_key() {
    let (_child, base) = launch(&["--seed", "demo"]);
    let http = reqwest::Client::new();
    let r = http
        .get(format!("{base}/api/v2/campaigns?limit=100"))
        .bearer_auth("fake-instantly-test-key")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 4, "demo seed");
}

#[tokio::test]
async fn api_key_flags_replace_the_default_key() {
    let (_child, base) = launch(&[
        "--api-key",
        "k-one",
        "--api-key",
        "k-two",
        "--rate-per-second",
        "0",
    ]);
    let http = reqwest::Client::new();
    let status = |key: &'static str| {
        let (http, base) = (http.clone(), base.clone());
        async move {
            http.get(format!("{base}/api/v2/campaigns"))
                .bearer_auth(key)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(status("k-one").await, 200);
    assert_eq!(status("k-two").await, 200);
    assert_eq!(status("fake-instantly-test-key").await, 401);
    let cfg: Value = http
        .get(format!("{base}/__fake/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cfg["rate_per_second"], 0);
    assert_eq!(cfg["spec_shapes"], false, "live shapes by default");
}

#[tokio::test]
async fn spec_shapes_flag_sets_the_config_and_survives_reset() {
    let (_child, base) = launch(&["--spec-shapes"]);
    let http = reqwest::Client::new();
    let config = || {
        let (http, base) = (http.clone(), base.clone());
        async move {
            http.get(format!("{base}/__fake/config"))
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(config().await["spec_shapes"], true);
    http.post(format!("{base}/__fake/config"))
        .header("content-type", "application/json")
        .body(r#"{"spec_shapes": false}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(config().await["spec_shapes"], false);
    http.post(format!("{base}/__fake/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        config().await["spec_shapes"],
        true,
        "reset restores the startup flag"
    );
}
