//! What would make ours faster where the client's own CPU is the difference:
//! printed only when a run shows ours slower than a peer *and* spending more
//! client CPU than it (otherwise the report says the gap is the server's).

use crate::job::Workload;

pub fn why_slower(w: Workload) -> &'static str {
    match w {
        Workload::W1 | Workload::W2 => {
            "Per create, ours adds the token check (a mutex and an `Instant` compare), a tracing span and the `Location` parse; \
             fix: skip the span when no subscriber is interested, and read the id without re-parsing the URL."
        }
        Workload::W3 => {
            "Ours decodes every user into the typed model, whose flattened `extra` map makes serde buffer each object; \
             fix: a `brief` page type without `extra`, or a borrowed decode of the page bytes."
        }
        Workload::W4 => {
            "`find_by_username` decodes a typed page and compares usernames case-insensitively; \
             fix: the same typed-decode savings as W3."
        }
        Workload::W5 => {
            "Ours waits for its single refresh before the calls go out; a peer that refreshes per call spends token requests instead."
        }
    }
}
