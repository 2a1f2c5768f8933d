//! An in-process TCP proxy in front of a real server, breaking its answers on
//! demand: refuse (accept, then close), delay each response, and cut the next
//! response after N bytes of its body by a reset, a clean close (truncation) or
//! a stall. It logs each request line it forwards, so tests can count what
//! reached the server, the bytes it forwarded (to find one request body
//! twice), and the request lines of the connections it refused (to count what
//! the client tried).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does to responses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// Forward everything.
    None,
    /// Accept connections and close them at once (a server going away).
    Refuse,
    /// Wait this long before each response.
    Delay(Duration),
    /// The next response: headers and this many body bytes, then a TCP reset.
    ResetAfter(usize),
    /// The next response: headers and this many body bytes, then a clean close.
    CloseAfter(usize),
    /// The next response: headers and this many body bytes, then nothing more.
    StallAfter(usize),
}

struct Shared {
    upstream: SocketAddr,
    fault: Mutex<Fault>,
    requests: Mutex<Vec<String>>,
    forwarded: Mutex<Vec<u8>>,
    refused: Mutex<Vec<String>>,
}

/// A running proxy; it stops with the test's runtime.
pub struct Proxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Proxy {
    /// Proxy to `upstream` (`http://host:port`).
    pub async fn start(upstream: &str) -> Proxy {
        let upstream: SocketAddr = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .expect("upstream is http://ip:port");
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            upstream,
            fault: Mutex::new(Fault::None),
            requests: Mutex::new(Vec::new()),
            forwarded: Mutex::new(Vec::new()),
            refused: Mutex::new(Vec::new()),
        });
        let s = shared.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move { connection(s, client).await });
            }
        });
        Proxy { addr, shared }
    }

    /// `http://127.0.0.1:port` of the proxy.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set(&self, fault: Fault) {
        *self.shared.fault.lock().unwrap() = fault;
    }

    /// Request lines forwarded so far (`GET /admin/realms/r/users?first=0&max=100`).
    pub fn requests(&self) -> Vec<String> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Every byte sent to the server so far, requests and bodies, in order per connection.
    #[allow(dead_code)] // not every test binary that includes the proxy reads it
    pub fn forwarded(&self) -> Vec<u8> {
        self.shared.forwarded.lock().unwrap().clone()
    }

    /// Request lines the client sent on connections the proxy refused: what
    /// it tried, though nothing reached the server.
    #[allow(dead_code)]
    pub fn refused(&self) -> Vec<String> {
        self.shared.refused.lock().unwrap().clone()
    }
}

/// Read what the client sends first (briefly) and note its request line.
async fn note_refused(s: &Shared, client: &mut TcpStream) {
    let mut buf = vec![0u8; 16 * 1024];
    if let Ok(Ok(n)) = tokio::time::timeout(Duration::from_millis(500), client.read(&mut buf)).await
        && let Some(line) = request_line(&buf[..n])
    {
        s.refused.lock().unwrap().push(line);
    }
}

async fn connection(s: Arc<Shared>, mut client: TcpStream) {
    if *s.fault.lock().unwrap() == Fault::Refuse {
        note_refused(&s, &mut client).await;
        return; // dropped: the client sees the connection close
    }
    let Ok(server) = TcpStream::connect(s.upstream).await else {
        return;
    };
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let log = s.clone();
    let up = tokio::spawn(async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match cr.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if *log.fault.lock().unwrap() == Fault::Refuse {
                if let Some(line) = request_line(&buf[..n]) {
                    log.refused.lock().unwrap().push(line);
                }
                break; // kept-alive connections go away too, the request unsent
            }
            if let Some(line) = request_line(&buf[..n]) {
                log.requests.lock().unwrap().push(line);
            }
            log.forwarded.lock().unwrap().extend_from_slice(&buf[..n]);
            if sw.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
        let _ = sw.shutdown().await;
    });
    let mut buf = vec![0u8; 16 * 1024];
    // The cut armed for the response being forwarded: (kind, body bytes left).
    let mut cut: Option<(Fault, usize)> = None;
    loop {
        let n = match sr.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let mut chunk = &buf[..n];
        if chunk.starts_with(b"HTTP/1.") {
            let fault = *s.fault.lock().unwrap();
            match fault {
                Fault::Delay(d) => tokio::time::sleep(d).await,
                Fault::ResetAfter(b) | Fault::CloseAfter(b) | Fault::StallAfter(b) => {
                    *s.fault.lock().unwrap() = Fault::None; // one response only
                    let head = chunk
                        .windows(4)
                        .position(|w| w == b"\r\n\r\n")
                        .map_or(chunk.len(), |i| i + 4);
                    if cw.write_all(&chunk[..head]).await.is_err() {
                        break;
                    }
                    chunk = &chunk[head..];
                    cut = Some((fault, b));
                }
                _ => {}
            }
        }
        if let Some((kind, left)) = cut.as_mut() {
            let take = (*left).min(chunk.len());
            let _ = cw.write_all(&chunk[..take]).await;
            *left -= take;
            if *left > 0 {
                continue;
            }
            let _ = cw.flush().await;
            match kind {
                Fault::ResetAfter(_) => {
                    // Linger 0: closing sends RST instead of FIN.
                    #[allow(deprecated)]
                    let _ = cw.as_ref().set_linger(Some(Duration::ZERO));
                    up.abort();
                    drop(cw);
                }
                Fault::CloseAfter(_) => {
                    up.abort();
                    let _ = cw.shutdown().await;
                }
                _ => {
                    // Stall: keep the connection open, forward nothing more.
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                }
            }
            return;
        }
        if cw.write_all(chunk).await.is_err() {
            break;
        }
    }
    up.abort();
}

fn request_line(chunk: &[u8]) -> Option<String> {
    const METHODS: [&str; 6] = ["GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS "];
    let text = std::str::from_utf8(chunk.get(..chunk.len().min(4096))?).ok()?;
    let line = text.lines().next()?;
    METHODS
        .iter()
        .any(|m| line.starts_with(m))
        .then(|| line.trim_end_matches(" HTTP/1.1").to_string())
}
