//! The reverse proxy in front of a cluster: the machine's own nginx (Debian's
//! `nginx` or `nginx-light`), terminating TLS with the caller's certificate
//! and passing one path (`/auth/`) to the nodes round-robin, with the
//! `X-Forwarded-*` headers Keycloak's `--proxy-headers xforwarded` reads. Its
//! configuration, logs and temporary files live in a directory of its own,
//! removed on drop; a watchdog stops it if this process dies first.

use crate::error::{Error, Result};
use crate::settings::HttpsCertificate;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running nginx; dropping it stops it and removes its directory.
pub(crate) struct Nginx {
    child: Child,
    watchdog: Option<Child>,
    dir: PathBuf,
}

/// `nginx` on `PATH`, else Debian's `/usr/sbin/nginx`.
fn binary() -> Result<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("nginx"));
    on_path
        .chain([PathBuf::from("/usr/sbin/nginx")])
        .find(|p| p.is_file())
        .ok_or_else(|| {
            Error::Unsupported(
                "nginx is not installed (the cluster's TLS proxy): `apt-get install nginx-light` (or `nginx`)".into(),
            )
        })
}

/// The configuration: `path` (e.g. `/auth`) on `port`, to `upstreams`.
fn config(dir: &Path, port: u16, path: &str, upstreams: &[u16], tls: &HttpsCertificate) -> String {
    let servers: String = upstreams
        .iter()
        .map(|p| format!("    server 127.0.0.1:{p};\n"))
        .collect();
    let d = dir.display();
    let location = format!("{}/", path.trim_end_matches('/'));
    format!(
        r#"worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 1024; }}
http {{
  log_format upstream '$request_method $uri $status $upstream_addr';
  access_log {d}/access.log upstream;
  client_body_temp_path {d}/tmp/body;
  proxy_temp_path {d}/tmp/proxy;
  fastcgi_temp_path {d}/tmp/fastcgi;
  uwsgi_temp_path {d}/tmp/uwsgi;
  scgi_temp_path {d}/tmp/scgi;
  # Keycloak's answers carry large headers (cookies); imports are large bodies.
  proxy_buffer_size 128k;
  proxy_buffers 4 256k;
  proxy_busy_buffers_size 256k;
  client_max_body_size 64m;
  upstream keycloak {{
{servers}    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port} ssl;
    server_name localhost;
    ssl_certificate {cert};
    ssl_certificate_key {key};
    location {location} {{
      proxy_pass http://keycloak;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host;
      proxy_set_header X-Forwarded-Port $server_port;
    }}
  }}
}}
"#,
        cert = tls.certificate.display(),
        key = tls.key.display(),
    )
}

impl Nginx {
    /// nginx on `port` of 127.0.0.1, serving `path` from `upstreams` over TLS;
    /// ready (accepting connections) when this returns.
    pub(crate) async fn start(
        port: u16,
        path: &str,
        upstreams: &[u16],
        tls: &HttpsCertificate,
    ) -> Result<Nginx> {
        let bin = binary()?;
        let dir = std::env::temp_dir().join(format!("keycloak-nginx-{}", crate::unique_suffix()));
        std::fs::create_dir_all(dir.join("tmp"))
            .map_err(Error::io(format!("creating {}", dir.display())))?;
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, config(&dir, port, path, upstreams, tls))
            .map_err(Error::io("writing nginx.conf"))?;
        let out = std::fs::File::create(dir.join("nginx.out"))
            .map_err(Error::io("creating nginx.out"))?;
        let err = out.try_clone().map_err(Error::io("duplicating a handle"))?;
        let child = Command::new(&bin)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf)
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(Error::io(format!("starting {}", bin.display())))?;
        let watchdog = crate::process::spawn_watchdog(child.id(), &dir);
        let mut nginx = Nginx {
            child,
            watchdog,
            dir,
        };
        nginx.wait_listening(port).await?;
        Ok(nginx)
    }

    async fn wait_listening(&mut self, port: u16) -> Result<()> {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(Error::Unsupported(format!(
                    "nginx exited ({status}): {} {}",
                    crate::process::tail(&self.dir.join("nginx.out"), 10),
                    crate::process::tail(&self.dir.join("error.log"), 10)
                )));
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(20) {
                return Err(Error::Unsupported(format!(
                    "nginx not listening on {port} after 20 s: {}",
                    crate::process::tail(&self.dir.join("error.log"), 10)
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Its access log: a line per request — method, path, status and the
    /// node(s) that answered (`127.0.0.1:PORT`, several when nginx moved on).
    pub(crate) fn access_log(&self) -> PathBuf {
        self.dir.join("access.log")
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        crate::process::kill_group(&mut self.child, &mut self.watchdog);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_and_every_node_are_proxied() {
        let tls = HttpsCertificate {
            certificate: "/c.pem".into(),
            key: "/k.pem".into(),
        };
        let text = config(Path::new("/d"), 8443, "/auth", &[1, 2], &tls);
        assert!(text.contains("location /auth/ {"), "{text}");
        assert!(text.contains("server 127.0.0.1:1;\n    server 127.0.0.1:2;"));
        assert!(text.contains("listen 127.0.0.1:8443 ssl;"));
        assert!(text.contains("ssl_certificate /c.pem;"));
    }
}
