//! Compile-time diagnostics of `#[workflow]` and `#[derive(TaskError)]`: one file per
//! mistake under `tests/ui/<category>/`, each with the `.stderr` rustc prints for it.
//! See `tests/ui/README.md` for the toolchain the `.stderr` files are for.

#[test]
fn each_mistake_reports_its_diagnostic() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/*.rs");
}
