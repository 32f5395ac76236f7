//! The skip link is the first thing a keyboard user reaches, and it lands on `<main>`.

use std::time::Duration;

use crate::webdriver::{keys, wait_until};
use crate::{open, site};

#[test]
fn first_tab_focuses_skip_link_and_enter_moves_focus_to_main() {
    let session = open("");
    for path in ["", "articles/components/working-alliance/", "glossary/"] {
        session.navigate(&site::url(path));
        session.press_keys(keys::TAB);
        let focused = session.execute(
            "const el = document.activeElement;
             if (!el || !el.classList.contains('skip-link')) {
               return 'focus is on ' + (el ? el.outerHTML.slice(0, 120) : 'nothing');
             }
             const r = el.getBoundingClientRect();
             if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= innerHeight) {
               return 'the focused skip link is not visible: ' + JSON.stringify(r);
             }
             return el.getAttribute('href');",
            &[],
        );
        assert_eq!(focused, "#main", "/{path}: the first Tab must focus a visible skip link");

        session.press_keys(keys::ENTER);
        wait_until(&format!("/{path}: focus on #main after Enter"), Duration::from_secs(2), || {
            let id = session.active_element_id();
            if id == "main" { Ok(()) } else { Err(format!("focus on #{id}")) }
        });
    }
}
