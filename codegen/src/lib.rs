//! The generator behind instantly-wasm's checked-in files: `spec/instantly-api-v2.json` plus
//! `codegen/overrides.toml` in, the operation table, models, typed methods, JS facade,
//! `operations.json` and API docs out. `cargo run -p codegen` writes them;
//! `cargo run -p codegen -- --check` (and this crate's test) fails when they are stale.

pub mod emit_api;
pub mod emit_docs;
pub mod emit_js;
pub mod emit_models;
pub mod emit_table;
pub mod ir;
pub mod overrides;
pub mod plan;
pub mod types;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// Every generated file: repository-relative path → content.
pub fn generate(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let ov = overrides::Overrides::load(&read("codegen/overrides.toml")?)?;
    let mut raw: serde_json::Value =
        serde_json::from_str(&read("spec/instantly-api-v2.json")?).map_err(|e| e.to_string())?;
    ov.apply_fixes(&mut raw)?;
    let spec = ir::Spec::load(&raw.to_string())?;
    let plan = plan::build(&spec, &ov)?;
    let mut files = BTreeMap::new();
    files.insert(
        "src/generated/table.rs".to_string(),
        emit_table::emit(&plan, &ov)?,
    );
    files.extend(emit_models::emit(&plan));
    files.extend(emit_api::emit(&plan, &ov));
    for (path, text) in files.iter_mut() {
        if path.ends_with(".rs") {
            *text = rustfmt(text).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    let js = emit_js::emit(&plan, &ov)?;
    files.insert("js/client.js".into(), js.js);
    files.insert("js/client.d.ts".into(), js.dts);
    files.insert("js/operations.json".into(), js.operations_json);
    files.insert("tests/ts/surface.generated.ts".into(), js.surface);
    files.insert("docs/api.md".into(), emit_docs::api_md(&plan, &ov));
    let readme = read("README.md")?;
    if let Some(updated) = replace_block(
        &readme,
        "<!-- coverage:start -->",
        "<!-- coverage:end -->",
        &emit_docs::coverage_table(&plan, &ov),
    ) {
        files.insert("README.md".into(), updated);
    }
    Ok(files)
}

fn replace_block(text: &str, start: &str, end: &str, body: &str) -> Option<String> {
    let a = text.find(start)? + start.len();
    let b = a + text[a..].find(end)?;
    Some(format!("{}\n{}{}", &text[..a], body, &text[b..]))
}

fn rustfmt(text: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt stdin")?
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// Files whose checked-in content differs from what the generator makes.
pub fn stale(root: &Path) -> Result<Vec<String>, String> {
    let files = generate(root)?;
    let mut out = Vec::new();
    for (path, text) in &files {
        let current = std::fs::read_to_string(root.join(path)).unwrap_or_default();
        if &current != text {
            out.push(path.clone());
        }
    }
    // A generated directory must hold nothing the generator no longer makes.
    for dir in ["src/generated", "src/generated/models", "src/generated/api"] {
        for entry in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if p.ends_with(".rs") && !files.contains_key(&p) && !p.ends_with("generated/mod.rs") {
                out.push(p);
            }
        }
    }
    Ok(out)
}
