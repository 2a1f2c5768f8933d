//! The UMA protection API's resource registration endpoint (`resource_set`),
//! authorized by a PAT: the resource server's own client-credentials token,
//! cached until shortly before it expires (one token request in flight).

use crate::client::OidcClient;
use crate::error::{Error, Result};
use crate::token_endpoint::refusal;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A resource as the protection API describes it.
///
/// ```no_run
/// # async fn demo(oidc: keycloak_oidc::OidcClient) -> keycloak_oidc::Result<()> {
/// use keycloak_oidc::Resource;
/// let sets = oidc.uma().resource_sets();
/// let doc = sets
///     .create(&Resource::new("Invoice 42").kind("urn:app:invoice").uri("/invoices/42").scopes(["read", "write"]))
///     .await?;
/// println!("created {:?}", doc.id);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Wire")]
#[non_exhaustive]
pub struct Resource {
    #[serde(rename = "_id", skip_serializing_if = "Option::is_none")]
    /// Its id (set by the server).
    pub id: Option<String>,
    /// Its unique name.
    pub name: String,
    #[serde(rename = "displayName", skip_serializing_if = "Option::is_none")]
    /// A name to show people.
    pub display_name: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    /// Its type (`type` on the wire), e.g. `urn:app:resources:document`.
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    /// URIs the resource stands for.
    pub uris: Vec<String>,
    #[serde(rename = "resource_scopes")]
    /// Scopes that can be granted on it.
    pub scopes: Vec<ResourceScope>,
    /// On the way in: a user id or name to own the resource; on the way out: `{id, name}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<serde_json::Value>,
    #[serde(rename = "ownerManagedAccess", skip_serializing_if = "Option::is_none")]
    /// Whether its owner manages access (user-managed access).
    pub owner_managed_access: Option<bool>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    /// Free-form attributes.
    pub attributes: BTreeMap<String, Vec<String>>,
}

/// A scope on a resource.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResourceScope {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The scope's id.
    pub id: Option<String>,
    /// The scope's name.
    pub name: String,
}

/// Keycloak answers with `resource_scopes`, `scopes` or both, depending on the call.
#[derive(Deserialize)]
struct Wire {
    #[serde(rename = "_id")]
    id: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(rename = "displayName")]
    display_name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    uris: Vec<String>,
    #[serde(default)]
    resource_scopes: Vec<ResourceScope>,
    #[serde(default)]
    scopes: Vec<ResourceScope>,
    owner: Option<serde_json::Value>,
    #[serde(rename = "ownerManagedAccess")]
    owner_managed_access: Option<bool>,
    #[serde(default)]
    attributes: BTreeMap<String, Vec<String>>,
}

impl From<Wire> for Resource {
    fn from(w: Wire) -> Self {
        Resource {
            id: w.id,
            name: w.name,
            display_name: w.display_name,
            kind: w.kind,
            uris: w.uris,
            scopes: if w.resource_scopes.is_empty() {
                w.scopes
            } else {
                w.resource_scopes
            },
            owner: w.owner,
            owner_managed_access: w.owner_managed_access,
            attributes: w.attributes,
        }
    }
}

impl Resource {
    /// A resource with this name.
    pub fn new(name: impl Into<String>) -> Self {
        Resource {
            name: name.into(),
            ..Default::default()
        }
    }

    /// The resource type, e.g. `urn:app:invoice`.
    pub fn kind(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }

    /// Add a URI.
    pub fn uri(mut self, uri: impl Into<String>) -> Self {
        self.uris.push(uri.into());
        self
    }

    /// Add scopes by name.
    pub fn scopes<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.scopes = names
            .into_iter()
            .map(|n| ResourceScope {
                id: None,
                name: n.into(),
            })
            .collect();
        self
    }

    /// Set an attribute.
    pub fn attribute(mut self, key: impl Into<String>, values: Vec<String>) -> Self {
        self.attributes.insert(key.into(), values);
        self
    }

    /// The scope names.
    pub fn scope_names(&self) -> Vec<&str> {
        self.scopes.iter().map(|s| s.name.as_str()).collect()
    }
}

/// Filters for [`ResourceSets::query`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ResourceQuery {
    /// Resources with this name.
    pub name: Option<String>,
    /// Match `name` exactly rather than as a substring.
    pub exact_name: bool,
    /// Resources with this URI.
    pub uri: Option<String>,
    /// Resources of this owner.
    pub owner: Option<String>,
    /// Resources of this type.
    pub kind: Option<String>,
    /// Resources with this scope.
    pub scope: Option<String>,
    /// Skip this many.
    pub first: Option<u32>,
    /// Return at most this many.
    pub max: Option<u32>,
}

impl ResourceQuery {
    /// Resources whose name matches `name`.
    pub fn name(name: impl Into<String>) -> Self {
        ResourceQuery {
            name: Some(name.into()),
            ..Default::default()
        }
    }

    /// Match the name exactly, not as a substring.
    pub fn exact(mut self) -> Self {
        self.exact_name = true;
        self
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("deep", "true".to_string())];
        let strings = [
            ("name", &self.name),
            ("uri", &self.uri),
            ("owner", &self.owner),
            ("type", &self.kind),
            ("scope", &self.scope),
        ];
        p.extend(
            strings
                .into_iter()
                .filter_map(|(k, v)| Some((k, v.clone()?))),
        );
        if self.exact_name {
            p.push(("exactName", "true".into()));
        }
        p.extend(self.first.map(|f| ("first", f.to_string())));
        p.extend(self.max.map(|m| ("max", m.to_string())));
        p
    }
}

/// The protection API of one resource server (the [`OidcClient`]'s client, which
/// must be confidential with a service account). `Debug` shows the PAT as
/// `[REDACTED]` (a `SecretString`).
#[derive(Clone, Debug)]
pub struct ResourceSets {
    oidc: OidcClient,
    pat: Arc<tokio::sync::Mutex<Option<(SecretString, Instant)>>>,
}

impl ResourceSets {
    pub(crate) fn new(oidc: OidcClient) -> Self {
        ResourceSets {
            oidc,
            pat: Arc::new(tokio::sync::Mutex::new(None)),
        }
    }

    /// The PAT, renewed when it has less than a third of its life (at most 10 s) left.
    async fn pat(&self) -> Result<SecretString> {
        let mut slot = self.pat.lock().await;
        if let Some((token, until)) = slot.as_ref()
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let t = self.oidc.client_credentials().await?;
        let life = t.expires_in.unwrap_or(Duration::from_secs(60));
        let until = t.received_at + life - (life / 3).min(Duration::from_secs(10));
        *slot = Some((t.access_token.clone(), until));
        Ok(t.access_token)
    }

    async fn url(&self, id: Option<&str>) -> Result<String> {
        let base = self
            .oidc
            .uma_discovery()
            .await?
            .resource_registration_endpoint
            .clone();
        Ok(match id {
            Some(id) => format!(
                "{}/{}",
                base.trim_end_matches('/'),
                crate::path_segment("resource id", id)?
            ),
            None => base,
        })
    }

    fn label(&self) -> String {
        format!(
            "resource registration endpoint of realm `{}` (client `{}`)",
            self.oidc.realm(),
            self.oidc.client_id()
        )
    }

    async fn call(&self, req: reqwest::RequestBuilder) -> Result<String> {
        let label = self.label();
        let pat = self.pat().await?;
        let (status, text) =
            crate::http::send(req.bearer_auth(pat.expose_secret()), &label).await?;
        if !status.is_success() {
            return Err(refusal(label, status, &text));
        }
        Ok(text)
    }

    fn decode<T: serde::de::DeserializeOwned>(&self, text: &str) -> Result<T> {
        serde_json::from_str(text).map_err(|e| Error::Decode {
            endpoint: self.label(),
            message: e.to_string(),
        })
    }

    /// Register a resource; returns it with its `id`.
    pub async fn create(&self, resource: &Resource) -> Result<Resource> {
        let url = self.url(None).await?;
        let text = self
            .call(self.oidc.inner.http.post(url).json(resource))
            .await?;
        self.decode(&text)
    }

    /// Ids of all resources of this resource server.
    pub async fn list(&self) -> Result<Vec<String>> {
        let url = self.url(None).await?;
        let text = self.call(self.oidc.inner.http.get(url)).await?;
        self.decode(&text)
    }

    /// Resources matching `query`, in full.
    pub async fn query(&self, query: &ResourceQuery) -> Result<Vec<Resource>> {
        let url = self.url(None).await?;
        let text = self
            .call(self.oidc.inner.http.get(url).query(&query.params()))
            .await?;
        self.decode(&text)
    }

    /// One resource; a missing id is a 404 error.
    pub async fn get(&self, id: &str) -> Result<Resource> {
        let url = self.url(Some(id)).await?;
        let text = self.call(self.oidc.inner.http.get(url)).await?;
        self.decode(&text)
    }

    /// Replace the resource `id` with `resource`.
    pub async fn update(&self, id: &str, resource: &Resource) -> Result<()> {
        let url = self.url(Some(id)).await?;
        let mut body = resource.clone();
        body.id = Some(id.to_string());
        self.call(self.oidc.inner.http.put(url).json(&body))
            .await
            .map(drop)
    }

    /// Delete the resource `id`.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let url = self.url(Some(id)).await?;
        self.call(self.oidc.inner.http.delete(url)).await.map(drop)
    }
}
