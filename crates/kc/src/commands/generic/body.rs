//! A request body the kcadm.sh way — a file (`-f`), `-s KEY=VALUE`,
//! `-d KEY` — checked against the operation's body type before anything is
//! sent: an unknown field is refused naming the closest, a text value becomes
//! what its field holds (`-s enabled=true` a boolean, `-s name=123` a string).

use keycloak_admin::api::drift::{self, Kind};
use serde_json::{Map, Value};

/// `KEY` split into its components: `a.b`, `attributes."external.id"`, `redirectUris[1]`.
fn components(key: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in key.chars() {
        match c {
            '"' => quoted = !quoted,
            '.' if !quoted => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    if quoted {
        return Err(format!("`{key}`: a quote is not closed"));
    }
    out.push(current);
    if out.iter().any(String::is_empty) {
        return Err(format!("`{key}` has an empty component"));
    }
    Ok(out)
}

/// `name[3]` → (`name`, Some(3)).
fn indexed(component: &str) -> Result<(&str, Option<usize>), String> {
    match component.strip_suffix(']').and_then(|c| c.split_once('[')) {
        Some((name, index)) => index
            .parse()
            .map(|i| (name, Some(i)))
            .map_err(|_| format!("`{component}`: `{index}` is not an index")),
        None => Ok((component, None)),
    }
}

/// The value of `-s KEY=VALUE` for the field at `path` of `model` (for
/// `KEY+=VALUE`, `item`: one item of the list).
fn value(model: Option<&str>, path: &[&str], text: &str, item: bool) -> Result<Value, String> {
    let field = path.join(".");
    let json = (text.starts_with('[') && text.ends_with(']'))
        || (text.starts_with('{') && text.ends_with('}'));
    if json {
        return serde_json::from_str(text)
            .map_err(|e| format!("`{field}`: the value is not JSON: {e}"));
    }
    let kind = model
        .and_then(|m| drift::kind_of(m, path))
        .filter(|k| !(item && *k == Kind::List));
    Ok(match kind {
        Some(Kind::Bool) => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(format!("`{field}` takes true or false, not `{text}`")),
        },
        Some(Kind::Integer) => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("`{field}` takes a whole number, not `{text}`"))?,
        Some(Kind::List) => {
            return Err(format!(
                "`{field}` is a list: write -s '{field}=[\"{text}\"]'"
            ));
        }
        _ => Value::String(text.to_string()),
    })
}

/// Apply one `-s KEY=VALUE` (or `KEY+=VALUE`, appending to a list).
pub fn set(body: &mut Value, model: Option<&str>, assignment: &str) -> Result<(), String> {
    let (key, text, append) = match assignment.split_once('=') {
        Some((k, v)) if k.ends_with('+') => (&k[..k.len() - 1], v, true),
        Some((k, v)) => (k, v, false),
        None => return Err(format!("-s `{assignment}`: expected KEY=VALUE")),
    };
    let parts = components(key)?;
    let names: Vec<&str> = parts
        .iter()
        .map(|c| indexed(c).map(|(n, _)| n))
        .collect::<Result<_, _>>()?;
    // `KEY+=VALUE` and `KEY[N]=VALUE` set one item of a list.
    let item = append || indexed(parts.last().expect("a component"))?.1.is_some();
    let mut value = value(model, &names, text, item)?;
    if append {
        value = Value::Array(vec![value]);
    }
    put(body, &parts, value, append, key)
}

/// Put `value` at `parts` below `node`, making objects and list items on the way.
fn put(
    node: &mut Value,
    parts: &[String],
    value: Value,
    append: bool,
    key: &str,
) -> Result<(), String> {
    let Some((first, rest)) = parts.split_first() else {
        match (node, append) {
            (Value::Array(items), true) => {
                items.extend(value.as_array().cloned().unwrap_or_default())
            }
            (slot, _) => *slot = value,
        }
        return Ok(());
    };
    let (name, index) = indexed(first)?;
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    let slot = node
        .as_object_mut()
        .expect("made an object")
        .entry(name)
        .or_insert(Value::Null);
    let Some(i) = index else {
        return put(slot, rest, value, append, key);
    };
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    let items = slot.as_array_mut().expect("made a list");
    if i > items.len() {
        return Err(format!(
            "`{key}`: index {i} is past the end ({})",
            items.len()
        ));
    }
    if i == items.len() {
        items.push(Value::Null);
    }
    put(&mut items[i], rest, value, append, key)
}

/// Apply one `-d KEY`: remove the attribute (or the list item `KEY[N]`).
pub fn delete(body: &mut Value, key: &str) -> Result<(), String> {
    let parts = components(key)?;
    let mut node = body;
    for (i, component) in parts.iter().enumerate() {
        let (name, index) = indexed(component)?;
        let last = i + 1 == parts.len();
        let Some(map) = node.as_object_mut() else {
            return Ok(());
        };
        match (index, last) {
            (None, true) => {
                map.remove(name);
                return Ok(());
            }
            (None, false) => match map.get_mut(name) {
                Some(next) => node = next,
                None => return Ok(()),
            },
            (Some(i), _) => {
                let Some(Value::Array(items)) = map.get_mut(name) else {
                    return Ok(());
                };
                if i >= items.len() {
                    return Ok(());
                }
                if last {
                    items.remove(i);
                    return Ok(());
                }
                node = &mut items[i];
            }
        }
    }
    Ok(())
}

/// The model a body type names (`UserRepresentation`, or the item of
/// `Vec<RoleRepresentation>`), if it is one.
pub fn model_of(body_type: &str) -> Option<&str> {
    let inner = body_type
        .strip_prefix("Vec<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(body_type);
    drift::fields_of(inner).map(|_| inner)
}

/// Every field of `body` its type does not know, each with the closest known names.
pub fn unknown_fields(body_type: &str, body: &Value) -> Vec<String> {
    let Some(model) = model_of(body_type) else {
        return Vec::new();
    };
    let items: Vec<&Value> = match body {
        Value::Array(items) if body_type.starts_with("Vec<") => items.iter().collect(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for item in items {
        for field in drift::unknown_fields_of(model, item).unwrap_or_default() {
            let (owner, name) = field.split_once('.').unwrap_or((model, &field));
            let mut known = drift::fields_of(owner).unwrap_or_default();
            known.sort_by_key(|k| strsim::levenshtein(k, name));
            known.truncate(3);
            let line = format!(
                "unknown field `{name}` of {owner} (closest: {})",
                known.join(", ")
            );
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_follow_kcadm_and_the_field_types() {
        let mut body = json!({});
        let m = Some("ClientRepresentation");
        set(&mut body, m, "clientId=123").unwrap();
        set(&mut body, m, "enabled=true").unwrap();
        set(&mut body, m, "nodeReRegistrationTimeout=30").unwrap();
        set(&mut body, m, r#"redirectUris=["http://a/*"]"#).unwrap();
        set(&mut body, m, "redirectUris+=http://b/*").unwrap();
        set(
            &mut body,
            m,
            r#"attributes."pkce.code.challenge.method"=S256"#,
        )
        .unwrap();
        set(&mut body, m, "webOrigins[0]=+").unwrap();
        assert_eq!(
            body,
            json!({ "clientId": "123", "enabled": true, "nodeReRegistrationTimeout": 30,
                    "redirectUris": ["http://a/*", "http://b/*"],
                    "attributes": { "pkce.code.challenge.method": "S256" }, "webOrigins": ["+"] })
        );
        assert_eq!(
            set(&mut body, m, "enabled=yes").unwrap_err(),
            "`enabled` takes true or false, not `yes`"
        );
        assert!(
            set(&mut body, m, "redirectUris=x")
                .unwrap_err()
                .contains("is a list")
        );
        delete(&mut body, "redirectUris[0]").unwrap();
        delete(&mut body, "attributes").unwrap();
        assert_eq!(body["redirectUris"], json!(["http://b/*"]));
        assert!(body.get("attributes").is_none());
    }

    #[test]
    fn unknown_fields_name_the_closest() {
        let body = json!({ "usrname": "jane", "credentials": [{ "tmporary": true }] });
        assert_eq!(
            unknown_fields("UserRepresentation", &body),
            [
                "unknown field `tmporary` of CredentialRepresentation (closest: temporary, priority, period)",
                "unknown field `usrname` of UserRepresentation (closest: username, lastName, firstName)"
            ]
        );
        assert!(unknown_fields("Vec<RoleRepresentation>", &json!([{ "name": "r" }])).is_empty());
        assert!(unknown_fields("HashMap<String,String>", &json!({ "any": "x" })).is_empty());
    }
}
