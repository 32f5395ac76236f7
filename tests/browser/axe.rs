//! Runs axe-core in the current page and reports WCAG 2.x A/AA violations.

use std::fmt::Write as _;
use std::fs;
use std::sync::OnceLock;

use serde_json::Value;

use crate::prerequisites::{axe_script_path, require_file};
use crate::webdriver::Session;

/// The rule tags checked: WCAG 2.0, 2.1 and 2.2, levels A and AA (DESIGN.md section 7).
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']";

/// One rule that failed, with the first few offending nodes.
pub(crate) struct Violation {
    id: String,
    impact: String,
    help: String,
    targets: Vec<String>,
    node_count: usize,
}

impl Violation {
    /// One line for a failure report.
    pub(crate) fn describe(&self) -> String {
        let mut line = format!("{} ({}): {}", self.id, self.impact, self.help);
        let _ = write!(line, "; {} node(s): {}", self.node_count, self.targets.join(", "));
        line
    }
}

#[track_caller]
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_script_path();
        require_file(&path);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    })
}

/// Injects axe-core into the current page (if it is not there yet) and runs it.
#[track_caller]
pub(crate) fn run(session: &Session) -> Vec<Violation> {
    let loaded = session.execute("return typeof window.axe === 'object'", &[]);
    if loaded != true {
        session.execute(axe_source(), &[]);
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
           .then(r => done({{ ok: r.violations.map(v => ({{
                 id: v.id, impact: v.impact || '', help: v.help, count: v.nodes.length,
                 targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }})) }}),
                 e => done({{ error: String(e) }}));"
    );
    let result = session.execute_async(&script, &[]);
    if let Some(error) = result.get("error") {
        panic!("axe.run failed on {}: {error}", session.current_url());
    }
    let list = result["ok"].as_array().cloned().unwrap_or_default();
    list.iter().map(violation_from).collect()
}

fn violation_from(value: &Value) -> Violation {
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
    Violation {
        id: text("id"),
        impact: text("impact"),
        help: text("help"),
        targets: value["targets"]
            .as_array()
            .map(|list| list.iter().filter_map(|t| t.as_str().map(str::to_string)).collect())
            .unwrap_or_default(),
        node_count: value["count"].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or(0),
    }
}
