use keycloak_testkit::{Error, KeycloakServer};
use std::time::Duration;

fn builder() -> KeycloakServer {
    // Isolated from the user's environment and from the shared cache.
    KeycloakServer::from_env().local()
}

#[tokio::test]
async fn a_malformed_keycloak_url_is_named() {
    let err = builder()
        .external("not a url", "admin", "admin")
        .start()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::BadUrl { .. }), "{err:?}");
    assert!(
        err.to_string().contains("`not a url` is not a usable URL"),
        "{err}"
    );
}

#[tokio::test]
async fn an_unreachable_keycloak_url_is_named() {
    let port = closed_port();
    let err = builder()
        .external(format!("http://127.0.0.1:{port}"), "admin", "admin")
        .start()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unreachable { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("no Keycloak answers at http://127.0.0.1:{port}")),
        "{err}"
    );
}

#[tokio::test]
async fn a_java_home_without_java_is_named_before_anything_else_happens() {
    let err = builder()
        .java_home("/nonexistent/jdk")
        .start()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::JdkNotFound(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "no usable JDK: JAVA_HOME=/nonexistent/jdk has no bin/java"
    );
}

#[tokio::test]
async fn a_busy_port_is_named() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let err = builder().http_port(port).start().await.unwrap_err();
    assert!(matches!(err, Error::PortBusy { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("port {port} on 127.0.0.1 is already in use")
    );
}

#[tokio::test]
async fn a_failed_download_is_named_and_does_not_hang() {
    let cache = tempdir("download");
    let port = closed_port();
    let started = std::time::Instant::now();
    let err = builder()
        .cache_dir(&cache)
        .maven_repo(format!("http://127.0.0.1:{port}/maven2"))
        .version("26.7.3")
        .start()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Download { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.starts_with("could not download Keycloak 26.7.3: GET http://127.0.0.1:"),
        "{text}"
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[tokio::test]
async fn a_corrupt_download_fails_its_checksum() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    // A repository serving a file that does not match its published sha1.
    let repo = MockServer::start().await;
    let artifact = "/org/keycloak/keycloak-quarkus-dist/26.7.3/keycloak-quarkus-dist-26.7.3.tar.gz";
    Mock::given(path(artifact))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"not a tarball".to_vec()))
        .mount(&repo)
        .await;
    Mock::given(path(format!("{artifact}.sha1")))
        .respond_with(
            ResponseTemplate::new(200).set_body_string("0123456789abcdef0123456789abcdef01234567"),
        )
        .mount(&repo)
        .await;

    let cache = tempdir("checksum");
    let err = builder()
        .cache_dir(&cache)
        .maven_repo(repo.uri())
        .version("26.7.3")
        .start()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("expected sha1 0123456789abcdef0123456789abcdef01234567"),
        "{err}"
    );
    assert!(
        !cache.join("keycloak-26.7.3").exists(),
        "nothing half-unpacked is left in the cache"
    );
}

#[tokio::test]
async fn a_server_that_is_not_ready_in_time_names_its_log() {
    let err = builder()
        .start_timeout(Duration::from_secs(2))
        .start()
        .await
        .unwrap_err();
    let Error::StartTimeout { log, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        err.to_string().contains(&format!("log: {}", log.display())),
        "{err}"
    );
    assert!(
        err.to_string().contains("waiting for /health/ready"),
        "{err}"
    );
}

fn closed_port() -> u16 {
    // Bind and release: nothing listens there afterwards.
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tempdir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "keycloak-testkit-{tag}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// Four servers starting at once against an empty cache: the distribution is
/// downloaded and unpacked once (the lock), and every start reaches the server
/// process — here a fake `kc.sh` that exits, which is reported with its log.
#[tokio::test]
async fn concurrent_starts_share_one_download_and_unpack() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let work = tempdir("concurrent");
    let dist = work.join("dist");
    std::fs::create_dir_all(dist.join("bin")).unwrap();
    std::fs::write(
        dist.join("bin/kc.sh"),
        "#!/bin/sh\necho fake keycloak refuses to start\nexit 3\n",
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["755"])
        .arg(dist.join("bin/kc.sh"))
        .status()
        .unwrap();
    let tarball = work.join("dist.tar.gz");
    assert!(
        std::process::Command::new("tar")
            .arg("czf")
            .arg(&tarball)
            .arg("-C")
            .arg(&work)
            .arg("dist")
            .status()
            .unwrap()
            .success()
    );
    let bytes = std::fs::read(&tarball).unwrap();
    let sha1 = String::from_utf8(
        std::process::Command::new("sha1sum")
            .arg(&tarball)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let sha1 = sha1.split_whitespace().next().unwrap().to_string();

    let repo = MockServer::start().await;
    let artifact =
        "/org/keycloak/keycloak-quarkus-dist/0.0.1-fake/keycloak-quarkus-dist-0.0.1-fake.tar.gz";
    Mock::given(path(artifact))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes))
        .mount(&repo)
        .await;
    Mock::given(path(format!("{artifact}.sha1")))
        .respond_with(ResponseTemplate::new(200).set_body_string(sha1))
        .mount(&repo)
        .await;

    let cache = work.join("cache");
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let b = builder()
                .cache_dir(&cache)
                .maven_repo(repo.uri())
                .version("0.0.1-fake")
                .start_timeout(Duration::from_secs(60));
            tokio::spawn(b.start())
        })
        .collect();
    for s in starts {
        let err = s.await.unwrap().unwrap_err();
        let Error::Exited { tail, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(tail.contains("fake keycloak refuses to start"), "{err}");
    }
    let downloads = repo
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == artifact)
        .count();
    assert_eq!(downloads, 1, "one download for four starts");
    let entries: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        entries.contains(&"keycloak-0.0.1-fake".to_string()),
        "{entries:?}"
    );
    assert!(
        !entries.iter().any(|e| e.ends_with(".partial")),
        "no half-unpacked tree: {entries:?}"
    );
}
