//! A keep-alive HTTP/1.1 stub answering like Keycloak by path: the token
//! endpoint, `users/count`, a missing user (404) and a page of 100 users.
//! Shared by the criterion bench and the profiling example (`#[path]`-included).

use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const TOKEN: &str = r#"{"access_token":"stub-token","expires_in":3600,"token_type":"Bearer"}"#;

fn users_page() -> String {
    let users: Vec<_> = (0..100)
        .map(|i| {
            serde_json::json!({
                "id": format!("6f1c3b0e-0000-4000-8000-{i:012}"), "username": format!("user-{i:05}"),
                "email": format!("user-{i:05}@example.com"), "firstName": "Bench", "lastName": "User",
                "enabled": true, "emailVerified": false, "createdTimestamp": 1_795_000_000_000u64 + i,
                "totp": false, "disableableCredentialTypes": [], "requiredActions": [], "notBefore": 0,
                "access": {"manage": true}
            })
        })
        .collect();
    serde_json::to_string(&users).unwrap()
}

/// A keep-alive HTTP/1.1 server answering by path; returns its base URL.
pub async fn stub() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let page = Arc::new(users_page());
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let page = page.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut read = BufReader::new(read);
                loop {
                    let mut head = String::new();
                    let mut length = 0usize;
                    loop {
                        let mut line = String::new();
                        if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                        if line == "\r\n" {
                            break;
                        }
                        head.push_str(&line);
                    }
                    let mut body = vec![0; length];
                    read.read_exact(&mut body).await.unwrap();
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let (status, body) = if path.ends_with("/token") {
                        ("200 OK", TOKEN.to_string())
                    } else if path.ends_with("/users/count") {
                        ("200 OK", "42".to_string())
                    } else if path.ends_with("/users/missing") {
                        ("404 Not Found", r#"{"error":"User not found"}"#.to_string())
                    } else {
                        ("200 OK", page.to_string())
                    };
                    let response = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if write.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}
