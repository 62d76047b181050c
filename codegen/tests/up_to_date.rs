//! The checked-in generated files are exactly what the generator makes from `spec/` and
//! `codegen/overrides.toml`: change either and this fails until `cargo run -p codegen` is run.

#[test]
fn generated_files_are_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let stale = codegen::stale(&root).expect("the generator runs");
    assert!(
        stale.is_empty(),
        "stale generated files (run `cargo run -p codegen`): {stale:?}"
    );
}
