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
    // KEYCLOAK_URL (+ KEYCLOAK_ADMIN_PASSWORD, realm `PROFILE_REALM`): a live server instead of the stub.
    let live = std::env::var("KEYCLOAK_URL").ok();
    let password = std::env::var("KEYCLOAK_ADMIN_PASSWORD").unwrap_or_else(|_| "admin".into());
    let realm = std::env::var("PROFILE_REALM").unwrap_or_else(|_| "r".into());
    let base = match &live {
        Some(url) => url.clone(),
        None => stub::stub().await,
    };
    let token = if live.is_some() {
        use keycloak_oidc::{ClientAuth, ExposeSecret, Grant, TokenEndpoint};
        let g = Grant::Password {
            username: "admin",
            password: &password,
            totp: None,
        };
        keycloak_admin_api::tls::install_default_provider();
        let t = TokenEndpoint::for_realm(reqwest::Client::new(), &base, "master")
            .unwrap()
            .request(&ClientAuth::public("admin-cli"), g, &[])
            .await
            .unwrap();
        t.access_token.expose_secret().to_string()
    } else {
        "stub-token".into()
    };
    let headers = reqwest::header::HeaderMap::from_iter([(
        reqwest::header::AUTHORIZATION,
        reqwest::header::HeaderValue::try_from(format!("Bearer {token}")).unwrap(),
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
        .realm(&realm)
        .auth_realm(if live.is_some() { "master" } else { "r" })
        .credentials(keycloak_admin::Credentials::password("admin", &password))
        .connect()
        .await
        .unwrap();
    let users = kc.realm(&realm).users();
    let cpu = |u: &mut libc::rusage| unsafe { libc::getrusage(libc::RUSAGE_SELF, u) };
    let mut before: libc::rusage = unsafe { std::mem::zeroed() };
    cpu(&mut before);
    let started = std::time::Instant::now();
    for _ in 0..n {
        match which.as_str() {
            "ergonomic" => {
                users.find_by_username("user-00042").await.unwrap();
            }
            "generated-max2" => {
                generated
                    .get_users()
                    .realm(&realm)
                    .username("user-00042")
                    .exact(true)
                    .first(0)
                    .max(2)
                    .send()
                    .await
                    .unwrap();
            }
            "ergonomic-query" => {
                users
                    .list()
                    .username("user-00042")
                    .exact(true)
                    .first_page()
                    .await
                    .unwrap();
            }
            _ => {
                generated
                    .get_users()
                    .realm(&realm)
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
