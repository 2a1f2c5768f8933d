//! Client-side cost of one exact-username lookup, for a profiler: the same
//! request through the ergonomic client or the generated client, N times,
//! against the stub. `valgrind --tool=callgrind target/release/examples/profile_lookup ergonomic 500`

#[path = "../src/stub.rs"]
mod stub;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "ergonomic".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let base = stub::stub().await;
    let headers = reqwest::header::HeaderMap::from_iter([(
        reqwest::header::AUTHORIZATION,
        reqwest::header::HeaderValue::from_static("Bearer stub-token"),
    )]);
    let mut http = reqwest::Client::builder().default_headers(headers);
    if which == "generated-timeout" {
        // What the ergonomic builder configures by default.
        http = http
            .timeout(std::time::Duration::from_secs(30))
            .connect_timeout(std::time::Duration::from_secs(10));
    }
    let generated = keycloak_admin_api::Client::new_with_client(
        &base,
        http.build().unwrap(),
        keycloak_admin_api::Hooks::none(),
    );
    let kc = keycloak_admin::KeycloakAdmin::builder(&base)
        .realm("r")
        .credentials(keycloak_admin::Credentials::password("admin", "admin"))
        .connect()
        .await
        .unwrap();
    let users = kc.realm("r").users();
    let cpu = |u: &mut libc::rusage| unsafe { libc::getrusage(libc::RUSAGE_SELF, u) };
    let mut before: libc::rusage = unsafe { std::mem::zeroed() };
    cpu(&mut before);
    let started = std::time::Instant::now();
    for _ in 0..n {
        match which.as_str() {
            "ergonomic" => {
                users.find_by_username("user-00042").await.unwrap();
            }
            _ => {
                generated
                    .get_users()
                    .realm("r")
                    .username("user-00042")
                    .exact(true)
                    .send()
                    .await
                    .unwrap();
            }
        }
    }
    let mut after: libc::rusage = unsafe { std::mem::zeroed() };
    cpu(&mut after);
    let t = |v: libc::timeval| v.tv_sec as f64 * 1e6 + v.tv_usec as f64;
    let user = (t(after.ru_utime) - t(before.ru_utime)) / n as f64;
    let sys = (t(after.ru_stime) - t(before.ru_stime)) / n as f64;
    eprintln!(
        "{which}: {:.1} µs wall, {user:.1} µs user + {sys:.1} µs sys CPU per call",
        started.elapsed().as_micros() as f64 / n as f64
    );
}
