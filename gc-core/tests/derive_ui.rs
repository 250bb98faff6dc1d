//! What `#[derive(Trace)]` must accept, and what it must refuse with a clear message.

#[test]
#[cfg_attr(miri, ignore = "trybuild runs cargo")]
fn derive_ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
