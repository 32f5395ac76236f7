//! Writes index files and the Rust ranking of sample queries for `jscheck.js` (beside this
//! file), which runs `theme/search.js` in Node on the same files and compares hits, crisis
//! flags and loaded files; and `stems.json`, rust-stemmers' stem of every word of the handbook
//! and of the common-word list, for the browser's stemmer. `.ci/run` runs both:
//! `cargo test --lib -- --ignored writes_indexes_for_the_node_check && node
//! src/search/tests/jscheck.js`. Ignored by default because it writes under `target/jscheck`.

use std::path::Path;

use serde_json::json;

use super::files::FIXTURE_QUERIES;
use super::fixture::{Rng, synthetic_docs, therapy_docs, therapy_options, word_list};
use super::robust::{random_docs, random_text};
use crate::search::query::run_query;
use crate::search::site::{site_documents, site_options};
use crate::search::{QueryOptions, SearchDoc, SearchIndex, SearchOptions, build_index};

impl SearchDoc {
    /// The summary, headings and section texts, for collecting words.
    fn summary_and_text(&self) -> Vec<&String> {
        let mut out = vec![&self.summary];
        for s in &self.sections {
            out.push(&s.heading);
            out.push(&s.text);
        }
        out
    }
}

fn write_case(dir: &Path, index: &SearchIndex, queries: &[(String, QueryOptions)]) {
    let _ = std::fs::remove_dir_all(dir);
    for file in index.files() {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.bytes).unwrap();
    }
    let cases: Vec<_> = queries
        .iter()
        .map(|(q, options)| {
            let outcome = run_query(index, q, options);
            let (hits, files) = (&outcome.hits, &outcome.files);
            let hits: Vec<_> = hits
                .iter()
                .map(|h| json!({"url": h.url, "anchor": h.anchor, "score": h.score, "excerpt": h.excerpt}))
                .collect();
            json!({
                "q": q,
                "options": {"limit": options.limit, "audience": options.audience, "section": options.section, "complete": options.complete},
                "hits": hits,
                "files": files,
                "crisis": outcome.crisis,
            })
        })
        .collect();
    std::fs::write(dir.join("expected.json"), serde_json::to_string_pretty(&cases).unwrap())
        .unwrap();
}

#[test]
#[ignore = "dev aid for jscheck.js; writes under target/jscheck"]
fn writes_indexes_for_the_node_check() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/jscheck");
    let mut fixture: Vec<(String, QueryOptions)> =
        FIXTURE_QUERIES.iter().map(|q| (q.to_string(), QueryOptions::default())).collect();
    for (q, audience, section) in [
        ("alliance", Some("clients"), None),
        ("therapist", None, Some("Practice")),
        ("therapist", Some("students"), Some("Components")),
        ("empathy", None, Some("No such section")),
    ] {
        let options = QueryOptions {
            audience: audience.map(str::to_owned),
            section: section.map(str::to_owned),
            limit: 10,
            complete: false,
        };
        fixture.push((q.to_string(), options));
    }
    for q in [
        "Über café déjà vu",
        "CAFÉ",
        "strasse",
        "ΨΥΧΉ",
        "clients",
        "client's",
        "cafe\u{301}s",
        "constructor",
        "valueof",
        "__proto__",
        "hasOwnProperty",
    ] {
        fixture.push((q.to_string(), QueryOptions::default()));
    }
    fixture
        .push(("relationships ".to_string(), QueryOptions { limit: 3, ..QueryOptions::default() }));

    let docs = therapy_docs();
    write_case(&out.join("fixture"), &build_index(&docs, &therapy_options()), &fixture);
    let sharded = SearchOptions {
        shard_threshold_docs: 0,
        shard_target_bytes: 256,
        doc_chunk_size: 3,
        ..therapy_options()
    };
    write_case(&out.join("fixture-sharded"), &build_index(&docs, &sharded), &fixture);

    let words = word_list(3000);
    let mut large: Vec<(String, QueryOptions)> = Vec::new();
    for i in [0, 5, 40, 300, 1200, 2500] {
        large.push((words[i].clone(), QueryOptions::default()));
        large.push((format!("{} {}", words[i], words[i / 2 + 1]), QueryOptions::default()));
        large.push((
            format!("{} {}", words[i + 7], &words[i + 3][..3.min(words[i + 3].len())]),
            QueryOptions::default(),
        ));
        let mut typo: Vec<char> = words[i + 11].chars().collect();
        let n = typo.len();
        if n >= 4 {
            typo.swap(n - 2, n - 3);
        }
        large.push((typo.into_iter().collect(), QueryOptions::default()));
    }
    large.push((
        words[3].clone(),
        QueryOptions { audience: Some("students".into()), ..QueryOptions::default() },
    ));
    large.push((
        words[9].clone(),
        QueryOptions { section: Some("Ethics".into()), limit: 20, ..QueryOptions::default() },
    ));
    let options = SearchOptions { shard_threshold_docs: 500, ..SearchOptions::default() };
    write_case(
        &out.join("large"),
        &build_index(&synthetic_docs(1200, 200, 8000), &options),
        &large,
    );

    // Hostile text: combining marks, astral letters, apostrophes, quotes, separators.
    let mut rng = Rng::new(5);
    let docs = random_docs(&mut rng, 60);
    let mut queries: Vec<(String, QueryOptions)> = Vec::new();
    for doc in docs.iter().take(20) {
        let text = &doc.sections[1].text;
        let words: Vec<&str> = text.split(' ').filter(|w| w.chars().count() > 2).collect();
        for w in words.iter().take(2) {
            queries.push((w.to_string(), QueryOptions::default()));
        }
        queries.push((random_text(&mut rng, 6), QueryOptions::default()));
    }
    let options = SearchOptions {
        shard_threshold_docs: 0,
        shard_target_bytes: 300,
        ..SearchOptions::default()
    };
    write_case(&out.join("hostile-sharded"), &build_index(&docs, &options), &queries);
    write_case(&out.join("hostile"), &build_index(&docs, &SearchOptions::default()), &queries);

    write_handbook_cases(&out);
    write_spanish_cases(&out);
}

/// The bundled handbook, unsharded and sharded, with the reader query set, crisis wording,
/// words typed one letter at a time and every title's words; and the stems of its vocabulary.
fn write_handbook_cases(out: &Path) {
    let root = env!("CARGO_MANIFEST_DIR");
    let analysis = crate::analyse(&crate::BuildOptions::new(root)).expect("the handbook loads");
    let docs = site_documents(&analysis);
    let options = site_options(&analysis);
    let mut queries: Vec<(String, QueryOptions)> = Vec::new();
    let set = std::fs::read_to_string(Path::new(root).join("tests/search/queries.tsv")).unwrap();
    for line in set.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let complete = cols[1] != "typing";
        queries.push((cols[2].to_string(), QueryOptions { complete, ..QueryOptions::default() }));
        queries.push((
            cols[2].to_string(),
            QueryOptions { complete: !complete, limit: 8, ..QueryOptions::default() },
        ));
    }
    for doc in docs.iter().step_by(3) {
        let title = &doc.title;
        queries.push((title.clone(), QueryOptions { complete: true, ..QueryOptions::default() }));
        let cut: String = title.chars().take(title.chars().count().min(7)).collect();
        queries.push((cut, QueryOptions::default()));
    }
    for q in [
        "counter-transference",
        "self-harm",
        "\"what is\" it",
        "kill",
        "skill",
        "zqxv",
        "the and of",
    ] {
        queries.push((q.to_string(), QueryOptions { complete: true, ..QueryOptions::default() }));
    }
    let audience = QueryOptions {
        audience: Some("clients".into()),
        complete: true,
        ..QueryOptions::default()
    };
    queries.push(("suicide".into(), audience.clone()));
    queries.push(("alliance rupture".into(), audience));
    write_case(&out.join("handbook"), &build_index(&docs, &options), &queries);
    let sharded = SearchOptions { shard_threshold_docs: 0, shard_target_bytes: 4096, ..options };
    write_case(&out.join("handbook-sharded"), &build_index(&docs, &sharded), &queries);

    let mut words: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for doc in &docs {
        for text in std::iter::once(&doc.title).chain(doc.summary_and_text()) {
            words.extend(crate::search::text::split_words(text));
        }
    }
    words.extend(crate::search::language::known_words("en").unwrap_or_default().iter().cloned());
    if let Ok(dict) = std::fs::read_to_string("/usr/share/dict/words") {
        words.extend(
            dict.lines().filter(|w| w.bytes().all(|b| b.is_ascii_lowercase())).map(str::to_owned),
        );
    }
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let pairs: Vec<(String, String)> = words
        .into_iter()
        .map(|w| {
            let s = stemmer.stem(&w).into_owned();
            (w, s)
        })
        .collect();
    std::fs::write(out.join("stems.json"), serde_json::to_string(&pairs).unwrap()).unwrap();
}

/// Queries on the Spanish fixture site (`tests/fixtures/search/spanish`, `language: es`):
/// inflected forms, missing accents, misspellings, fillers, synonyms and crisis wording.
const SPANISH_QUERIES: &[&str] = &[
    "terapeutas",
    "terapeuta",
    "confianza",
    "confiar",
    "confío",
    "confio en mi terapeuta",
    "sesion",
    "sesiones",
    "primera sesion",
    "relacion",
    "relaciones terapeuticas",
    "relación terapéutica",
    "cancion",
    "canciones",
    "comunicacion",
    "terapueta",
    "confianaz",
    "psicologo",
    "psicoterapeuta",
    "qué es la confianza",
    "como confiar en mi terapeuta",
    "q es una sesion",
    "quiero morir",
    "quiero morirme",
    "matarme",
    "suicidarme",
    "me quiero suicidar",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "sucidarme",
    "autolesion",
    "me corto",
    "la de el",
];

/// The Spanish fixture, unsharded and sharded, and the Spanish stems for the browser's port.
fn write_spanish_cases(out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/spanish");
    let analysis = crate::analyse(&crate::BuildOptions::new(&root)).expect("the fixture loads");
    let docs = site_documents(&analysis);
    let options = site_options(&analysis);
    let mut queries: Vec<(String, QueryOptions)> = Vec::new();
    for q in SPANISH_QUERIES {
        queries.push((q.to_string(), QueryOptions { complete: true, ..QueryOptions::default() }));
        queries.push((q.to_string(), QueryOptions::default()));
    }
    for q in ["tera", "relac", "sesió", "confi", "quiero mor", "no quiero viv"] {
        queries.push((q.to_string(), QueryOptions::default()));
    }
    write_case(&out.join("spanish"), &build_index(&docs, &options), &queries);
    let sharded = SearchOptions { shard_threshold_docs: 0, shard_target_bytes: 256, ..options };
    write_case(&out.join("spanish-sharded"), &build_index(&docs, &sharded), &queries);

    let mut words: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for doc in &docs {
        for text in std::iter::once(&doc.title).chain(doc.summary_and_text()) {
            words.extend(crate::search::text::split_words(text));
        }
    }
    for word in spanish_forms() {
        words.extend(crate::search::text::split_words(&word));
        words.insert(word.to_lowercase());
    }
    let stemmer = crate::search::language::Analysis::for_code("es").stemmer();
    let pairs: Vec<(String, String)> =
        words.into_iter().map(|w| (w.clone(), stemmer.stem(&w).into_owned())).collect();
    std::fs::write(out.join("stems-es.json"), serde_json::to_string(&pairs).unwrap()).unwrap();
}

/// Spanish word forms that reach every rule of the Snowball Spanish stemmer: roots with the
/// suffixes of each step, attached pronouns, and the accented and folded spellings.
fn spanish_forms() -> Vec<String> {
    let roots = [
        "habl", "com", "viv", "constru", "pregunt", "trabaj", "sent", "ped", "segu", "averig",
        "arregl", "terap", "conf", "comunic", "relac", "ses", "canc", "psicol", "a", "u", "ai",
        "tr", "oi", "pl",
    ];
    let endings = [
        "",
        "ar",
        "er",
        "ir",
        "ando",
        "iendo",
        "yendo",
        "ado",
        "ido",
        "aba",
        "ía",
        "ia",
        "aría",
        "ería",
        "iría",
        "aremos",
        "ieron",
        "aron",
        "aste",
        "iste",
        "amos",
        "imos",
        "emos",
        "áis",
        "éis",
        "an",
        "en",
        "es",
        "as",
        "a",
        "o",
        "e",
        "é",
        "á",
        "ó",
        "í",
        "os",
        "ación",
        "aciones",
        "acion",
        "ución",
        "ucion",
        "uciones",
        "logía",
        "logia",
        "logías",
        "logias",
        "encia",
        "encias",
        "amente",
        "mente",
        "idad",
        "idades",
        "iva",
        "ivo",
        "ivos",
        "ante",
        "antes",
        "ancia",
        "adora",
        "ador",
        "adores",
        "ismo",
        "ista",
        "oso",
        "osa",
        "able",
        "ible",
        "amiento",
        "imiento",
        "anza",
        "anzas",
        "ico",
        "ica",
        "abilidad",
        "ividad",
        "icidad",
        "ativo",
        "ativa",
        "icamente",
        "osamente",
        "ivamente",
        "ativamente",
        "antemente",
        "ablemente",
        "iblemente",
        "ya",
        "yen",
        "yeron",
        "yo",
        "yó",
        "yas",
        "yamos",
        "ándome",
        "iéndole",
        "ándole",
        "arse",
        "erlo",
        "irlas",
        "ándoselo",
        "yéndose",
        "ándonos",
        "gue",
        "guen",
        "gues",
        "guemos",
        "guéis",
        "ue",
        "ión",
        "iones",
        "iésemos",
        "áramos",
        "iéramos",
        "ábamos",
        "íamos",
        "ásemos",
        "ieseis",
        "asteis",
        "isteis",
        "ierais",
        "ía",
        "ías",
        "ían",
        "íais",
        "ís",
        "ió",
        "yendo",
        "uyendo",
        "iera",
        "ieras",
        "iese",
        "ieses",
    ];
    let mut out = Vec::new();
    for root in roots {
        for ending in endings {
            out.push(format!("{root}{ending}"));
        }
    }
    out
}
