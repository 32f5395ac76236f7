//! The page setup of printable pages (packets and answer keys): the paper size site.yaml picks
//! (`print.paper`, else A4 outside the regions that use Letter) and the page margins' running
//! text, the site's name and the page number, in CSS `@page` margin boxes. It goes inline in
//! those pages only, so a site that never prints pays nothing on its other pages.

use crate::config::SiteConfig;

/// The `@page` rules of a printable page titled `title` (the path's): the paper size and
/// margins; the site's name top left and `title` top right, except on the cover; and
/// "page / pages" bottom right.
pub fn page_setup(config: &SiteConfig, title: &str) -> String {
    let margin = "font:8.5pt/1.3 system-ui,sans-serif;color:#444";
    format!(
        "@page{{size:{size};margin:16mm 15mm 18mm;\
         @top-left{{content:{site};{margin}}}\
         @top-right{{content:{title};{margin}}}\
         @bottom-right{{content:counter(page) \" / \" counter(pages);{margin}}}}}\
         @page:first{{@top-left{{content:none}}@top-right{{content:none}}}}",
        size = config.paper().css(),
        site = css_string(&config.title),
        title = css_string(title),
    )
}

/// `text` as a quoted CSS string that is also safe inside an HTML `<style>` element: quotes,
/// backslashes and control characters escaped, and `<` written `\3c ` so no `</style>` can
/// close the element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_escape_quotes_and_cannot_close_the_style_element() {
        assert_eq!(css_string(r#"A "b" \ c"#), r#""A \"b\" \\ c""#);
        assert_eq!(css_string("x</style>\ny"), "\"x\\3c /style\\3e \\a y\"");
    }

    #[test]
    fn the_paper_size_follows_the_config() {
        let mut config = SiteConfig { title: "Clinic".into(), ..SiteConfig::default() };
        assert!(page_setup(&config, "Path").starts_with("@page{size:A4;"));
        config.print.paper = Some("letter".into());
        let css = page_setup(&config, "Path");
        assert!(css.starts_with("@page{size:letter;"), "{css}");
        assert!(css.contains("@top-left{content:\"Clinic\";"), "{css}");
        assert!(css.contains("@top-right{content:\"Path\";"), "{css}");
    }
}
