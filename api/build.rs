//! Embeds the console (`assets/console/`, the bundle `web/` builds) in the
//! binary: writes `$OUT_DIR/console_files.rs`, one entry per file with its
//! path as served, so `cargo run` serves the console without Node.js.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("console");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let served = file.strip_prefix(&root).expect("under the root").to_string_lossy().replace('\\', "/");
        writeln!(out, "    ({:?}, include_bytes!({:?})),", format!("/{served}"), file.display().to_string())
            .expect("writes to a string");
    }
    out.push(']');
    let target =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("console_files.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}

/// Every file under `dir`, depth first; a missing directory is no files (the
/// api then answers `/` with a page saying the console is not built).
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo::rerun-if-changed={}", path.display());
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
