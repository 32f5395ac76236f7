//! A minimal synchronous W3C WebDriver client: just the commands the browser tests use.
//!
//! Each [`Session`] is its own headless Chromium with a fresh profile (so localStorage never
//! leaks between tests), driven through the shared [`ChromeDriver`]. Commands panic with the
//! WebDriver error on failure (this is test code: a failed command is a failed test); the few
//! that a test may expect to fail have `try_` variants.

use std::fmt;
use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::chromedriver::ChromeDriver;
use crate::http;
use crate::prerequisites::{CHROMIUM, require_file};

/// The key under which WebDriver serialises an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Chromium flags shared by WebDriver sessions and the `--print-to-pdf` runs. Without the
/// background-networking flags Chromium keeps trying to reach Google on this offline machine.
pub(crate) const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
];

/// Special keys (code points from the WebDriver spec's key table).
pub(crate) mod keys {
    /// Tab.
    pub(crate) const TAB: &str = "\u{E004}";
    /// Enter (the main keyboard's Return).
    pub(crate) const ENTER: &str = "\u{E007}";
    /// Escape.
    pub(crate) const ESCAPE: &str = "\u{E00C}";
    /// Space.
    pub(crate) const SPACE: &str = "\u{E00D}";
    /// Arrow down.
    pub(crate) const ARROW_DOWN: &str = "\u{E015}";
}

/// A WebDriver error response (or a transport failure, with `error` = "transport").
#[derive(Debug)]
pub(crate) struct WebDriverError {
    /// The spec's error code, e.g. "no such element".
    pub(crate) error: String,
    /// chromedriver's message.
    pub(crate) message: String,
}

impl fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chromedriver appends a native stack trace after the first line; it only adds noise.
        let first_line = self.message.lines().next().unwrap_or_default();
        write!(f, "{}: {first_line}", self.error)
    }
}

/// One browser session.
pub(crate) struct Session {
    id: String,
    driver: Arc<ChromeDriver>,
    /// Chromium's `--user-data-dir`; removed after the session (and its browser) ended.
    _profile: TempDir,
}

impl Session {
    /// Starts headless Chromium with a fresh profile and a 1280x900 window.
    #[track_caller]
    pub(crate) fn start() -> Session {
        Session::start_with(&[])
    }

    /// As [`Session::start`], with scripts turned off (what a reader without JS sees).
    #[track_caller]
    pub(crate) fn start_without_js() -> Session {
        Session::start_with(&["--blink-settings=scriptEnabled=false"])
    }

    #[track_caller]
    fn start_with(extra: &[&str]) -> Session {
        require_file(Path::new(CHROMIUM));
        let driver = ChromeDriver::shared();
        let profile = tempfile::Builder::new()
            .prefix("attune-chromium-")
            .tempdir()
            .expect("create a temporary Chromium profile directory");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|flag| flag.to_string()).collect();
        args.push("--window-size=1280,900".to_string());
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.extend(extra.iter().map(|flag| flag.to_string()));
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "timeouts": { "script": 60_000, "pageLoad": 30_000, "implicit": 0 },
                    "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
                }
            }
        });
        let value = raw_command(driver.port(), "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("cannot start a Chromium session: {e}"));
        let id = value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("new session response without sessionId: {value}"))
            .to_string();
        Session { id, driver, _profile: profile }
    }

    /// Sends a session command; `path` is relative to `/session/{id}`.
    pub(crate) fn try_command(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, WebDriverError> {
        let path = format!("/session/{}{path}", self.id);
        raw_command(self.driver.port(), method, &path, body)
    }

    #[track_caller]
    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        self.try_command(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path} failed: {e}"))
    }

    /// Loads `url` and waits for its load event.
    #[track_caller]
    pub(crate) fn navigate(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    /// Reloads the current page.
    #[track_caller]
    pub(crate) fn refresh(&self) {
        self.command("POST", "/refresh", Some(&json!({})));
    }

    /// The address of the current page.
    #[track_caller]
    pub(crate) fn current_url(&self) -> String {
        self.command("GET", "/url", None).as_str().unwrap_or_default().to_string()
    }

    /// The first element matching a CSS selector, or `None`.
    #[track_caller]
    pub(crate) fn try_find(&self, css: &str) -> Option<Element<'_>> {
        let body = json!({ "using": "css selector", "value": css });
        match self.try_command("POST", "/element", Some(&body)) {
            Ok(value) => Some(self.element_from(&value)),
            Err(e) if e.error == "no such element" => None,
            Err(e) => panic!("finding {css:?} failed: {e}"),
        }
    }

    /// The first element matching a CSS selector; panics naming the page if there is none.
    #[track_caller]
    pub(crate) fn find(&self, css: &str) -> Element<'_> {
        match self.try_find(css) {
            Some(element) => element,
            None => panic!("no element matches {css:?} on {}", self.current_url()),
        }
    }

    /// Every element matching a CSS selector, in document order.
    #[track_caller]
    pub(crate) fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        let body = json!({ "using": "css selector", "value": css });
        let value = self.command("POST", "/elements", Some(&body));
        value
            .as_array()
            .map(|list| list.iter().map(|v| self.element_from(v)).collect())
            .unwrap_or_default()
    }

    #[track_caller]
    fn element_from(&self, value: &Value) -> Element<'_> {
        let id = value[ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("not an element reference: {value}"))
            .to_string();
        Element { session: self, id }
    }

    /// Runs `script` as a function body with `args` (elements via [`Element::to_arg`]) and
    /// returns what it returns.
    #[track_caller]
    pub(crate) fn execute(&self, script: &str, args: &[Value]) -> Value {
        self.command("POST", "/execute/sync", Some(&json!({ "script": script, "args": args })))
    }

    /// Runs `script` as an async function body: it must call `arguments[arguments.length - 1]`
    /// with its result (within the session's 60 s script timeout).
    #[track_caller]
    pub(crate) fn execute_async(&self, script: &str, args: &[Value]) -> Value {
        self.command("POST", "/execute/async", Some(&json!({ "script": script, "args": args })))
    }

    /// `id` of `document.activeElement` ("" when it has none), for focus assertions.
    #[track_caller]
    pub(crate) fn active_element_id(&self) -> String {
        let value =
            self.execute("return document.activeElement ? document.activeElement.id : ''", &[]);
        value.as_str().unwrap_or_default().to_string()
    }

    /// Presses and releases each key of `keys` in turn on whatever has focus, as a user would
    /// (unlike [`Element::send_keys`], which first focuses an element).
    #[track_caller]
    pub(crate) fn press_keys(&self, keys: &str) {
        let mut actions = Vec::new();
        for key in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": key.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": key.to_string() }));
        }
        let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        self.command("POST", "/actions", Some(&body));
    }

    /// Moves the mouse pointer to `(x, y)` CSS pixels from the centre of `element`, as a user
    /// would (hover styles and mouse events follow).
    #[track_caller]
    pub(crate) fn move_pointer(&self, element: &Element<'_>, x: i64, y: i64) {
        let origin = json!({ ELEMENT_KEY: element.id });
        let moves =
            json!([{ "type": "pointerMove", "duration": 0, "origin": origin, "x": x, "y": y }]);
        let body = json!({ "actions": [{ "type": "pointer", "id": "mouse",
            "parameters": { "pointerType": "mouse" }, "actions": moves }] });
        self.command("POST", "/actions", Some(&body));
    }

    /// The accessible names Chromium computes for the elements matching `css`, in document
    /// order (from its accessibility tree, through DevTools).
    #[track_caller]
    pub(crate) fn accessible_names(&self, css: &str) -> Vec<String> {
        let document = self.devtools("DOM.getDocument", &json!({ "depth": 0 }));
        let root = document["root"]["nodeId"].clone();
        let found =
            self.devtools("DOM.querySelectorAll", &json!({ "nodeId": root, "selector": css }));
        let ids = found["nodeIds"].as_array().cloned().unwrap_or_default();
        ids.iter()
            .map(|id| {
                let tree = self.devtools(
                    "Accessibility.getPartialAXTree",
                    &json!({ "nodeId": id, "fetchRelatives": false }),
                );
                tree["nodes"][0]["name"]["value"].as_str().unwrap_or_default().to_string()
            })
            .collect()
    }

    /// Resizes the window so that the page's `window.innerWidth` is exactly `width` CSS pixels.
    ///
    /// The window rect includes any browser frame, so this measures and corrects once; if the
    /// window cannot get that narrow, it falls back to Chrome's device-metrics emulation.
    #[track_caller]
    pub(crate) fn set_viewport(&self, width: u32, height: u32) {
        let inner_width = || self.execute("return window.innerWidth", &[]).as_i64().unwrap_or(-1);
        let mut outer = i64::from(width);
        for _ in 0..3 {
            let rect = json!({ "width": outer, "height": height });
            self.command("POST", "/window/rect", Some(&rect));
            let inner = inner_width();
            if inner == i64::from(width) {
                return;
            }
            outer += i64::from(width) - inner;
        }
        let metrics =
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false });
        self.devtools("Emulation.setDeviceMetricsOverride", &metrics);
        let inner = inner_width();
        assert_eq!(inner, i64::from(width), "could not make the viewport {width} px wide");
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver's `goog/cdp` extension, for
    /// what WebDriver cannot do (device metrics, emulated print media).
    #[track_caller]
    pub(crate) fn devtools(&self, cmd: &str, params: &Value) -> Value {
        let body = json!({ "cmd": cmd, "params": params });
        self.command("POST", "/goog/cdp/execute", Some(&body))
    }

    /// The current page as a PDF, printed as a reader's print dialog prints it: Chromium's
    /// `Page.printToPDF` with the page's own `@page` size and margins, no browser header or
    /// footer. (WebDriver's "Print Page", `POST /session/{id}/print`, always uses its own page
    /// size, Letter unless told, so it cannot show which paper the page asks for.)
    #[track_caller]
    pub(crate) fn print_pdf(&self) -> Vec<u8> {
        let params = json!({ "preferCSSPageSize": true, "displayHeaderFooter": false });
        let value = self.devtools("Page.printToPDF", &params);
        let encoded = value["data"].as_str().expect("Page.printToPDF returns base64 data");
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .expect("Chromium returns valid base64")
    }

    /// A PNG of the viewport.
    #[track_caller]
    pub(crate) fn screenshot_png(&self) -> Vec<u8> {
        let value = self.command("GET", "/screenshot", None);
        let encoded = value.as_str().expect("a screenshot is a base64 string");
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .expect("chromedriver returns valid base64")
    }

    /// Writes a PNG of the viewport to `path`, creating its folder.
    #[track_caller]
    pub(crate) fn save_screenshot(&self, path: &Path) {
        let png = self.screenshot_png();
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        fs::write(path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Accepts a `confirm()`/`alert()` dialog if one is open; returns whether there was one.
    #[track_caller]
    pub(crate) fn accept_alert_if_any(&self) -> bool {
        match self.try_command("POST", "/alert/accept", Some(&json!({}))) {
            Ok(_) => true,
            Err(e) if e.error == "no such alert" => false,
            Err(e) => panic!("accepting an alert failed: {e}"),
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Quits this session's Chromium. Errors are ignored: the test already has its verdict,
        // and a driver that died took its browsers with it.
        let _ = self.try_command("DELETE", "", None);
    }
}

/// An element of the current page.
pub(crate) struct Element<'s> {
    session: &'s Session,
    id: String,
}

impl Element<'_> {
    #[track_caller]
    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        self.session.command(method, &format!("/element/{}{path}", self.id), body)
    }

    /// This element as a script argument for [`Session::execute`].
    pub(crate) fn to_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    /// Clicks the element's centre (scrolling it into view first).
    #[track_caller]
    pub(crate) fn click(&self) {
        self.command("POST", "/click", Some(&json!({})));
    }

    /// Focuses the element and types `text` (which may hold [`keys`]).
    #[track_caller]
    pub(crate) fn send_keys(&self, text: &str) {
        self.command("POST", "/value", Some(&json!({ "text": text })));
    }

    /// The rendered text, as a user sees it.
    #[track_caller]
    pub(crate) fn text(&self) -> String {
        self.command("GET", "/text", None).as_str().unwrap_or_default().to_string()
    }

    /// A DOM property such as `checked`, `value` or `href` (resolved, absolute).
    #[track_caller]
    pub(crate) fn property(&self, name: &str) -> Value {
        self.command("GET", &format!("/property/{name}"), None)
    }

    /// An HTML attribute as written, or `None` when absent.
    #[track_caller]
    pub(crate) fn attribute(&self, name: &str) -> Option<String> {
        self.command("GET", &format!("/attribute/{name}"), None).as_str().map(str::to_string)
    }
}

/// Sends one WebDriver command and unwraps the spec's `{"value": ...}` envelope.
fn raw_command(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Value, WebDriverError> {
    let bytes = body.map(|b| b.to_string().into_bytes());
    let response = http::send(port, method, path, bytes.as_deref())
        .map_err(|e| WebDriverError { error: "transport".to_string(), message: e.to_string() })?;
    let mut parsed: Value = serde_json::from_slice(&response.body).map_err(|e| WebDriverError {
        error: "invalid response".to_string(),
        message: format!("{e}: {}", String::from_utf8_lossy(&response.body)),
    })?;
    let value = parsed["value"].take();
    if response.status == 200 && value.get("error").is_none() {
        return Ok(value);
    }
    Err(WebDriverError {
        error: value["error"].as_str().unwrap_or("unknown error").to_string(),
        message: value["message"].as_str().unwrap_or_default().to_string(),
    })
}

/// Polls `probe` every 100 ms until it returns `Some`, for at most `timeout`; panics with
/// `what` (and the last observed state from `probe`'s `Err`) when time runs out.
#[track_caller]
pub(crate) fn wait_until<T>(
    what: &str,
    timeout: Duration,
    mut probe: impl FnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        match probe() {
            Ok(found) => return found,
            Err(last) if Instant::now() >= deadline => {
                panic!("timed out after {timeout:?} waiting for {what}; last seen: {last}")
            }
            Err(_) => thread::sleep(Duration::from_millis(100)),
        }
    }
}
