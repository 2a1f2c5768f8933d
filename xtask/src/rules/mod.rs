//! General normalization rules: what holds for the whole document, as opposed
//! to the one-off corrections in spec/overlay.toml. Each rule says why.

mod operation_ids;
mod parameters;
mod request_bodies;
mod responses;
mod schemas;

use crate::lock::Lock;
use anyhow::Result;
use serde_json::Value;

/// Apply all rules in order. `lock` is read for existing ids and grown with new ones.
pub fn apply(doc: &mut Value, lock: &mut Lock) -> Result<()> {
    parameters::push_down_path_parameters(doc);
    parameters::scalar_path_parameters(doc);
    request_bodies::one_media_type(doc);
    responses::success_only(doc);
    schemas::drop_match_all_patterns(doc);
    schemas::drop_colliding_deprecated_properties(doc);
    schemas::open_enums(doc);
    schemas::nullable_collections(doc);
    schemas::keep_unknown_fields(doc);
    operation_ids::assign(doc, lock)?;
    Ok(())
}
