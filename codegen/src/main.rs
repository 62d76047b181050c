//! `cargo run -p codegen`: regenerates the checked-in files derived from `spec/`.

fn main() {}
