//! Matching and ranking on the therapy fixture: exact, prefix, typo, synonym and alias queries,
//! field weights, filters, anchors and excerpts.

use super::fixture::{therapy_docs, therapy_options};
use crate::search::{Hit, QueryOptions, SearchIndex, build_index, query};

fn index() -> SearchIndex {
    build_index(&therapy_docs(), &therapy_options())
}

fn search(index: &SearchIndex, q: &str) -> Vec<Hit> {
    query(index, q, &QueryOptions::default())
}

fn urls(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.url.as_str()).collect()
}

fn first_url(index: &SearchIndex, q: &str) -> String {
    search(index, q).first().map(|h| h.url.clone()).unwrap_or_default()
}

#[test]
fn exact_word_finds_the_article_titled_with_it() {
    assert_eq!(first_url(&index(), "confidentiality"), "articles/ethics/confidentiality/");
}

#[test]
fn prefix_of_the_last_word_finds_empathy() {
    let hits = search(&index(), "empa");
    assert!(!hits.is_empty());
    assert_eq!(hits[0].title, "Empathy");
    assert!(urls(&hits[..2]).contains(&"articles/components/empathy/"));
    assert!(urls(&hits[..2]).contains(&"glossary/#empathy"));
}

#[test]
fn prefix_applies_only_to_the_last_word() {
    let hits = search(&index(), "empa confidentiality");
    assert_eq!(hits[0].url, "articles/ethics/confidentiality/");
    assert!(!urls(&hits).contains(&"glossary/#empathy"));
}

#[test]
fn finished_word_does_not_match_by_prefix() {
    let idx = index();
    assert!(!search(&idx, "empa").is_empty());
    assert!(search(&idx, "empa ").is_empty());
}

#[test]
fn one_edit_typo_finds_the_alliance() {
    let hits = search(&index(), "aliance");
    let top: Vec<&str> = urls(&hits[..2]);
    assert!(top.contains(&"glossary/#therapeutic-alliance"), "{top:?}");
    assert!(top.contains(&"articles/components/working-alliance/"), "{top:?}");
}

#[test]
fn misspelt_two_word_query_finds_the_therapeutic_alliance() {
    assert_eq!(first_url(&index(), "theraputic aliance"), "glossary/#therapeutic-alliance");
}

#[test]
fn two_edit_typo_in_a_long_word_is_forgiven() {
    assert_eq!(first_url(&index(), "confidentalty"), "articles/ethics/confidentiality/");
}

#[test]
fn short_words_are_not_forgiven_typos() {
    // "bnd" is one edit from "bond" but has only three letters.
    assert!(search(&index(), "bnd").is_empty());
}

#[test]
fn configured_synonym_finds_teletherapy() {
    let idx = index();
    assert_eq!(first_url(&idx, "video"), "articles/practice/teletherapy/");
    assert_eq!(first_url(&idx, "video sessions"), "articles/practice/teletherapy/");
    let plain = build_index(&therapy_docs(), &Default::default());
    assert!(search(&plain, "video").is_empty(), "the synonym comes from the options");
}

#[test]
fn alias_finds_the_glossary_term_and_articles_using_the_full_term() {
    let hits = search(&index(), "UPR");
    assert_eq!(hits[0].url, "glossary/#unconditional-positive-regard");
    assert!(urls(&hits).contains(&"articles/components/acceptance/"));
}

#[test]
fn full_term_finds_text_that_only_uses_the_alias() {
    let hits = search(&index(), "unconditional positive regard");
    assert_eq!(hits[0].url, "glossary/#unconditional-positive-regard");
    assert!(urls(&hits).contains(&"articles/practice/first-session/"));
}

#[test]
fn title_match_ranks_above_body_only_match() {
    let hits = search(&index(), "confidentiality");
    let pos = |url: &str| urls(&hits).iter().position(|u| *u == url);
    let title = pos("articles/ethics/confidentiality/").unwrap();
    let body = pos("articles/practice/first-session/").unwrap();
    assert!(title < body);
}

#[test]
fn documents_matching_more_words_rank_higher() {
    let hits = search(&index(), "alliance dropout");
    assert_eq!(hits[0].url, "articles/research/outcomes/");
}

#[test]
fn audience_filter_keeps_documents_for_that_audience_and_for_everyone() {
    let idx = index();
    let options = QueryOptions { audience: Some("clients".into()), ..QueryOptions::default() };
    let hits = query(&idx, "alliance", &options);
    let found = urls(&hits);
    assert!(found.contains(&"articles/components/working-alliance/"));
    assert!(found.contains(&"glossary/#therapeutic-alliance"));
    assert!(!found.contains(&"articles/research/outcomes/"));
}

#[test]
fn section_filter_keeps_only_that_section() {
    let idx = index();
    let options = QueryOptions { section: Some("Practice".into()), ..QueryOptions::default() };
    let hits = query(&idx, "therapist", &options);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.url.starts_with("articles/practice/")), "{:?}", urls(&hits));
    let none = QueryOptions { section: Some("No such section".into()), ..QueryOptions::default() };
    assert!(query(&idx, "therapist", &none).is_empty());
}

#[test]
fn empty_or_punctuation_query_returns_nothing() {
    let idx = index();
    for q in ["", "   ", "?!… --", "the and of ", "a"] {
        assert!(search(&idx, q).is_empty(), "{q:?}");
    }
}

#[test]
fn limit_caps_the_number_of_hits() {
    let idx = index();
    let options = QueryOptions { limit: 2, ..QueryOptions::default() };
    assert_eq!(query(&idx, "therapist", &options).len(), 2);
    assert!(search(&idx, "therapist").len() > 2);
}

#[test]
fn links_to_the_best_matching_heading_with_a_marked_excerpt() {
    let hits = search(&index(), "repair");
    assert_eq!(hits[0].url, "articles/components/working-alliance/");
    assert_eq!(hits[0].anchor.as_deref(), Some("ruptures-and-repair"));
    assert!(hits[0].excerpt.contains("[[mark]]repairing[[/mark]]"), "{}", hits[0].excerpt);
}

#[test]
fn marks_every_form_of_a_matched_stem() {
    let hits = search(&index(), "relationships ");
    let alliance = hits.iter().find(|h| h.url == "articles/components/working-alliance/").unwrap();
    assert!(alliance.excerpt.contains("[[mark]]relationship[[/mark]]"), "{}", alliance.excerpt);
}

#[test]
fn scores_are_positive_and_sorted() {
    let hits = search(&index(), "therapist relationship");
    assert!(hits.len() > 3);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(hits.iter().all(|h| h.score > 0.0));
}

#[test]
fn accents_fold_in_the_query_and_the_text() {
    let idx = index();
    for q in ["cafe", "Café", "CAFÉ", "naive", "strasse", "ubung"] {
        assert_eq!(first_url(&idx, q), "pages/about/", "{q}");
    }
    let hit = &search(&idx, "cafe")[0];
    assert!(hit.excerpt.contains("[[mark]]café[[/mark]]"), "{}", hit.excerpt);
}

#[test]
fn non_latin_words_match_in_any_case() {
    let idx = index();
    assert_eq!(first_url(&idx, "ψυχή"), "pages/about/");
    assert_eq!(first_url(&idx, "ΨΥΧΉ"), "pages/about/");
}

#[test]
fn empty_site_builds_and_answers_nothing() {
    let idx = build_index(&[], &Default::default());
    assert!(search(&idx, "therapy").is_empty());
    let files = idx.files();
    assert_eq!(files.len(), 3, "the index, the word list and the suggestions");
    assert_eq!(SearchIndex::from_files(&files).unwrap(), idx);
}
