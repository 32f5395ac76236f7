//! Language-specific analysis chosen by `language:` in site.yaml: a Spanish site
//! (`tests/fixtures/search/spanish`, `language: es`) searches with Spanish stemming, accent
//! folding, stop words, fillers and crisis wording, and `check` measures its readability with
//! the Spanish formulas; a language without formulas gets one note.

use std::path::Path;

use attune::BuildOptions;
use attune::search::site::{site_documents, site_options};
use attune::search::{QueryOptions, SearchIndex, build_index, query, search};

use crate::support::TestSite;

fn spanish_index() -> SearchIndex {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/spanish");
    let analysis = attune::analyse(&BuildOptions::new(root)).expect("the Spanish fixture loads");
    build_index(&site_documents(&analysis), &site_options(&analysis))
}

#[test]
fn spanish_queries_find_inflected_forms_and_words_typed_without_accents() {
    let index = spanish_index();
    let options = QueryOptions { complete: true, ..QueryOptions::default() };
    for (q, url) in [
        ("terapeutas", "glossary/#terapeuta"),
        ("confiar", "articles/basicos/confianza/"),
        ("confío", "articles/basicos/confianza/"),
        ("sesion", "articles/basicos/primera-sesion/"),
        ("sesiones", "articles/basicos/primera-sesion/"),
        ("relacion", "articles/basicos/relacion-terapeutica/"),
        ("relaciones terapeuticas", "articles/basicos/relacion-terapeutica/"),
        ("cancion", "articles/basicos/canciones/"),
        ("comunicacion", "articles/basicos/relacion-terapeutica/"),
        ("terapueta", "glossary/#terapeuta"),
        ("como confiar en mi terapeuta", "articles/basicos/confianza/"),
    ] {
        let urls: Vec<String> = query(&index, q, &options).into_iter().map(|h| h.url).collect();
        assert!(urls.iter().take(3).any(|u| u == url), "{q:?} should find {url}: {urls:?}");
    }
    // "canción" and "cancion" meet: the same hits either way.
    let accented: Vec<String> =
        query(&index, "canción", &options).into_iter().map(|h| h.url).collect();
    let plain: Vec<String> =
        query(&index, "cancion", &options).into_iter().map(|h| h.url).collect();
    assert_eq!(accented, plain);
    // Only stop words: nothing to search for.
    assert!(query(&index, "la de el", &options).is_empty());
}

#[test]
fn spanish_crisis_wording_puts_the_help_page_first() {
    let index = spanish_index();
    let options = QueryOptions { complete: true, ..QueryOptions::default() };
    for q in [
        "quiero morir",
        "Quiero morirme",
        "matarme",
        "suicidarme",
        "suicidárme",
        "me quiero suicidar",
        "no quiero vivir",
        "NO QUIERO SEGUIR VIVIENDO",
        "sucidarme",
        "me corto",
    ] {
        let results = search(&index, q, &options);
        assert!(results.crisis, "{q:?} is crisis wording");
        assert_eq!(results.hits.first().map(|h| h.url.as_str()), Some("ayuda/"), "{q:?}");
    }
    for q in ["confianza", "vivir con calma", "primera sesion"] {
        assert!(!search(&index, q, &options).crisis, "{q:?} is not crisis wording");
    }
}

#[test]
fn a_spanish_site_writes_a_spanish_index() {
    let site = TestSite::fixture("search/spanish");
    site.build();
    let entry = site.output("search/index.js");
    assert!(entry.contains("\"lang\":\"es\""), "the index records its language");
    assert!(entry.contains("\"stop\":\"a al algo"), "Spanish stop words: {entry:.400}");
    assert!(entry.contains("suicidarme"), "Spanish crisis wording");
    assert!(!site.exists("search/w.js"), "no English word list for a Spanish site");
}

#[test]
fn check_reports_spanish_readability_on_the_inflesz_scale() {
    let site = TestSite::fixture("search/spanish");
    let run = site.run(&["check", "--readability"]);
    run.expect_code(0);
    assert!(run.stdout.contains("INFLESZ"), "{}", run.stdout);
    let row = run.stdout.lines().find(|l| l.starts_with("confianza ")).expect("confianza row");
    assert!(row.contains("clientes") && row.contains("fácil"), "{row}");
    assert!(!run.stdout.contains("Flesch-Kincaid"), "{}", run.stdout);
}

/// About 60 words of long, learned Spanish: far below INFLESZ 65.
const HARD_SPANISH: &str = "La consolidación progresiva de la alianza terapéutica constituye \
    simultáneamente una condición metodológicamente imprescindible y una consecuencia \
    previsiblemente derivada de intervenciones psicoterapéuticas caracterizadas por la \
    disponibilidad emocional, la comprensión empática y la congruencia interpersonal \
    manifestada consistentemente por profesionales suficientemente experimentados en \
    contextos institucionales heterogéneos, particularmente cuando las circunstancias \
    socioeconómicas condicionan significativamente la accesibilidad y la continuidad de los \
    tratamientos especializados disponibles actualmente en numerosas comunidades autónomas.\n";

#[test]
fn hard_spanish_prose_is_below_the_audience_minimum() {
    let site = TestSite::fixture("search/spanish");
    site.write(
        "content/articles/basicos/dificil.md",
        &format!("---\ntitle: Un texto difícil\nsummary: Demasiado largo.\naudience: clientes\n---\n{HARD_SPANISH}"),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("below the Clientes limit of 65"),
        "stderr: {}\nstdout: {}",
        run.stderr,
        run.stdout
    );
    assert!(run.stderr.contains("muy difícil"), "{}", run.stderr);
}

#[test]
fn a_language_without_formulas_gets_one_note_instead_of_english_grades() {
    let site = TestSite::fixture("search/spanish");
    site.change_file("content/site.yaml", "language: es", "language: fr");
    let run = site.run(&["check"]);
    let text = format!("{}{}", run.stderr, run.stdout);
    assert_eq!(text.matches("readability is not measured for language `fr`").count(), 1, "{text}");
    assert!(!text.contains("Flesch-Kincaid"), "{text}");
    let report = site.run(&["check", "--readability"]);
    assert!(report.stdout.contains("not measured for language `fr`"), "{}", report.stdout);
}
