//! `Debug` without secrets: a model with a secret field (a client's `secret`,
//! a credential's `value`, a key's `privateKey`, …) or a map that may carry
//! one (`config`: an identity provider's `clientSecret`, an LDAP
//! `bindCredential`; a realm's `smtpServer` password) gets a written-out
//! `Debug` in place of the derived one: the secret fields print
//! `Some([REDACTED])`, the maps (and `extra`) print as JSON with secret-named
//! keys' values redacted (`keycloak_admin_api_types::redact`, reached by that
//! name from the models' crate and from a client generated with inline models). A test per
//! model, generated beside them, proves every such field.

use quote::quote;
use syn::{Fields, Item, ItemStruct};

/// Fields that are secrets wherever they occur (serde names).
const SECRET: &[&str] = &[
    "secret",
    "registrationAccessToken",
    "privateKey",
    "secretData",
    "keyPassword",
    "storePassword",
    "codeSecret",
    "password",
];

/// Fields that are secrets in one model only.
const SECRET_IN: &[(&str, &str)] = &[
    ("CredentialRepresentation", "value"),
    ("ClientInitialAccessPresentation", "token"),
];

/// Maps whose values are redacted by key (`::keycloak_admin_api_types::redact::is_secret_key`).
const KEYED: &[&str] = &["config", "smtpServer"];

enum How {
    Plain,
    Hidden,
    Keyed,
}

/// The field's name on the wire: its `#[serde(rename = "…")]`, else its ident.
fn serde_name(field: &syn::Field) -> String {
    for attr in &field.attrs {
        if !attr.path().is_ident("serde") {
            continue;
        }
        let mut renamed = None;
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: syn::LitStr = meta.value()?.parse()?;
                renamed = Some(value.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
        if let Some(name) = renamed {
            return name;
        }
    }
    field
        .ident
        .as_ref()
        .map(|i| i.to_string().trim_start_matches("r#").to_string())
        .unwrap_or_default()
}

fn how(model: &str, field: &syn::Field) -> How {
    let name = serde_name(field);
    let ident = field
        .ident
        .as_ref()
        .map(|i| i.to_string())
        .unwrap_or_default();
    let ty = &field.ty;
    // Text only: `ConfigPropertyRepresentation.secret` is a flag, not a secret.
    let text = quote!(#ty).to_string().contains("String");
    if text && (SECRET.contains(&name.as_str()) || SECRET_IN.contains(&(model, name.as_str()))) {
        How::Hidden
    } else if KEYED.contains(&name.as_str()) || ident == "extra" {
        How::Keyed
    } else {
        How::Plain
    }
}

/// Rewrites the models that hold secrets; returns what the test needs:
/// `(model, [(serde name, sample JSON of a secret there)])`.
pub fn rewrite(types: &mut syn::File) -> Vec<(String, Vec<(String, String)>)> {
    let mut redacted = Vec::new();
    let mut impls = Vec::new();
    for item in &mut types.items {
        let Item::Struct(s) = item else { continue };
        let Fields::Named(named) = &s.fields else {
            continue;
        };
        let model = s.ident.to_string();
        let secret_fields: Vec<(String, String)> = named
            .named
            .iter()
            .filter_map(|f| {
                let ty = &f.ty;
                let ty = quote!(#ty).to_string();
                let multi = ty.contains("Vec") || ty.contains("Multivalued");
                match how(&model, f) {
                    How::Hidden => Some((serde_name(f), "\"s3cr3t\"".to_string())),
                    How::Keyed if f.ident.as_ref().is_some_and(|i| i != "extra") => {
                        // A map of models (`HashMap<String, PropertyConfig>`):
                        // the secret goes into the model's unknown fields.
                        let of_models = ty.contains("HashMap")
                            && !ty.contains("String >")
                            && !ty.contains("Value >");
                        let v = if multi {
                            "[\"s3cr3t\"]"
                        } else if of_models {
                            "{\"held\":\"s3cr3t\"}"
                        } else {
                            "\"s3cr3t\""
                        };
                        Some((serde_name(f), format!("{{\"clientSecret\":{v}}}")))
                    }
                    _ => None,
                }
            })
            .collect();
        if secret_fields.is_empty() {
            continue;
        }
        strip_debug(s);
        impls.push(debug_impl(s));
        redacted.push((model, secret_fields));
    }
    for i in impls {
        types.items.push(i);
    }
    if !redacted.is_empty() {
        let checks = redacted.iter().map(|(model, fields)| {
            let ident = quote::format_ident!("{}", model);
            let json = format!(
                "{{{}, \"unknownPassword\": \"s3cr3t\"}}",
                fields
                    .iter()
                    .map(|(n, v)| format!("{n:?}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            quote!(::keycloak_admin_api_types::redact::assert_redacted::<super::#ident>(#model, #json);)
        });
        types.items.push(syn::parse_quote! {
            #[cfg(test)]
            mod redaction {
                /// Each model below holds a secret: its `Debug` shows none of
                /// them (fields, secret-named map keys, unknown fields).
                #[test]
                fn debug_shows_no_secret_of_any_model() {
                    #(#checks)*
                }
            }
        });
    }
    redacted
}

fn strip_debug(s: &mut ItemStruct) {
    for attr in &mut s.attrs {
        if !attr.path().is_ident("derive") {
            continue;
        }
        let Ok(paths) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        let kept = paths.iter().filter(|p| !p.is_ident("Debug"));
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
}

fn debug_impl(s: &ItemStruct) -> Item {
    let ident = &s.ident;
    let name = ident.to_string();
    let Fields::Named(named) = &s.fields else {
        unreachable!("named fields only")
    };
    let fields = named.named.iter().map(|f| {
        let field = f.ident.as_ref().expect("named");
        let label = field.to_string().trim_start_matches("r#").to_string();
        match how(&name, f) {
            How::Hidden => {
                quote!(.field(#label, &::keycloak_admin_api_types::redact::Hidden(&self.#field)))
            }
            How::Keyed => {
                quote!(.field(#label, &::keycloak_admin_api_types::redact::Keyed(&self.#field)))
            }
            How::Plain => quote!(.field(#label, &self.#field)),
        }
    });
    syn::parse_quote! {
        impl ::std::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name)
                    #(#fields)*
                    .finish()
            }
        }
    }
}
