//! The harness's own behaviour: every way of not getting a server yields one error
//! that names the cause — no panic, no hang — and nothing is left running.

mod failures;
mod hygiene;
