//! What the REPL needs to know about the lines read so far: whether they make a whole
//! interactive statement, as CPython's interactive mode decides.
//!
//! More lines are needed while a bracket, a triple-quoted string or a backslash continuation is
//! open, and, for a compound statement (`if`, `for`, `while`, `def`, `class`, `try`, `with`,
//! a decorator), until an empty line ends the block (also for a one-line `if x: y`, as
//! CPython's prompt does), or a new statement at the left margin does (an error). A syntax
//! error before the end of what was read ends the statement at once, so that it is reported
//! without waiting for more lines, as CPython's prompt does.

/// The words that start a compound statement.
const COMPOUND: &[&str] = &["if", "for", "while", "def", "class", "try", "with", "async"];

/// Whether the REPL must read another line (`... `) before running `lines`.
///
/// ```
/// use minipy::repl::needs_more;
/// assert!(!needs_more(&["x = 1".into()]));
/// assert!(needs_more(&["x = (1,".into()]));
/// assert!(!needs_more(&["x = (1,".into(), " 2)".into()]));
/// assert!(needs_more(&["def f():".into(), "    return 1".into()]));
/// assert!(!needs_more(&["def f():".into(), "    return 1".into(), "".into()]));
/// assert!(needs_more(&["if x: y".into()]));
/// assert!(needs_more(&["match x:".into(), "    case 1:".into(), "        pass".into()]));
/// assert!(!needs_more(&["match = 3".into()]));
/// assert!(needs_more(&["s = '''a".into()]));
/// assert!(needs_more(&["x = 1 + \\".into()]));
/// ```
pub fn needs_more(lines: &[String]) -> bool {
    let text = lines.join("\n");
    let open = scan(&text);
    if open.in_triple || open.backslash {
        return true;
    }
    // A syntax error before the end of what was read is reported at once, as CPython's
    // prompt does (`while x` with no colon, `x = = 1` inside a block); one at the end of the
    // input (an unclosed bracket, a block with no body yet) may be cured by more lines.
    if let Err(e) = crate::parser::parse_program(&format!("{text}\n")) {
        if (e.line as usize) <= lines.len() && !e.msg.contains("EOF") {
            return false;
        }
    }
    if open.brackets > 0 {
        return true;
    }
    if !starts_block(lines) {
        return false;
    }
    let Some(last) = lines.last().filter(|_| lines.len() > 1) else {
        return true;
    };
    // A block ends with an empty line, or (as an error the parser then reports, at once as
    // CPython does) with a new statement at the left margin.
    !(last.trim().is_empty() || starts_new_statement(lines, last))
}

/// Whether `line`, a line after the first of a block, is not indented and does not carry on
/// the block's statement (`else:`, `except:`, a decorated `def`...).
fn starts_new_statement(lines: &[String], line: &str) -> bool {
    if line.starts_with(|c: char| c.is_whitespace()) || line.trim_start().starts_with('#') {
        return false;
    }
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    // The decorators and the `def` or `class` they decorate are one statement.
    let after_decorator = lines.len() >= 2 && lines[lines.len() - 2].starts_with('@');
    let carries_on = match word.as_str() {
        "else" | "elif" | "except" | "finally" => true,
        "def" | "class" | "async" => after_decorator,
        _ => line.starts_with('@') && after_decorator,
    };
    !carries_on
}

/// The error CPython reports for an interactive input whose block was ended by a new
/// statement at the left margin (`if x:` / `    y` / `z = 1`): invalid syntax at that
/// statement's first token, underlined, as CPython prints it.
///
/// ```
/// let e = minipy::repl::stray_statement("def f():\n    return 1\ndef g():\n").unwrap();
/// assert_eq!(
///     e.to_string(),
///     "  File \"<stdin>\", line 3\n    def g():\n    ^^^\nSyntaxError: invalid syntax\n"
/// );
/// assert!(minipy::repl::stray_statement("if x:\n    y\n\n").is_none());
/// ```
pub fn stray_statement(src: &str) -> Option<crate::Error> {
    let lines: Vec<String> = src.lines().map(String::from).collect();
    if lines.len() < 2 || !starts_block(&lines) {
        return None;
    }
    let n = lines.iter().rposition(|l| !l.trim().is_empty())?;
    let last = &lines[n];
    if n == 0 || scan(&lines[..n].join("\n")) != Open::default() {
        return None;
    }
    if !starts_new_statement(&lines[..=n], last) {
        return None;
    }
    let token = last
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .count()
        .max(1);
    let report = format!(
        "  File \"<stdin>\", line {}\n    {}\n    {}\nSyntaxError: invalid syntax\n",
        n + 1,
        last.trim_end(),
        "^".repeat(token)
    );
    Some(crate::Error::Exception {
        type_name: "SyntaxError".into(),
        message: "invalid syntax".into(),
        report,
    })
}

/// Whether the first line starts a compound statement.
fn starts_block(lines: &[String]) -> bool {
    let Some(first) = lines.first() else {
        return false;
    };
    let first = first.trim_start();
    if first.starts_with('@') {
        return true;
    }
    let word: String = first
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    COMPOUND.contains(&word.as_str()) || (word == "match" && is_match_header(first))
}

/// Whether `line` is the header of a match statement (`match x:`), not an ordinary statement
/// using the soft keyword `match` as a name (`match = 3`): alone, it lacks its indented block.
fn is_match_header(line: &str) -> bool {
    crate::parser::parse_program(&format!("{line}\n")).is_err_and(|e| {
        e.msg
            .starts_with("expected an indented block after 'match'")
    })
}

/// What is still open at the end of some source text.
#[derive(Debug, Default, PartialEq, Eq)]
struct Open {
    /// Unclosed `(`, `[`, `{`.
    brackets: usize,
    /// Inside a triple-quoted string.
    in_triple: bool,
    /// The text ends with a backslash continuation.
    backslash: bool,
}

/// Scans `text` for brackets, strings and comments (a single-quoted string left open at the end
/// of a line is a syntax error for the parser to report, not a reason to read on).
fn scan(text: &str) -> Open {
    let chars: Vec<char> = text.chars().collect();
    let mut open = Open::default();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '(' | '[' | '{' => open.brackets += 1,
            ')' | ']' | '}' => open.brackets = open.brackets.saturating_sub(1),
            '\'' | '"' => {
                let raw = is_raw_prefix(&chars, i);
                let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
                i += if triple { 3 } else { 1 };
                let mut closed = false;
                while i < chars.len() {
                    let d = chars[i];
                    if d == '\\' && !raw {
                        i += 2;
                        continue;
                    }
                    if !triple && d == '\n' {
                        break;
                    }
                    if d == c
                        && (!triple
                            || (chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c)))
                    {
                        i += if triple { 3 } else { 1 };
                        closed = true;
                        break;
                    }
                    i += 1;
                }
                if !closed && triple {
                    open.in_triple = true;
                    return open;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    open.backslash = text.ends_with('\\');
    open
}

/// Whether the quote at `i` follows a string prefix with `r` (a raw string: a backslash does
/// not escape).
fn is_raw_prefix(chars: &[char], i: usize) -> bool {
    let mut j = i;
    let mut raw = false;
    while j > 0 && chars[j - 1].is_ascii_alphabetic() && i - j < 2 {
        j -= 1;
        if matches!(chars[j], 'r' | 'R') {
            raw = true;
        }
    }
    // Only a prefix when it is not the tail of a longer name (`bar'x'` is no raw string).
    let standalone = j == 0 || !(chars[j - 1].is_alphanumeric() || chars[j - 1] == '_');
    raw && standalone
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn brackets_strings_and_comments() {
        assert!(needs_more(&lines(&["f(1,", "  2"])));
        assert!(!needs_more(&lines(&["f(1,", "", "  2)"])));
        assert!(!needs_more(&lines(&["x = '('"])));
        assert!(!needs_more(&lines(&["x = 1  # ("])));
        assert!(!needs_more(&lines(&["x = 'a\\'('"])));
        assert!(needs_more(&lines(&["x = \"\"\"doc", "more"])));
        assert!(!needs_more(&lines(&["x = \"\"\"doc", "more\"\"\""])));
        assert!(!needs_more(&lines(&["x = r'\\'"])));
        assert!(
            !needs_more(&lines(&["x = '"])),
            "an open short string is an error"
        );
        assert!(!needs_more(&lines(&["1 +"])));
        assert!(!needs_more(&lines(&[")"])));
    }

    #[test]
    fn blocks_end_with_an_empty_line() {
        assert!(needs_more(&lines(&["for i in range(3):"])));
        assert!(needs_more(&lines(&["for i in range(3):", "    i"])));
        assert!(!needs_more(&lines(&["for i in range(3):", "    i", "  "])));
        // A decorator waits for the `def` or `class` it decorates.
        assert!(needs_more(&lines(&["@dec"])));
        assert!(needs_more(&lines(&["class A:", "    x = (1,", ""])));
        assert!(!needs_more(&lines(&["iffy = 1"])));
        assert!(!needs_more(&lines(&["print('if')"])));
    }

    #[test]
    fn a_statement_at_the_margin_ends_a_block() {
        assert!(!needs_more(&lines(&["if 1:", "    x = 1", "y = 2"])));
        assert!(needs_more(&lines(&["if 1:", "    x = 1", "else:"])));
        assert!(needs_more(&lines(&[
            "try:",
            "    x",
            "except E:",
            "    y",
            "finally:"
        ])));
        assert!(!needs_more(&lines(&["def f():", "    x", "def g():"])));
        assert!(needs_more(&lines(&["if 1:", "    x = (1,", "2"])));
        assert!(needs_more(&lines(&["if 1:", "# comment"])));
    }

    #[test]
    fn an_error_before_the_end_stops_reading() {
        assert!(!needs_more(&lines(&["while x"])));
        assert!(!needs_more(&lines(&["for"])));
        assert!(!needs_more(&lines(&["if 1:", "    x = = 1"])));
        assert!(!needs_more(&lines(&["x = [1", " 2 3]"])));
        assert!(needs_more(&lines(&["x = [1", " 2 3"])));
        assert!(needs_more(&lines(&["try:", "    pass"])));
        assert!(needs_more(&lines(&["if 1:", "    pass", "else:"])));
        assert!(needs_more(&lines(&["class A:", "    def f(self):"])));
        assert!(needs_more(&lines(&["x = (1,"])));
    }
}
