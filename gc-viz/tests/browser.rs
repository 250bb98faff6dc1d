//! The HTML stepper in headless Chromium: the first frame shows, `?frame=N` and `#frame=N`
//! open on a frame, a click on Next advances, and a screenshot is not blank.
//!
//! Needs `/usr/bin/chromium` (or `GC_VIZ_CHROMIUM`); `.ci/run` installs it. Without it the test
//! fails when `CI=true` and is skipped (with a message) otherwise.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browser, if installed.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("GC_VIZ_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.is_file().then_some(path)
}

/// Runs headless Chromium with `extra` arguments on `url`; returns stdout. Kills it after 90 s.
fn run_chromium(browser: &Path, profile: &Path, extra: &[String], url: &str) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        match child.try_wait().expect("wait on chromium") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within 90 s on {url}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    reader.join().expect("reader thread")
}

/// `body[data-current]` of a dumped DOM.
fn current_frame(dom: &str) -> Option<usize> {
    let at = dom.find("data-current=\"")? + "data-current=\"".len();
    dom[at..].split('"').next()?.parse().ok()
}

/// Whether `<section ... id="frame-N" ...>` carries the `hidden` attribute.
fn is_hidden(dom: &str, n: usize) -> bool {
    let marker = format!("id=\"frame-{n}\"");
    let at = dom.find(&marker).expect("frame section in the DOM");
    let tag_end = at + dom[at..].find('>').expect("tag end");
    dom[at..tag_end].contains("hidden")
}

#[test]
fn stepper_in_headless_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("chromium is not installed (expected at /usr/bin/chromium on CI)");
        }
        eprintln!("skipping stepper_in_headless_chromium: /usr/bin/chromium not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    gc_viz::write_demo("cpython-doc", &out, gc_viz::Renderer::Layout).unwrap();
    let page = out.join("index.html");
    let url = format!("file://{}", page.display());
    let profile = dir.path().join("profile");
    let dump = |suffix: &str| {
        run_chromium(
            &browser,
            &profile,
            &[
                "--virtual-time-budget=3000".to_string(),
                "--dump-dom".to_string(),
            ],
            &format!("{url}{suffix}"),
        )
    };

    // The first frame shows, the others are hidden.
    let dom = dump("");
    assert_eq!(
        current_frame(&dom),
        Some(0),
        "DOM: {}",
        &dom[..dom.len().min(400)]
    );
    assert!(!is_hidden(&dom, 0) && is_hidden(&dom, 1));
    assert!(dom.contains("1 / 9"));

    // `?frame=2` and `#frame=4` open on the second and fourth frames (counted from 1, like
    // the counter and the titles).
    let dom = dump("?frame=2");
    assert_eq!(current_frame(&dom), Some(1));
    assert!(is_hidden(&dom, 0) && !is_hidden(&dom, 1));
    assert!(dom.contains("2 / 9"));
    let dom = dump("#frame=4");
    assert_eq!(current_frame(&dom), Some(3));
    assert!(dom.contains("4 / 9"));

    // Clicking Next (driven by the page's `?click=N`) advances.
    let dom = dump("?click=2");
    assert!(
        dom.contains("data-clicked=\"done\""),
        "the clicks did not run"
    );
    assert_eq!(current_frame(&dom), Some(2));
    assert!(!is_hidden(&dom, 2) && is_hidden(&dom, 0));
    assert!(dom.contains("3 / 9"));

    // A screenshot of the first frame is not blank and shows a generation-0 box.
    let shot = dir.path().join("shot.png");
    run_chromium(
        &browser,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,900".to_string(),
        ],
        &url,
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).expect("screenshot written"));
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    let channels = info.color_type.samples();
    assert!(
        channels >= 3,
        "unexpected PNG colour type {:?}",
        info.color_type
    );
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let background = pixels[pixels.len() / 2 + 7][..3].to_vec();
    let differing = pixels.iter().filter(|p| p[..3] != background[..]).count();
    let distinct: std::collections::BTreeSet<[u8; 3]> =
        pixels.iter().map(|p| [p[0], p[1], p[2]]).collect();
    assert!(
        differing * 100 > pixels.len(),
        "screenshot is nearly uniform ({differing} of {} pixels differ)",
        pixels.len()
    );
    assert!(distinct.len() > 20, "only {} colours", distinct.len());
    // #cfe8ff, the generation-0 fill of the link boxes.
    let gen0 = pixels
        .iter()
        .filter(|p| p[0].abs_diff(0xcf) < 4 && p[1].abs_diff(0xe8) < 4 && p[2].abs_diff(0xff) < 4)
        .count();
    assert!(gen0 > 500, "no generation-0 box visible ({gen0} pixels)");
}
