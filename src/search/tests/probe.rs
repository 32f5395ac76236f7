use super::fixture::{synthetic_docs, word_list};
use crate::search::query::run_query;
use crate::search::{QueryOptions, SearchOptions, build_index};
#[test]
fn probe() {
    let n: usize = std::env::var("PN").ok().and_then(|v| v.parse().ok()).unwrap_or(2500);
    let w: usize = std::env::var("PW").ok().and_then(|v| v.parse().ok()).unwrap_or(150);
    let docs = synthetic_docs(n, w, 20_000);
    let t = std::time::Instant::now();
    let index = build_index(&docs, &SearchOptions::default());
    println!("build {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let files = index.files();
    println!("files {:?}", t.elapsed());
    println!("{:?}", index.stats());
    let size = |p: &str| files.iter().find(|f| f.path == p).map(|f| f.bytes.len()).unwrap_or(0);
    let words = word_list(2000);
    for q in [
        words[0].clone(),
        format!("{} {}", words[3], words[50]),
        words[400].clone(),
        format!("{} {}", words[10], &words[200][..3]),
    ] {
        let (hits, used) = run_query(&index, &q, &QueryOptions::default());
        let total: usize = used.iter().map(|p| size(p)).sum();
        println!("{q:?}: {} hits, {} bytes", hits.len(), total);
        for p in &used {
            print!("{p}={} ", size(p));
        }
        println!();
    }
}
#[test]
fn probe_tok() {
    let docs = synthetic_docs(2000, 800, 20_000);
    let t = std::time::Instant::now();
    let mut n = 0;
    for d in &docs {
        for s in &d.sections {
            let mut o = String::new();
            crate::search::text::push_normalized(&s.text, &mut o);
            n += o.len();
        }
    }
    println!("normalize {:?} {n}", t.elapsed());
    let t = std::time::Instant::now();
    let mut c = 0;
    for d in &docs {
        for s in &d.sections {
            for w in s.text.split(' ') {
                if crate::search::text::is_stop_word(w) {
                    c += 1;
                }
            }
        }
    }
    println!("stop {:?} {c}", t.elapsed());
    let t = std::time::Instant::now();
    let mut total = 0;
    for d in &docs {
        let mut m: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for s in &d.sections {
            for w in s.text.split(' ') {
                *m.entry(w).or_default() += 1;
            }
        }
        total += m.len();
    }
    println!("hash {:?} {total}", t.elapsed());
}
