//! Drops typify's model builders (`types::builder::X`, `X::builder()`, and
//! the operation builders' `body_map`): a fifth of the crate's function
//! bodies, for a second way to write what struct literals with
//! `..Default::default()` already write (every model is all-optional). An
//! operation builder keeps its body as the model itself; its `body(…)`
//! setter and `send` compile unchanged (`From<T> for T`).

use syn::visit_mut::VisitMut;
use syn::{ImplItem, Item};

/// Returns how many model builders were dropped.
pub fn drop_model_builders(file: &mut syn::File) -> usize {
    let mut dropped = 0;
    for item in &mut file.items {
        let Item::Mod(m) = item else { continue };
        let Some((_, items)) = &mut m.content else {
            continue;
        };
        if m.ident == "types" {
            items.retain(|it| match it {
                Item::Mod(inner) if inner.ident == "builder" => false,
                Item::Impl(imp) if imp.trait_.is_none() && only_builder_fn(&imp.items) => {
                    dropped += 1;
                    false
                }
                _ => true,
            });
        } else if m.ident == "builder" {
            for it in items.iter_mut() {
                if let Item::Impl(imp) = it {
                    imp.items
                        .retain(|f| !matches!(f, ImplItem::Fn(f) if f.sig.ident == "body_map"));
                }
            }
            ModelPaths.visit_item_mod_mut(m);
        }
    }
    dropped
}

fn only_builder_fn(items: &[ImplItem]) -> bool {
    !items.is_empty()
        && items
            .iter()
            .all(|i| matches!(i, ImplItem::Fn(f) if f.sig.ident == "builder"))
}

/// `types::builder::X` → `types::X`.
struct ModelPaths;

impl VisitMut for ModelPaths {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if names.len() == 3 && names[0] == "types" && names[1] == "builder" {
            let last = path.segments.pop().unwrap().into_value();
            path.segments.pop();
            path.segments.push(last);
        }
        syn::visit_mut::visit_path_mut(self, path);
    }
}
