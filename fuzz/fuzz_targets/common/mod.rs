//! A tiny site on disk, analysed once per fuzzing process, shared by the targets that need
//! real glossary terms, slugs and headings to link against.

use std::path::PathBuf;
use std::sync::OnceLock;

use attune::Analysis;

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: Fuzz\naudiences:\n  - id: clients\n    label: Clients\n    max_grade: 8\n",
    ),
    ("index.md", "---\ntitle: Home\nsummary: Home.\n---\n[[a]] [[b]] [[c]]\n"),
    (
        "articles/general/a.md",
        "---\ntitle: A\nsummary: s\naudience: clients\n---\n## Getting started\n\nSee [[b]].\n",
    ),
    (
        "articles/general/b.md",
        "---\ntitle: B\nsummary: s\n---\nBack to [A](a.md#getting-started).\n",
    ),
    ("articles/other/c.md", "---\ntitle: C\nsummary: s\n---\nSee [A](../general/a.md).\n"),
    (
        "glossary/working-alliance.md",
        "---\nterm: Working alliance\naliases: [alliance]\nshort: The partnership.\n---\nEntry.\n",
    ),
    (
        "glossary/upr.md",
        "---\nterm: Unconditional positive regard\naliases: [UPR]\nshort: Warm acceptance.\n---\nEntry.\n",
    ),
    ("static/img.png", "PNG"),
];

/// The analysed fixture site.
pub fn analysis() -> &'static Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("attune-fuzz-site-{}", std::process::id()));
        for (path, text) in FILES {
            let full: PathBuf = root.join("content").join(path);
            std::fs::create_dir_all(full.parent().expect("has a parent"))
                .expect("create fixture folder");
            std::fs::write(&full, text).expect("write fixture file");
        }
        attune::analyse(&attune::BuildOptions::new(&root)).expect("the fixture site loads")
    })
}
