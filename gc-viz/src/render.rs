//! DOT to SVG: with the pure-Rust layout-rs (always available) or with Graphviz `dot` (when it
//! is on PATH).

use crate::Error;
use std::io::Write;
use std::process::{Command, Stdio};

/// Which renderer turns DOT into SVG.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Renderer {
    /// layout-rs, in process, no system package.
    #[default]
    Layout,
    /// Graphviz `dot -Tsvg`.
    Graphviz,
    /// Graphviz when `dot` is on PATH, else layout-rs.
    Auto,
}

impl Renderer {
    /// `Auto` resolved against the machine: `Layout` or `Graphviz`.
    pub fn resolve(self) -> Renderer {
        match self {
            Renderer::Auto if graphviz_available() => Renderer::Graphviz,
            Renderer::Auto => Renderer::Layout,
            r => r,
        }
    }

    /// The DOT dialect that suits this renderer.
    pub fn dialect(self) -> crate::Dialect {
        match self.resolve() {
            Renderer::Graphviz => crate::Dialect::Graphviz,
            _ => crate::Dialect::Portable,
        }
    }
}

/// Whether Graphviz `dot` can be run.
pub fn graphviz_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Renders DOT text to SVG with `renderer`.
pub fn render_svg(dot: &str, renderer: Renderer) -> Result<String, Error> {
    match renderer.resolve() {
        Renderer::Graphviz => render_with_graphviz(dot),
        _ => render_with_layout(dot),
    }
}

/// Renders DOT text to SVG with layout-rs. Malformed DOT is an [`Error::Dot`]; a panic inside
/// layout-rs (it has a few on inputs it does not support) is caught and reported as
/// [`Error::Layout`].
pub fn render_with_layout(dot: &str) -> Result<String, Error> {
    let text = dot.to_string();
    let result = std::panic::catch_unwind(move || -> Result<String, Error> {
        let mut parser = layout::gv::DotParser::new(&text);
        let graph = parser.process().map_err(|message| Error::Dot(message))?;
        let mut builder = layout::gv::GraphBuilder::new();
        builder.visit_graph(&graph);
        let mut vg = builder.get();
        if vg.num_nodes() == 0 {
            return Err(Error::Layout("the graph has no nodes".into()));
        }
        let mut svg = layout::backends::svg::SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        Ok(svg.finalize())
    });
    match result {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".into());
            Err(Error::Layout(format!("layout-rs failed on this input: {what}")))
        }
    }
}

/// Renders DOT text to SVG with Graphviz `dot -Tsvg`.
pub fn render_with_graphviz(dot: &str) -> Result<String, Error> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Graphviz(format!("cannot run `dot` (is Graphviz installed?): {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(dot.as_bytes())
            .map_err(|e| Error::Graphviz(format!("writing to `dot`: {e}")))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Error::Graphviz(format!("waiting for `dot`: {e}")))?;
    if !out.status.success() {
        return Err(Error::Graphviz(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| Error::Graphviz(format!("non-UTF-8 SVG: {e}")))
}

/// Makes an SVG fit for inlining next to others in one HTML page: drops the XML prolog and
/// DOCTYPE, and prefixes every `id` (and every reference to one: `#id`, `url(#id)`) with
/// `prefix`, so the edge labels of one frame (layout-rs puts them on `textPath`s that point at
/// the edge's path by id) never follow the paths of another frame.
pub fn inline_svg(svg: &str, prefix: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let body = &svg[start..];
    let mut out = String::with_capacity(body.len() + 256);
    let mut rest = body;
    // Rewrite `id="x"`, `href="#x"`, `xlink:href="#x"` and `url(#x)`.
    let patterns: [(&str, &str); 3] = [(" id=\"", "\""), ("href=\"#", "\""), ("url(#", ")")];
    loop {
        let next = patterns
            .iter()
            .filter_map(|(open, _)| rest.find(open).map(|i| (i, *open)))
            .min_by_key(|(i, _)| *i);
        match next {
            Some((i, open)) => {
                let cut = i + open.len();
                out.push_str(&rest[..cut]);
                out.push_str(prefix);
                rest = &rest[cut..];
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_renders_a_small_graph() {
        let svg = render_with_layout("digraph { a -> b [label=\"next\"]; b -> a; c -> c; }")
            .expect("renders");
        assert!(svg.contains("<svg"));
        assert!(svg.contains("next"));
    }

    #[test]
    fn malformed_dot_is_an_error() {
        assert!(matches!(
            render_with_layout("digraph { a -> ; }"),
            Err(Error::Dot(_))
        ));
        assert!(render_with_layout("digraph { a -> b [label=\"x").is_err());
        assert!(render_with_layout("").is_err());
        assert!(render_with_layout("digraph { }").is_err());
    }

    #[test]
    fn inline_prefixes_ids() {
        let s = "<?xml version=\"1.0\"?><svg><path id=\"arrow0\"/><textPath href=\"#arrow0\"/><g marker-end=\"url(#endarrow)\"/></svg>";
        let t = inline_svg(s, "f1-");
        assert!(t.starts_with("<svg>"));
        assert!(t.contains("id=\"f1-arrow0\""));
        assert!(t.contains("href=\"#f1-arrow0\""));
        assert!(t.contains("url(#f1-endarrow)"));
    }
}
