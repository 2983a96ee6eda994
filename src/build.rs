//! Writing a workflow's ASL and JSON Schemas to files, for a `build.rs` or a deploy step.
//!
//! The recipe: a crate that deploys (a CDK or Terraform wrapper, an xtask) lists the crate
//! that declares the workflow under `[build-dependencies]`, and its `build.rs` calls
//! [`write_workflow`]:
//!
//! ```no_run
//! # use stepfn::prelude::*;
//! # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
//! # pub struct Data { pub delay_seconds: u64 }
//! # #[workflow(Example, data = Data)]
//! # mod example {
//! #     #[wait(seconds_path = $.delay_seconds, end)]
//! #     pub struct Pause;
//! # }
//! // build.rs
//! fn main() {
//!     let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("asl");
//!     stepfn::build::write_workflow::<Example>(&dir).expect("write the ASL");
//! }
//! ```
//!
//! Cargo reruns the build script when the declaring crate changes (it is a build
//! dependency), and [`write_workflow`] rewrites a file only when its contents differ, so
//! tools that watch the folder see a change only when there is one.

use std::io;
use std::path::{Path, PathBuf};

use crate::Workflow;

/// Writes `<dir>/<Name>.asl.json` and `<dir>/<Name>.schemas/<role>.schema.json` (one file per
/// entry of [`Workflow::schemas`]) and returns the files it wrote or left unchanged. Files
/// whose contents are already right are not touched. Prints `cargo:rerun-if-changed` for
/// each file, so a build script reruns when someone edits or deletes one.
pub fn write_workflow<W: Workflow>(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = vec![(dir.join(format!("{}.asl.json", W::NAME)), W::asl())];
    let schema_dir = dir.join(format!("{}.schemas", W::NAME));
    for (role, schema) in W::schemas() {
        let text = serde_json::to_string_pretty(&schema).map_err(io::Error::other)?;
        files.push((schema_dir.join(format!("{role}.schema.json")), text));
    }

    let mut written = Vec::with_capacity(files.len());
    for (path, mut text) in files {
        text.push('\n');
        write_if_changed(&path, &text)?;
        rerun_if_changed(&path);
        written.push(path);
    }
    Ok(written)
}

/// Writes `text` to `path` unless the file already holds exactly `text`; creates parent
/// folders. Returns whether it wrote.
pub fn write_if_changed(path: &Path, text: &str) -> io::Result<bool> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)?;
    Ok(true)
}

// Build scripts talk to Cargo through standard output; this is the one place the facade
// prints, and only when running under Cargo.
#[allow(clippy::print_stdout)]
fn rerun_if_changed(path: &Path) {
    if std::env::var_os("CARGO_MANIFEST_DIR").is_some() && std::env::var_os("OUT_DIR").is_some() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
