//! Starts a local Keycloak, prints its home directory, then panics without any
//! cleanup of its own. The harness test checks that the watchdog still kills the
//! server and removes its home.

#[tokio::main]
async fn main() {
    let server = keycloak_testkit::KeycloakServer::from_env()
        .local()
        .start()
        .await
        .expect("the probe's server starts");
    println!(
        "HOME {}",
        server
            .home_dir()
            .expect("a local server has a home")
            .display()
    );
    // Leak the server so not even Drop runs, as with a static shared server.
    std::mem::forget(server);
    panic!("deliberate panic with a running server");
}
