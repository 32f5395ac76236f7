//! The bundled handbook in Spanish (issue 23): the client path, the home page and the help
//! pages exist under `/es/` with `lang="es"` and `hreflang` pairs, read at INFLESZ 65 or more,
//! are marked as unreviewed machine translations that are current with their originals, and
//! Spanish lay queries (without accents, misspelled, crisis wording) find their pages.

use attune::BuildOptions;
use attune::search::site::{site_documents, site_options};
use attune::search::{QueryOptions, SearchIndex, build_index, query, search};

use crate::build::handbook;

fn analysis() -> attune::Analysis {
    attune::analyse(&BuildOptions::new(env!("CARGO_MANIFEST_DIR"))).expect("the handbook loads")
}

/// The Spanish view's search index, as `/es/search/` ships it.
fn spanish_index(a: &attune::Analysis) -> SearchIndex {
    let es = a.languages.iter().find(|l| l.site.config.language == "es").expect("a Spanish view");
    build_index(&site_documents(es), &site_options(es))
}

/// The pages issue 23 asks for: every step of the client path, home, help, about, privacy.
fn required_pages(a: &attune::Analysis) -> Vec<String> {
    let path = a.site.paths.iter().find(|p| p.slug == "new-to-therapy").expect("client path");
    let mut urls: Vec<String> = path
        .meta
        .steps
        .iter()
        .map(|s| a.site.doc(a.site.doc_by_slug(&s.article).expect("step")).url.clone())
        .collect();
    urls.extend(["".into(), "getting-help/".into(), "about/".into(), "privacy/".into()]);
    urls.push("paths/new-to-therapy/".into());
    urls
}

#[test]
fn the_client_path_home_and_help_pages_exist_in_spanish_with_hreflang_pairs() {
    let a = analysis();
    let site = handbook();
    for url in required_pages(&a) {
        let es = site.output(&format!("es/{url}index.html"));
        let en = site.output(&format!("{url}index.html"));
        assert!(es.contains("<html lang=\"es\""), "/es/{url} is not lang=es");
        assert!(!es.contains(">Clients<"), "/es/{url}: the audience label is in English");
        assert!(!es.contains("Todavía sin traducir"), "/es/{url} is a not-translated stand-in");
        assert!(
            es.contains(&format!("hreflang=\"en\" href=\"https://attune.example/{url}\"")),
            "/es/{url} lacks its English alternate"
        );
        assert!(
            en.contains(&format!("hreflang=\"es\" href=\"https://attune.example/es/{url}\"")),
            "/{url} lacks its Spanish alternate"
        );
    }
}

#[test]
fn every_spanish_file_is_a_current_machine_translation_and_the_about_page_says_so() {
    let a = analysis();
    let es = a.languages.iter().find(|l| l.site.config.language == "es").expect("Spanish");
    let docs = es.site.docs.iter().filter(|d| !d.foreign);
    for doc in docs {
        let path = &a.sources.get(doc.file).path;
        assert_eq!(
            doc.meta.translation,
            Some(attune::content::translation::TranslationKind::Machine),
            "{}",
            path.display()
        );
        assert!(doc.meta.translation_of.is_some(), "{} is not marked", path.display());
    }
    let about = handbook().output("es/about/index.html");
    assert!(
        about.contains("traducción hecha por máquina"),
        "the Spanish about page says it is a machine translation"
    );
    assert!(
        about.contains("Ningún traductor humano con la formación adecuada ha revisado"),
        "and that nobody qualified reviewed it"
    );
}

#[test]
fn spanish_lay_queries_find_their_pages() {
    let a = analysis();
    let index = spanish_index(&a);
    let options = QueryOptions { complete: true, ..QueryOptions::default() };
    for (q, slug) in [
        ("el psicologo le puede contar a mis papas", "confidentiality-and-its-limits"),
        ("confidencialida", "confidentiality-and-its-limits"),
        ("quiero cambiar de psicologo", "when-to-refer"),
        ("regalo para mi terapeuta", "professional-boundaries"),
        ("me enamore de mi psicologo", "therapy-is-not-friendship"),
        ("primera cita con el psicólogo", "for-clients-what-to-expect"),
        ("cuestionarios en cada sesion", "inviting-feedback"),
        ("terapia por zoom es privada", "privacy-consent-and-compliance"),
    ] {
        let urls: Vec<String> = query(&index, q, &options).into_iter().map(|h| h.url).collect();
        assert!(
            urls.iter().take(3).any(|u| u.contains(slug)),
            "{q:?} should find {slug}: {urls:?}"
        );
    }
}

#[test]
fn spanish_crisis_wording_shows_help_first() {
    let a = analysis();
    let index = spanish_index(&a);
    let options = QueryOptions { complete: true, ..QueryOptions::default() };
    for q in [
        "quiero morirme",
        "me quiero suicidar",
        "sucidio",
        "pienso en hacerme dano",
        "no me siento segura en casa",
    ] {
        let results = search(&index, q, &options);
        assert!(results.crisis, "{q:?} is crisis wording");
        let first = results.hits.first().map(|h| h.url.as_str()).unwrap_or_default();
        assert!(first.contains("getting-help"), "{q:?}: help page first, got {first}");
    }
}

#[test]
fn spanish_callouts_are_labelled_in_spanish() {
    let a = analysis();
    let site = handbook();
    let mut spanish_labels = 0;
    for url in required_pages(&a) {
        let html = site.output(&format!("es/{url}index.html"));
        for english in ["Note", "Tip", "Important", "Warning", "Caution"] {
            assert!(
                !html.contains(&format!("aria-label=\"{english}\"")),
                "/es/{url}: an English callout label"
            );
        }
        spanish_labels += ["Nota", "Consejo", "Importante", "Advertencia", "Precaución"]
            .iter()
            .filter(|l| html.contains(&format!("aria-label=\"{l}\"")))
            .count();
    }
    assert!(spanish_labels > 0, "the Spanish pages have callouts, labelled in Spanish");
}
