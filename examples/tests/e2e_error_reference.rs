//! The divider's error reference (`/errors`, where every problem `type`
//! points) in a real browser: headless Chromium loads the index and the
//! page of every divider error with no console message (a blocked style or
//! script, a Content-Security-Policy violation, a failed load would each
//! be one), and the document it built has what a reader needs: a row per
//! error in the index, and on each page its advice, its facts, its fields
//! and an example body in each format, with no Rust path.
//!
//! It needs a Chromium: `scripts/chromium.sh install`, then
//! `eval "$(scripts/chromium.sh env)"` before building. Without it the
//! test is reported ignored, with the reason; `.ci/run` installs it and
//! checks that it ran.

mod common;

use std::process::Command;

use errdsl_examples::divider::errors::catalog;

/// What Chromium made of `url`: the DOM it built, and its console messages
/// (which `--enable-logging=stderr` writes as `INFO:CONSOLE` lines).
fn load(chromium: &str, url: &str) -> (String, Vec<String>) {
    let profile = std::env::temp_dir().join(format!("errdsl-chromium-{}", std::process::id()));
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--dump-dom", url])
        .output()
        .expect("run chromium");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(output.status.success(), "{url}: {}", String::from_utf8_lossy(&output.stderr));
    let console = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    (String::from_utf8_lossy(&output.stdout).into_owned(), console)
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(errdsl_chromium),
    ignore = "needs Chromium: scripts/chromium.sh install, then eval \"$(scripts/chromium.sh env)\""
)]
async fn every_page_loads_in_a_browser_without_a_console_message() {
    let chromium = std::env::var("ERRDSL_CHROMIUM")
        .expect("ERRDSL_CHROMIUM was set when this test was built; run eval \"$(scripts/chromium.sh env)\"");
    let servers = common::servers().await;
    let base = format!("{}/errors", servers.http_url());
    let specs = catalog();

    let (chromium_index, url) = (chromium.clone(), base.clone());
    let (index, console) = tokio::task::spawn_blocking(move || load(&chromium_index, &url)).await.unwrap();
    assert_eq!(console, Vec::<String>::new(), "the index");
    for spec in &specs {
        assert!(
            index.contains(&format!("<a href=\"/errors/{0}\"><code>{0}</code></a>", spec.name)),
            "{}",
            spec.name
        );
    }

    for spec in specs {
        let (chromium, url) = (chromium.clone(), format!("{base}/{}", spec.name));
        let (page, console) = tokio::task::spawn_blocking(move || load(&chromium, &url)).await.unwrap();
        let name = spec.name;
        assert_eq!(console, Vec::<String>::new(), "{name}");
        assert!(page.contains(&format!("<h1><code>{name}</code></h1>")), "{name}: {page}");
        for section in
            ["<h2>What to do</h2>", "<h2>Facts</h2>", "<h2>Example: <code>application/json</code></h2>"]
        {
            assert!(page.contains(section), "{name}: {section}");
        }
        assert!(
            page.contains(&format!("<td><code>{}</code></td>", name.to_ascii_uppercase())),
            "{name}: the reason"
        );
        for field in spec.wire_fields {
            assert!(
                page.contains(&format!("<td><code>{}</code></td>", field.name)),
                "{name}: field {}",
                field.name
            );
        }
        // No Rust path, no internal note.
        assert!(!page.contains("super::") && !page.contains("crate::"), "{name}: {page}");
        assert!(!page.contains(">Internal</h"), "{name}: {page}");
        assert!(!page.contains("Goa's example maps it"), "{name}: has_remainder's internal note");
    }
}
