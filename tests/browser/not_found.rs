//! The 404 page under a subpath that `base_url` does not name (the handbook is built without
//! `--base-url`, so its base path is `/`): served at `/handbook/<missing>/`, its stylesheet, its
//! links and its search form must still point into `/handbook/` (issue 18).

use std::time::Duration;

use crate::server::StaticServer;
use crate::site;
use crate::webdriver::{Session, wait_until};

#[test]
fn not_found_page_works_under_a_subpath_without_base_url() {
    let server = StaticServer::start_under(site::built().public.clone(), "handbook");
    let session = Session::start();
    for missing in ["handbook/articles/components/no-such-page/", "handbook/no-such-page"] {
        session.navigate(&server.url(missing));
        wait_until(
            &format!("/{missing}: links moved under /handbook/"),
            Duration::from_secs(5),
            || {
                let found = session.execute(
                "const css = document.querySelector('link[rel=stylesheet]');
                 const home = document.querySelector('main a');
                 const form = document.querySelector('form.site-search');
                 const styled = [...document.styleSheets].some(s => {
                   try { return s.href && s.href.endsWith('/handbook/theme/style.css') && s.cssRules.length > 0; }
                   catch (e) { return false; }
                 });
                 return [css.getAttribute('href'), home.getAttribute('href'),
                         form.getAttribute('action'), String(styled)].join(' ');",
                &[],
            );
                let text = found.as_str().unwrap_or_default().to_string();
                if text == "/handbook/theme/style.css /handbook/ /handbook/search/ true" {
                    Ok(())
                } else {
                    Err(text)
                }
            },
        );
    }
}
