//! `kc api`: the operations the generic verbs reach — listed, or one described
//! (its parameters and its body's type and fields).

use crate::Failure;
use keycloak_admin::api::{Operation, drift, dynamic, operations};

/// `kc api` (every operation), `kc api users` (those whose id or route has
/// it), `kc api get_users` or `kc api 'GET /admin/realms/{realm}/users'` (one).
pub fn run(filter: Option<&str>) -> Result<(), Failure> {
    let exact = filter.and_then(|f| {
        Operation::by_id(f).or_else(|| operations::ALL.iter().find(|op| op.to_string() == f))
    });
    if let Some(op) = exact {
        describe(op);
        return Ok(());
    }
    let matching: Vec<&Operation> = operations::ALL
        .iter()
        .filter(|op| filter.is_none_or(|f| op.id.contains(f) || op.path.contains(f)))
        .collect();
    if matching.is_empty() {
        return Err(Failure::usage(format!(
            "no operation has `{}` in its id or route",
            crate::output::text(filter.unwrap_or_default())
        )));
    }
    for op in matching {
        println!("{:<7}{}  {}", op.method, op.path, op.id);
    }
    Ok(())
}

fn describe(op: &Operation) {
    println!("{op}\n  id: {}", op.id);
    let Some(signature) = dynamic::signature(op) else {
        return;
    };
    for (name, location) in signature.params {
        println!("  {location} parameter: {name}");
    }
    if let Some(body) = signature.body {
        println!("  body: {body}");
        let model = body
            .strip_prefix("Vec<")
            .and_then(|b| b.strip_suffix('>'))
            .unwrap_or(body);
        if let Some(fields) = drift::fields_of(model) {
            println!("  {model} fields: {}", fields.join(", "));
        }
    }
    if let Some(added) = op.added() {
        println!(
            "  since: Keycloak {} (absent in {})",
            added.first_seen, added.absent_in
        );
    }
}
