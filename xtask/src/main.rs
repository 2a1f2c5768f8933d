//! `cargo xtask spec …`: everything that touches spec files.
//!
//! The pipeline is `spec/upstream/<file>` (byte-for-byte from Keycloak) +
//! `spec/overlay.toml` (reviewed corrections) + general rules in `rules/`
//! → `spec/normalized.json` (what build.rs reads) and
//! `spec/operation-ids.json` (the lock that keeps method names stable).

mod blocking;
mod check;
mod deps;
mod diff;
mod generate;
mod history;
mod import;
mod lock;
mod overlay;
mod paths;
mod pin;
mod rules;
mod spec;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "xtask",
    about = "Project automation for the Keycloak admin client"
)]
struct Cli {
    #[command(subcommand)]
    command: Top,
}

#[derive(Subcommand)]
enum Top {
    /// Work with the OpenAPI document.
    #[command(subcommand)]
    Spec(SpecCmd),
    /// Check the published crates' default dependency graphs: no C crypto
    /// library or code generator, allowed licenses, no unreviewed duplicate
    /// version, no dependency newer than the declared rust-version.
    Deps,
    /// Generate keycloak-admin's blocking facade from the async handles
    /// (crates/keycloak-admin/src/blocking/generated.rs).
    Blocking {
        /// Fail when the committed file is stale instead of writing it.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand)]
enum SpecCmd {
    /// Import an upstream document: a version (downloaded from keycloak.org), a local file or a URL.
    /// Pins it in spec/pin.json and regenerates the normalized document.
    Import { source: String },
    /// Regenerate spec/normalized.json and spec/operation-ids.json from upstream + overlay + rules,
    /// then the committed client (src/generated/).
    Normalize,
    /// Regenerate the committed client (src/generated/) from spec/normalized.json.
    Generate,
    /// Fail when committed spec artifacts are stale, the overlay no longer applies,
    /// or operation ids are missing or changed.
    Check {
        /// Also normalize every document in ../shared/keycloak-openapi (or --dir)
        /// and prove the generated client compiles for each.
        #[arg(long)]
        all: bool,
        /// Directory of upstream documents for --all.
        #[arg(long)]
        dir: Option<PathBuf>,
        /// With --all, skip `cargo check` of the generated code (normalization only).
        #[arg(long)]
        no_compile: bool,
    },
    /// Write spec/history.json: when each operation newer than the oldest
    /// shipped document first appeared (from ../shared/keycloak-openapi or --dir).
    History {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Human-readable API diff between two upstream documents (files or versions found in --dir).
    Diff {
        old: String,
        new: String,
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let root = paths::workspace_root();
    match cli.command {
        Top::Deps => deps::check(&root),
        Top::Blocking { check } => {
            if check {
                blocking::check(&root)
            } else {
                blocking::run(&root)
            }
        }
        Top::Spec(SpecCmd::Import { source }) => import::run(&root, &source),
        Top::Spec(SpecCmd::Normalize) => {
            check::write_normalized(&root)?;
            generate::run(&root)
        }
        Top::Spec(SpecCmd::Generate) => generate::run(&root),
        Top::Spec(SpecCmd::Check {
            all,
            dir,
            no_compile,
        }) => {
            check::check_pinned(&root)?;
            generate::check(&root)?;
            if all {
                let dir = dir.unwrap_or_else(|| paths::shared_specs_dir(&root));
                history::check(&root, &dir)?;
                check::check_all(&root, &dir, !no_compile)?;
            }
            Ok(())
        }
        Top::Spec(SpecCmd::History { dir }) => {
            history::write(
                &root,
                &dir.unwrap_or_else(|| paths::shared_specs_dir(&root)),
            )?;
            generate::run(&root)
        }
        Top::Spec(SpecCmd::Diff { old, new, dir }) => {
            let dir = dir.unwrap_or_else(|| paths::shared_specs_dir(&root));
            let (old_path, new_path) = (
                paths::resolve_spec(&dir, &old)?,
                paths::resolve_spec(&dir, &new)?,
            );
            let label = |p: &std::path::Path| {
                p.file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default()
            };
            let (old_doc, new_doc) = (spec::load_any(&old_path)?, spec::load_any(&new_path)?);
            print!(
                "{}",
                diff::render((&label(&old_path), &label(&new_path)), &old_doc, &new_doc)
            );
            Ok(())
        }
    }
}
