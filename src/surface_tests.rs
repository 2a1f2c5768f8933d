//! The generated API surface: a snapshot that an upgrade shows as a reviewable
//! diff, and a count against the upstream document so no operation goes missing.

const SURFACE: &str = include_str!(concat!(
    env!("KEYCLOAK_ADMIN_API_GENERATED"),
    "/api_surface.txt"
));

#[test]
fn api_surface() {
    insta::assert_snapshot!(SURFACE);
}

#[test]
fn every_upstream_operation_is_generated() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let pin: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("spec/pin.json")).unwrap())
            .unwrap();
    let upstream: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root.join("spec").join(pin["upstream"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    let methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    let mut expected = Vec::new();
    for (path, item) in upstream["paths"].as_object().unwrap() {
        for (method, _) in item
            .as_object()
            .unwrap()
            .iter()
            .filter(|(m, _)| methods.contains(&m.as_str()))
        {
            expected.push(format!(" {} {path} -> ", method.to_uppercase()));
        }
    }
    let missing: Vec<&String> = expected
        .iter()
        .filter(|op| !SURFACE.contains(op.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "operations of the upstream document missing from the client: {missing:?}"
    );
    // Beyond upstream: exactly the operations the overlay adds to the normalized document.
    let normalized: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("spec/normalized.json")).unwrap()).unwrap();
    let in_normalized: usize = normalized["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|m| methods.contains(&m.as_str()))
                .count()
        })
        .sum();
    assert!(in_normalized >= expected.len());
    assert_eq!(
        SURFACE.lines().next().unwrap(),
        format!("# {in_normalized} operations")
    );
}
