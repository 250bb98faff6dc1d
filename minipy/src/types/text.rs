//! What the methods of `str` and of `bytes`/`bytearray` share, written once over the item
//! type: a `char` of a str or a byte of a bytes.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

/// One item of a text: a `char` of a str, a `u8` of a bytes or bytearray.
pub(crate) trait TextItem: Copy + PartialEq {
    /// The tab, `'\t'`.
    const TAB: Self;
    /// The space, `' '`.
    const SPACE: Self;
    /// Whether the item is a newline or a carriage return (where `expandtabs` starts
    /// column 0 again).
    fn ends_line(self) -> bool;
}

impl TextItem for char {
    const TAB: Self = '\t';
    const SPACE: Self = ' ';
    fn ends_line(self) -> bool {
        matches!(self, '\n' | '\r')
    }
}

impl TextItem for u8 {
    const TAB: Self = b'\t';
    const SPACE: Self = b' ';
    fn ends_line(self) -> bool {
        matches!(self, b'\n' | b'\r')
    }
}

/// `expandtabs(tabsize=8)` of `str`, `bytes` and `bytearray`: `items` into `out`, each tab
/// becoming the spaces up to the next multiple of `tabsize` columns (none when `tabsize <=
/// 0`), a newline or carriage return starting column 0 again. `tabsize` goes through
/// Argument Clinic's `int` converter ([`super::args::c_int_arg`]); a result of more than
/// [`crate::interp::MAX_MATERIALIZE`] items raises `MemoryError` before it is built.
pub(crate) fn expandtabs<T: TextItem>(
    interp: &Interp,
    items: impl IntoIterator<Item = T>,
    tabsize: Option<&Value>,
    out: &mut impl Extend<T>,
) -> PyResult<()> {
    let size = match tabsize {
        Some(v) => i64::from(super::args::c_int_arg(interp, v)?),
        None => 8,
    };
    let limit = crate::interp::MAX_MATERIALIZE;
    let mut len = 0i64;
    let mut col = 0i64;
    for c in items {
        let n = if c == T::TAB {
            if size <= 0 {
                continue;
            }
            size - col % size
        } else {
            1
        };
        if n > limit - len {
            return Err(interp.exc("MemoryError", ""));
        }
        len += n;
        if c == T::TAB {
            out.extend(std::iter::repeat_n(T::SPACE, n as usize));
            col += n;
        } else {
            out.extend(std::iter::once(c));
            col = if c.ends_line() { 0 } else { col + 1 };
        }
    }
    Ok(())
}
