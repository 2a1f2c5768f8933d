//! Authentication: the token endpoint, the shared token cache, and the hook that
//! puts tokens on requests.

mod hook;
mod token_endpoint;
mod tokens;

pub(crate) use hook::AuthHook;
pub(crate) use token_endpoint::TokenEndpoint;
pub(crate) use tokens::TokenManager;
