//! Issue 22, UI strings: every word the templates and theme scripts show comes from the table
//! of the site's language (embedded for `en` and `es`), site.yaml overrides any of them, and
//! a bad override, a language without a table or a template key a table lacks is one clear
//! error.

use crate::support::TestSite;

/// Every page kind of the build fixture: (kind, output path).
const PAGES: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("article", "articles/basics/markdown/index.html"),
    ("page", "about/index.html"),
    ("section", "articles/basics/index.html"),
    ("glossary", "glossary/index.html"),
    ("paths", "paths/index.html"),
    ("path", "paths/start/index.html"),
    ("packet", "paths/start/print/index.html"),
    ("search", "search/index.html"),
    ("tags", "tags/index.html"),
    ("tag", "tags/tour/index.html"),
    ("map", "map/index.html"),
    ("404", "404.html"),
];

/// The build fixture as a Spanish site.
fn spanish_site(name: &str) -> TestSite {
    let site = TestSite::fixture("build/site");
    site.change_file("content/site.yaml", "language: en", "language: es");
    let _ = name;
    site
}

/// The English table's texts that the Spanish table says differently, without placeholders.
fn english_only_texts() -> Vec<String> {
    let read = |code: &str| -> serde_yaml::Mapping {
        let path = format!("{}/src/strings/{code}.yaml", env!("CARGO_MANIFEST_DIR"));
        serde_yaml::from_str(&std::fs::read_to_string(path).expect("table")).expect("yaml")
    };
    let (en, es) = (read("en"), read("es"));
    en.iter()
        .filter_map(|(key, value)| {
            let text = value.as_str()?;
            let spanish = es.get(key).and_then(|v| v.as_str());
            (spanish != Some(text) && !text.contains('{') && text.len() > 3)
                .then(|| text.to_string())
        })
        .collect()
}

/// Text nodes and `aria-label`/`placeholder`/`title`/`alt` values of a page, trimmed.
fn visible_pieces(html: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    for chunk in html.split('>').skip(1) {
        let text = chunk.split('<').next().unwrap_or("").trim();
        if !text.is_empty() {
            pieces.push(text.to_string());
        }
    }
    for attribute in ["aria-label=\"", "placeholder=\"", "title=\"", "alt=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            pieces.push(rest.split('"').next().unwrap_or("").to_string());
        }
    }
    pieces
}

#[test]
fn a_spanish_site_shows_spanish_ui_on_every_page_kind() {
    let site = spanish_site("es-pages");
    site.build();
    let expected: &[(&str, &[&str])] = &[
        ("home", &["Por dónde empezar", "Explorar por tema", "artículos</p>", "Ir al contenido"]),
        ("article", &["min de lectura", "Actualizado el 15 de enero de 2026", "En esta página"]),
        ("page", &["Información educativa. No es consejo médico"]),
        ("section", &["min de lectura</span>"]),
        ("glossary", &["<h1>Glosario</h1>", "aria-label=\"Letras\""]),
        ("paths", &["<h1>Rutas de lectura</h1>", "pasos ·"]),
        (
            "path",
            &[
                "Paquete para imprimir",
                "Tus marcas se guardan solo en este navegador",
                "Ya leí esto",
            ],
        ),
        ("packet", &["Imprimir este paquete", "Volver a la ruta", "Lectura 1 de"]),
        (
            "search",
            &[
                "<h1 id=\"search-heading\">Buscar</h1>",
                "Busca una palabra o una pregunta",
                "Todos los temas",
            ],
        ),
        ("tags", &["<h1>Etiquetas</h1>"]),
        ("tag", &["<h1>Etiqueta: tour</h1>", "Todas las etiquetas"]),
        (
            "map",
            &[
                "<h1>Mapa de conceptos</h1>",
                "El mapa en texto",
                "Mapa de conceptos, se desplaza hacia los lados",
            ],
        ),
        ("404", &["<h1>Página no encontrada</h1>", "Ir a la página de inicio"]),
    ];
    let english = english_only_texts();
    for (kind, path) in PAGES {
        let html = site.output(path);
        assert!(html.contains("<html lang=\"es\""), "{kind}");
        for wanted in expected.iter().filter(|(k, _)| k == kind).flat_map(|(_, w)| w.iter()) {
            assert!(html.contains(wanted), "{kind} ({path}) lacks {wanted:?}");
        }
        for piece in visible_pieces(&html) {
            assert!(!english.contains(&piece), "{kind} ({path}) still shows English {piece:?}");
        }
        for fragment in ["min read", "Reviewed by", "Updated ", " steps ·", "Search the handbook"]
        {
            assert!(!html.contains(fragment), "{kind} ({path}) still shows {fragment:?}");
        }
    }
    // Page titles and the header navigation.
    let glossary = site.output("glossary/index.html");
    assert!(glossary.contains("<title>Glosario · Build fixture</title>"), "{glossary}");
    assert!(glossary.contains(">Inicio</a>") && glossary.contains(">Rutas</a>"));
    // The feed is in the site's language.
    assert!(site.output("atom.xml").contains("xml:lang=\"es\""));
    // The scripts carry the Spanish strings, fetched from the site itself.
    let search = site.output("theme/search.js");
    assert!(search.contains("No hay resultados para «{q}»."), "search.js is not Spanish");
    assert!(!search.contains("Show more results"));
    assert!(site.output("theme/site.js").contains("{done} de {total} leídos"));
}

#[test]
fn spanish_dates_and_plurals() {
    let site = spanish_site("es-dates");
    site.build();
    let article = site.output("articles/basics/markdown/index.html");
    assert!(article.contains("Actualizado el 15 de enero de 2026"), "{article}");
    let home = site.output("index.html");
    // Plurals by count: "1 artículo" / "N artículos", never "1 artículos".
    assert!(!home.contains(">1 artículos<"), "{home}");
    assert!(home.contains(" artículo</p>") || home.contains(" artículos</p>"), "{home}");
    let glossary = home.contains("Glosario de ");
    assert!(glossary, "{home}");
}

#[test]
fn a_site_overrides_one_string() {
    let site = TestSite::fixture("build/site");
    site.change_file(
        "content/site.yaml",
        "language: en",
        "language: en\nstrings:\n  toc_heading: In this article\n  section_articles.other: \"{n} readings\"\n  show_more: More, please",
    );
    site.build();
    let article = site.output("articles/basics/markdown/index.html");
    assert!(!article.contains(">On this page<"), "{article}");
    let home = site.output("index.html");
    assert!(home.contains(" readings</p>"), "{home}");
    assert!(site.output("theme/search.js").contains("\"More, please\""));
    assert!(site.output("theme/site.js").contains("\" of \""), "site.js keeps its English");
}

#[test]
fn an_unknown_override_is_an_error_at_its_line_with_the_nearest_key() {
    let site = TestSite::fixture("build/site");
    site.change_file(
        "content/site.yaml",
        "language: en",
        "language: en\nstrings:\n  toc_headng: In this article",
    );
    let run = site.run(&["build"]);
    run.expect_code(1)
        .expect_stderr(
            "error[ui-string]: `toc_headng` under `strings` is not one of attune's UI strings",
        )
        .expect_stderr("content/site.yaml:5:")
        .expect_stderr("did you mean `toc_heading`?");
    assert!(!site.exists("index.html"), "no half-written site");
}

#[test]
fn a_template_key_the_language_lacks_names_the_key_and_the_language() {
    let site = spanish_site("es-missing-key");
    site.write(
        "templates/tags.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ ui.tags_titel }}</h1>\n{% endblock %}\n",
    );
    let run = site.run(&["build"]);
    run.expect_code(1)
        .expect_stderr("the template uses the UI string `tags_titel`, which the `es` strings lack")
        .expect_stderr("templates/tags.html:3:")
        .expect_stderr("did you mean `tags_title`?");
}

#[test]
fn a_language_without_a_table_must_give_every_key() {
    let site = TestSite::fixture("build/site");
    site.change_file(
        "content/site.yaml",
        "language: en",
        "language: fr\nstrings:\n  toc_heading: Sur cette page",
    );
    let run = site.run(&["build"]);
    run.expect_code(1)
        .expect_stderr("attune has no UI strings for language `fr` (it has en, es)")
        .expect_stderr("skip_to_content")
        .expect_stderr("content/site.yaml:3:");
    assert!(!run.stderr.contains("toc_heading,"), "a given key is not listed: {}", run.stderr);
    assert_eq!(run.stderr.matches("error[").count(), 1, "one error: {}", run.stderr);
}

#[test]
fn a_regional_tag_uses_its_language_table() {
    let site = TestSite::fixture("build/site");
    site.change_file("content/site.yaml", "language: en", "language: es-419");
    site.build();
    assert!(site.output("index.html").contains("Por dónde empezar"));
}
