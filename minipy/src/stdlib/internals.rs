//! `_minipy`: the few interpreter services the library's Python-source modules need and
//! cannot write in Python: making an instance without running `__init__` (what CPython's
//! `object.__new__` does, for `copy`), rounding a float to single precision (for
//! `array('f')`), CPython's integer converters (`types/args.rs`) for arguments the modules
//! check (`deque`'s `maxlen`, `islice`'s indices), and the file and stream operations under
//! `_io` (whole-file reads, appends, the standard streams), with CPython's `OSError`
//! subclasses and messages.

use std::io::{BufRead, Write};

use super::{float_arg, module, native};
use crate::interp::{Ctrl, Interp, PyResult};
use crate::types::args::str_arg;
use crate::value::{PyDict, PyStr, TypeKind, Value};

/// The text argument `n` of `name`.
fn text_arg(i: &Interp, name: &str, a: &[Value], n: usize) -> PyResult<String> {
    match a.get(n) {
        Some(v) => Ok(str_arg(i, v, name, &format!("argument {}", n + 1))?.to_string()),
        None => Err(i.type_error(format!("{name}() missing argument {}", n + 1))),
    }
}

/// The `OSError` subclass CPython raises for `err` on file `path`:
/// `FileNotFoundError: [Errno 2] No such file or directory: 'path'`.
fn os_error(i: &Interp, err: &std::io::Error, path: &str) -> Ctrl {
    let errno = err.raw_os_error().unwrap_or(0);
    let (class, message) = match errno {
        2 => ("FileNotFoundError", "No such file or directory".to_string()),
        13 => ("PermissionError", "Permission denied".to_string()),
        17 => ("FileExistsError", "File exists".to_string()),
        20 => ("NotADirectoryError", "Not a directory".to_string()),
        21 => ("IsADirectoryError", "Is a directory".to_string()),
        _ => {
            // std's text is the C library's message followed by " (os error N)".
            let text = err.to_string();
            let cut = text.find(" (os error").unwrap_or(text.len());
            ("OSError", text[..cut].to_string())
        }
    };
    i.exc_with(
        class,
        vec![
            Value::Int(errno as i64),
            Value::str(&message),
            Value::str(path),
        ],
    )
}

/// A path as the operating system takes it (no NUL inside, as CPython checks).
fn path_arg(i: &Interp, a: &[Value]) -> PyResult<String> {
    let path = text_arg(i, "open", a, 0)?;
    if path.contains('\0') {
        return Err(i.exc("ValueError", "embedded null byte"));
    }
    Ok(path)
}

/// Bytes read from a file or stdin as text: UTF-8, or CPython's `UnicodeDecodeError` message.
fn utf8_text(i: &Interp, bytes: Vec<u8>) -> PyResult<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[at];
        let why = match e.utf8_error().error_len() {
            None => "unexpected end of data",
            Some(_) if (0x80..0xc2).contains(&byte) || byte >= 0xf5 => "invalid start byte",
            Some(_) => "invalid continuation byte",
        };
        i.exc(
            "UnicodeDecodeError",
            &format!("'utf-8' codec can't decode byte {byte:#04x} in position {at}: {why}"),
        )
    })
}

/// `read_file(path, binary=False)`: the whole file as text, or as `bytes` when `binary`.
fn read_file(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let path = path_arg(i, &a)?;
    let bytes = std::fs::read(&path).map_err(|e| os_error(i, &e, &path))?;
    if matches!(a.get(1), Some(Value::Bool(true))) {
        return Ok(crate::interp::bytes::new_bytes(bytes));
    }
    Ok(Value::str(&utf8_text(i, bytes)?))
}

/// `write_file(path, data, kind)`: `kind` 'w' truncates (or creates), 'x' creates a new
/// file (FileExistsError if there is one), 'a' appends; then `data` (text, written as UTF-8,
/// or bytes) is written.
fn write_file(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let path = path_arg(i, &a)?;
    let data = match a.get(1).and_then(crate::interp::bytes::bytes_of) {
        Some(bytes) => bytes,
        None => text_arg(i, "write_file", &a, 1)?.into_bytes(),
    };
    let kind = text_arg(i, "write_file", &a, 2)?;
    let mut options = std::fs::OpenOptions::new();
    match kind.as_str() {
        "w" => options.write(true).create(true).truncate(true),
        "x" => options.write(true).create_new(true),
        _ => options.append(true).create(true),
    };
    let mut file = options.open(&path).map_err(|e| os_error(i, &e, &path))?;
    file.write_all(&data).map_err(|e| os_error(i, &e, &path))?;
    Ok(Value::None)
}

/// `write_stream(fd, text)`: to stdout (fd 1: the program's output, captured when the
/// embedder captures it) or stderr (fd 2).
fn write_stream(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let text = text_arg(i, "write_stream", &a, 1)?;
    match a.first() {
        Some(Value::Int(2)) => {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        }
        _ => i.write_out(&text),
    }
    Ok(Value::None)
}

/// `flush_stream(fd)`.
fn flush_stream(_i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    match a.first() {
        Some(Value::Int(2)) => {
            let _ = std::io::stderr().flush();
        }
        _ => {
            let _ = std::io::stdout().flush();
        }
    }
    Ok(Value::None)
}

/// `environ()`: the process's environment as a new dict (names and values that are not
/// UTF-8 are decoded lossily).
fn environ(_i: &Interp) -> PyResult<Value> {
    let mut d = PyDict::new();
    for (k, v) in std::env::vars_os() {
        let old = d.insert_str(
            PyStr::from(k.to_string_lossy().into_owned()),
            Value::str(&v.to_string_lossy()),
        );
        drop(old);
    }
    Ok(Value::dict(d))
}

/// `getcwd()`.
fn getcwd(i: &Interp) -> PyResult<Value> {
    let dir = std::env::current_dir().map_err(|e| os_error(i, &e, "."))?;
    Ok(Value::str(&dir.to_string_lossy()))
}

/// `listdir(path)`: the names in a directory.
fn listdir(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let path = path_arg(i, &a)?;
    let entries = std::fs::read_dir(&path).map_err(|e| os_error(i, &e, &path))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| os_error(i, &e, &path))?;
        names.push(Value::str(&entry.file_name().to_string_lossy()));
    }
    Ok(Value::list(names))
}

/// `remove(path)`: delete a file.
fn remove(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let path = path_arg(i, &a)?;
    std::fs::remove_file(&path).map_err(|e| os_error(i, &e, &path))?;
    Ok(Value::None)
}

/// `path_kind(path)`: 'file', 'dir', 'other', or None when nothing is there (or it cannot be
/// examined), following symbolic links as `os.path.exists` does.
fn path_kind(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let path = match path_arg(i, &a) {
        Ok(p) => p,
        // `os.path.exists("a\0b")` is False in CPython, not an error.
        Err(_) => return Ok(Value::None),
    };
    Ok(match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => Value::str("file"),
        Ok(m) if m.is_dir() => Value::str("dir"),
        Ok(_) => Value::str("other"),
        Err(_) => Value::None,
    })
}

/// `realpath(path)`: `path` made absolute with its symbolic links resolved, component by
/// component as CPython's non-strict `posixpath.realpath` does: `..` applies after the link
/// before it is resolved, a component that does not exist is kept as it is, and a link loop
/// leaves the rest unresolved.
fn realpath(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    use std::path::{Component, Path, PathBuf};
    let path = path_arg(i, &a)?;
    let mut todo: Vec<std::ffi::OsString> = Vec::new();
    let start = if Path::new(&path).is_absolute() {
        PathBuf::from("/")
    } else {
        std::env::current_dir().map_err(|e| os_error(i, &e, "."))?
    };
    // Components still to resolve, last first (so a link's target is pushed in front).
    let push_all = |todo: &mut Vec<std::ffi::OsString>, p: &Path| {
        for c in p.components().rev() {
            match c {
                Component::Normal(n) => todo.push(n.to_os_string()),
                Component::ParentDir => todo.push("..".into()),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
    };
    push_all(&mut todo, Path::new(&path));
    let mut out = start;
    // CPython gives up on a loop; 40 links is Linux's own limit for one lookup.
    let mut links_left = 40;
    while let Some(c) = todo.pop() {
        if c == ".." {
            out.pop();
            continue;
        }
        let next = out.join(&c);
        match std::fs::symlink_metadata(&next) {
            Ok(m) if m.file_type().is_symlink() && links_left > 0 => {
                links_left -= 1;
                let target = std::fs::read_link(&next).map_err(|e| os_error(i, &e, &path))?;
                if target.is_absolute() {
                    out = PathBuf::from("/");
                }
                push_all(&mut todo, &target);
            }
            _ => out = next,
        }
    }
    Ok(Value::str(&out.to_string_lossy()))
}

/// `getsize(path)`: a file's size in bytes.
fn getsize(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let path = path_arg(i, &a)?;
    let m = std::fs::metadata(&path).map_err(|e| os_error(i, &e, &path))?;
    Ok(Value::Int(m.len() as i64))
}

/// `read_stdin_line()`: the next line of stdin with its newline ('' at the end).
fn read_stdin_line(i: &Interp, _a: Vec<Value>) -> PyResult<Value> {
    let _ = std::io::stdout().flush();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_until(b'\n', &mut bytes)
        .map_err(|e| os_error(i, &e, "<stdin>"))?;
    Ok(Value::str(&utf8_text(i, bytes)?))
}

/// Builds the `_minipy` module.
pub(crate) fn make_module(_interp: &Interp) -> Value {
    module(
        "_minipy",
        vec![
            (
                "new_instance",
                native("new_instance", |i, a, _| match a.first() {
                    Some(Value::Class(c)) => Ok(Value::Instance(i.new_instance_raw(c))),
                    Some(other) => Err(i.type_error(format!(
                        "new_instance() argument must be a class, not {}",
                        other.type_name()
                    ))),
                    None => Err(i.type_error("new_instance() takes exactly one argument".into())),
                }),
            ),
            (
                "main_globals",
                native("main_globals", |i, _, _| {
                    let env = i.main_globals();
                    Ok(Value::Dict(env.as_dict()))
                }),
            ),
            ("read_file", native("read_file", |i, a, _| read_file(i, a))),
            (
                "dict_snapshot",
                native("dict_snapshot", |i, a, _| match (a.first(), a.get(1)) {
                    (Some(Value::Dict(d)), Some(Value::Str(which))) => {
                        Ok(crate::builtins::dict_snapshot(d, which))
                    }
                    (Some(Value::Instance(inst)), Some(Value::Str(which))) => match &inst.base {
                        // A dict subclass's instance holds its dict.
                        Some(Value::Dict(d)) => Ok(crate::builtins::dict_snapshot(d, which)),
                        _ => Err(i.type_error("dict_snapshot() needs a dict".into())),
                    },
                    _ => Err(i.type_error("dict_snapshot() needs a dict".into())),
                }),
            ),
            ("environ", native("environ", |i, _, _| environ(i))),
            ("getcwd", native("getcwd", |i, _, _| getcwd(i))),
            ("listdir", native("listdir", |i, a, _| listdir(i, a))),
            ("remove", native("remove", |i, a, _| remove(i, a))),
            ("path_kind", native("path_kind", |i, a, _| path_kind(i, a))),
            ("getsize", native("getsize", |i, a, _| getsize(i, a))),
            ("realpath", native("realpath", |i, a, _| realpath(i, a))),
            (
                "cpu_count",
                native("cpu_count", |_, _, _| {
                    Ok(std::thread::available_parallelism()
                        .map_or(Value::None, |n| Value::Int(n.get() as i64)))
                }),
            ),
            (
                "write_file",
                native("write_file", |i, a, _| write_file(i, a)),
            ),
            (
                "write_stream",
                native("write_stream", |i, a, _| write_stream(i, a)),
            ),
            (
                "flush_stream",
                native("flush_stream", |i, a, _| flush_stream(i, a)),
            ),
            (
                "read_stdin_line",
                native("read_stdin_line", |i, a, _| read_stdin_line(i, a)),
            ),
            // The combinatoric iterators of `itertools`, native types.
            ("permutations", Value::Type(TypeKind::Permutations)),
            ("combinations", Value::Type(TypeKind::Combinations)),
            (
                "combinations_with_replacement",
                Value::Type(TypeKind::CombinationsWithReplacement),
            ),
            ("product", Value::Type(TypeKind::Product)),
            // `long_as_ssize(v)`: `PyLong_AsSsize_t` (`deque(maxlen=...)`).
            (
                "long_as_ssize",
                native("long_as_ssize", |i, a, _| {
                    let v = a.first().unwrap_or(&Value::None);
                    Ok(Value::Int(crate::types::args::long_as_ssize(i, v)?))
                }),
            ),
            // `ssize_or_none(v)`: `PyNumber_AsSsize_t(v, OverflowError)`, or None where it
            // fails (`islice` clears the error and reads -1).
            (
                "ssize_or_none",
                native("ssize_or_none", |i, a, _| {
                    let v = a.first().unwrap_or(&Value::None);
                    match crate::types::args::index_sized(i, v, "OverflowError") {
                        Ok(Some(n)) => Ok(Value::Int(n)),
                        Ok(None) | Err(Ctrl::Exc(_)) => Ok(Value::None),
                        Err(e) => Err(e),
                    }
                }),
            ),
            (
                "f32",
                native("f32", |i, a, _| {
                    let x = float_arg(i, a.first().unwrap_or(&Value::None))?;
                    Ok(Value::Float(x as f32 as f64))
                }),
            ),
        ],
    )
}
