//! A throw-away PostgreSQL for a Keycloak the launcher starts: the machine's
//! own binaries (Debian's `postgresql` package), a fresh data directory in the
//! temporary directory (the `postgres` user cannot reach a root's home), a free
//! loopback port, run as the unprivileged
//! `postgres` user when this process is root (PostgreSQL refuses root). Its
//! process group is killed and its directory removed on drop, and by a
//! watchdog when this process dies first — the same no-orphans guarantee as
//! the Keycloak it serves.

use crate::error::{Error, Result};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The role Keycloak connects as (the cluster's superuser) and its database.
const USER: &str = "keycloak";
const DATABASE: &str = "postgres";

/// A running PostgreSQL; dropping it kills it and removes its data.
pub struct Postgres {
    bin: PathBuf,
    child: Child,
    watchdog: Option<Child>,
    dir: PathBuf,
    port: u16,
    password: String,
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Postgres")
            .field("port", &self.port)
            .field("dir", &self.dir)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Where PostgreSQL's server binaries are: `KEYCLOAK_TESTKIT_PG_BIN`, else
/// `pg_config --bindir`, else the newest `/usr/lib/postgresql/*/bin`.
fn bindir() -> Result<PathBuf> {
    let has_server = |d: &Path| d.join("initdb").is_file() && d.join("postgres").is_file();
    if let Some(dir) = std::env::var_os(crate::env::PG_BIN).map(PathBuf::from) {
        return if has_server(&dir) {
            Ok(dir)
        } else {
            Err(Error::Unsupported(format!(
                "{}={} has no initdb and postgres",
                crate::env::PG_BIN,
                dir.display()
            )))
        };
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .collect();
    debian.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    from_pg_config
        .into_iter()
        .chain(debian.into_iter().rev())
        .find(|d| has_server(d))
        .ok_or_else(|| {
            Error::Unsupported(
                "PostgreSQL's server is not installed (initdb and postgres not found): `apt-get install postgresql`, or set KEYCLOAK_TESTKIT_PG_BIN".into(),
            )
        })
}

/// `(uid, gid)` of the `postgres` user, when this process is root.
fn run_as() -> Result<Option<(u32, u32)>> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    let id = |flag: &str| -> Result<u32> {
        let out = Command::new("id")
            .args([flag, "postgres"])
            .output()
            .map_err(Error::io("running id"))?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .map_err(|_| {
                Error::Unsupported(
                    "running as root, and there is no `postgres` user to run PostgreSQL as (PostgreSQL refuses root): `apt-get install postgresql` creates it".into(),
                )
            })
    };
    Ok(Some((id("-u")?, id("-g")?)))
}

/// `program args…`, as the `postgres` user when this process is root.
fn command(bin: &Path, program: &str, user: Option<(u32, u32)>) -> Command {
    let mut cmd = Command::new(bin.join(program));
    if let Some((uid, gid)) = user {
        cmd.uid(uid).gid(gid);
    }
    cmd.env_remove("PGPASSWORD").env_remove("PGDATA");
    cmd
}

impl Postgres {
    /// A fresh cluster in the temporary directory, listening on a free
    /// loopback port, ready when this returns.
    pub async fn start(timeout: Duration) -> Result<Postgres> {
        let bin = bindir()?;
        let user = run_as()?;
        let dir = std::env::temp_dir().join(format!("keycloak-pg-{}", crate::unique_suffix()));
        let data = dir.join("data");
        std::fs::create_dir_all(&dir).map_err(Error::io(format!("creating {}", dir.display())))?;
        let password = crate::unique_suffix() + &crate::unique_suffix();
        let pwfile = dir.join("pw");
        std::fs::write(&pwfile, &password).map_err(Error::io("writing the password file"))?;
        if let Some((uid, gid)) = user {
            for p in [&dir, &pwfile] {
                std::os::unix::fs::chown(p, Some(uid), Some(gid))
                    .map_err(Error::io(format!("handing {} to postgres", p.display())))?;
            }
        }
        let init = command(&bin, "initdb", user)
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                USER,
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
            ])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output()
            .map_err(Error::io("running initdb"))?;
        let _ = std::fs::remove_file(&pwfile);
        if !init.status.success() {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(Error::Unsupported(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&init.stderr).trim()
            )));
        }
        let port = crate::server::free_port()?;
        let log = std::fs::File::create(dir.join("postgres.log"))
            .map_err(Error::io("creating postgres.log"))?;
        let err = log.try_clone().map_err(Error::io("duplicating a handle"))?;
        let child = command(&bin, "postgres", user)
            .arg("-D")
            .arg(&data)
            .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-k"])
            .arg(&dir)
            // Two Keycloak nodes, each with a pool of up to 100.
            .args(["-c", "max_connections=250"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(Error::io("starting postgres"))?;
        let watchdog = crate::process::spawn_watchdog(child.id(), &dir);
        let mut pg = Postgres {
            bin: bin.clone(),
            child,
            watchdog,
            dir,
            port,
            password,
        };
        pg.wait_ready(&bin, timeout).await?;
        Ok(pg)
    }

    async fn wait_ready(&mut self, bin: &Path, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(Error::Unsupported(format!(
                    "postgres exited ({status}): {}",
                    crate::process::tail(&self.dir.join("postgres.log"), 20)
                )));
            }
            let ready = Command::new(bin.join("pg_isready"))
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-q"])
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return Ok(());
            }
            if started.elapsed() > timeout {
                return Err(Error::Unsupported(format!(
                    "postgres not ready after {timeout:?}: {}",
                    crate::process::tail(&self.dir.join("postgres.log"), 20)
                )));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Where it listens.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// One SQL statement through `psql`, its rows as `|`-separated lines: what
    /// the database holds, asked without Keycloak (tests count rows with it).
    ///
    /// ```no_run
    /// # fn demo(pg: &keycloak_launcher::postgres::Postgres) -> keycloak_launcher::Result<()> {
    /// let users = pg.query("select count(*) from user_entity")?;
    /// # Ok(()) }
    /// ```
    pub fn query(&self, sql: &str) -> Result<String> {
        let out = Command::new(self.bin.join("psql"))
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args([
                "-U",
                USER,
                "-d",
                DATABASE,
                "-tAq",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ])
            .env("PGPASSWORD", &self.password)
            .output()
            .map_err(Error::io("running psql"))?;
        if !out.status.success() {
            return Err(Error::Unsupported(format!(
                "psql: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// What Keycloak connects with (`--db=postgres` and these).
    pub fn database(&self) -> crate::Database {
        crate::Database {
            vendor: "postgres".into(),
            url: format!("jdbc:postgresql://127.0.0.1:{}/{DATABASE}", self.port),
            username: USER.into(),
            password: self.password.clone(),
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        crate::process::kill_group(&mut self.child, &mut self.watchdog);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
