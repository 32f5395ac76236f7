//! A small therapy knowledge base (eight articles, an about page, three glossary terms) and
//! large synthetic sites, shared by the search tests.

use std::collections::BTreeMap;

use crate::search::{DocKind, DocSection, SearchDoc, SearchOptions};

fn section(anchor: Option<&str>, heading: &str, text: &str) -> DocSection {
    DocSection { anchor: anchor.map(str::to_owned), heading: heading.into(), text: text.into() }
}

fn article(
    url: &str,
    title: &str,
    section_title: &str,
    audience: &[&str],
    summary: &str,
    sections: Vec<DocSection>,
) -> SearchDoc {
    SearchDoc {
        url: url.into(),
        title: title.into(),
        kind: DocKind::Article,
        section: section_title.into(),
        audience: audience.iter().map(|a| a.to_string()).collect(),
        terms: vec![],
        summary: summary.into(),
        asks: Vec::new(),
        sections,
    }
}

fn term(slug: &str, terms: &[&str], short: &str, body: &str) -> SearchDoc {
    SearchDoc {
        url: format!("glossary/#{slug}"),
        title: capitalise(terms[0]),
        kind: DocKind::Term,
        section: "Glossary".into(),
        audience: vec![],
        terms: terms.iter().map(|t| t.to_string()).collect(),
        summary: short.into(),
        asks: Vec::new(),
        sections: vec![section(None, "", body)],
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Eight articles and three glossary terms about the therapeutic relationship.
pub(crate) fn therapy_docs() -> Vec<SearchDoc> {
    vec![
        article(
            "articles/components/working-alliance/",
            "The working alliance",
            "Components",
            &["clients", "students"],
            "Bordin's three parts of collaboration: agreement on goals, agreement on tasks, and the bond.",
            vec![
                section(
                    None,
                    "",
                    "The alliance is the collaborative side of the relationship between a client and a therapist. It predicts outcomes across many kinds of therapy.",
                ),
                section(
                    Some("goals"),
                    "Goals",
                    "Client and therapist agree on what they are working towards and check that agreement as therapy goes on.",
                ),
                section(
                    Some("tasks"),
                    "Tasks",
                    "They agree on what happens in sessions: the homework, the exercises, the conversations.",
                ),
                section(
                    Some("bond"),
                    "Bond",
                    "Trust, liking and respect between the two people make the work possible.",
                ),
                section(
                    Some("ruptures-and-repair"),
                    "Ruptures and repair",
                    "A rupture is a strain in the collaboration. Talking about it openly, and repairing it, often deepens the work.",
                ),
            ],
        ),
        article(
            "articles/components/empathy/",
            "Empathy",
            "Components",
            &["clients", "students", "clinicians"],
            "Understanding a client's inner world from the inside, and showing that understanding.",
            vec![
                section(
                    None,
                    "",
                    "Carl Rogers named accurate empathic understanding as a core condition of change.",
                ),
                section(
                    Some("listening"),
                    "Listening closely",
                    "Reflective listening checks understanding: the therapist says back what they heard, in fresh words.",
                ),
                section(
                    Some("evidence"),
                    "What the evidence says",
                    "Meta-analyses find a moderate link between a therapist's empathic skill and how well clients do.",
                ),
            ],
        ),
        article(
            "articles/components/acceptance/",
            "Acceptance without conditions",
            "Components",
            &["students"],
            "Valuing the client as a person, whatever they bring to the session.",
            vec![
                section(
                    None,
                    "",
                    "Rogers called this stance unconditional positive regard: warmth that does not depend on the client's choices.",
                ),
                section(
                    Some("limits"),
                    "Limits of acceptance",
                    "Accepting a person is not approving every action. Therapists still name harm.",
                ),
            ],
        ),
        article(
            "articles/ethics/confidentiality/",
            "Confidentiality and its limits",
            "Ethics",
            &["clients"],
            "What stays in the room, and the rare cases where a therapist must share information.",
            vec![
                section(
                    None,
                    "",
                    "Confidentiality lets clients speak freely. It is protected by professional codes and by law.",
                ),
                section(
                    Some("exceptions"),
                    "Exceptions",
                    "Serious risk of harm to the client or to others can require a therapist to break confidentiality.",
                ),
            ],
        ),
        article(
            "articles/practice/teletherapy/",
            "Teletherapy",
            "Practice",
            &["clients", "clinicians"],
            "Therapy over a screen: what changes and what stays the same.",
            vec![
                section(
                    None,
                    "",
                    "Sessions held online can build as strong a relationship as sessions in a room.",
                ),
                section(
                    Some("tips"),
                    "Tips for online sessions",
                    "Find a private room, test the connection, and agree on what to do if the call drops.",
                ),
            ],
        ),
        article(
            "articles/practice/transference/",
            "Transference and countertransference",
            "Practice",
            &["students", "clinicians"],
            "Feelings from earlier relationships that show up in the therapy room, on both sides.",
            vec![
                section(
                    None,
                    "",
                    "A client may react to the therapist as to a parent; the therapist may react in turn.",
                ),
                section(
                    Some("working-with-it"),
                    "Working with it",
                    "Noticing these reactions and talking about them can deepen understanding.",
                ),
            ],
        ),
        article(
            "articles/practice/first-session/",
            "Your first session",
            "Practice",
            &["clients"],
            "What to expect when you meet a therapist for the first time.",
            vec![
                section(
                    None,
                    "",
                    "The first meeting is mostly about getting to know each other and agreeing how to work.",
                ),
                section(
                    Some("questions"),
                    "Questions to ask",
                    "Ask about confidentiality, about fees, and about how the therapist works. A good therapist offers UPR from the start.",
                ),
            ],
        ),
        article(
            "articles/research/outcomes/",
            "What predicts therapy outcomes",
            "Research",
            &["students", "clinicians"],
            "Research on why therapy works: the relationship matters as much as the method.",
            vec![
                section(
                    None,
                    "",
                    "Across hundreds of studies, the therapeutic alliance predicts outcomes about as well as any technique. Empathy and positive regard also matter.",
                ),
                section(
                    Some("dropout"),
                    "Dropout",
                    "About one client in five stops therapy early; a weak alliance makes dropout more likely.",
                ),
            ],
        ),
        SearchDoc {
            url: "pages/about/".into(),
            title: "About this handbook".into(),
            kind: DocKind::Page,
            section: String::new(),
            audience: vec![],
            terms: vec![],
            summary: "Who wrote it, and why: a naïve question in a café.".into(),
            asks: Vec::new(),
            sections: vec![section(
                Some("languages"),
                "Other languages",
                "Some readers search in German (Straße, Übung), in Greek (ψυχή, ΨΥΧΗ) or with \
                 decomposed accents (cafe\u{301}); the client’s words count too. Words like \
                 constructor, valueOf or toString are ordinary words here.",
            )],
        },
        term(
            "empathy",
            &["empathy", "empathic understanding"],
            "Understanding another person's experience from their point of view.",
            "In therapy, empathy means grasping what the client feels and saying it back accurately.",
        ),
        term(
            "unconditional-positive-regard",
            &["unconditional positive regard", "UPR"],
            "Warm acceptance of a client that does not depend on what they do.",
            "One of the core conditions Carl Rogers described for change in therapy.",
        ),
        term(
            "therapeutic-alliance",
            &["therapeutic alliance", "working alliance", "helping alliance"],
            "The collaborative bond between client and therapist.",
            "Bordin described it as agreement on goals, agreement on tasks, and a bond.",
        ),
    ]
}

/// Build options for the fixture: "video" expands to teletherapy.
pub(crate) fn therapy_options() -> SearchOptions {
    let mut synonyms = BTreeMap::new();
    synonyms.insert("video".to_string(), vec!["teletherapy".to_string()]);
    SearchOptions { synonyms, ..SearchOptions::default() }
}

/// A deterministic pseudo-random sequence (xorshift), so generated sites are reproducible.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Base words for generated text (the benchmark corpus's word list).
const BASES: &str = concat!(
    "ability absorb abstract accurate acid adapt advance algebra align amount analyse angle ",
    "answer apply approach area argue arrange aspect assume atom attach average balance ",
    "barrier basic battery beam behave benefit binary biology blend border boundary branch ",
    "bridge broad buffer build calculate capacity carbon careful carry cause cell centre ",
    "chain change channel charge check chemical choice circle circuit claim classify climate ",
    "cluster code collect colour column combine common compare complete complex compute ",
    "concept condition conduct connect consider constant contain context control convert ",
    "core correct count create crystal current curve cycle data decide decline define degree ",
    "delay demand density depend derive design detail detect develop device diagram differ ",
    "digit direct discover display distance divide domain double draw drive dynamic early ",
    "earth edge effect effort element energy engine enough equal error estimate evaluate ",
    "event evidence exact example exchange expand expect explain express extend factor field ",
    "figure filter final flow focus force form formula fraction frame frequency function ",
    "gain general generate global gradient graph gravity group growth guide habit handle ",
    "harbour heat height history hold identify image impact improve include increase index ",
    "infer input insect inside instance integer interval invert isolate item journey keep ",
    "kernel label layer lead learn length level light limit linear liquid list load local ",
    "logic loop machine magnet maintain manage map margin mass match matrix measure medium ",
    "memory method metric middle mineral minute mirror mixture model module moment motion ",
    "move narrow natural network neutral node noise normal notice number object observe ",
    "obtain ocean offset operate optical orbit order organ origin output oxygen pair ",
    "parallel parameter part particle pass path pattern pause peak period phase physical ",
    "pixel place plane plant point polar pollen position power predict pressure prime probe ",
    "process produce profile project proof property protein prove pulse purpose quality ",
    "quantity query radius random range rate ratio reach react reason record reduce reflect ",
    "region relate release remain repeat report represent require resource result return ",
    "review rhythm river rotate route rule sample scale schema science score search season ",
    "section select sense sequence series shape share shift signal simple single sketch ",
    "slope solid solve sound source space spectrum speed sphere spread stable stage standard ",
    "state static steady step store strategy stream stress structure study subject subtract ",
    "sum supply surface symbol system table target task teach tension term test texture ",
    "theory thermal thread threshold tissue token topic total trace track transfer transform ",
    "travel tree trend trial unit update usage valid value variable vector velocity version ",
    "vertex view volume water wave weight width window yield zone ",
);

/// A vocabulary of `count` English-like words, most frequent first: the base words, then
/// inflections (-s, -ed, -ing), then derived forms, then prefixed forms, each tier shuffled.
/// Inflections share stems with their base, as real text does.
pub(crate) fn word_list(count: usize) -> Vec<String> {
    const INFLECTIONS: &[&str] = &["s", "ed", "ing"];
    const DERIVATIONS: &[&str] = &[
        "er", "ers", "ation", "ations", "al", "ally", "ive", "ness", "ment", "ments", "able", "ist",
    ];
    const PREFIXES: &[&str] = &["re", "un", "pre", "over", "counter", "sub"];
    let bases: Vec<&str> = BASES.split_whitespace().collect();
    let mut rng = Rng::new(7);
    let mut shuffled = |mut tier: Vec<String>| {
        for i in (1..tier.len()).rev() {
            tier.swap(i, rng.below(i + 1));
        }
        tier
    };
    let with = |suffixes: &[&str]| -> Vec<String> {
        bases.iter().flat_map(|b| suffixes.iter().map(move |s| format!("{b}{s}"))).collect()
    };
    let mut out = shuffled(bases.iter().map(|b| b.to_string()).collect());
    out.extend(shuffled(with(INFLECTIONS)));
    out.extend(shuffled(with(DERIVATIONS)));
    let prefixed: Vec<String> =
        PREFIXES.iter().flat_map(|p| out.iter().map(move |w| format!("{p}{w}"))).collect();
    out.extend(shuffled(prefixed));
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|w| seen.insert(w.clone()));
    out.truncate(count);
    out
}

/// Picks Zipf-distributed indexes below `n` (exponent 1), via a cumulative table.
pub(crate) struct Zipf(Vec<f64>);

impl Zipf {
    pub(crate) fn new(n: usize) -> Self {
        let mut acc = 0.0;
        Zipf(
            (1..=n)
                .map(|k| {
                    acc += 1.0 / k as f64;
                    acc
                })
                .collect(),
        )
    }

    pub(crate) fn pick(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.0.partition_point(|&c| c < x).min(self.0.len() - 1)
    }
}

/// `count` articles of about `words` words each, in five sections, drawn from a Zipf
/// distribution over a pseudo-word vocabulary of `vocabulary` words.
pub(crate) fn synthetic_docs(count: usize, words: usize, vocabulary: usize) -> Vec<SearchDoc> {
    let list = word_list(vocabulary);
    let zipf = Zipf::new(list.len());
    let audiences = ["clients", "students", "clinicians"];
    let sections = ["Components", "Practice", "Research", "Ethics"];
    (0..count)
        .map(|i| {
            let mut rng = Rng::new(i as u64 + 1);
            let text = |n: usize, rng: &mut Rng| {
                (0..n).map(|_| list[zipf.pick(rng)].as_str()).collect::<Vec<_>>().join(" ")
            };
            let title = text(3, &mut rng);
            let summary = format!("{}.", text(15, &mut rng));
            let body = (0..5)
                .map(|s| {
                    let heading = text(3, &mut rng);
                    let anchor = (s > 0).then(|| format!("s{s}"));
                    let heading = if s == 0 { String::new() } else { heading };
                    section(anchor.as_deref(), &heading, &format!("{}.", text(words / 5, &mut rng)))
                })
                .collect();
            article(
                &format!("articles/a{i:05}/"),
                &capitalise(&title),
                sections[i % sections.len()],
                &[audiences[i % audiences.len()]],
                &summary,
                body,
            )
        })
        .collect()
}
