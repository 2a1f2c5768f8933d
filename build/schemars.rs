//! `schemars::JsonSchema` only with the crate's `schemars` feature: derives
//! become `#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]`,
//! hand-written impls (typify writes some for constrained newtypes) get
//! `#[cfg(feature = "schemars")]`, and so do `#[schemars(…)]` helper attributes.

use syn::visit_mut::VisitMut;
use syn::{Attribute, Meta};

pub fn make_optional(file: &mut syn::File) {
    Optional.visit_file_mut(file);
}

struct Optional;

fn is_json_schema(path: &syn::Path) -> bool {
    path.segments
        .last()
        .is_some_and(|s| s.ident == "JsonSchema")
        && path.segments.iter().any(|s| s.ident == "schemars")
}

fn rewrite(attrs: &mut Vec<Attribute>) {
    let mut derived = false;
    for attr in attrs.iter_mut() {
        if attr.path().is_ident("schemars") {
            let meta = &attr.meta;
            *attr = syn::parse_quote!(#[cfg_attr(feature = "schemars", #meta)]);
            continue;
        }
        if !attr.path().is_ident("derive") {
            continue;
        }
        let Meta::List(list) = &attr.meta else {
            continue;
        };
        let Ok(paths) = list.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        if !paths.iter().any(is_json_schema) {
            continue;
        }
        derived = true;
        let kept = paths.iter().filter(|p| !is_json_schema(p));
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
    if derived {
        attrs.push(syn::parse_quote!(
            #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
        ));
    }
}

impl VisitMut for Optional {
    fn visit_item_struct_mut(&mut self, i: &mut syn::ItemStruct) {
        rewrite(&mut i.attrs);
        syn::visit_mut::visit_item_struct_mut(self, i);
    }
    fn visit_item_enum_mut(&mut self, i: &mut syn::ItemEnum) {
        rewrite(&mut i.attrs);
        syn::visit_mut::visit_item_enum_mut(self, i);
    }
    fn visit_field_mut(&mut self, i: &mut syn::Field) {
        rewrite(&mut i.attrs);
        syn::visit_mut::visit_field_mut(self, i);
    }
    fn visit_variant_mut(&mut self, i: &mut syn::Variant) {
        rewrite(&mut i.attrs);
        syn::visit_mut::visit_variant_mut(self, i);
    }
    fn visit_item_impl_mut(&mut self, i: &mut syn::ItemImpl) {
        if let Some((_, path, _)) = &i.trait_
            && is_json_schema(path)
        {
            i.attrs
                .push(syn::parse_quote!(#[cfg(feature = "schemars")]));
        }
        syn::visit_mut::visit_item_impl_mut(self, i);
    }
}
