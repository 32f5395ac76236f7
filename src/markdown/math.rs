//! Math: `$…$` and `$$…$$` (pulldown-cmark's math extension) rendered at build time to MathML
//! Core with `pulldown-latex`, so formulas need no script and no web font. LaTeX that does not
//! parse is an error at the formula. Search indexes the formula's LaTeX source.

use pulldown_cmark::{CowStr, Event};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage};

use super::Renderer;
use crate::diagnostics::{Code, Diagnostic};

/// MathML for `latex`, or the parser's complaint.
pub(crate) fn to_mathml(latex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(Err(error)) = events.iter().find(|e| e.is_err()) {
        let message = error.to_string();
        let first = message.lines().next().unwrap_or_default();
        return Err(first.trim_start_matches("parsing error: ").to_string());
    }
    let config = RenderConfig {
        display_mode: if display { DisplayMode::Block } else { DisplayMode::Inline },
        annotation: Some(latex),
        ..RenderConfig::default()
    };
    let mut mathml = String::new();
    pulldown_latex::push_mathml(&mut mathml, events.into_iter(), config)
        .map_err(|e| e.to_string())?;
    Ok(mathml)
}

impl<'e> Renderer<'_, '_> {
    /// One formula: its MathML in the page, its source in the search text.
    pub(super) fn math(
        &mut self,
        latex: &str,
        display: bool,
        range: &std::ops::Range<usize>,
        out: &mut Vec<Event<'e>>,
    ) {
        if let Some(section) = self.rendered.sections.last_mut() {
            crate::words::push_collapsed(&mut section.text, latex);
        }
        match to_mathml(latex, display) {
            Ok(mathml) if display => out.push(Event::Html(CowStr::from(mathml))),
            Ok(mathml) => out.push(Event::InlineHtml(CowStr::from(mathml))),
            Err(why) => {
                let delimiter = if display { "$$" } else { "$" };
                self.diagnostics.push(
                    Diagnostic::error(Code::Math, format!("this formula is not valid LaTeX: {why}"))
                        .at(self.span(range))
                        .with_help(format!("fix the LaTeX between the `{delimiter}` signs, or write `\\$` for a dollar sign")),
                );
                out.push(Event::Code(CowStr::from(latex.to_string())));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::to_mathml;

    #[test]
    fn latex_becomes_mathml_and_bad_latex_is_refused() {
        let inline = to_mathml(r"\frac{a}{b}", false).unwrap();
        assert!(inline.starts_with("<math"), "{inline}");
        assert!(inline.contains("<mfrac>"), "{inline}");
        let block = to_mathml("x^2", true).unwrap();
        assert!(block.contains("display=\"block\""), "{block}");
        for bad in [r"\frac{a}{b", r"\frac{a}", r"a^^b", r"\nosuchcommand", r"\begin{matrix} a"] {
            assert!(to_mathml(bad, false).is_err(), "{bad}");
        }
    }
}
