//! `_minipy`: the few interpreter services the library's Python-source modules need and
//! cannot write in Python: making an instance without running `__init__` (what CPython's
//! `object.__new__` does, for `copy`), and rounding a float to single precision (for
//! `array('f')`).

use super::{float_arg, module, native};
use crate::interp::Interp;
use crate::value::Value;

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
                "f32",
                native("f32", |i, a, _| {
                    let x = float_arg(i, a.first().unwrap_or(&Value::None))?;
                    Ok(Value::Float(x as f32 as f64))
                }),
            ),
        ],
    )
}
