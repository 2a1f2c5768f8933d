//! What the client does beyond raw reqwest where a run shows ours slower than a
//! peer *and* spending more client CPU than it (otherwise the report says the gap
//! is the server's). Written from profiling `bench/examples/profile_lookup.rs`
//! under callgrind against the stub; numbers stay in the generated tables.

use crate::job::Workload;

/// Work the ergonomic layer adds to every call (found with callgrind, ergonomic vs generated path).
const PER_CALL: &str = "Profiled with `cargo build --release -p keycloak-bench --example profile_lookup` under \
    `valgrind --tool=callgrind` against the stub: per call, ours adds to the generated client's work the auth hook \
    (token-cache lock, a `Bearer` header value built per request), a clone of the request kept for the one re-send \
    after a 401, and the handle's query builder — a small share next to decoding, which is the same typed decode for \
    ours, the generated client and raw reqwest. What would fix it: keep the header value with the cached token, and \
    skip the request clone for bodiless requests (a GET can be rebuilt for the re-send).";

pub fn why_slower(w: Workload) -> String {
    let specific = match w {
        Workload::W1 | Workload::W2 => "Creates also parse the id out of `Location`.",
        Workload::W3 => {
            "Streaming also fingerprints each page (first and last item) to stop on a repeated page."
        }
        Workload::W4 => {
            "`find_by_username` also builds a `UserQuery` (cloning the client handle and filters) and compares the \
             username case-insensitively on the page."
        }
        Workload::W5 => "Ours waits for its single refresh before the calls go out.",
    };
    format!("{PER_CALL} {specific}")
}
