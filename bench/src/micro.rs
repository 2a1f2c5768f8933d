//! Runs the criterion benchmark (`benches/overhead.rs`) and reads its medians.

use std::path::Path;
use std::process::Command;

pub const GROUPS: [(&str, &str); 3] = [
    ("page100", "GET a page of 100 users, decoded"),
    ("error404", "404 mapped to an error with Keycloak's message"),
    ("count", "GET users/count (token injection + dispatch)"),
];
pub const FUNCTIONS: [&str; 3] = ["raw", "generated", "ergonomic"];

/// Median nanoseconds by (group, function).
pub type Medians = Vec<((String, String), f64)>;

pub fn run(workspace: &Path, target_dir: &Path) -> Result<Medians, String> {
    let status = Command::new(env!("CARGO"))
        .args(["bench", "-p", "keycloak-bench", "--bench", "overhead"])
        .current_dir(workspace)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("cargo bench failed".into());
    }
    let mut out = Vec::new();
    for (group, _) in GROUPS {
        for f in FUNCTIONS {
            let path = target_dir.join(format!("criterion/{group}/{f}/new/estimates.json"));
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            let median = v["median"]["point_estimate"]
                .as_f64()
                .ok_or("no median in estimates")?;
            out.push(((group.to_string(), f.to_string()), median));
        }
    }
    Ok(out)
}
