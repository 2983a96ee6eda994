//! Misuses of the typed callback client that must not compile, each with a clear message.
//! Regenerate the expected output with `TRYBUILD=overwrite` and review the diff like code.

#[test]
fn client_misuse_does_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/client/*.rs");
}
