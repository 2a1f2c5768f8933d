//! `kc` against kcadm.sh: the Admin CLI chapter's examples as one script, run
//! through both binaries on the same server, alternating, each command timed
//! from spawn to exit. kcadm.sh is the one in the harness's own distribution.
//! Writes bench/cli-vs-kcadm.md (the full report includes it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One tool: how to invoke it, with its session kept in `dir`.
struct Tool {
    name: &'static str,
    program: PathBuf,
    dir: PathBuf,
    java_home: Option<PathBuf>,
}

impl Tool {
    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.program);
        // Each tool's session in its own place: kc's file, kcadm.sh's ~/.keycloak.
        cmd.env("KC_CREDENTIALS", self.dir.join("credentials.json"))
            .env("HOME", &self.dir)
            .env_remove("KEYCLOAK_URL")
            .env_remove("KEYCLOAK_USERNAME")
            .env_remove("KEYCLOAK_PASSWORD");
        if let Some(java) = &self.java_home {
            cmd.env("JAVA_HOME", java);
        }
        cmd
    }

    /// Run one step; its wall time in ms and its stdout.
    fn run(&self, args: &[String], stdin: Option<&str>) -> Result<(f64, String), String> {
        let mut cmd = self.command();
        cmd.args(args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let started = Instant::now();
        let mut child = cmd.spawn().map_err(|e| format!("{}: {e}", self.name))?;
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            use std::io::Write;
            pipe.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        }
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if !out.status.success() {
            return Err(format!(
                "{} {}: {}",
                self.name,
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok((ms, String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }
}

/// The script: the chapter's examples, ids captured from `-i` as a script would.
/// `{R}` the realm, `{U}`/`{O}` user ids, `{C}` a client id, `{G}` a group id.
const SCRIPT: &[(&str, &str)] = &[
    ("create realms -s realm={R} -s enabled=true", ""),
    ("update realms/{R} -s displayName=Demo", ""),
    ("get realms/{R}", ""),
    (
        "create users -r {R} -s username=testuser -s enabled=true -i",
        "U",
    ),
    (
        "create users -r {R} -s username=otheruser -s enabled=true -i",
        "O",
    ),
    ("get users -r {R} --offset 0 --limit 100", ""),
    ("get users -r {R} -q username=testuser", ""),
    ("get users/{U} -r {R}", ""),
    (
        r#"update users/{U} -r {R} -s requiredActions=["VERIFY_EMAIL","UPDATE_PASSWORD"]"#,
        "",
    ),
    (
        "set-password -r {R} --username testuser --new-password NEWPASSWORD --temporary",
        "",
    ),
    (
        "create roles -r {R} -s name=user -s description=Regular",
        "",
    ),
    ("get roles -r {R}", ""),
    ("get roles/user -r {R}", ""),
    ("add-roles -r {R} --uusername testuser --rolename user", ""),
    ("get-roles -r {R} --uusername testuser", ""),
    (
        "add-roles -r {R} --uusername testuser --cclientid realm-management --rolename view-users --rolename view-clients",
        "",
    ),
    (
        "get-roles -r {R} --uusername testuser --cclientid realm-management",
        "",
    ),
    (
        "remove-roles -r {R} --uusername testuser --rolename user",
        "",
    ),
    (
        r#"create clients -r {R} -s clientId=myapp -s enabled=true -s redirectUris=["http://localhost:8980/myapp/*"] -i"#,
        "C",
    ),
    ("create clients -r {R} -f -", "STDIN"),
    ("get clients -r {R} --fields id,clientId", ""),
    ("get clients/{C}/client-secret -r {R}", ""),
    (
        "get clients -r {R} -q clientId=myapp --fields id,clientId --format csv --noquotes",
        "",
    ),
    ("create clients/{C}/roles -r {R} -s name=editor", ""),
    ("get clients/{C}/roles -r {R}", ""),
    ("create groups -r {R} -s name=Group -i", "G"),
    ("create groups/{G}/children -r {R} -s name=SubGroup", ""),
    ("get groups -r {R}", ""),
    (
        "update users/{U}/groups/{G} -r {R} -s realm={R} -s userId={U} -s groupId={G} -n",
        "",
    ),
    ("get users/{U}/groups -r {R}", ""),
    ("get groups/{G}/members -r {R}", ""),
    ("delete users/{U}/groups/{G} -r {R}", ""),
    ("delete users/{O} -r {R}", ""),
    ("delete clients/{C} -r {R}", ""),
    ("delete realms/{R}", ""),
];

/// Per tool: the login's time, and each step's.
struct Run {
    login: f64,
    steps: Vec<f64>,
}

fn script_once(tool: &Tool, server: &keycloak_testkit::Server, realm: &str) -> Result<Run, String> {
    let _ = std::fs::remove_dir_all(&tool.dir);
    std::fs::create_dir_all(&tool.dir).map_err(|e| e.to_string())?;
    let login: Vec<String> = [
        "config",
        "credentials",
        "--server",
        server.base_url(),
        "--realm",
        "master",
        "--user",
        server.admin_username(),
        "--password",
        server.admin_password(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (login, _) = tool.run(&login, None)?;
    let mut ids: Vec<(String, String)> = vec![("{R}".into(), realm.into())];
    let mut steps = Vec::new();
    for (line, capture) in SCRIPT {
        let filled = ids
            .iter()
            .fold(line.to_string(), |l, (k, v)| l.replace(k, v));
        let args: Vec<String> = filled.split(' ').map(str::to_string).collect();
        let stdin =
            (*capture == "STDIN").then_some(r#"{ "clientId": "myapp2", "publicClient": true }"#);
        let (ms, out) = tool.run(&args, stdin)?;
        if !capture.is_empty() && *capture != "STDIN" {
            ids.push((format!("{{{capture}}}"), out));
        }
        steps.push(ms);
    }
    Ok(Run { login, steps })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// `reps` runs of the script per tool, alternating; the report as Markdown.
pub async fn compare(reps: usize, workspace: &Path, target: &Path) -> Result<String, String> {
    let built = Command::new("cargo")
        .args(["build", "--quiet", "--release", "--bin", "kc"])
        .current_dir(workspace)
        .status()
        .map_err(|e| e.to_string())?;
    if !built.success() {
        return Err("cargo build --release --bin kc failed".into());
    }
    let server = keycloak_testkit::Server::start(keycloak_testkit::KeycloakServer::from_env())
        .await
        .map_err(|e| e.to_string())?;
    let home = server
        .running()
        .home_dir()
        .ok_or("the harness did not start this server")?
        .to_path_buf();
    let java_home =
        keycloak_launcher::jdk::choose(None, server.version()).map_err(|e| e.to_string())?;
    let scratch = target.join("bench-cli");
    let tools = [
        Tool {
            name: "kc",
            program: target.join("release/kc"),
            dir: scratch.join("kc"),
            java_home: None,
        },
        Tool {
            name: "kcadm.sh",
            program: home.join("bin/kcadm.sh"),
            dir: scratch.join("kcadm"),
            java_home,
        },
    ];
    let mut runs: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
    for rep in 0..reps {
        for (i, tool) in tools.iter().enumerate() {
            eprintln!("cli: {} run {}/{reps}…", tool.name, rep + 1);
            let realm = format!("cli-{}-{rep}", tool.name.replace('.', "-"));
            let started = Instant::now();
            let run = script_once(tool, &server, &realm)?;
            eprintln!(
                "cli: {} {:.1} s",
                tool.name,
                started.elapsed().as_secs_f64()
            );
            runs[i].push(run);
        }
    }
    let total = |r: &Run| r.login + r.steps.iter().sum::<f64>();
    let totals: Vec<f64> = runs
        .iter()
        .map(|rs| median(rs.iter().map(total).collect()))
        .collect();
    let step = |t: usize, s: usize| median(runs[t].iter().map(|r| r.steps[s]).collect());
    let per_command: Vec<f64> = (0..2)
        .map(|t| median(runs[t].iter().flat_map(|r| r.steps.clone()).collect()))
        .collect();
    let reads: Vec<f64> = (0..2)
        .map(|t| {
            median(
                runs[t]
                    .iter()
                    .flat_map(|r| {
                        SCRIPT
                            .iter()
                            .zip(&r.steps)
                            .filter(|((l, _), _)| {
                                l.starts_with("get ") || l.starts_with("get-roles")
                            })
                            .map(|(_, ms)| *ms)
                    })
                    .collect(),
            )
        })
        .collect();
    let logins: Vec<f64> = (0..2)
        .map(|t| median(runs[t].iter().map(|r| r.login).collect()))
        .collect();
    let date = crate::first_line("date", &["-u", "+%Y-%m-%d"]);
    let mut md = format!(
        "## `kc` vs kcadm.sh: the Admin CLI chapter's examples\n\n\
         Measured by `cargo run -p keycloak-bench --release -- cli` ({date}, Keycloak {}, \
         `start-dev`, this machine). One script of {} commands after `config credentials` — \
         realm create/update, users (create, list with offset/limit, `-q`, get, update, \
         set-password, delete), realm and client roles (add-roles/get-roles/remove-roles), \
         clients (`-s`, `-f -`, secret, `--fields`, csv), groups and membership — run through \
         `kc` (release build, session kept in its credentials file) and through the \
         distribution's own `kcadm.sh` ({}), alternating, {reps} runs each; wall time per \
         command from spawn to exit, medians.\n\n\
         | | kc | kcadm.sh | kcadm.sh / kc |\n|---|---|---|---|\n",
        server.version(),
        SCRIPT.len(),
        crate::first_line(
            &tools[1]
                .java_home
                .as_ref()
                .map(|j| j.join("bin/java").display().to_string())
                .unwrap_or_else(|| "java".into()),
            &["-version"]
        ),
    );
    let row = |md: &mut String, what: &str, kc: f64, kcadm: f64, unit: &str| {
        md.push_str(&format!(
            "| {what} | {kc:.0} {unit} | {kcadm:.0} {unit} | {:.1}× |\n",
            kcadm / kc
        ));
    };
    row(
        &mut md,
        "whole script (login + commands)",
        totals[0],
        totals[1],
        "ms",
    );
    row(
        &mut md,
        "`config credentials` (the login)",
        logins[0],
        logins[1],
        "ms",
    );
    row(
        &mut md,
        "per command, median (cached token)",
        per_command[0],
        per_command[1],
        "ms",
    );
    row(
        &mut md,
        "per read (`get`, `get-roles`), median",
        reads[0],
        reads[1],
        "ms",
    );
    md.push_str("\n<details><summary>Each command (median ms)</summary>\n\n| command | kc | kcadm.sh |\n|---|---|---|\n");
    for (s, (line, _)) in SCRIPT.iter().enumerate() {
        md.push_str(&format!(
            "| `{}` | {:.0} | {:.0} |\n",
            line.replace('|', "\\|"),
            step(0, s),
            step(1, s)
        ));
    }
    md.push_str("\n</details>\n");
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(md)
}
