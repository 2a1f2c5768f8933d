//! The fault tier, real-server half: a fault proxy in front of the harness's
//! Keycloak breaks its answers (reset, truncation, stall, delay, refusal).

#[path = "faults/proxy.rs"]
mod proxy;
#[path = "faults/through_proxy.rs"]
mod through_proxy;
