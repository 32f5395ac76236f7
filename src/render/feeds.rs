//! Machine-readable outputs: sitemap.xml, robots.txt, the Atom feed of updated articles, and
//! the schema.org JSON-LD for each page's `<head>`.

use crate::content::model::{Date, DocKind};
use crate::ids::DocId;
use crate::output::OutputFile;
use crate::render::Resolved;
use crate::render::{Section, escape_xml};

/// The URLs the sitemap lists, sorted, with each document's last update.
pub(crate) fn sitemap_urls(r: &Resolved<'_>, sections: &[Section]) -> Vec<(String, Option<Date>)> {
    let own = r.site.docs.iter().filter(|d| !d.foreign);
    let mut urls: Vec<(String, Option<Date>)> =
        own.map(|d| (d.url.clone(), d.meta.updated)).collect();
    urls.extend(sections.iter().map(|s| (crate::config::section_url(&s.id), None)));
    urls.extend(r.site.paths.iter().map(|p| (format!("paths/{}/", p.slug), None)));
    urls.extend(["glossary/", "paths/", "map/", "tags/"].map(|u| (u.to_string(), None)));
    urls.sort();
    urls
}

/// sitemap.xml, robots.txt and atom.xml.
pub(crate) fn feeds(r: &Resolved<'_>, sections: &[Section]) -> Vec<OutputFile> {
    let base = r.site.config.base_url();
    let urls: Vec<String> = sitemap_urls(r, sections)
        .into_iter()
        .map(|(url, updated)| {
            let lastmod = updated.map(|d| format!("<lastmod>{d}</lastmod>")).unwrap_or_default();
            format!("  <url><loc>{}</loc>{lastmod}</url>\n", escape_xml(&format!("{base}{url}")))
        })
        .collect();
    let mut files = sitemaps(&base, "", &urls, SITEMAP_MAX_URLS);
    let robots = format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n");
    files.push(OutputFile::bytes("robots.txt", robots));
    files.push(OutputFile::bytes("atom.xml", atom(r)));
    files
}

/// The sitemap protocol's limit of URLs in one file.
pub(crate) const SITEMAP_MAX_URLS: usize = 50_000;

/// `sitemap.xml` listing `urls` (each a written `<url>…</url>` line; `namespaces` adds
/// attributes to `<urlset>`); above `max` URLs it becomes a sitemap index of `sitemap-1.xml`,
/// `sitemap-2.xml`, … of at most `max` URLs each.
pub(crate) fn sitemaps(
    base: &str,
    namespaces: &str,
    urls: &[String],
    max: usize,
) -> Vec<OutputFile> {
    let urlset = |chunk: &[String]| {
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{namespaces}>\n"
        );
        xml.extend(chunk.iter().map(String::as_str));
        xml.push_str("</urlset>\n");
        xml
    };
    if urls.len() <= max {
        return vec![OutputFile::bytes("sitemap.xml", urlset(urls))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (n, chunk) in urls.chunks(max.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape_xml(&format!("{base}{name}"))
        ));
        files.push(OutputFile::bytes(name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile::bytes("sitemap.xml", index));
    files
}

pub(crate) fn atom(r: &Resolved<'_>) -> String {
    let config = &r.site.config;
    let base = format!("{}{}", config.base_url(), r.site.prefix);
    let mut articles: Vec<DocId> =
        r.site.article_ids().filter(|id| r.site.doc(*id).meta.updated.is_some()).collect();
    articles.sort_by(|a, b| {
        let (a, b) = (r.site.doc(*a), r.site.doc(*b));
        b.meta.updated.cmp(&a.meta.updated).then_with(|| a.slug.cmp(&b.slug))
    });
    articles.truncate(config.limits.feed_entries);
    let newest = articles
        .first()
        .and_then(|id| r.site.doc(*id).meta.updated)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    let mut feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}atom.xml\"/>\n  <id>{}</id>\n  <updated>{newest}T00:00:00Z</updated>\n",
        escape_xml(&config.language),
        escape_xml(&config.title),
        escape_xml(&base),
        escape_xml(&base),
        escape_xml(&base),
    );
    for id in articles {
        let doc = r.site.doc(id);
        let url = format!("{base}{}", doc.url);
        let updated = doc.meta.updated.map(|d| d.to_string()).unwrap_or_default();
        feed.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{updated}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape_xml(&doc.meta.title),
            escape_xml(&url),
            escape_xml(&url),
            escape_xml(&doc.meta.summary),
        ));
    }
    feed.push_str("</feed>\n");
    feed
}

/// JSON-LD for a page: `Article`, or `MedicalWebPage` with `lastReviewed` when reviewed.
pub(crate) fn json_ld(
    r: &Resolved<'_>,
    doc: Option<DocId>,
    title: &str,
    description: &str,
    canonical: &str,
) -> String {
    let config = &r.site.config;
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "description": description,
        "inLanguage": config.language,
        "url": canonical,
    });
    if let Some(doc) = doc.map(|id| r.site.doc(id)).filter(|d| d.kind == DocKind::Article) {
        value["@type"] = serde_json::json!(if doc.meta.reviewed.is_some() {
            "MedicalWebPage"
        } else {
            "Article"
        });
        value["headline"] = serde_json::json!(doc.meta.title);
        if let Some(updated) = doc.meta.updated {
            value["dateModified"] = serde_json::json!(updated.to_string());
        }
        if let Some(review) = &doc.meta.reviewed {
            value["lastReviewed"] = serde_json::json!(review.on.to_string());
            value["reviewedBy"] = serde_json::json!({"@type": "Person", "name": review.by});
        }
        if !doc.meta.audience.is_empty() {
            value["audience"] = serde_json::json!(
                doc.meta
                    .audience
                    .iter()
                    .map(|a| serde_json::json!({"@type": "Audience", "audienceType": a}))
                    .collect::<Vec<_>>()
            );
        }
        if !config.organisation.name.is_empty() {
            value["publisher"] =
                serde_json::json!({"@type": "Organization", "name": config.organisation.name});
        }
    }
    // `<` escaped so no text can close the surrounding <script> element.
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(file: &OutputFile) -> String {
        match &file.body {
            crate::output::OutputBody::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
            crate::output::OutputBody::Copy(_) => panic!("a copied file"),
        }
    }

    #[test]
    fn issue_21_sitemap_splits_into_an_index_above_the_limit() {
        let entries: Vec<String> =
            (0..5).map(|i| format!("  <url><loc>https://x.org/a{i}/</loc></url>\n")).collect();
        let one = sitemaps("https://x.org/", "", &entries, 5);
        assert_eq!(one.len(), 1);
        assert!(text(&one[0]).contains("<urlset") && text(&one[0]).contains("a4/"));
        let split = sitemaps("https://x.org/", "", &entries, 2);
        let names: Vec<&str> = split.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
        let index = text(&split[3]);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>https://x.org/sitemap-3.xml</loc>"), "{index}");
        assert_eq!(text(&split[2]).matches("<url>").count(), 1);
        for file in &split {
            roxmltree::Document::parse(&text(file)).expect("well-formed XML");
        }
    }
}
