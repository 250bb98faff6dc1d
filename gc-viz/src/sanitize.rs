//! Active content out of user-supplied DOT and of the SVG Graphviz makes from it.
//!
//! Graphviz turns some attributes into links, scripts' entry points or file reads in its SVG:
//! `URL`/`href` (and their `edge`, `head`, `tail`, `label` variants) become `<a xlink:href>`
//! (a `javascript:` URL runs when the picture is clicked), `target` names a window,
//! `stylesheet` adds an `<?xml-stylesheet?>` reference, `image`, `imagepath`, `shapefile` and
//! `fontpath` read files, `comment` is copied into the SVG as an XML comment. gc-viz's own DOT
//! uses none of them.
//!
//! [`sanitize_dot`] tokenizes DOT the way Graphviz does (iteratively: quoted strings with
//! escapes and `+` concatenation, `<...>` HTML strings, comments, `#` lines) and writes it back
//! without any assignment of a [`DENIED_ATTRIBUTES`] name; HTML-like labels become plain text
//! (their tags could hold `HREF`). [`sanitize_svg`] then removes, from whatever SVG comes back,
//! links that leave the document, `target`s, event handlers, `<script>` elements and
//! processing instructions other than the XML declaration, and breaks any remaining
//! `javascript:` so nothing can run it.

use crate::Error;

/// Attributes [`sanitize_dot`] removes (compared case-insensitively).
pub const DENIED_ATTRIBUTES: &[&str] = &[
    "url",
    "href",
    "edgeurl",
    "headurl",
    "tailurl",
    "labelurl",
    "edgehref",
    "headhref",
    "tailhref",
    "labelhref",
    "target",
    "edgetarget",
    "headtarget",
    "tailtarget",
    "labeltarget",
    "stylesheet",
    "imagepath",
    "image",
    "shapefile",
    "fontpath",
    "comment",
];

/// One DOT token.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// An identifier or numeral, as written.
    Id(String),
    /// A quoted string, as written (quotes and escapes included).
    Quoted(String),
    /// An HTML string, as written (`<` ... `>`).
    Html(String),
    /// Punctuation or an edge operator (`{`, `=`, `->`, ...), or any other character.
    Punct(String),
}

impl Tok {
    /// The text an identifier or string stands for (quotes and line continuations removed).
    fn value(&self) -> Option<String> {
        match self {
            Tok::Id(s) => Some(s.clone()),
            Tok::Quoted(s) => Some(
                s[1..s.len() - 1]
                    .replace("\\\r\n", "")
                    .replace("\\\n", "")
                    .replace("\\\"", "\""),
            ),
            Tok::Html(s) => Some(s[1..s.len() - 1].to_string()),
            Tok::Punct(_) => None,
        }
    }

    /// Whether this is the punctuation `p`.
    fn is(&self, p: &str) -> bool {
        matches!(self, Tok::Punct(q) if q == p)
    }
}

/// Splits DOT text into tokens, dropping comments and `#` lines.
fn tokenize(dot: &str) -> Result<Vec<Tok>, Error> {
    let c: Vec<char> = dot.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    let mut line = 1usize;
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            line_start = true;
            i += 1;
            continue;
        }
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        let at_line_start = line_start;
        line_start = false;
        if ch == '#' && at_line_start {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '/' && c.get(i + 1) == Some(&'*') {
            i += 2;
            while i < c.len() && !(c[i] == '*' && c.get(i + 1) == Some(&'/')) {
                if c[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            if i >= c.len() {
                return Err(Error::Dot(format!("line {line}: unterminated comment")));
            }
            i += 2;
            continue;
        }
        if ch == '"' {
            let start = i;
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                if i < c.len() && c[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            if i >= c.len() {
                return Err(Error::Dot(format!("line {line}: unterminated string")));
            }
            i += 1;
            toks.push(Tok::Quoted(c[start..i].iter().collect()));
            continue;
        }
        if ch == '<' {
            let start = i;
            let mut depth = 0usize;
            while i < c.len() {
                match c[i] {
                    '<' => depth += 1,
                    '>' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    '\n' => line += 1,
                    _ => {}
                }
                i += 1;
            }
            if i >= c.len() {
                return Err(Error::Dot(format!("line {line}: unterminated HTML string")));
            }
            i += 1;
            toks.push(Tok::Html(c[start..i].iter().collect()));
            continue;
        }
        if ch == '-' && matches!(c.get(i + 1), Some('>') | Some('-')) {
            toks.push(Tok::Punct(c[i..i + 2].iter().collect()));
            i += 2;
            continue;
        }
        let id_char = |x: char| x.is_alphanumeric() || x == '_' || x == '.' || !x.is_ascii();
        if id_char(ch) || (ch == '-' && c.get(i + 1).is_some_and(|x| x.is_ascii_digit())) {
            let start = i;
            i += 1;
            while i < c.len() && id_char(c[i]) {
                i += 1;
            }
            toks.push(Tok::Id(c[start..i].iter().collect()));
            continue;
        }
        toks.push(Tok::Punct(ch.to_string()));
        i += 1;
    }
    Ok(concatenate(toks))
}

/// Joins `"a" + "b"` into one quoted string, as Graphviz does, so that a name or value split
/// into pieces is judged whole.
fn concatenate(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut it = toks.into_iter().peekable();
    while let Some(t) = it.next() {
        if let (Tok::Quoted(q), Some(Tok::Punct(p))) = (&t, it.peek()) {
            if p == "+" {
                let mut joined = q[..q.len() - 1].to_string();
                let mut pending_plus = true;
                while pending_plus {
                    it.next(); // the `+`
                    match it.peek() {
                        Some(Tok::Quoted(next)) => {
                            joined.push_str(&next[1..next.len() - 1]);
                            it.next();
                            pending_plus = matches!(it.peek(), Some(Tok::Punct(p)) if p == "+");
                        }
                        _ => {
                            // A `+` not followed by a string: keep it for Graphviz to reject.
                            joined.push('"');
                            out.push(Tok::Quoted(std::mem::take(&mut joined)));
                            out.push(Tok::Punct("+".into()));
                            break;
                        }
                    }
                }
                if !joined.is_empty() {
                    joined.push('"');
                    out.push(Tok::Quoted(joined));
                }
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// The text of an HTML string without its tags, as a quoted DOT string.
fn html_to_quoted(html: &str) -> String {
    let inner = &html[1..html.len() - 1];
    let mut text = String::new();
    let mut in_tag = false;
    for ch in inner.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    crate::dot::quote(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    )
}

/// Whether a DOT text has no graph at all (empty, or only comments and `#` lines).
pub fn is_blank(dot: &str) -> Result<bool, Error> {
    Ok(tokenize(dot)?.is_empty())
}

/// `dot` without the attributes of [`DENIED_ATTRIBUTES`] and with HTML-like labels turned
/// into plain text (see the module docs). Fails on an unterminated string, HTML string or
/// comment, and on a text with no graph in it.
pub fn sanitize_dot(dot: &str) -> Result<String, Error> {
    let toks = tokenize(dot)?;
    if toks.is_empty() {
        return Err(Error::Dot(
            "the input has no graph (it is empty or only comments)".into(),
        ));
    }
    let mut out = String::with_capacity(dot.len());
    let mut i = 0;
    while i < toks.len() {
        // `name = value [+ value ...]` with a denied name: skip it and one separator.
        if toks.get(i + 1).is_some_and(|t| t.is("=")) {
            if let Some(name) = toks[i].value() {
                let denied = DENIED_ATTRIBUTES
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(name.trim()));
                if denied {
                    i += 2;
                    if i < toks.len() && !matches!(toks[i], Tok::Punct(_)) {
                        i += 1;
                    }
                    if toks.get(i).is_some_and(|t| t.is(",") || t.is(";")) {
                        i += 1;
                    }
                    continue;
                }
            }
        }
        match &toks[i] {
            Tok::Id(s) | Tok::Quoted(s) | Tok::Punct(s) => out.push_str(s),
            Tok::Html(s) => out.push_str(&html_to_quoted(s)),
        }
        let next_is_eq = toks.get(i + 1).is_some_and(|t| t.is("="));
        if toks[i].is(";") || toks[i].is("{") {
            out.push('\n');
        } else if !toks[i].is("=") && !next_is_eq {
            out.push(' ');
        }
        i += 1;
    }
    Ok(out)
}

/// Attribute names [`sanitize_svg`] drops from every tag, besides event handlers (`on...`).
const DENIED_SVG_ATTRIBUTES: &[&str] = &["target"];

/// Whether an SVG attribute may stay: no event handler, no `target`, and links (`href`,
/// `xlink:href`) only to a fragment of the same document.
fn svg_attribute_allowed(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("on") || DENIED_SVG_ATTRIBUTES.contains(&lower.as_str()) {
        return false;
    }
    if lower == "href" || lower.ends_with(":href") {
        return value.trim_start().starts_with('#');
    }
    true
}

/// Rewrites one start tag's text (`<a xlink:href="..." x="1">`) without disallowed
/// attributes.
fn clean_tag(tag: &str) -> String {
    let c: Vec<char> = tag.chars().collect();
    let mut out = String::with_capacity(tag.len());
    let mut i = 0;
    // The tag name.
    while i < c.len() && !c[i].is_whitespace() && c[i] != '>' && c[i] != '/' {
        out.push(c[i]);
        i += 1;
    }
    while i < c.len() {
        if c[i].is_whitespace() {
            i += 1;
            continue;
        }
        if c[i] == '>' || c[i] == '/' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < c.len() && c[i] != '=' && !c[i].is_whitespace() && c[i] != '>' {
            i += 1;
        }
        let name: String = c[start..i].iter().collect();
        let mut value = String::new();
        let mut raw = name.clone();
        if i < c.len() && c[i] == '=' {
            i += 1;
            if i < c.len() && (c[i] == '"' || c[i] == '\'') {
                let q = c[i];
                let vstart = i;
                i += 1;
                while i < c.len() && c[i] != q {
                    i += 1;
                }
                i = (i + 1).min(c.len());
                value = c[vstart + 1..i.saturating_sub(1).max(vstart + 1)]
                    .iter()
                    .collect();
                raw = format!("{name}={}", c[vstart..i].iter().collect::<String>());
            } else {
                let vstart = i;
                while i < c.len() && !c[i].is_whitespace() && c[i] != '>' {
                    i += 1;
                }
                value = c[vstart..i].iter().collect();
                raw = format!("{name}={value}");
            }
        }
        if svg_attribute_allowed(&name, &value) {
            out.push(' ');
            out.push_str(&raw);
        }
    }
    out
}

/// `svg` without active content (see the module docs).
pub fn sanitize_svg(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        if tail.starts_with("<!--") {
            let end = tail.find("-->").map(|e| e + 3).unwrap_or(tail.len());
            out.push_str(&tail[..end]);
            rest = &tail[end..];
        } else if tail.starts_with("<?") {
            let end = tail.find("?>").map(|e| e + 2).unwrap_or(tail.len());
            if tail.starts_with("<?xml ") {
                out.push_str(&tail[..end]);
            }
            rest = &tail[end..];
        } else if tail.starts_with("<!") || tail.starts_with("</") {
            let end = tail.find('>').map(|e| e + 1).unwrap_or(tail.len());
            out.push_str(&tail[..end]);
            rest = &tail[end..];
        } else if tail
            .get(..7)
            .is_some_and(|t| t.eq_ignore_ascii_case("<script"))
        {
            let lower = tail.to_ascii_lowercase();
            let end = lower
                .find("</script>")
                .map(|e| e + "</script>".len())
                .unwrap_or(tail.len());
            rest = &tail[end..];
        } else {
            let end = tail.find('>').map(|e| e + 1).unwrap_or(tail.len());
            out.push_str(&clean_tag(&tail[..end]));
            rest = &tail[end..];
        }
    }
    out.push_str(rest);
    // Whatever text still says `javascript:` (a label, a title) cannot act as a link any
    // more; break the scheme anyway so no later use of the text can either.
    let mut result = String::with_capacity(out.len());
    let lower = out.to_ascii_lowercase();
    let mut last = 0;
    for (at, _) in lower.match_indices("javascript:") {
        result.push_str(&out[last..at + "javascript".len()]);
        result.push_str("&#58;");
        last = at + "javascript:".len();
    }
    result.push_str(&out[last..]);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denied_attributes_are_removed() {
        let dot = "digraph { URL=\"javascript:alert(1)\"; a [href=\"javascript:x\", label=\"a\", \
                   tooltip=\"t\"]; a -> b [\"edgeURL\"=\"java\" + \"script:y\" labelhref=z]; \
                   c [label=<<A HREF=\"javascript:q\">hi</A>>]; stylesheet=\"http://x/s.css\"; \
                   d [\"UR\" + \"L\" = \"javas\" + \"cript:z\", <href>=\"javascript:h\"] }";
        let clean = sanitize_dot(dot).unwrap();
        let lower = clean.to_ascii_lowercase();
        for bad in ["javascript", "href", "url", "stylesheet", "script"] {
            assert!(!lower.contains(bad), "{bad} in {clean}");
        }
        assert!(clean.contains("label=\"a\""), "{clean}");
        assert!(clean.contains("tooltip=\"t\""), "{clean}");
        assert!(clean.contains("label=\"hi\""), "{clean}");
        assert!(clean.contains("a -> b"), "{clean}");
        assert!(clean.contains("d [ ]"), "{clean}");
        // Concatenated strings that are not names are kept, joined.
        let kept = sanitize_dot("digraph { a [label=\"x\" + \"y\"] }").unwrap();
        assert!(kept.contains("label=\"xy\""), "{kept}");
    }

    #[test]
    fn blank_and_broken_input_is_an_error() {
        assert!(sanitize_dot("").is_err());
        assert!(sanitize_dot("// nothing\n/* here */\n# line\n").is_err());
        assert!(sanitize_dot("digraph { a [label=\"x }").is_err());
        assert!(sanitize_dot("digraph { a [label=<x }").is_err());
        assert!(is_blank("  /* c */ ").unwrap());
        assert!(!is_blank("digraph {}").unwrap());
    }

    #[test]
    fn svg_links_scripts_and_handlers_are_removed() {
        let svg = "<?xml version=\"1.0\"?><?xml-stylesheet href=\"http://x/s.css\"?>\
                   <svg><g id=\"a_node1\"><a xlink:href=\"javascript:alert(1)\" \
                   xlink:title=\"t\" target=\"_top\"><text onclick=\"evil()\">JavaScript:x</text>\
                   </a></g><script>alert(2)</script><use href=\"#n1\"/></svg>";
        let clean = sanitize_svg(svg);
        let lower = clean.to_ascii_lowercase();
        assert!(!lower.contains("javascript:"), "{clean}");
        assert!(!lower.contains("stylesheet"), "{clean}");
        assert!(!lower.contains("script>"), "{clean}");
        assert!(!lower.contains("onclick"), "{clean}");
        assert!(!lower.contains("target"), "{clean}");
        assert!(clean.contains("xlink:title=\"t\""), "{clean}");
        assert!(clean.contains("<use href=\"#n1\"/>"), "{clean}");
        assert!(clean.starts_with("<?xml version"), "{clean}");
        // Non-ASCII right after `<` (no panic on a byte that is not a character boundary).
        let odd = sanitize_svg("<svg><éé a=\"1\"/><ü/><</svg>");
        assert!(odd.contains("<éé a=\"1\"/>"), "{odd}");
    }
}
