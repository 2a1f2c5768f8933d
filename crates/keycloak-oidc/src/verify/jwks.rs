//! The realm's signing keys, cached. Fetched on first use and again only when a
//! token names a key the cache lacks (key rotation) — and then at most once per
//! `min_refetch`, so a flood of tokens with made-up `kid`s cannot make us hammer
//! the server. One fetch in flight at a time.

use crate::error::{Error, Result, VerifyError};
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// A usable verification key and the algorithm it is published for.
#[derive(Clone)]
pub(crate) struct Key {
    pub key: DecodingKey,
    pub alg: Option<Algorithm>,
}

struct Attempt {
    at: Instant,
    /// Why it failed, to repeat while throttled.
    failed: Option<String>,
}

pub(crate) struct JwksCache {
    keys: RwLock<Arc<HashMap<String, Key>>>,
    /// Held while fetching; remembers the last attempt, failed ones included
    /// (a JWKS answering 500 must not be asked once per forged `kid`).
    last_fetch: tokio::sync::Mutex<Option<Attempt>>,
    fetches: AtomicU64,
    min_refetch: Duration,
}

impl JwksCache {
    pub fn new(min_refetch: Duration) -> Self {
        JwksCache {
            keys: RwLock::new(Arc::new(HashMap::new())),
            last_fetch: tokio::sync::Mutex::new(None),
            fetches: AtomicU64::new(0),
            min_refetch,
        }
    }

    /// How many times the JWKS was downloaded.
    pub fn fetches(&self) -> u64 {
        self.fetches.load(Ordering::SeqCst)
    }

    fn cached(&self, kid: &str) -> Option<Key> {
        self.keys.read().unwrap().get(kid).cloned()
    }

    /// The key `kid`; `fetch` downloads the JWKS document when needed.
    pub async fn key<F, Fut>(&self, kid: &str, fetch: F) -> Result<Key>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<serde_json::Value>>,
    {
        if let Some(k) = self.cached(kid) {
            return Ok(k);
        }
        let mut last = self.last_fetch.lock().await;
        // Whoever fetched while we waited may have brought the key.
        if let Some(k) = self.cached(kid) {
            return Ok(k);
        }
        if let Some(a) = last.as_ref()
            && a.at.elapsed() < self.min_refetch
        {
            return Err(match &a.failed {
                Some(why) => Error::Transport {
                    endpoint: "JWKS".into(),
                    message: format!(
                        "the last download failed {:.1} s ago ({why}); not tried again before {:?}",
                        a.at.elapsed().as_secs_f64(),
                        self.min_refetch
                    ),
                },
                None => VerifyError::UnknownKey { kid: kid.into() }.into(),
            });
        }
        self.fetches.fetch_add(1, Ordering::SeqCst);
        let result = fetch().await.and_then(|doc| parse(&doc));
        *last = Some(Attempt {
            at: Instant::now(),
            failed: result.as_ref().err().map(|e| e.to_string()),
        });
        let keys = result?;
        tracing::debug!(keys = keys.len(), "fetched the realm's JWKS");
        *self.keys.write().unwrap() = Arc::new(keys);
        self.cached(kid)
            .ok_or_else(|| VerifyError::UnknownKey { kid: kid.into() }.into())
    }
}

/// Signature keys by `kid`. Encryption keys (`use: enc`) and keys this crate
/// cannot use are skipped rather than failing the whole set.
fn parse(doc: &serde_json::Value) -> Result<HashMap<String, Key>> {
    let keys = doc["keys"].as_array().ok_or_else(|| Error::Decode {
        endpoint: "JWKS".into(),
        message: "no `keys` array".into(),
    })?;
    let mut out = HashMap::new();
    for value in keys {
        if value["use"].as_str() == Some("enc") {
            continue;
        }
        let Some(kid) = value["kid"].as_str() else {
            continue;
        };
        let alg = value["alg"]
            .as_str()
            .and_then(|a| Algorithm::from_str(a).ok());
        let Ok(jwk) = serde_json::from_value::<Jwk>(value.clone()) else {
            continue;
        };
        if let Ok(key) = DecodingKey::from_jwk(&jwk) {
            out.insert(kid.to_string(), Key { key, alg });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn failed_downloads_count_against_the_throttle() {
        let cache = JwksCache::new(Duration::from_secs(10));
        for i in 0..1000 {
            let e = cache
                .key(&format!("forged-{i}"), || async {
                    Err(Error::Decode {
                        endpoint: "JWKS".into(),
                        message: "HTTP 500".into(),
                    })
                })
                .await
                .err()
                .unwrap();
            if i > 0 {
                assert!(e.to_string().contains("last download failed"), "{e}");
            }
        }
        assert_eq!(cache.fetches(), 1, "one download for 1 000 unknown kids");
        let html = JwksCache::new(Duration::from_secs(10));
        for i in 0..100 {
            let _ = html
                .key(&format!("k{i}"), || async {
                    Ok(serde_json::json!("<html>"))
                })
                .await;
        }
        assert_eq!(html.fetches(), 1, "a body without keys counts too");
    }
}
