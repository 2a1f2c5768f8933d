//! One call of the plan: an operation, what to send, what to keep.

use serde_json::Value;

/// Where a value the rest of the plan needs comes from.
pub enum Capture {
    /// The last segment of `Location` (a create's new id).
    Location(&'static str),
    /// A JSON pointer into the answer.
    Pointer(&'static str, &'static str),
    /// In an answer that is a list: the item whose `field` equals `equals`
    /// (after `${…}` filling), its `take` field.
    Find {
        field: &'static str,
        equals: &'static str,
        take: &'static str,
        key: &'static str,
    },
}

/// A call of one operation. Path parameters come from the fixtures unless
/// given here; strings may name fixtures as `${key}`.
pub struct Step {
    pub op: &'static str,
    pub path: Vec<(&'static str, &'static str)>,
    pub query: Vec<(&'static str, &'static str)>,
    pub body: Option<Value>,
    pub raw: Option<&'static str>,
    pub captures: Vec<Capture>,
    /// The body is sent as it is (no `${…}` filling).
    pub literal: bool,
}

/// Not an operation: log `conf-user` in again (a session, an offline token).
pub const LOGIN: &str = "login";

/// A call of `op` with fixture arguments and nothing else.
pub fn call(op: &'static str) -> Step {
    Step {
        op,
        path: Vec::new(),
        query: Vec::new(),
        body: None,
        raw: None,
        captures: Vec::new(),
        literal: false,
    }
}

impl Step {
    pub fn path(mut self, name: &'static str, value: &'static str) -> Self {
        self.path.push((name, value));
        self
    }
    pub fn query(mut self, name: &'static str, value: &'static str) -> Self {
        self.query.push((name, value));
        self
    }
    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }
    /// A body that is not JSON (text).
    pub fn raw(mut self, text: &'static str) -> Self {
        self.raw = Some(text);
        self
    }
    pub fn location(mut self, key: &'static str) -> Self {
        self.captures.push(Capture::Location(key));
        self
    }
    pub fn keep(mut self, pointer: &'static str, key: &'static str) -> Self {
        self.captures.push(Capture::Pointer(pointer, key));
        self
    }
    pub fn find(
        mut self,
        field: &'static str,
        equals: &'static str,
        take: &'static str,
        key: &'static str,
    ) -> Self {
        self.captures.push(Capture::Find {
            field,
            equals,
            take,
            key,
        });
        self
    }
}
