//! The site.yaml logo is a resource every page loads, so it follows the rules of images in
//! articles: it must be a file under `static/` (`missing-image`, with the nearest file), and
//! never a URL on another host (`external-resource`).

use super::front_matter::find_value_span;
use super::model::Site;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, SourceMap};

/// Reports a logo that is not a file under `static/`, at its value in site.yaml.
pub(crate) fn check_logo(
    site: &Site,
    config_file: Option<FileId>,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) {
    let logo = site.config.organisation.logo.trim();
    let Some(file) = config_file.filter(|_| !logo.is_empty()) else { return };
    let text = &sources.get(file).text;
    let span = find_value_span(text, (0, text.len()), "logo", logo, file);
    if crate::url::is_external(logo) {
        diagnostics.push(
            Diagnostic::error(Code::ExternalResource, format!("the logo `{logo}` is loaded from another site"))
                .at(span)
                .with_help("attune sites make no request outside themselves: save the logo under `content/static/` and write its path from there, e.g. `/images/logo.svg`"),
        );
        return;
    }
    let wanted = logo.trim_start_matches('/');
    if site.static_files.iter().any(|f| f.output == wanted) {
        return;
    }
    let outputs = site.static_files.iter().map(|f| f.output.as_str());
    let error =
        Diagnostic::error(Code::MissingImage, format!("the logo `{logo}` does not exist")).at(span);
    diagnostics.push(match crate::diagnostics::did_you_mean(wanted, outputs) {
        Some(near) => error.with_help(format!("did you mean `/{near}`?")),
        None => error.with_help(
            "put the logo under `content/static/` and write its path from there, e.g. `/images/logo.svg`",
        ),
    });
}
