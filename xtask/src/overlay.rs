//! spec/overlay.toml: declarative, reviewed corrections to the upstream document.
//!
//! Each `[[fix]]` names its target (an operation, a component schema or a path
//! item), a location inside it, and either `set` or `remove`. `expect` guards a
//! replacement: when upstream changes (or fixes the bug), the entry stops
//! applying and `spec check` names it instead of silently doing the wrong thing.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default)]
    pub fix: Vec<Fix>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    /// Short unique name used in messages.
    pub id: String,
    /// One line: why upstream is wrong, and how it was verified.
    pub reason: String,
    /// Upstream issue, where one exists.
    #[serde(default)]
    pub issue: Option<String>,
    /// `METHOD /path` of an operation.
    #[serde(default)]
    pub operation: Option<String>,
    /// Name of a component schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// A path item (may be created by the fix).
    #[serde(default)]
    pub path: Option<String>,
    /// Keys below the target; empty means the target itself.
    #[serde(default)]
    pub at: Vec<String>,
    /// The value that must be there now (guards replacements and removals).
    #[serde(default)]
    pub expect: Option<toml::Value>,
    #[serde(default)]
    pub set: Option<toml::Value>,
    #[serde(default)]
    pub remove: bool,
}

impl Overlay {
    pub fn read(path: &Path) -> Result<Overlay> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let overlay: Overlay =
            toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let mut seen = std::collections::HashSet::new();
        for fix in &overlay.fix {
            if !seen.insert(fix.id.as_str()) {
                bail!("overlay entry id `{}` is used twice", fix.id);
            }
            if fix.reason.trim().is_empty() {
                bail!("overlay entry `{}` needs a one-line `reason`", fix.id);
            }
            if fix
                .issue
                .as_deref()
                .is_some_and(|i| !i.starts_with("https://"))
            {
                bail!("overlay entry `{}`: `issue` must be a link", fix.id);
            }
            if fix.set.is_some() == fix.remove {
                bail!(
                    "overlay entry `{}` must have exactly one of `set` or `remove = true`",
                    fix.id
                );
            }
            if [&fix.operation, &fix.schema, &fix.path]
                .iter()
                .filter(|t| t.is_some())
                .count()
                != 1
            {
                bail!(
                    "overlay entry `{}` must name exactly one of `operation`, `schema` or `path`",
                    fix.id
                );
            }
        }
        Ok(overlay)
    }

    /// Apply every entry; returns the entries that did not apply, each with the
    /// reason (an entry whose correction upstream now has itself among them).
    pub fn apply(&self, doc: &mut Value) -> Vec<(String, String)> {
        self.fix
            .iter()
            .filter_map(|fix| match fix.apply(doc) {
                Ok(Outcome::Applied) => None,
                Ok(Outcome::FixedUpstream) => Some((
                    fix.id.clone(),
                    format!(
                        "upstream already has this value at `{}`: delete the entry",
                        fix.segments().unwrap_or_default().join(" › ")
                    ),
                )),
                Err(e) => Some((fix.id.clone(), format!("{e:#}"))),
            })
            .collect()
    }

    /// The entries whose correction `doc` (an upstream document) already
    /// carries: upstream fixed what they fixed, so they can go.
    pub fn fixed_upstream(&self, doc: &Value) -> Vec<String> {
        let mut doc = doc.clone();
        self.fix
            .iter()
            .filter(|fix| matches!(fix.apply(&mut doc), Ok(Outcome::FixedUpstream)))
            .map(|fix| fix.id.clone())
            .collect()
    }
}

/// `overlay.toml`'s text without the `[[fix]]` blocks of `ids` (each block
/// runs from its `[[fix]]` line to the blank line after it); comments and the
/// other entries stay as they were.
pub fn without_entries(text: &str, ids: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blocks = text.split_inclusive('\n').peekable();
    let mut block = String::new();
    let flush = |block: &mut String, out: &mut String| {
        let id = block
            .lines()
            .find_map(|l| l.trim().strip_prefix("id = "))
            .map(|v| v.trim().trim_matches('"').to_string());
        if !id.is_some_and(|id| ids.contains(&id)) {
            out.push_str(block);
        }
        block.clear();
    };
    while let Some(line) = blocks.next() {
        if line.trim() == "[[fix]]" {
            flush(&mut block, &mut out);
            block.push_str(line);
            while let Some(next) = blocks.peek() {
                let blank = next.trim().is_empty();
                block.push_str(blocks.next().unwrap());
                if blank {
                    break;
                }
            }
            flush(&mut block, &mut out);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// What applying one entry did.
enum Outcome {
    /// The correction is in the document now.
    Applied,
    /// Upstream already says what the entry sets: nothing left to correct.
    FixedUpstream,
}

impl Fix {
    fn segments(&self) -> Result<Vec<String>> {
        let mut segs = if let Some(op) = &self.operation {
            let (method, path) = op
                .split_once(' ')
                .context("`operation` must look like `GET /admin/realms`")?;
            vec!["paths".to_string(), path.to_string(), method.to_lowercase()]
        } else if let Some(schema) = &self.schema {
            vec!["components".into(), "schemas".into(), schema.clone()]
        } else {
            vec!["paths".into(), self.path.clone().unwrap_or_default()]
        };
        segs.extend(self.at.iter().cloned());
        Ok(segs)
    }

    fn apply(&self, doc: &mut Value) -> Result<Outcome> {
        let segs = self.segments()?;
        let (last, parents) = segs.split_last().expect("at least one segment");
        let creates_path = self.path.is_some();
        let mut node = &mut *doc;
        for (i, seg) in parents.iter().enumerate() {
            let obj = node
                .as_object_mut()
                .with_context(|| format!("`{}` is not an object", parents[..i].join(" › ")))?;
            // A fix on a `path` may create the path item it adds an operation to.
            if creates_path && i == 1 && !obj.contains_key(seg) {
                obj.insert(seg.clone(), Value::Object(Default::default()));
            }
            node = obj
                .get_mut(seg)
                .with_context(|| format!("target not found: no `{}`", parents[..=i].join(" › ")))?;
        }
        let parent = node
            .as_object_mut()
            .context("target's parent is not an object")?;
        let current = parent.get(last).cloned();
        let expect = self.expect.as_ref().map(to_json).transpose()?;
        // Checked before `expect`: upstream may have replaced what the entry
        // expected with exactly what the entry sets.
        if let (Some(set), Some(c)) = (&self.set, &current)
            && to_json(set)? == *c
        {
            return Ok(Outcome::FixedUpstream);
        }
        if let Some(expected) = &expect {
            match &current {
                Some(c) if c == expected => {}
                Some(c) => bail!(
                    "upstream changed: expected {expected} at `{}`, found {c}",
                    segs.join(" › ")
                ),
                None => bail!("target not found: nothing at `{}`", segs.join(" › ")),
            }
        }
        if self.remove {
            if current.is_none() {
                bail!(
                    "nothing to remove at `{}` (upstream may have fixed it: delete the entry)",
                    segs.join(" › ")
                );
            }
            parent.remove(last);
            return Ok(Outcome::Applied);
        }
        let value = to_json(self.set.as_ref().expect("validated: set or remove"))?;
        if current.is_some() && expect.is_none() {
            bail!(
                "`{}` exists upstream: add `expect` to replace it deliberately",
                segs.join(" › ")
            );
        }
        parent.insert(last.clone(), value);
        Ok(Outcome::Applied)
    }
}

fn to_json(v: &toml::Value) -> Result<Value> {
    Ok(serde_json::to_value(v)?)
}
