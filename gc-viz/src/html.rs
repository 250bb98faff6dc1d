//! A single self-contained HTML file that steps through frames: inline SVGs, inline CSS and
//! script, no network.
//!
//! The page honours `#frame=N` and `?frame=N` (counted from 1, like the counter "4 / 9" and
//! the frame titles) to open on a frame, keeps the current frame in the fragment and (counted
//! from 0) in `body[data-current]`, and steps with the Prev/Next buttons or the
//! arrow keys. `?click=N` presses Next N times after load (used by the headless-browser test to
//! check that a click advances). Without script the first frame shows.

use crate::render::inline_svg;

/// One frame of the stepper.
#[derive(Clone, Debug)]
pub struct HtmlFrame {
    /// Heading.
    pub title: String,
    /// Explanation under the heading.
    pub description: String,
    /// The SVG (any renderer's output; ids are namespaced per frame).
    pub svg: String,
}

/// Escapes text for HTML: markup characters as entities, and control characters other than
/// newline and tab (which HTML and XML forbid or hide) as the visible text `\u{0}`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's style sheet.
const STYLE: &str = r#"
body { font-family: system-ui, Helvetica, Arial, sans-serif; margin: 0; background: #fafafa; color: #222; }
header { padding: 12px 20px; background: #263238; color: #fff; }
header h1 { margin: 0 0 4px 0; font-size: 20px; }
header p { margin: 0; font-size: 14px; color: #cfd8dc; }
nav { position: sticky; top: 0; background: #eceff1; padding: 8px 20px; display: flex; gap: 10px; align-items: center; border-bottom: 1px solid #cfd8dc; }
nav button { font-size: 15px; padding: 4px 14px; cursor: pointer; }
nav #counter { font-variant-numeric: tabular-nums; min-width: 70px; text-align: center; }
section.frame { padding: 10px 20px; }
section.frame h2 { font-size: 17px; margin: 6px 0; }
section.frame p.desc { max-width: 900px; font-size: 14px; margin: 0 0 10px 0; }
div.svg { background: #fff; border: 1px solid #ddd; display: inline-block; padding: 6px; max-width: 100%; overflow: auto; }
div.svg svg { max-width: 100%; height: auto; }
"#;

/// The stepping script.
const SCRIPT: &str = r#"
(function () {
  var frames = Array.prototype.slice.call(document.querySelectorAll('section.frame'));
  var prev = document.getElementById('prev');
  var next = document.getElementById('next');
  var counter = document.getElementById('counter');
  var jump = document.getElementById('jump');
  var current = 0;
  function show(i) {
    if (isNaN(i)) { i = 0; }
    i = Math.max(0, Math.min(frames.length - 1, i));
    frames.forEach(function (f, k) { f.hidden = (k !== i); });
    current = i;
    document.body.setAttribute('data-current', String(i));
    counter.textContent = (i + 1) + ' / ' + frames.length;
    prev.disabled = (i === 0);
    next.disabled = (i === frames.length - 1);
    jump.value = String(i);
    if (location.hash !== '#frame=' + (i + 1)) {
      try { history.replaceState(null, '', '#frame=' + (i + 1)); } catch (e) { }
    }
  }
  function requested() {
    var m = /[#&?]frame=(\d+)/.exec(location.hash) || /[?&]frame=(\d+)/.exec(location.search);
    return m ? parseInt(m[1], 10) - 1 : 0;
  }
  prev.addEventListener('click', function () { show(current - 1); });
  next.addEventListener('click', function () { show(current + 1); });
  jump.addEventListener('change', function () { show(parseInt(jump.value, 10)); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowRight' || e.key === 'PageDown') { show(current + 1); }
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') { show(current - 1); }
  });
  window.addEventListener('hashchange', function () { show(requested()); });
  show(requested());
  var clicks = /[?&]click=(\d+)/.exec(location.search);
  if (clicks) {
    var left = parseInt(clicks[1], 10);
    var tick = function () {
      if (left > 0) { left -= 1; next.click(); setTimeout(tick, 20); }
      else { document.body.setAttribute('data-clicked', 'done'); }
    };
    setTimeout(tick, 20);
  }
})();
"#;

/// Writes the stepper page.
pub fn stepper(title: &str, intro: &str, frames: &[HtmlFrame]) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!("<title>{}</title>\n", escape(title)));
    html.push_str(&format!("<style>{STYLE}</style>\n</head>\n"));
    html.push_str(&format!(
        "<body data-current=\"0\" data-frames=\"{}\">\n",
        frames.len()
    ));
    html.push_str(&format!(
        "<header><h1>{}</h1><p>{}</p></header>\n",
        escape(title),
        escape(intro)
    ));
    html.push_str("<nav><button id=\"prev\" type=\"button\">&#9664; Prev</button>");
    html.push_str(&format!(
        "<span id=\"counter\">1 / {}</span><button id=\"next\" type=\"button\">Next &#9654;</button>",
        frames.len()
    ));
    html.push_str("<select id=\"jump\" aria-label=\"frame\">");
    for (i, f) in frames.iter().enumerate() {
        html.push_str(&format!(
            "<option value=\"{i}\">{}</option>",
            escape(&f.title)
        ));
    }
    html.push_str("</select></nav>\n<main>\n");
    for (i, f) in frames.iter().enumerate() {
        html.push_str(&format!(
            "<section class=\"frame\" id=\"frame-{i}\" data-index=\"{i}\"{}>\n",
            if i == 0 { "" } else { " hidden" }
        ));
        html.push_str(&format!("<h2>{}</h2>\n", escape(&f.title)));
        html.push_str(&format!(
            "<p class=\"desc\">{}</p>\n",
            escape(&f.description)
        ));
        html.push_str("<div class=\"svg\">\n");
        html.push_str(&inline_svg(&f.svg, &format!("f{i}-")));
        html.push_str("\n</div>\n</section>\n");
    }
    html.push_str("</main>\n<script>");
    html.push_str(SCRIPT);
    html.push_str("</script>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_has_frames_and_no_network() {
        let frames: Vec<HtmlFrame> = (0..3)
            .map(|i| HtmlFrame {
                title: format!("frame <{i}>"),
                description: "d".into(),
                svg: format!("<?xml version=\"1.0\"?><svg id=\"s\"><text>n{i}</text></svg>"),
            })
            .collect();
        let page = stepper("t", "intro", &frames);
        assert!(page.contains("id=\"frame-2\" data-index=\"2\" hidden"));
        assert!(page.contains("frame &lt;1&gt;"));
        assert!(page.contains("id=\"f1-s\""));
        assert!(!page.contains("src="));
        assert!(!page.contains("<?xml"));
    }
}
