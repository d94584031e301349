//! Compile-fail tests: every error the macros report, as the user reads it.
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite` and read them.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/derive/*.rs");
    t.compile_fail("ui/errors/*.rs");
}
