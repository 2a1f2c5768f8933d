//! The token cache: `kc config credentials` and `kc login` keep the tokens of
//! a login — never the password — in one 0600 file, so later commands neither
//! log in again nor ask for a password; they refresh when the access token has
//! expired and write the new tokens back. kcadm.sh keeps its tokens in
//! `~/.keycloak/kcadm.config`; ours live beside the profiles
//! (`~/.config/kc/credentials.json`), or where `--config FILE` says.

use crate::Failure;
use keycloak_admin::oidc::{ClientAuth, Grant, TokenEndpoint, TokenResponse};
use keycloak_admin::{AccessToken, ExposeSecret, SecretString, TokenSource};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the file holds: the session of `config credentials`, and one per
/// profile `kc login --profile NAME` saved.
#[derive(Default, Serialize, Deserialize)]
pub struct Store {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Session>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub profiles: BTreeMap<String, Session>,
}

/// One login: where, as whom, and its tokens (expiry in Unix seconds).
#[derive(Clone, Serialize, Deserialize)]
pub struct Session {
    pub server: String,
    /// The realm the credentials live in, and the default target realm.
    pub realm: String,
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// A confidential client's secret: refreshing needs it (kcadm.sh keeps it too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// The CA the server's certificate was checked against at login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<PathBuf>,
    access_token: String,
    access_expires_at: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    /// `None`: the refresh token does not expire by time (an offline token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_expires_at: Option<u64>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("server", &self.server)
            .field("realm", &self.realm)
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .field("tokens", &"[REDACTED]")
            .finish()
    }
}

/// Which session of the file a command uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    Current,
    Profile(String),
}

/// `--config FILE` (or `KC_CREDENTIALS`), else `credentials.json` beside the profiles.
pub fn path(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    let profiles = crate::profile::path();
    profiles
        .parent()
        .map(|d| d.join("credentials.json"))
        .unwrap_or_else(|| PathBuf::from("credentials.json"))
}

pub fn load(path: &Path) -> Result<Store, Failure> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            Failure::usage(format!(
                "{}: not a kc credentials file ({e}); remove it or run `kc logout`",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Store::default()),
        Err(e) => Err(Failure::usage(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

impl Store {
    pub fn get(&self, slot: &Slot) -> Option<&Session> {
        match slot {
            Slot::Current => self.current.as_ref(),
            Slot::Profile(name) => self.profiles.get(name),
        }
    }

    pub fn put(&mut self, slot: &Slot, session: Option<Session>) {
        match (slot, session) {
            (Slot::Current, s) => self.current = s,
            (Slot::Profile(name), Some(s)) => {
                self.profiles.insert(name.clone(), s);
            }
            (Slot::Profile(name), None) => {
                self.profiles.remove(name);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.current.is_none() && self.profiles.is_empty()
    }

    /// Written whole to a 0600 temporary file, then renamed over the old one:
    /// a reader never sees half a file, and the tokens are never world-readable.
    pub fn save(&self, path: &Path) -> Result<(), Failure> {
        let text = serde_json::to_string_pretty(self).map_err(|e| Failure::usage(e.to_string()))?;
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        crate::profile::write_private(&tmp, &text)?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Failure::usage(format!("cannot write {}: {e}", path.display()))
        })
    }
}

/// Update one slot of the file, re-reading it first (another `kc` may have
/// written another slot meanwhile).
pub fn store(path: &Path, slot: &Slot, session: Option<Session>) -> Result<(), Failure> {
    let mut all = load(path)?;
    all.put(slot, session);
    if all.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Failure::usage(format!(
                "cannot remove {}: {e}",
                path.display()
            ))),
            _ => Ok(()),
        };
    }
    all.save(path)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// How a session is opened.
pub struct Login<'a> {
    pub server: &'a str,
    pub realm: &'a str,
    pub client_id: &'a str,
    pub client_secret: Option<String>,
    pub username: Option<&'a str>,
    pub password: Option<SecretString>,
    pub ca_cert: Option<PathBuf>,
}

impl Login<'_> {
    /// Log in at the token endpoint (password grant, or client credentials
    /// without a user) and keep the answer's tokens.
    pub async fn open(self) -> Result<Session, Failure> {
        let endpoint = endpoint(self.server, self.realm, self.ca_cert.as_deref())?;
        let client = ClientAuth {
            client_id: self.client_id.to_string(),
            secret: self.client_secret.clone().map(SecretString::from),
        };
        let grant = match (self.username, &self.password) {
            (Some(username), Some(password)) => Grant::Password {
                username,
                password: password.expose_secret(),
                totp: None,
            },
            (None, _) if self.client_secret.is_some() => Grant::ClientCredentials,
            (Some(_), None) => return Err(Failure::usage("no password given")),
            (None, _) => {
                return Err(Failure::usage(
                    "no credentials: pass --user (and a password) or --client with --secret",
                ));
            }
        };
        let tokens = endpoint
            .request(&client, grant, &[])
            .await
            .map_err(|e| login_failure(self.realm, self.client_id, e))?;
        let mut session = Session {
            server: self.server.trim_end_matches('/').to_string(),
            realm: self.realm.to_string(),
            client_id: self.client_id.to_string(),
            username: self.username.map(str::to_string),
            client_secret: self.client_secret,
            ca_cert: self.ca_cert,
            access_token: String::new(),
            access_expires_at: 0,
            refresh_token: None,
            refresh_expires_at: None,
        };
        session.keep(tokens);
        Ok(session)
    }
}

impl Session {
    fn keep(&mut self, t: TokenResponse) {
        let now = now();
        self.access_token = t.access_token.expose_secret().to_string();
        // No lifetime given: assume a minute (Keycloak always gives one).
        self.access_expires_at = now + t.expires_in.map_or(60, |d| d.as_secs());
        if let Some(r) = t.refresh_token {
            self.refresh_token = Some(r.expose_secret().to_string());
            // Keycloak says 0 for an offline token: it ends by idleness, not time.
            self.refresh_expires_at = t
                .refresh_expires_in
                .filter(|d| !d.is_zero())
                .map(|d| now + d.as_secs());
        }
    }

    pub fn refresh_token(&self) -> Option<SecretString> {
        self.refresh_token.clone().map(SecretString::from)
    }

    pub fn client(&self) -> ClientAuth {
        ClientAuth {
            client_id: self.client_id.clone(),
            secret: self.client_secret.clone().map(SecretString::from),
        }
    }
}

/// The token endpoint of `realm`, over an HTTP client that trusts `ca`.
pub fn endpoint(server: &str, realm: &str, ca: Option<&Path>) -> Result<TokenEndpoint, Failure> {
    TokenEndpoint::for_realm(crate::connect::http_client(ca)?, server, realm)
        .map_err(|e| Failure::usage(e.to_string()))
}

fn login_failure(realm: &str, client_id: &str, e: keycloak_admin::oidc::Error) -> Failure {
    let code = if e.oauth_code().is_some() { 3 } else { 1 };
    Failure {
        code,
        message: format!("login to realm `{realm}` as client `{client_id}`: {e}"),
    }
}

/// The session as the client's token source: the kept access token while it
/// lives (once: asked again means it expired or the server refused it), then
/// a refresh, written back to the file.
pub struct Cached {
    endpoint: TokenEndpoint,
    session: Mutex<Session>,
    handed_out: Mutex<bool>,
    path: PathBuf,
    slot: Slot,
}

impl Cached {
    pub fn new(session: Session, path: PathBuf, slot: Slot) -> Result<Self, Failure> {
        let endpoint = endpoint(&session.server, &session.realm, session.ca_cert.as_deref())?;
        Ok(Self {
            endpoint,
            session: Mutex::new(session),
            handed_out: Mutex::new(false),
            path,
            slot,
        })
    }

    fn ended(&self, why: &str) -> keycloak_admin::Error {
        let s = self.session.lock().unwrap();
        keycloak_admin::Error::from(keycloak_admin::AuthError::new(
            &s.realm,
            &s.client_id,
            "session_ended",
            format!(
                "{why}: log in again with `kc config credentials` (session kept in {})",
                self.path.display()
            ),
        ))
    }

    async fn renew(&self) -> keycloak_admin::Result<AccessToken> {
        let (client, refresh, refresh_until, secret_only) = {
            let s = self.session.lock().unwrap();
            (
                s.client(),
                s.refresh_token(),
                s.refresh_expires_at,
                s.username.is_none() && s.client_secret.is_some(),
            )
        };
        let answer = match refresh {
            Some(rt) if refresh_until.is_none_or(|t| now() + 5 < t) => {
                let grant = Grant::RefreshToken {
                    refresh_token: rt.expose_secret(),
                };
                self.endpoint.request(&client, grant, &[]).await
            }
            _ if secret_only => {
                self.endpoint
                    .request(&client, Grant::ClientCredentials, &[])
                    .await
            }
            _ => return Err(self.ended("the kept session has expired")),
        };
        let tokens = match answer {
            Ok(t) => t,
            Err(e) if e.oauth_code() == Some("invalid_grant") => {
                return Err(self.ended("the server ended the kept session"));
            }
            Err(e) => {
                return Err(keycloak_admin::Error::Transport {
                    operation: "token refresh".into(),
                    message: e.to_string(),
                    source: Some(std::sync::Arc::new(e)),
                });
            }
        };
        let session = {
            let mut s = self.session.lock().unwrap();
            s.keep(tokens);
            s.clone()
        };
        // A failed write costs a refresh next time, nothing more: say so, go on.
        if let Err(f) = store(&self.path, &self.slot, Some(session.clone())) {
            eprintln!("kc: note: the new tokens were not kept: {}", f.message);
        }
        Ok(token_of(&session))
    }
}

fn token_of(s: &Session) -> AccessToken {
    AccessToken {
        token: SecretString::from(s.access_token.clone()),
        expires_in: Some(Duration::from_secs(
            s.access_expires_at.saturating_sub(now()),
        )),
    }
}

impl TokenSource for Cached {
    fn token(&self) -> keycloak_admin::api::BoxFuture<'_, keycloak_admin::Result<AccessToken>> {
        Box::pin(async move {
            let first = !std::mem::replace(&mut *self.handed_out.lock().unwrap(), true);
            let kept = {
                let s = self.session.lock().unwrap();
                (first && now() + 5 < s.access_expires_at).then(|| token_of(&s))
            };
            match kept {
                Some(t) => Ok(t),
                None => self.renew().await,
            }
        })
    }
}
