//! Multilingual sites (issue 22): the two-language fixture (English and Spanish, one article
//! and one page left untranslated) built end to end — every page kind in both languages with
//! its `lang`, `hreflang` alternates in `<head>` and the sitemap, the language switcher, the
//! "not translated yet" page, links within a language and to an untranslated original,
//! glossary linking per language, a Spanish query finding its page — and the errors for
//! translations of nothing, undeclared languages and a bad `languages:` list.

use crate::build::expect_error_at;
use crate::support::TestSite;
use std::sync::OnceLock;

/// The fixture, built once for the read-only tests.
fn built() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::fixture("i18n");
        site.build();
        site
    })
}

/// The `lang` of a page's `<html>`.
fn html_lang(page: &str) -> String {
    let start = page.find("<html lang=\"").expect("has <html lang>") + 12;
    page[start..].split('"').next().unwrap_or("").to_string()
}

/// Every page kind, as its URL under a language's root.
const PAGE_KINDS: &[&str] = &[
    "index.html",
    "articles/basics/index.html",
    "articles/basics/alliance/index.html",
    "about/index.html",
    "glossary/index.html",
    "paths/index.html",
    "paths/start/index.html",
    "paths/start/print/index.html",
    "search/index.html",
    "tags/index.html",
    "map/index.html",
    "404.html",
];

#[test]
fn every_page_kind_exists_in_both_languages_with_its_lang() {
    let site = built();
    for page in PAGE_KINDS {
        assert_eq!(html_lang(&site.output(page)), "en", "{page}");
        assert_eq!(html_lang(&site.output(&format!("es/{page}"))), "es", "es/{page}");
    }
    assert!(site.output("atom.xml").contains("xml:lang=\"en\""));
    assert!(site.output("es/atom.xml").contains("xml:lang=\"es\""));
    assert!(site.output("es/atom.xml").contains("https://example.org/es/"));
    // Spanish settings from site.yaml: title, help notice, section title.
    let home = site.output("es/index.html");
    assert!(home.contains("Lo básico de la terapia"), "Spanish title");
    assert!(home.contains("Si está en peligro"), "Spanish help notice");
    assert!(site.main_of("es/articles/basics/index.html").contains("Lo básico"));
    // Each language has its own search index, beside its search page.
    assert!(site.exists("search/index.js") && site.exists("es/search/index.js"));
    // Each language has its theme (its scripts speak the language); static files are shared.
    assert!(site.exists("theme/style.css") && site.exists("es/theme/style.css"));
    assert!(site.output("es/index.html").contains("href=\"theme/style.css\""));
}

#[test]
fn head_and_sitemap_pair_every_translated_page_with_hreflang() {
    let site = built();
    let english = site.output("articles/basics/alliance/index.html");
    let spanish = site.output("es/articles/basics/alliance/index.html");
    for page in [&english, &spanish] {
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/articles/basics/alliance/\">"));
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/es/articles/basics/alliance/\">"));
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/articles/basics/alliance/\">"));
    }
    assert!(spanish.contains(
        "<link rel=\"canonical\" href=\"https://example.org/es/articles/basics/alliance/\">"
    ));
    // An untranslated article has no alternates: there is no second language to point at.
    assert!(!site.output("articles/basics/trust/index.html").contains("hreflang=\"es\""));
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains("<url><loc>https://example.org/es/articles/basics/alliance/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/articles/basics/alliance/\"/><xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/es/articles/basics/alliance/\"/>"));
    // The stand-in for the untranslated article is not offered to search engines.
    assert!(!sitemap.contains("https://example.org/es/articles/basics/trust/"));
    assert!(sitemap.contains("<loc>https://example.org/articles/basics/trust/</loc>"));
    assert!(!site.exists("es/sitemap.xml"));
}

#[test]
fn the_switcher_links_the_same_page_in_each_language_that_has_it() {
    let site = built();
    let spanish = site.output("es/articles/basics/alliance/index.html");
    let switcher = spanish.split("<nav class=\"language-switcher\"").nth(1).expect("switcher");
    let switcher = switcher.split("</nav>").next().unwrap_or("");
    assert!(switcher.starts_with(" aria-label=\"Idioma\">"), "{switcher}");
    assert!(switcher.contains("<a href=\"../../../../articles/basics/alliance/\" lang=\"en\" hreflang=\"en\">English</a>"), "{switcher}");
    assert!(
        switcher.contains("lang=\"es\" hreflang=\"es\" aria-current=\"page\">Español</a>"),
        "{switcher}"
    );
    let english = site.output("index.html");
    assert!(english.contains("<nav class=\"language-switcher\" aria-label=\"Language\">"));
    assert!(english.contains("<a href=\"es/\" lang=\"es\" hreflang=\"es\">Español</a>"));
    // The English page of an untranslated article offers no Spanish page.
    let trust = site.output("articles/basics/trust/index.html");
    assert!(trust.contains("language-switcher") && !trust.contains(">Español</a>"));
}

#[test]
fn an_untranslated_page_shows_a_notice_in_the_language_and_links_the_original() {
    let site = built();
    let page = site.output("es/articles/basics/trust/index.html");
    assert_eq!(html_lang(&page), "es");
    let main = site.main_of("es/articles/basics/trust/index.html");
    assert!(main.contains("<h1>Todavía sin traducir</h1>"), "{main}");
    assert!(main.contains("<a href=\"../../../../articles/basics/trust/\" hreflang=\"en\" lang=\"en\">Building trust</a>"), "{main}");
    // Never the English text passed off as Spanish.
    assert!(!main.contains("Trust takes time"), "{main}");
    assert!(site.exists("es/privacy/index.html"));
    assert!(site.main_of("es/privacy/index.html").contains("Todavía sin traducir"));
}

#[test]
fn links_stay_in_the_language_and_untranslated_originals_are_marked() {
    let site = built();
    let main = site.main_of("es/articles/basics/alliance/index.html");
    assert!(
        main.contains("<a href=\"../../../articles/basics/empathy/\">La empatía</a>"),
        "{main}"
    );
    assert!(main.contains("<a href=\"../../../../articles/basics/trust/\" hreflang=\"en\">Building trust <span class=\"lang-tag\" lang=\"en\">English</span></a>"), "{main}");
    // The Spanish path's step for the untranslated article is marked too.
    let path = site.main_of("es/paths/start/index.html");
    assert!(path.contains("href=\"../../../articles/basics/trust/\" hreflang=\"en\">Building trust <span class=\"lang-tag\" lang=\"en\">English</span>"), "{path}");
    // Backlinks and related stay within the language.
    let empathy = site.main_of("es/articles/basics/empathy/index.html");
    assert!(
        empathy.contains("La alianza terapéutica") && !empathy.contains("The working alliance")
    );
    // The footer's untranslated privacy page is the English one, marked.
    let footer = site.output("es/index.html");
    assert!(footer.contains("<a href=\"../privacy/\" hreflang=\"en\" lang=\"en\">Privacy</a>"));
}

#[test]
fn each_language_links_its_own_glossary_terms_without_accents_case_or_plural() {
    let site = built();
    let spanish = site.main_of("es/articles/basics/alliance/index.html");
    // Plural of both words ("alianzas terapéuticas"), and capitals without the accent.
    assert!(spanish.contains("href=\"../../../glossary/#alliance\" aria-describedby=\"tip-1\">alianzas terapéuticas</a>"), "{spanish}");
    assert!(
        spanish
            .contains("href=\"../../../glossary/#empathy\" aria-describedby=\"tip-2\">EMPATIA</a>"),
        "{spanish}"
    );
    // z -> ces: "lápices" is a form of "lápiz".
    let empathy = site.main_of("es/articles/basics/empathy/index.html");
    assert!(empathy.contains("href=\"../../../glossary/#pencil\""), "{empathy}");
    assert!(empathy.contains(">lápices</a>"), "{empathy}");
    // The Spanish glossary lists the Spanish entries only.
    let glossary = site.main_of("es/glossary/index.html");
    assert!(glossary.contains("Empatía") && !glossary.contains("Understanding how someone"));
    let english = site.main_of("articles/basics/alliance/index.html");
    assert!(
        english.contains(">working alliance</a>")
            || english.contains(">The working alliance</a>")
            || english.contains("glossary/#alliance"),
        "{english}"
    );
    assert!(!english.contains("Alianza"));
}

/// The search index a language wrote, read back.
fn index_of(site: &TestSite, prefix: &str) -> attune::search::SearchIndex {
    let dir = site.root.join("public").join(prefix).join("search");
    let files: Vec<attune::search::IndexFile> = std::fs::read_dir(&dir)
        .expect("search folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".js"))
        .map(|e| attune::search::IndexFile {
            path: format!("search/{}", e.file_name().to_string_lossy()),
            bytes: std::fs::read(e.path()).expect("read index file"),
        })
        .collect();
    attune::search::SearchIndex::from_files(&files).expect("index reads back")
}

#[test]
fn a_spanish_query_with_an_inflected_form_and_no_accent_finds_its_page() {
    let site = built();
    let index = index_of(site, "es");
    let options = attune::search::QueryOptions { limit: 3, ..Default::default() };
    let hits = attune::search::query(&index, "alianzas terapeutica", &options);
    let found: Vec<(&str, &str)> =
        hits.iter().map(|h| (h.url.as_str(), h.title.as_str())).collect();
    assert!(found.contains(&("articles/basics/alliance/", "La alianza terapéutica")), "{found:?}");
    // Each index holds its own language's documents: the untranslated English article is
    // found in the English index, not the Spanish one.
    let trust = attune::search::query(&index, "building trust", &options);
    assert!(trust.iter().all(|h| h.title != "Building trust"));
    let english = attune::search::query(&index_of(site, ""), "building trust", &options);
    assert!(english.iter().any(|h| h.title == "Building trust"));
}

#[test]
fn a_translation_of_nothing_is_an_error_at_its_first_line() {
    let site = TestSite::fixture("i18n");
    site.write(
        "content/articles/basics/ghost.es.md",
        "---\ntitle: Fantasma\nsummary: Nada.\n---\nTexto.\n",
    );
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "translation", "content/articles/basics/ghost.es.md:1:1");
    run.expect_stderr("content/articles/basics/ghost.md");
}

#[test]
fn a_translation_into_an_undeclared_language_is_an_error_naming_the_fix() {
    let site = TestSite::fixture("i18n");
    site.write(
        "content/articles/basics/empathy.fr.md",
        "---\ntitle: Empathie\nsummary: Rien.\n---\nTexte.\n",
    );
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "translation", "content/articles/basics/empathy.fr.md:1:1");
    run.expect_stderr("`fr`").expect_stderr("languages:");
}

#[test]
fn a_bad_languages_list_is_an_error_at_its_line() {
    let site = TestSite::fixture("i18n");
    site.change_file("content/site.yaml", "  - code: es\n", "  - code: en\n");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "language", "content/site.yaml:20:11");
    run.expect_stderr("listed twice");
    let site = TestSite::fixture("i18n");
    site.change_file("content/site.yaml", "language: en\n", "language: es\n");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "language", "content/site.yaml:3:11");
    run.expect_stderr("disagrees");
}

#[test]
fn a_monolingual_site_keeps_dotted_file_names_as_slugs() {
    // Without `languages:`, `notes.es.md` is an article whose slug is `notes.es`, as before.
    let site = TestSite::with_files(
        "mono-dotted",
        &[("articles/a/notes.es.md", "---\ntitle: Notes\nsummary: S.\n---\nText.\n")],
    );
    site.build();
    assert!(site.exists("articles/a/notes.es/index.html"));
    assert!(!site.exists("es/index.html"));
}
