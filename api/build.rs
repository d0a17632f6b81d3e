//! Embeds the console (`assets/console/`, the bundle `web/` builds) in the
//! binary: writes `$OUT_DIR/console_files.rs`, one entry per file with its
//! path as served, its bytes and, for text, the same gzipped at the best
//! level, so `cargo run` serves the console without Node.js and no request
//! spends time compressing the same file again.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

/// Text worth compressing; images and fonts are compressed already.
const COMPRESSIBLE: [&str; 7] = ["html", "js", "css", "svg", "json", "webmanifest", "txt"];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("console");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut out = String::from("&[\n");
    for (n, file) in files.iter().enumerate() {
        println!("cargo::rerun-if-changed={}", file.display());
        let served = file.strip_prefix(&root).expect("under the root").to_string_lossy().replace('\\', "/");
        let gzipped = match gzipped(file) {
            Some(bytes) => {
                let target = out_dir.join(format!("console-{n}.gz"));
                std::fs::write(&target, bytes).expect("OUT_DIR is writable");
                format!("Some(include_bytes!({:?}))", target.display().to_string())
            }
            None => "None".to_owned(),
        };
        writeln!(
            out,
            "    ({:?}, include_bytes!({:?}), {gzipped}),",
            format!("/{served}"),
            file.display().to_string()
        )
        .expect("writes to a string");
    }
    out.push(']');
    std::fs::write(out_dir.join("console_files.rs"), out).expect("OUT_DIR is writable");
}

/// The file gzipped, when it is text and compressing makes it smaller.
fn gzipped(file: &Path) -> Option<Vec<u8>> {
    let extension = file.extension()?.to_str()?;
    if !COMPRESSIBLE.contains(&extension) {
        return None;
    }
    let raw = std::fs::read(file).expect("a bundle file is readable");
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&raw).expect("gzip into memory");
    let packed = encoder.finish().expect("gzip into memory");
    (packed.len() < raw.len()).then_some(packed)
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
