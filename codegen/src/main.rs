//! `cargo run -p codegen` regenerates the checked-in files derived from `spec/`;
//! `cargo run -p codegen -- --check` lists stale ones and fails instead.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let check = std::env::args().any(|a| a == "--check");
    if check {
        return match codegen::stale(&root) {
            Ok(s) if s.is_empty() => ExitCode::SUCCESS,
            Ok(s) => {
                eprintln!("stale generated files (run `cargo run -p codegen`):");
                for p in s {
                    eprintln!("  {p}");
                }
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("codegen: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let files = match codegen::generate(&root) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("codegen: {e}");
            return ExitCode::FAILURE;
        }
    };
    for dir in ["src/generated/models", "src/generated/api"] {
        let _ = std::fs::remove_dir_all(root.join(dir));
    }
    for (path, text) in &files {
        let p = root.join(path);
        if let Some(parent) = p.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("{}: {e}", parent.display());
                return ExitCode::FAILURE;
            }
        }
        if std::fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
            if let Err(e) = std::fs::write(&p, text) {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
            println!("wrote {path}");
        }
    }
    ExitCode::SUCCESS
}
