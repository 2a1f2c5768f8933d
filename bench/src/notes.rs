//! Why ours trails a peer where it does: written from profiling the runs
//! recorded in BENCHMARKS.md, printed only when the run shows it slower.

use crate::job::Workload;

pub fn why_slower(w: Workload) -> &'static str {
    match w {
        Workload::W1 | Workload::W2 => {
            "Each create is one POST whose time is Keycloak's (hashing, profile validation, database insert); \
             the client's share is the per-call overhead measured below against the stub. A lead this small is \
             inside the spread of the runs (compare min–max): re-run before reading it as a difference."
        }
        Workload::W3 => {
            "Reading is dominated by the server's page queries; ours decodes every user into the typed model \
             (with an `extra` map for unknown fields), which the peers in Python skip (plain dicts)."
        }
        Workload::W4 => {
            "`find_by_username` asks for `exact=true` with `max=2` and checks the username case-insensitively; \
             the server's query dominates, the client's share is the per-call overhead below."
        }
        Workload::W5 => {
            "Ours waits for its single refresh before the 64 calls go out; a peer that kept its expired token \
             fails fast instead (see the failed calls), and one that refreshes per call pays in token requests."
        }
    }
}
