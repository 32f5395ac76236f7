//! The settings of one build and the durations of its stages: what every stage may read, so
//! it lives below all of them. A leaf module.

use std::path::PathBuf;
use std::time::Duration;

/// Settings of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Links end in `index.html` so the site works from `file://`.
    pub offline: bool,
    /// Live-reload endpoint injected by `serve`; `None` for `attune build`.
    pub live_reload: Option<String>,
    /// Keep what the authoring lints read (each article's prose); set by `attune check`.
    pub lints: bool,
}

impl BuildOptions {
    /// Defaults for a site folder: output in `<root>/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            out: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            offline: false,
            live_reload: None,
            lints: false,
        }
    }
}

/// How long each stage took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading files and front matter.
    pub load: Duration,
    /// Markdown, links, glossary, graph, paths.
    pub resolve: Duration,
    /// Search index.
    pub search: Duration,
    /// Templates.
    pub render: Duration,
    /// Writing and swapping.
    pub write: Duration,
    /// The search index was built while pages rendered: its time is inside `render`.
    pub search_alongside_render: bool,
}

impl Timings {
    /// The build's time: the sum of the stages that ran one after another.
    pub fn total(&self) -> Duration {
        let search = if self.search_alongside_render { Duration::ZERO } else { self.search };
        self.load + self.resolve + search + self.render + self.write
    }

    /// `load=1.2ms resolve=… total=…`, the line `ATTUNE_TIMINGS=1` prints.
    pub fn line(&self) -> String {
        let ms = |d: Duration| format!("{:.1}ms", d.as_secs_f64() * 1000.0);
        format!(
            "timings: load={} resolve={} search={} render={} write={} total={}",
            ms(self.load),
            ms(self.resolve),
            ms(self.search),
            ms(self.render),
            ms(self.write),
            ms(self.total())
        )
    }
}
