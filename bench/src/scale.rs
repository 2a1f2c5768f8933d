//! W7 (bulk create) and W8 (read a large realm), plus W3's default against the
//! old one: here each contestant uses its own best documented way — the job is
//! the same, the strategy is the contestant's. The floor (raw reqwest) uses the
//! best strategy the API allows, so "ours / floor" stays honest.

use crate::contestants::{Contestant, fixed_token_http, python};
use crate::job::{DefaultWith, Job, Sample, Target, Workload, person, timed};
use crate::memory;
use futures_util::{StreamExt, TryStreamExt, stream};
use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{KeycloakAdmin, WriteAction};
use std::time::Duration;

/// Batch size and in-flight batches the floor and the peers' partial imports
/// use: `keycloak-bench tune`'s fastest cell, which is also ours' default.
const IMPORT_BATCH: usize = keycloak_admin::DEFAULT_BATCH_SIZE;
const IMPORT_IN_FLIGHT: usize = keycloak_admin::DEFAULT_CONCURRENCY;
/// The floor's page for full-realm reads: the fastest brief page in the tune table.
const FLOOR_PAGE: usize = 5000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Create N users in a fresh realm.
    W7,
    /// Read every user of the big realm.
    W8,
    /// Read every user of W3's realm: ours' default stream against the old default.
    W3Default,
}

impl Scale {
    pub fn ways(self) -> &'static [Way] {
        match self {
            Scale::W7 => &[
                Way::OursBulk,
                Way::OursOneByOne,
                Way::FloorImport,
                Way::CrateImport,
                Way::CrateOneByOne,
                Way::PythonImport,
                Way::PythonOneByOne,
            ],
            Scale::W8 => &[
                Way::OursStream,
                Way::OursBrief,
                Way::FloorBrief,
                Way::PythonGetUsers,
            ],
            Scale::W3Default => &[Way::OursStream, Way::OursOldDefault],
        }
    }
}

/// One contestant's way of doing a [`Scale`] job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    OursBulk,
    OursOneByOne,
    FloorImport,
    CrateImport,
    CrateOneByOne,
    PythonImport,
    PythonOneByOne,
    OursStream,
    OursBrief,
    OursOldDefault,
    FloorBrief,
    PythonGetUsers,
}

/// Whose way it is: the verdicts compare ours with the floor and the peers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Floor,
    Peer,
}

impl Way {
    pub fn label(self) -> String {
        let batch = format!("batches of {IMPORT_BATCH}, {IMPORT_IN_FLIGHT} in flight");
        match self {
            Way::OursBulk => format!("ours: `users().create_many` (defaults: {batch})"),
            Way::OursOneByOne => "ours: `users().create`, 16 in flight".into(),
            Way::FloorImport => format!("raw reqwest: `partialImport`, {batch} (floor)"),
            Way::CrateImport => format!("keycloak crate: `realm_partial_import_post`, {batch}"),
            Way::CrateOneByOne => "keycloak crate: `realm_users_post`, 16 in flight".into(),
            Way::PythonImport => format!("python-keycloak: `partial_import_realm`, {batch}"),
            Way::PythonOneByOne => "python-keycloak: `create_user`, 16 threads".into(),
            Way::OursStream => format!(
                "ours: `users().list().stream()` (default: full, {} per page, {} pages in flight)",
                keycloak_admin::USER_PAGE_SIZE,
                keycloak_admin::KEYED_PAGES_IN_FLIGHT
            ),
            Way::OursBrief => format!(
                "ours: `.brief(true).stream()` ({} per page, {} pages in flight)",
                keycloak_admin::BRIEF_USER_PAGE_SIZE,
                keycloak_admin::KEYED_PAGES_IN_FLIGHT
            ),
            Way::OursOldDefault => {
                "ours before: full, 100 per page, one page at a time (the generated client's pages)"
                    .into()
            }
            Way::FloorBrief => {
                format!("raw reqwest: brief, {FLOOR_PAGE} per page, 2 pages in flight (floor)")
            }
            Way::PythonGetUsers => "python-keycloak: `get_users()` (its default listing)".into(),
        }
    }

    pub fn side(self) -> Side {
        match self {
            Way::OursBulk
            | Way::OursOneByOne
            | Way::OursStream
            | Way::OursBrief
            | Way::OursOldDefault => Side::Ours,
            Way::FloorImport | Way::FloorBrief => Side::Floor,
            _ => Side::Peer,
        }
    }

    /// Creates one user per request.
    pub fn one_by_one(self) -> bool {
        matches!(
            self,
            Way::OursOneByOne | Way::CrateOneByOne | Way::PythonOneByOne
        )
    }

    /// Runs in a child process whose peak RSS is reported.
    fn probed(self) -> Option<&'static str> {
        match self {
            Way::OursStream => Some("stream"),
            Way::OursBrief => Some("brief"),
            _ => None,
        }
    }

    /// One timed run of this way on `n` users of `t.realm`; for W8's probed
    /// ways also the memory probe.
    pub async fn run(
        self,
        t: &Target,
        n: usize,
        py: Option<&python::Python>,
        scale: Scale,
    ) -> Result<(Sample, Option<memory::Probe>), String> {
        if let Some(mode) = self.probed().filter(|_| scale == Scale::W8) {
            let p = memory::measure(t, mode, n as u64).await?;
            let sample = Sample {
                secs: p.secs,
                count: p.users,
                cpu_secs: p.cpu_secs,
                peak_rss_kib: p.peak_kib,
                ..Sample::default()
            };
            return Ok((sample, Some(p)));
        }
        let sample = match self {
            Way::OursBulk => ours_bulk(t, n).await?,
            Way::OursOneByOne | Way::CrateOneByOne | Way::PythonOneByOne => {
                let contestant = match self {
                    Way::OursOneByOne => Contestant::Ergonomic,
                    Way::CrateOneByOne => Contestant::KeycloakCrate,
                    _ => Contestant::PythonSync,
                };
                // W2's driver, at this size.
                let job = Job {
                    workload: Workload::W2,
                    n,
                    concurrency: 16,
                    target: t.clone(),
                    prefix: "bulk".into(),
                    lookup: String::new(),
                    wait: Duration::ZERO,
                };
                contestant.run(&job, py).await?.0
            }
            Way::FloorImport => floor_import(t, n).await?,
            Way::CrateImport => crate_import(t, n).await?,
            Way::PythonImport => {
                let py = py.ok_or("python-keycloak is not installed")?;
                python::run_scale(py, "W7", t, n, IMPORT_BATCH, IMPORT_IN_FLIGHT).await?
            }
            Way::PythonGetUsers => {
                let py = py.ok_or("python-keycloak is not installed")?;
                python::run_scale(py, "W8", t, n, 0, 0).await?
            }
            Way::OursStream => ours_stream(t).await?,
            Way::OursOldDefault => {
                let job = Job {
                    workload: Workload::W3,
                    n,
                    concurrency: 1,
                    target: t.clone(),
                    prefix: String::new(),
                    lookup: String::new(),
                    wait: Duration::ZERO,
                };
                Contestant::Generated.run(&job, py).await?.0
            }
            Way::FloorBrief => floor_brief(t).await?,
            Way::OursBrief => unreachable!("W8 only, probed above"),
        };
        Ok((sample, None))
    }
}

async fn ours(t: &Target) -> Result<KeycloakAdmin, String> {
    let kc = crate::contestants::ergonomic::login(t).await?;
    // The warm-up call every contestant makes before its clock starts.
    kc.realm(&t.realm)
        .users()
        .count()
        .await
        .map_err(|e| e.to_string())?;
    Ok(kc)
}

fn typed_users(n: usize) -> Vec<UserRepresentation> {
    (0..n)
        .map(|i| crate::typed_person!(UserRepresentation, "bulk", i))
        .collect()
}

async fn ours_bulk(t: &Target, n: usize) -> Result<Sample, String> {
    let kc = ours(t).await?;
    let users = kc.realm(&t.realm).users();
    let list = typed_users(n);
    Ok(timed(async {
        match users.create_many(list).await {
            Ok(outcomes) => {
                let created = outcomes
                    .iter()
                    .filter(|o| matches!(o, Ok(w) if w.action == WriteAction::Created))
                    .count() as u64;
                (created, n as u64 - created)
            }
            Err(_) => (0, n as u64),
        }
    })
    .await)
}

async fn ours_stream(t: &Target) -> Result<Sample, String> {
    let kc = ours(t).await?;
    let users = kc.realm(&t.realm).users();
    Ok(timed(async {
        match users
            .list()
            .stream()
            .try_fold(0u64, |n, _| async move { Ok(n + 1) })
            .await
        {
            Ok(n) => (n, 0),
            Err(_) => (0, 1),
        }
    })
    .await)
}

/// Users created by one partial-import answer (`added`), or None on failure.
fn added(answer: &serde_json::Value) -> Option<u64> {
    answer.get("added")?.as_u64()
}

/// Sends the batches, [`IMPORT_IN_FLIGHT`] at a time; (created, not created)
/// of `n` users, by the answers' `added` counts.
async fn import_batches<B, F>(batches: Vec<B>, n: usize, send: impl Fn(B) -> F) -> (u64, u64)
where
    F: Future<Output = Option<u64>>,
{
    let created: Vec<Option<u64>> = stream::iter(batches)
        .map(send)
        .buffer_unordered(IMPORT_IN_FLIGHT)
        .collect()
        .await;
    let ok = created.iter().flatten().sum::<u64>();
    (ok, n as u64 - ok)
}

async fn floor_import(t: &Target, n: usize) -> Result<Sample, String> {
    let http = fixed_token_http(t).await?;
    let url = format!("{}/admin/realms/{}/partialImport", t.base_url, t.realm);
    let count = format!("{}/admin/realms/{}/users/count", t.base_url, t.realm);
    let warm = http.get(&count).send().await.map_err(|e| e.to_string())?;
    if !warm.status().is_success() {
        return Err(format!("warm-up call: {}", warm.status()));
    }
    let batches: Vec<serde_json::Value> = (0..n)
        .collect::<Vec<_>>()
        .chunks(IMPORT_BATCH)
        .map(|c| {
            let users: Vec<_> = c.iter().map(|&i| person("bulk", i)).collect();
            serde_json::json!({"users": users, "ifResourceExists": "SKIP"})
        })
        .collect();
    let send = |body: serde_json::Value| {
        let (http, url) = (&http, &url);
        async move {
            let r = http.post(url).json(&body).send().await.ok()?;
            if !r.status().is_success() {
                return None;
            }
            added(&r.json().await.ok()?)
        }
    };
    Ok(timed(import_batches(batches, n, send)).await)
}

async fn crate_import(t: &Target, n: usize) -> Result<Sample, String> {
    use keycloak::types::{RealmRepresentation, UserRepresentation as CrateUser};
    let kc = crate::contestants::kc_crate::login(t).await?;
    kc.realm_users_count_get(
        &t.realm, None, None, None, None, None, None, None, None, None, None, None, None, None,
    )
    .await
    .map_err(|e| e.to_string())?;
    // Its partial import takes a RealmRepresentation (no `ifResourceExists`):
    // the realm is fresh, so nothing exists.
    let batches: Vec<RealmRepresentation> = (0..n)
        .collect::<Vec<_>>()
        .chunks(IMPORT_BATCH)
        .map(|c| RealmRepresentation {
            users: Some(
                c.iter()
                    .map(|&i| crate::typed_person!(CrateUser, "bulk", i))
                    .collect(),
            ),
            ..Default::default()
        })
        .collect();
    let send = |body| {
        let kc = &kc;
        async move { added(&kc.realm_partial_import_post(&t.realm, body).await.ok()?) }
    };
    Ok(timed(import_batches(batches, n, send)).await)
}

async fn floor_brief(t: &Target) -> Result<Sample, String> {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)] // decoded as a client would; not read
    struct Brief {
        id: String,
        username: Option<String>,
    }
    let http = fixed_token_http(t).await?;
    let users = format!("{}/admin/realms/{}/users", t.base_url, t.realm);
    let count_url = format!("{users}/count");
    let warm = http
        .get(&count_url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !warm.status().is_success() {
        return Err(format!("warm-up call: {}", warm.status()));
    }
    Ok(timed(async {
        // The count bounds the pages, so two can be in flight from the start.
        let total: u64 = match http.get(&count_url).send().await {
            Ok(r) => match r.json().await {
                Ok(n) => n,
                Err(_) => return (0, 1),
            },
            Err(_) => return (0, 1),
        };
        let pages: Vec<Option<usize>> = stream::iter((0..total as usize).step_by(FLOOR_PAGE))
            .map(|first| {
                let (http, users) = (&http, &users);
                async move {
                    let first = first.to_string();
                    let max = FLOOR_PAGE.to_string();
                    let q = [
                        ("first", first.as_str()),
                        ("max", max.as_str()),
                        ("briefRepresentation", "true"),
                    ];
                    let r = http.get(users).query(&q).send().await.ok()?;
                    let page: Vec<Brief> = r.json().await.ok()?;
                    Some(page.len())
                }
            })
            .buffered(2)
            .collect()
            .await;
        let failed = pages.iter().filter(|p| p.is_none()).count() as u64;
        (pages.iter().flatten().sum::<usize>() as u64, failed)
    })
    .await)
}

/// All timed runs of one way.
pub struct ScaleRow {
    pub scale: Scale,
    pub way: Way,
    pub samples: Vec<Sample>,
    pub probes: Vec<memory::Probe>,
    pub failure: Option<String>,
}

impl ScaleRow {
    /// Median seconds, min, max (runs with failed calls are not compared).
    pub fn stats(&self) -> Option<(f64, f64, f64)> {
        if self.failure.is_some() || self.samples.iter().any(|s| s.errors > 0) {
            return None;
        }
        crate::report::median_min_max(self.samples.iter().map(|s| s.secs).collect())
    }
}

/// Runs every way of `scale` `reps` times (order rotating), after an untimed
/// warm-up pass of the Rust ways; `prepare` runs before each run and gives the
/// target (W7: a fresh realm), `check` after it (W7: the server's count).
pub async fn run<P, C>(
    scale: Scale,
    n: usize,
    reps: usize,
    py: Option<&python::Python>,
    mut prepare: impl FnMut() -> P,
    mut check: impl FnMut() -> C,
) -> Result<Vec<ScaleRow>, String>
where
    P: Future<Output = Result<Target, String>>,
    C: Future<Output = Result<u64, String>>,
{
    let ways = scale.ways();
    let mut rows: Vec<ScaleRow> = ways
        .iter()
        .map(|&way| ScaleRow {
            scale,
            way,
            samples: vec![],
            probes: vec![],
            failure: None,
        })
        .collect();
    for &way in ways.iter().filter(|w| w.side() != Side::Peer) {
        let t = prepare().await?;
        if let Err(e) = way.run(&t, n, py, scale).await {
            eprintln!("{scale:?} warm-up {way:?}: {e}");
        }
    }
    for rep in 0..reps {
        for k in 0..ways.len() {
            let i = (k + rep) % ways.len();
            let way = ways[i];
            let t = prepare().await?;
            let row = &mut rows[i];
            match way.run(&t, n, py, scale).await {
                Ok((sample, probe)) => {
                    let server = check().await?;
                    eprintln!(
                        "{scale:?} rep {} {:?}: {:.3} s, {} counted, server {server}, {} errors",
                        rep + 1,
                        way,
                        sample.secs,
                        sample.count,
                        sample.errors
                    );
                    if sample.errors == 0 && (sample.count != n as u64 || server != n as u64) {
                        row.failure = Some(format!(
                            "counted {} (server: {server}) where {n} were expected",
                            sample.count
                        ));
                    }
                    row.samples.push(sample);
                    row.probes.extend(probe);
                }
                Err(e) => {
                    eprintln!("{scale:?} {way:?}: {e}");
                    row.failure = Some(e);
                }
            }
        }
    }
    Ok(rows)
}
