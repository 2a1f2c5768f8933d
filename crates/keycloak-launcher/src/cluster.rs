//! A production-like topology, no Docker: PostgreSQL (the machine's package),
//! N Keycloak nodes in production mode (`kc.sh build` once per
//! configuration, then `start --optimized`) clustered through Infinispan's
//! `jdbc-ping` over the shared database, and nginx in front terminating TLS
//! and serving them under a path (`/auth` by default) — what users run.

use crate::error::{Error, Result};
use crate::nginx::Nginx;
use crate::optimized::{self, BuildOptions};
use crate::postgres::Postgres;
use crate::process::{Launch, Mode, Process};
use crate::settings::{Backend, HttpsCertificate, Settings};
use crate::{distribution, home, jdk, ready};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Configures a cluster; [`crate::KeycloakServer::cluster`] makes one.
///
/// ```no_run
/// # async fn demo() -> Result<(), keycloak_launcher::Error> {
/// use keycloak_launcher::KeycloakServer;
/// let cluster = KeycloakServer::from_env()
///     .local()
///     .cluster(2)
///     .proxy_certificate("server.pem", "server-key.pem")
///     .start()
///     .await?;
/// println!("{}", cluster.url()); // https://localhost:…/auth
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct KeycloakCluster {
    settings: Settings,
    nodes: usize,
    relative_path: String,
    tls: Option<HttpsCertificate>,
}

impl KeycloakCluster {
    pub(crate) fn new(settings: Settings, nodes: usize) -> Self {
        KeycloakCluster {
            settings,
            nodes,
            relative_path: "/auth".into(),
            tls: None,
        }
    }

    /// The path Keycloak is served under, on the nodes and the proxy
    /// (`--http-relative-path`; default `/auth`).
    pub fn relative_path(mut self, path: impl Into<String>) -> Self {
        self.relative_path = path.into();
        self
    }

    /// The proxy's TLS certificate (PEM, issued for `localhost`) and key.
    /// Required: the proxy terminates TLS, the nodes speak plain HTTP to it.
    pub fn proxy_certificate(
        mut self,
        certificate: impl Into<PathBuf>,
        key: impl Into<PathBuf>,
    ) -> Self {
        self.tls = Some(HttpsCertificate {
            certificate: certificate.into(),
            key: key.into(),
        });
        self
    }

    /// Start PostgreSQL, the nodes one after the other (each ready and in the
    /// cluster's view before the next), then the proxy.
    pub async fn start(self) -> Result<RunningCluster> {
        let s = &self.settings;
        if !matches!(s.backend, Backend::Local) {
            return Err(Error::Unsupported(
                "a cluster is started from the local distribution, not KEYCLOAK_URL or a container"
                    .into(),
            ));
        }
        if self.nodes == 0 {
            return Err(Error::Unsupported(
                "a cluster needs at least one node".into(),
            ));
        }
        let path = normalize_path(&self.relative_path)?;
        let tls = self.tls.clone().ok_or_else(|| {
            Error::Unsupported(
                "the cluster's proxy terminates TLS: give it a certificate (proxy_certificate)"
                    .into(),
            )
        })?;
        let java_home = jdk::choose(s.java_home.as_deref(), &s.version)?;
        let dist = distribution::ensure(s).await?;
        let built = optimized::ensure(
            &s.cache_dir,
            &dist,
            &s.version,
            java_home.as_deref(),
            &BuildOptions {
                db: "postgres".into(),
                relative_path: path.clone(),
                features: s.features.clone(),
            },
        )
        .await?;
        let postgres = Postgres::start(Duration::from_secs(60)).await?;
        let database = postgres.database();
        let proxy_port = crate::server::free_port()?;
        let hostname = format!("https://localhost:{proxy_port}{path}");
        let mut nodes: Vec<Node> = Vec::new();
        for _ in 0..self.nodes {
            let home = home::create(&s.cache_dir, &built)?;
            let http_port = crate::server::free_port()?;
            let mode = Mode::Optimized {
                relative_path: path.clone(),
                hostname: hostname.clone(),
                cache_port: crate::server::free_port()?,
            };
            let process = Process::spawn(Launch {
                home: &home,
                java_home: java_home.as_deref(),
                http_port,
                management_port: crate::server::free_port()?,
                admin_username: &s.admin_username,
                admin_password: &s.admin_password,
                https: None,
                features: &s.features,
                database: Some(&database),
                watchdog: true,
                mode: &mode,
            })?;
            nodes.push(Node {
                process,
                url: format!("http://127.0.0.1:{http_port}{path}"),
                port: http_port,
                up: true,
                log_from: 0,
            });
            let members = nodes.len();
            let node = nodes.last_mut().expect("just pushed");
            node.wait_ready(s, members).await?;
        }
        let upstreams: Vec<u16> = nodes.iter().map(|n| n.port).collect();
        let proxy = Nginx::start(proxy_port, &path, &upstreams, &tls).await?;
        Ok(RunningCluster {
            nodes,
            proxy,
            postgres,
            url: hostname,
            settings: self.settings,
        })
    }
}

fn normalize_path(path: &str) -> Result<String> {
    let trimmed = path.trim_end_matches('/');
    if !trimmed.starts_with('/') || trimmed.len() < 2 || trimmed.contains(['?', '#', ' ']) {
        return Err(Error::Unsupported(format!(
            "a cluster's relative path is a path such as `/auth`, not `{path}`"
        )));
    }
    Ok(trimmed.to_string())
}

/// One Keycloak of a cluster.
struct Node {
    process: Process,
    url: String,
    port: u16,
    up: bool,
    /// Where this run's lines start in the log (a restart appends).
    log_from: usize,
}

impl Node {
    fn mark_log(&mut self) {
        self.log_from = std::fs::metadata(&self.process.log).map_or(0, |m| m.len() as usize);
    }

    /// Health UP, the bootstrap admin logs in, and the node's latest cluster
    /// view has `members` members.
    async fn wait_ready(&mut self, s: &Settings, members: usize) -> Result<()> {
        let started = Instant::now();
        let management = self.process.management_url();
        ready::wait(
            &mut self.process,
            &self.url,
            &management,
            &s.admin_username,
            &s.admin_password,
            s.start_timeout,
        )
        .await?;
        while cluster_view(&self.process.log, self.log_from) != Some(members) {
            if started.elapsed() > s.start_timeout {
                return Err(Error::StartTimeout {
                    secs: s.start_timeout.as_secs(),
                    waiting_for: format!("a cluster view of {members} nodes"),
                    log: self.process.log.clone(),
                    tail: crate::process::tail(&self.process.log, 30),
                });
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        self.up = true;
        Ok(())
    }
}

/// The size of the latest cluster view a node logged (Infinispan's
/// `ISPN000094: Received new cluster view for channel ISPN: [...] (N) [...]`).
fn cluster_view(log: &Path, from: usize) -> Option<usize> {
    let text = std::fs::read_to_string(log).ok()?;
    let line = text
        .get(from..)?
        .lines()
        .rev()
        .find(|l| l.contains("ISPN000094"))?;
    let view = &line[line.find("ISPN000094")?..];
    let after = &view[view.find("] (")? + 3..];
    after[..after.find(')')?].parse().ok()
}

/// A running cluster behind its proxy. Dropping it stops the nodes, the
/// proxy and PostgreSQL, and removes their directories.
pub struct RunningCluster {
    // Field order is drop order: the nodes go before their database.
    nodes: Vec<Node>,
    proxy: Nginx,
    postgres: Postgres,
    url: String,
    settings: Settings,
}

impl std::fmt::Debug for RunningCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningCluster")
            .field("url", &self.url)
            .field(
                "nodes",
                &self.nodes.iter().map(|n| &n.url).collect::<Vec<_>>(),
            )
            .field("admin_password", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl RunningCluster {
    /// The URL users reach: the proxy, over TLS, with the path
    /// (`https://localhost:PORT/auth`; Keycloak's `--hostname`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Node `i`'s own URL (plain HTTP on loopback, with the path), bypassing
    /// the proxy.
    pub fn node_url(&self, i: usize) -> &str {
        &self.nodes[i].url
    }

    /// How many nodes it has (up or not).
    pub fn nodes(&self) -> usize {
        self.nodes.len()
    }

    /// Node `i`'s log file.
    pub fn node_log(&self, i: usize) -> &Path {
        &self.nodes[i].process.log
    }

    /// The proxy's access log: `METHOD PATH STATUS UPSTREAM` per request.
    pub fn proxy_log(&self) -> PathBuf {
        self.proxy.access_log()
    }

    /// The PostgreSQL the nodes share.
    pub fn postgres(&self) -> &Postgres {
        &self.postgres
    }

    /// The bootstrap admin's username.
    pub fn admin_username(&self) -> &str {
        &self.settings.admin_username
    }

    /// The bootstrap admin's password.
    pub fn admin_password(&self) -> &str {
        &self.settings.admin_password
    }

    /// The Keycloak version the nodes run.
    pub fn version(&self) -> &str {
        &self.settings.version
    }

    /// SIGKILL node `i` (kc.sh and its JVM), as a crash would; it stays down
    /// until [`Self::start_node`].
    pub fn crash_node(&mut self, i: usize) {
        self.nodes[i].process.crash();
        self.nodes[i].up = false;
    }

    /// Start node `i` again after [`Self::crash_node`]; returns once it is
    /// ready and back in a view of every node that is up.
    pub async fn start_node(&mut self, i: usize) -> Result<()> {
        self.nodes[i].mark_log();
        self.nodes[i].process.relaunch()?;
        self.wait_node(i).await
    }

    /// Restart node `i` as a rolling update does: SIGTERM (SIGKILL after
    /// `grace`), start, wait until it is ready and in the view again.
    pub async fn restart_node(&mut self, i: usize, grace: Duration) -> Result<()> {
        let node = &mut self.nodes[i];
        node.up = false;
        node.mark_log();
        node.process.terminate();
        // Polled without blocking: calls through the other nodes go on
        // meanwhile (a test's reader may share this thread).
        let deadline = Instant::now() + grace;
        while node.process.exited().is_none() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        node.process.crash();
        node.process.relaunch()?;
        self.wait_node(i).await
    }

    /// Start every node that is down (after a test that crashed one).
    pub async fn ensure_all_up(&mut self) -> Result<()> {
        for i in 0..self.nodes.len() {
            if !self.nodes[i].up {
                self.start_node(i).await?;
            }
        }
        Ok(())
    }

    async fn wait_node(&mut self, i: usize) -> Result<()> {
        let others = self.nodes.iter().filter(|n| n.up).count();
        self.nodes[i].wait_ready(&self.settings, others + 1).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_view_counts() {
        let dir = std::env::temp_dir().join(format!("view-{}", crate::unique_suffix()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("k.log");
        std::fs::write(
            &log,
            "x [org.infinispan.CLUSTER] (executor-thread-1) ISPN000094: Received new cluster view for channel ISPN: [a|0] (1) [a]\n\
             y\n\
             x [org.infinispan.CLUSTER] (executor-thread-1) ISPN000094: Received new cluster view for channel ISPN: [a|1] (2) [a, b]\n",
        )
        .unwrap();
        assert_eq!(cluster_view(&log, 0), Some(2));
        let len = std::fs::metadata(&log).unwrap().len() as usize;
        assert_eq!(cluster_view(&log, len), None, "only this run's lines");
        std::fs::write(&log, "nothing yet").unwrap();
        assert_eq!(cluster_view(&log, 0), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_path_is_a_path() {
        assert_eq!(normalize_path("/auth/").unwrap(), "/auth");
        assert!(normalize_path("auth").is_err());
        assert!(normalize_path("/").is_err());
    }
}
