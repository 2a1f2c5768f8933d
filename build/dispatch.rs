//! One shared send path instead of ~430 async state machines. progenitor
//! writes every builder's `send` as one `async fn` that builds the request,
//! runs the hooks, sends, and decodes — the largest share of the crate's
//! compile time (measured: without the `send` bodies the crate builds in two
//! thirds of the time). Each `send` becomes a plain function: a synchronous
//! `build_request` (progenitor's own statements, unchanged) handed to one of
//! the shared send functions in `src/dispatch.rs` (JSON, 200-only JSON, empty,
//! byte stream), which run the hooks and decode exactly as progenitor's tail
//! did. Callers still write `.send().await`.

use quote::ToTokens;
use syn::{Expr, ImplItem, Item, ReturnType, Stmt};

/// How a `send` decodes a response: progenitor's closing `match` on the status.
enum Decode {
    /// `200..=299 => ResponseValue::from_response(response).await`
    Json,
    /// `200u16 => ResponseValue::from_response(response).await`
    JsonOn200,
    /// `200..=299 => Ok(ResponseValue::empty(response))`
    Empty,
    /// `200..=299 => Ok(ResponseValue::stream(response))`
    Stream,
}

/// Rewrites every builder's `send`; returns how many, or the first `send`
/// whose shape is not one progenitor is known to write (generation then fails).
pub fn rewrite(file: &mut syn::File) -> Result<usize, String> {
    let mut rewritten = 0;
    for item in &mut file.items {
        let Item::Mod(m) = item else { continue };
        if m.ident != "builder" {
            continue;
        }
        for it in m.content.iter_mut().flat_map(|(_, items)| items) {
            let Item::Impl(imp) = it else { continue };
            let name = imp.self_ty.to_token_stream().to_string();
            let Some(pos) = imp
                .items
                .iter()
                .position(|i| matches!(i, ImplItem::Fn(f) if f.sig.ident == "send"))
            else {
                continue;
            };
            if imp
                .items
                .iter()
                .any(|i| matches!(i, ImplItem::Fn(f) if f.sig.ident == "build_request"))
            {
                return Err(format!("{name} already has a `build_request` method"));
            }
            let ImplItem::Fn(send) = &imp.items[pos] else {
                unreachable!()
            };
            let (build, new_send) = split(send)
                .map_err(|e| format!("{name}::send: {e} (progenitor's output changed)"))?;
            imp.items[pos] = ImplItem::Fn(new_send);
            imp.items.insert(pos, ImplItem::Fn(build));
            rewritten += 1;
        }
    }
    Ok(rewritten)
}

/// `send` → (`build_request`, the new `send`).
fn split(send: &syn::ImplItemFn) -> Result<(syn::ImplItemFn, syn::ImplItemFn), String> {
    if send.sig.asyncness.is_none() {
        return Err("not an async fn".into());
    }
    let ReturnType::Type(_, result) = &send.sig.output else {
        return Err("no return type".into());
    };
    let stmts = &send.block.stmts;
    let info_at = stmts
        .iter()
        .position(|s| {
            s.to_token_stream()
                .to_string()
                .starts_with("let info = OperationInfo")
        })
        .ok_or("no `let info = OperationInfo { … }`")?;
    let operation_id = operation_id(&stmts[info_at])?;
    let decode = decode(stmts.last().ok_or("empty body")?)?;
    let hooks: String = stmts[info_at + 1..stmts.len() - 1]
        .iter()
        .map(|s| s.to_token_stream().to_string())
        .collect();
    // The builder's `&Client` field is `_client` when a parameter is named `client`.
    let client: syn::Ident = if hooks.starts_with("_client") {
        syn::parse_quote!(_client)
    } else {
        syn::parse_quote!(client)
    };
    let hooks: String = hooks
        .replace("_client", "client")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if hooks != HOOKS {
        return Err(format!("unknown hook sequence: {hooks}"));
    }
    let building = &stmts[..info_at];
    match building.last().map(|s| s.to_token_stream().to_string()) {
        Some(s) if s.contains("let mut request =") => {}
        _ => return Err("the statement before `info` does not bind `request`".into()),
    }
    let build: syn::ImplItemFn = syn::parse_quote! {
        fn build_request(self) -> Result<::reqwest::Request, Error<()>> {
            #(#building)*
            Ok(request)
        }
    };
    let attrs = &send.attrs;
    let call: Expr = match decode {
        Decode::Json => syn::parse_quote!(crate::dispatch::json(
            self.#client,
            #operation_id,
            crate::dispatch::Accept::Success,
            self.build_request()
        )),
        Decode::JsonOn200 => syn::parse_quote!(crate::dispatch::json(
            self.#client,
            #operation_id,
            crate::dispatch::Accept::Ok200,
            self.build_request()
        )),
        Decode::Empty => syn::parse_quote!(crate::dispatch::empty(
            self.#client,
            #operation_id,
            self.build_request()
        )),
        Decode::Stream => syn::parse_quote!(crate::dispatch::stream(
            self.#client,
            #operation_id,
            self.build_request()
        )),
    };
    let new_send: syn::ImplItemFn = syn::parse_quote! {
        #(#attrs)*
        pub fn send(self) -> impl ::std::future::Future<Output = #result> + Send + 'a {
            #call
        }
    };
    Ok((build, new_send))
}

/// progenitor's hook sequence between `info` and the status `match`:
/// `src/dispatch.rs` runs exactly this.
const HOOKS: &str = "client.pre(&mutrequest,&info).await?;\
                     letresult=client.exec(request,&info).await;\
                     client.post(&result,&info).await?;\
                     letresponse=result?;";

/// The string literal of `let info = OperationInfo { operation_id: "x", };`.
fn operation_id(stmt: &Stmt) -> Result<syn::LitStr, String> {
    if let Stmt::Local(local) = stmt
        && let Some(init) = &local.init
        && let Expr::Struct(s) = &*init.expr
        && let Some(field) = s.fields.first()
        && let Expr::Lit(lit) = &field.expr
        && let syn::Lit::Str(id) = &lit.lit
    {
        return Ok(id.clone());
    }
    Err("`info` is not `OperationInfo { operation_id: \"…\" }`".into())
}

/// The closing `match response.status().as_u16() { ok => decode, _ => Err(UnexpectedResponse) }`.
fn decode(last: &Stmt) -> Result<Decode, String> {
    let text: String = last
        .to_token_stream()
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let head = "matchresponse.status().as_u16(){";
    let tail = "_=>Err(Error::UnexpectedResponse(response)),}";
    let shapes = [
        (
            "200..=299",
            "ResponseValue::from_response(response).await",
            Decode::Json,
        ),
        (
            "200u16",
            "ResponseValue::from_response(response).await",
            Decode::JsonOn200,
        ),
        (
            "200..=299",
            "Ok(ResponseValue::empty(response))",
            Decode::Empty,
        ),
        (
            "200..=299",
            "Ok(ResponseValue::stream(response))",
            Decode::Stream,
        ),
    ];
    // An arm's body comes as `=> x,` or `=> { x }` depending on who printed it.
    shapes
        .into_iter()
        .find(|(ok, arm, _)| {
            text == format!("{head}{ok}=>{arm},{tail}")
                || text == format!("{head}{ok}=>{{{arm}}}{tail}")
        })
        .map(|(_, _, d)| d)
        .ok_or_else(|| format!("unknown response handling: {text}"))
}
