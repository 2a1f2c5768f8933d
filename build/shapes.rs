//! The JSON shape of every model and of every operation's answer, read from
//! the generated Rust types themselves (field names as serde reads them,
//! newtypes seen through): `src/drift.rs` walks an answer with it to name the
//! fields that land in a model's `extra` map — what the server sends that the
//! types do not know.

use quote::ToTokens;
use std::collections::BTreeMap;
use syn::{Fields, GenericArgument, Item, PathArguments, Type};

/// A shape as Rust source: `Shape::List(&Shape::Model("UserRepresentation"))`.
fn shape_of(ty: &Type, newtypes: &BTreeMap<String, Type>, models: &BTreeMap<String, ()>) -> String {
    let Type::Path(p) = ty else {
        return if matches!(ty, Type::Tuple(t) if t.elems.is_empty()) {
            "Shape::Scalar".into()
        } else {
            "Shape::Any".into()
        };
    };
    let last = p.path.segments.last().expect("a path has a segment");
    let args: Vec<&Type> = match &last.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let name = last.ident.to_string();
    match (name.as_str(), args.as_slice()) {
        ("Option" | "Box", [inner]) => shape_of(inner, newtypes, models),
        ("Vec", [inner]) => format!("Shape::List(&{})", shape_of(inner, newtypes, models)),
        ("HashMap" | "BTreeMap" | "Map", [_, value]) => {
            format!("Shape::Map(&{})", shape_of(value, newtypes, models))
        }
        ("Value", []) => "Shape::Any".into(),
        ("String", []) => "Shape::Text".into(),
        ("bool", []) => "Shape::Bool".into(),
        ("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize", []) => {
            "Shape::Integer".into()
        }
        _ if newtypes.contains_key(&name) => shape_of(&newtypes[&name], newtypes, models),
        _ if models.contains_key(&name) => format!("Shape::Model({name:?})"),
        // Floats, ByteStream and the like: nothing inside to check.
        _ => "Shape::Scalar".into(),
    }
}

/// The serde name of a field: its `rename`, else its identifier.
fn serde_name(field: &syn::Field) -> Option<String> {
    let mut name = field.ident.as_ref()?.to_string();
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let text = attr.to_token_stream().to_string();
        if text.contains("flatten") {
            return None;
        }
        if let Some(rest) = text.split("rename = \"").nth(1) {
            name = rest.split('"').next().unwrap_or_default().to_string();
        }
    }
    Some(name.trim_start_matches("r#").to_string())
}

/// `shapes.rs`: `MODELS` (sorted by name) and `RESPONSES` (sorted by
/// operation id) for `src/drift.rs`. `outputs` are `(operation id, the
/// response type as Rust source)`.
pub fn render(types: &syn::File, outputs: &[(String, String)]) -> String {
    let mut newtypes = BTreeMap::new();
    let mut structs = BTreeMap::new();
    for item in &types.items {
        let Item::Struct(s) = item else { continue };
        match &s.fields {
            Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                newtypes.insert(s.ident.to_string(), f.unnamed[0].ty.clone());
            }
            Fields::Named(f) => {
                structs.insert(
                    s.ident.to_string(),
                    f.named.iter().cloned().collect::<Vec<_>>(),
                );
            }
            _ => {}
        }
    }
    let models: BTreeMap<String, ()> = structs.keys().map(|k| (k.clone(), ())).collect();
    let mut out = String::from(
        "/// Every model's fields as serde reads them, sorted by model name.\n\
         pub(crate) static MODELS: &[Model] = &[\n",
    );
    for (name, fields) in &structs {
        let mut named: Vec<(String, String)> = fields
            .iter()
            .filter_map(|f| Some((serde_name(f)?, shape_of(&f.ty, &newtypes, &models))))
            .collect();
        named.sort();
        let fields: Vec<String> = named.iter().map(|(n, s)| format!("({n:?}, {s})")).collect();
        out += &format!(
            "    Model {{ name: {name:?}, fields: &[{}] }},\n",
            fields.join(", ")
        );
    }
    out += "];\n/// Every operation's answer, sorted by operation id.\npub(crate) static RESPONSES: &[(&str, Shape)] = &[\n";
    let mut sorted = outputs.to_vec();
    sorted.sort();
    for (id, output) in sorted {
        let ty: Type = syn::parse_str(&output).unwrap_or_else(|e| panic!("{id}: {output}: {e}"));
        out += &format!("    ({id:?}, {}),\n", shape_of(&ty, &newtypes, &models));
    }
    out += "];\n";
    out
}
