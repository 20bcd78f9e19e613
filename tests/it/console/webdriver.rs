//! WebDriver, the few commands the browser test needs (W3C protocol over HTTP), and where Chromium
//! and ChromeDriver are.
//!
//! Kept by hand rather than `fantoccini` or `thirtyfour` (issue 18), for what they do to the
//! rest of the build. `fantoccini` 0.22 without TLS adds 22 crates (a second `http`, ICU 1.5
//! beside the tree's ICU 2, two `cookie`s), and its `webdriver` crate turns on syn's `fold` and
//! `visit` features: syn and every proc macro behind serde, tokio, prost and sea-orm then build
//! twice over, once for `cargo build` and once for `cargo test`. `thirtyfour` 0.36 without
//! `reqwest` adds 9 small crates but turns on serde_json's `preserve_order` in test builds,
//! which rebuilds everything over serde_json and changes how the server under test orders JSON
//! objects. These 300 lines of protocol cost neither.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use tokio::net::TcpStream;

use super::http;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub(super) struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    shots: Option<PathBuf>,
}

pub(super) fn chromium() -> Option<(PathBuf, PathBuf)> {
    let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())?;
    let driver = PathBuf::from("/usr/bin/chromedriver");
    driver.exists().then_some((browser, driver))
}

impl Browser {
    pub(super) async fn start(browser: &Path, driver: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(addr).await.is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = std::env::temp_dir().join(format!("sift-chromium-{port}"));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1366,900", format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let mut b = Browser {
            driver: child,
            addr,
            session: String::new(),
            shots: std::env::var_os("SIFT_SCREENSHOTS").map(PathBuf::from),
        };
        let value = b.command("POST", "/session", caps).await;
        b.session = value["sessionId"].as_str().expect("session id").to_owned();
        b
    }

    pub(super) async fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let body = if method == "GET" || method == "DELETE" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let (status, _, raw) = http(
            self.addr,
            method,
            path,
            &[("content-type", "application/json")],
            &body,
        )
        .await;
        let value: Value = serde_json::from_slice(&raw).expect("webdriver json");
        assert_eq!(status, 200, "webdriver {method} {path}: {value}");
        value["value"].clone()
    }

    pub(super) async fn try_command(
        &self,
        method: &str,
        path: &str,
        body: Value,
    ) -> Result<Value, Value> {
        let (status, _, raw) = http(
            self.addr,
            method,
            path,
            &[("content-type", "application/json")],
            body.to_string().as_bytes(),
        )
        .await;
        let value: Value = serde_json::from_slice(&raw).expect("webdriver json");
        if status == 200 {
            Ok(value["value"].clone())
        } else {
            Err(value["value"].clone())
        }
    }

    fn at(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub(super) async fn goto(&self, url: &str) {
        self.command("POST", &self.at("/url"), json!({"url": url}))
            .await;
    }

    /// The element matching `css`, waiting up to 15 s for it to appear.
    pub(super) async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(v) = self
                .try_command(
                    "POST",
                    &self.at("/element"),
                    json!({"using": "css selector", "value": css}),
                )
                .await
            {
                return v[ELEMENT].as_str().expect("element id").to_owned();
            }
            assert!(Instant::now() < deadline, "no element {css:?} appeared");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends `command` to the element matching `css`; finds it again if the page redrew it
    /// in between (a stale element).
    pub(super) async fn on_element(&self, css: &str, command: &str, body: Value) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let id = self.find(css).await;
            match self
                .try_command(
                    "POST",
                    &self.at(&format!("/element/{id}/{command}")),
                    body.clone(),
                )
                .await
            {
                Ok(_) => return,
                Err(e) if e["error"] == "stale element reference" => {
                    assert!(Instant::now() < deadline, "{css:?} kept going stale");
                }
                Err(e) => panic!("{command} on {css:?}: {e}"),
            }
        }
    }

    pub(super) async fn click(&self, css: &str) {
        self.on_element(css, "click", json!({})).await;
    }

    pub(super) async fn type_into(&self, css: &str, text: &str) {
        self.on_element(css, "clear", json!({})).await;
        self.on_element(css, "value", json!({"text": text})).await;
    }

    /// Sets an input's value directly (for widgets such as date pickers that typing cannot
    /// fill the same way in every locale).
    pub(super) async fn set_value(&self, css: &str, value: &str) {
        let id = self.find(css).await;
        self.run(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
            json!([{ ELEMENT: id }, value]),
        )
        .await;
    }

    pub(super) async fn run(&self, script: &str, args: Value) -> Value {
        self.command(
            "POST",
            &self.at("/execute/sync"),
            json!({"script": script, "args": args}),
        )
        .await
    }

    pub(super) async fn run_async(&self, script: &str, args: Value) -> Value {
        self.command(
            "POST",
            &self.at("/execute/async"),
            json!({"script": script, "args": args}),
        )
        .await
    }

    /// Texts of every element matching `css`.
    pub(super) async fn texts(&self, css: &str) -> Vec<String> {
        let v = self
            .run(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);",
                json!([css]),
            )
            .await;
        serde_json::from_value(v).expect("strings")
    }

    /// Waits until `check` holds for the texts of `css`; returns them.
    pub(super) async fn wait_texts(
        &self,
        css: &str,
        what: &str,
        check: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let texts = self.texts(css).await;
            if check(&texts) {
                return texts;
            }
            assert!(Instant::now() < deadline, "{what}: {css:?} shows {texts:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(super) async fn accept_alert(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self
            .try_command("POST", &self.at("/alert/accept"), json!({}))
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "no confirmation dialog");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The request ids of the rows matching `css` (each row carries data-request-id).
    pub(super) async fn row_ids(&self, css: &str) -> Vec<i64> {
        let v = self
            .run(
                "return [...document.querySelectorAll(arguments[0])].map(e => Number(e.dataset.requestId));",
                json!([css]),
            )
            .await;
        serde_json::from_value(v).expect("ids")
    }

    pub(super) async fn screenshot(&self, name: &str) {
        let Some(dir) = &self.shots else { return };
        // Let fonts and bars settle before the picture.
        tokio::time::sleep(Duration::from_millis(300)).await;
        // The whole page, up to a limit: grow the window to the page's height for the picture.
        let height = self
            .run("return document.documentElement.scrollHeight;", json!([]))
            .await
            .as_i64()
            .unwrap_or(900);
        let rect = |h: i64| json!({"width": 1366, "height": h.clamp(900, 2400)});
        self.command("POST", &self.at("/window/rect"), rect(height + 140))
            .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let v = self
            .command("GET", &self.at("/screenshot"), json!({}))
            .await;
        self.command("POST", &self.at("/window/rect"), rect(900))
            .await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().expect("base64"))
            .expect("png");
        std::fs::create_dir_all(dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }

    pub(super) async fn quit(self) {
        let _ = self.try_command("DELETE", &self.at(""), json!({})).await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
