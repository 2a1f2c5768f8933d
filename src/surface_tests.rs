//! Snapshot of the generated API surface: regenerating from the committed spec must
//! reproduce it, and a Keycloak upgrade shows up as a reviewable diff.

#[test]
fn api_surface() {
    insta::assert_snapshot!(include_str!(concat!(env!("OUT_DIR"), "/api_surface.txt")));
}
