//! The conformance tier: every operation of the pinned document called
//! against a real Keycloak, each 2xx answer decoded strictly into its
//! generated type (a decode error, or a field that lands in some model's
//! `extra`, fails it unless `plan::ALLOWED_DRIFT` says why), or the operation
//! excluded with its reason (`plan::EXCLUDED`). Writes the per-operation
//! report `CONFORMANCE.md` is made of (`bash .ci/conformance`).

mod ctx;
mod fixtures;
mod plan;
mod report;
#[allow(dead_code)]
#[path = "../real_server/smtp_sink.rs"]
mod smtp_sink;
mod step;

use ctx::Ctx;
use keycloak_admin_api::dynamic::{self, Answer, Args};
use keycloak_admin_api::{Client, Error, Operation, drift, operations};
use report::Outcome;
use serde_json::Value;
use std::collections::BTreeMap;
use step::{Capture, Step, call};

/// One run: the fixtures made so far and every operation's outcome.
struct Run {
    client: Client,
    ctx: Ctx,
    outcomes: BTreeMap<&'static str, Outcome>,
    /// The last body each POST route was sent with (its DELETE twin takes the same).
    bodies: BTreeMap<&'static str, Value>,
}

impl Run {
    /// A user session and an offline session of `conf-user` (what the
    /// session, consent and offline-session routes list): password grants
    /// through the confidential client, one asking for `offline_access`.
    async fn login(&mut self) {
        // The POST sweep regenerates it.
        let secret = call("get_clients_client_secret").keep("/value", "client-secret");
        self.step(secret).await;
        let secret = self.ctx.get("client-secret").expect("the client's secret");
        let oidc = keycloak_oidc::OidcClient::builder(
            self.ctx.get("base-url").unwrap(),
            self.ctx.get("realm").unwrap(),
            "conf-client",
        )
        .client_secret(secret)
        .build()
        .unwrap();
        oidc.password("conf-user", "Conf-passw0rd")
            .await
            .unwrap_or_else(|e| panic!("login of conf-user: {e}"));
        let offline = keycloak_oidc::Grant::Password {
            username: "conf-user",
            password: "Conf-passw0rd",
            totp: None,
        };
        oidc.grant(offline, &[("scope", "openid offline_access")])
            .await
            .unwrap_or_else(|e| panic!("offline login of conf-user: {e}"));
    }

    /// Call one step; record its outcome; keep what it captures. The answer
    /// when it succeeded.
    fn step(
        &mut self,
        step: Step,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<Answer>> + Send + '_>> {
        Box::pin(self.run_step(step))
    }

    async fn run_step(&mut self, step: Step) -> Option<Answer> {
        if step.op == step::LOGIN {
            self.login().await;
            return None;
        }
        let op = Operation::by_id(step.op).unwrap_or_else(|| panic!("no operation {}", step.op));
        match self.args(op, &step) {
            Ok(args) => self.send(op, &step, args).await,
            Err(why) => {
                eprintln!("{} ({op}): {why}", op.id);
                self.record(op, Outcome::failed(None, why));
                None
            }
        }
    }

    /// The arguments of a step: fixtures, then the step's own values.
    fn args(&mut self, op: &'static Operation, step: &Step) -> Result<Args, String> {
        let mut args = Args::new();
        let (found, missing) = self.ctx.path_args(op.path);
        let mut path: BTreeMap<String, String> = found.into_iter().collect();
        for (name, value) in &step.path {
            path.insert(name.to_string(), self.ctx.fill_str(value)?);
        }
        let unfilled: Vec<&String> = missing.iter().filter(|m| !path.contains_key(*m)).collect();
        if !unfilled.is_empty() {
            return Err(format!("no fixture for {unfilled:?}"));
        }
        for (name, value) in path {
            args = args.path(name, value);
        }
        for (name, value) in &step.query {
            args = args.query(*name, self.ctx.fill_str(value)?);
        }
        if let Some(body) = &step.body {
            let body = if step.literal {
                body.clone()
            } else {
                self.ctx.fill(body)?
            };
            if op.method == "POST" {
                self.bodies.insert(op.path, body.clone());
            }
            args = args.json_body(body);
        }
        if let Some(raw) = step.raw {
            args = args.raw_body(raw);
        }
        Ok(args)
    }

    /// Send one step's call, record and capture.
    async fn send(&mut self, op: &'static Operation, step: &Step, args: Args) -> Option<Answer> {
        let (outcome, answer, location) = match dynamic::call(&self.client, op, args).await {
            Ok(response) => {
                let status = response.status().as_u16();
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| l.rsplit('/').next())
                    .map(str::to_string);
                let answer = response.into_inner();
                let outcome = match &answer {
                    Answer::Json(v) => strict(op, status, v),
                    _ => Outcome::Clean { status },
                };
                (outcome, Some(answer), location)
            }
            Err(Error::UnexpectedResponse(resp)) => {
                let status = resp.status().as_u16();
                let body = resp.text().await.unwrap_or_default();
                (Outcome::failed(Some(status), body), None, None)
            }
            Err(Error::InvalidResponsePayload(_, e)) => {
                (Outcome::Undecodable(e.to_string()), None, None)
            }
            Err(other) => (Outcome::failed(None, other.to_string()), None, None),
        };
        let ok = outcome.is_success();
        if !ok {
            eprintln!("{} ({op}): {outcome:?}", op.id);
        }
        self.record(op, outcome);
        if !ok {
            return None;
        }
        let json = match &answer {
            Some(Answer::Json(v)) => Some(v.clone()),
            _ => None,
        };
        for capture in &step.captures {
            let value = match capture {
                Capture::Location(key) => location.clone().map(|v| (*key, v)),
                Capture::Pointer(pointer, key) => json
                    .as_ref()
                    .and_then(|v| v.pointer(pointer))
                    .and_then(text)
                    .map(|v| (*key, v)),
                Capture::Find {
                    field,
                    equals,
                    take,
                    key,
                } => {
                    let equals = self.ctx.fill_str(equals).unwrap_or_default();
                    json.as_ref()
                        .and_then(Value::as_array)
                        .and_then(|items| items.iter().find(|i| i[*field] == equals.as_str()))
                        .and_then(|i| text(&i[*take]))
                        .map(|v| (*key, v))
                }
            };
            match value {
                Some((key, v)) => self.ctx.set(key, v),
                // What needs it then fails as "no fixture for …".
                None => eprintln!(
                    "{}: nothing to keep as `{}`",
                    step.op,
                    capture_name(capture)
                ),
            }
        }
        answer
    }

    fn record(&mut self, op: &'static Operation, outcome: Outcome) {
        match self.outcomes.get(op.id) {
            Some(old) if old.is_success() && !outcome.is_success() => {}
            _ => {
                self.outcomes.insert(op.id, outcome);
            }
        }
    }

    fn done(&self, op: &Operation) -> bool {
        self.outcomes.get(op.id).is_some_and(Outcome::is_success)
    }

    /// Every operation of `method` not yet answered: its recipe, else one
    /// call with the fixtures (a PUT sends what its GET twin answered).
    async fn sweep(&mut self, method: &str, mut ops: Vec<&'static Operation>) {
        ops.retain(|op| op.method == method);
        for op in ops {
            if self.done(op) || plan::excluded(op.id).is_some() {
                continue;
            }
            if let Some(steps) = plan::recipe(op.id) {
                for step in steps {
                    self.step(step).await;
                }
                continue;
            }
            let mut step = call(op.id);
            step.query = plan::query(op.id);
            if let Some(body) = plan::body(op.id) {
                step.body = Some(body);
            } else if method == "PUT" {
                // Sent as it came (it may hold `${…}` texts of its own).
                step.body = self.twin_answer(op).await;
                step.literal = true;
            } else if method == "DELETE" && takes_body(op) {
                step.body = self.bodies.get(op.path).cloned();
            }
            self.step(step).await;
        }
    }

    /// What the GET of a PUT's route answers, as the PUT's body.
    async fn twin_answer(&mut self, op: &Operation) -> Option<Value> {
        let twin = operations::ALL
            .iter()
            .find(|o| o.path == op.path && o.method == "GET")?;
        let (found, missing) = self.ctx.path_args(twin.path);
        if !missing.is_empty() {
            return None;
        }
        let args = found
            .into_iter()
            .fold(Args::new(), |a, (n, v)| a.path(n, v));
        match dynamic::call(&self.client, twin, args)
            .await
            .ok()?
            .into_inner()
        {
            Answer::Json(v) => Some(v),
            _ => None,
        }
    }
}

fn takes_body(op: &Operation) -> bool {
    dynamic::signature(op).is_some_and(|s| s.body.is_some())
}

fn capture_name(c: &Capture) -> &'static str {
    match c {
        Capture::Location(k) | Capture::Pointer(_, k) | Capture::Find { key: k, .. } => k,
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A 2xx JSON answer, decoded into the operation's type and encoded again:
/// any field that landed in an `extra` map is named.
fn strict(op: &Operation, status: u16, answer: &Value) -> Outcome {
    let fields = drift::unknown_fields(op, answer);
    let (allowed, unknown): (Vec<String>, Vec<String>) = fields
        .into_iter()
        .partition(|f| plan::allowed_drift(op.id, f).is_some());
    if !unknown.is_empty() {
        Outcome::Drift {
            status,
            fields: unknown,
        }
    } else if let Some(f) = allowed.first() {
        Outcome::Allowed {
            status,
            fields: allowed.clone(),
            reason: plan::allowed_drift(op.id, f).unwrap(),
        }
    } else if matches!(answer, Value::Array(a) if a.is_empty())
        || matches!(answer, Value::Object(o) if o.is_empty())
    {
        Outcome::Empty { status }
    } else {
        Outcome::Clean { status }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_answers_in_its_declared_type() {
    let server = plan::server().await;
    let (smtp_port, _inbox) = smtp_sink::start().await;
    let mut run = Run {
        client: server.admin_client(),
        ctx: Ctx::default(),
        outcomes: BTreeMap::new(),
        bodies: BTreeMap::new(),
    };
    let realm = format!("conf-{}", std::process::id());
    run.ctx.set("realm", &realm);
    run.ctx.set("smtp-port", smtp_port.to_string());
    run.ctx.set("base-url", server.base_url());
    for (key, value) in plan::FIXED {
        run.ctx.set(key, *value);
    }
    for step in fixtures::setup() {
        run.step(step).await;
        plan::alias(&mut run.ctx);
    }
    run.login().await;
    run.step(call("get_users_sessions").keep("/0/id", "session"))
        .await;
    plan::alias(&mut run.ctx);

    let all: Vec<&'static Operation> = operations::ALL.iter().collect();
    run.sweep("GET", all.clone()).await;
    run.sweep("PUT", all.clone()).await;
    run.sweep("POST", all.clone()).await;
    // Deletes last, the deepest routes first (a user's credential before the user).
    // The shared fixtures' own deletes after all the others, in plan order.
    let mut deletes = all.clone();
    deletes.retain(|op| op.id != "delete_realm" && !plan::LAST_DELETES.contains(&op.id));
    deletes.sort_by_key(|op| std::cmp::Reverse(op.path.matches('/').count()));
    deletes.extend(
        plan::LAST_DELETES
            .iter()
            .filter_map(|id| Operation::by_id(id)),
    );
    run.sweep("DELETE", deletes).await;
    run.step(call("delete_realm")).await;

    let report = report::Report::new(server.version(), &run.outcomes);
    report.write();
    println!("{}", report.summary());
    let failures = report.failures();
    assert!(
        failures.is_empty(),
        "{} operation(s) not proven:\n{}",
        failures.len(),
        failures.join("\n")
    );
    if server.version() == keycloak_admin_api::KEYCLOAK_VERSION {
        assert!(
            report.exercised_share() >= 0.95,
            "only {:.1} % of the operations exercised",
            report.exercised_share() * 100.0
        );
    }
}
