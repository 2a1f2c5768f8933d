//! A mail sink for tests: the smallest SMTP server Keycloak will talk to (no
//! TLS, no auth), keeping every message it is given. Keycloak runs on this
//! machine, so a realm pointed at it sends its emails here.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// The messages received so far (headers and body, as sent).
#[derive(Clone, Default)]
pub struct Inbox(Arc<Mutex<Vec<String>>>);

impl Inbox {
    pub fn messages(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// Start a sink on a free local port; returns the port and its inbox.
pub async fn start() -> (u16, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Inbox::default();
    let kept = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            kept.0.lock().unwrap().push(data.take().unwrap());
                            let _ = write.write_all(b"250 kept\r\n").await;
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 sink\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, inbox)
}

/// Point `realm`'s SMTP settings at a new sink; returns its inbox.
pub async fn for_realm(kc: &keycloak_admin::KeycloakAdmin, realm: &str) -> Inbox {
    let (port, inbox) = start().await;
    let smtp = [
        ("host", "127.0.0.1".to_string()),
        ("port", port.to_string()),
        ("from", "keycloak@example.com".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let settings = keycloak_admin::types::RealmRepresentation {
        smtp_server: Some(smtp),
        ..Default::default()
    };
    kc.realm(realm).update(settings).await.unwrap();
    inbox
}
