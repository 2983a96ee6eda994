//! Paths, reference paths and intrinsic calls: what parses, what each mistake reports, and
//! canonical text that parses back to the same value.

use proptest::prelude::*;
use serde_json::Number;
use stepfn_core::path::{
    Dynamic, IntrinsicArg, IntrinsicCall, IntrinsicFunction, MAX_NESTING, Path, PathError,
    PathRoot, Segment, TemplatePiece, UnionMember, split_format_template,
};

/// Paths that parse, with their canonical text.
const VALID_PATHS: &[(&str, &str)] = &[
    ("$", "$"),
    ("$$", "$$"),
    ("$.a", "$.a"),
    ("$.a.b.c", "$.a.b.c"),
    ("$$.Execution.Id", "$$.Execution.Id"),
    ("$$.Map.Item.Value", "$$.Map.Item.Value"),
    ("$$.Task.Token", "$$.Task.Token"),
    ("$myVar", "$myVar"),
    ("$myVar.field[0]", "$myVar.field[0]"),
    ("$_x1['a b']", "$_x1['a b']"),
    ("$prénom.nom", "$prénom.nom"),
    ("$['a b']", "$['a b']"),
    ("$[\"a\"]", "$.a"),
    ("$.['a']", "$.a"),
    ("$.abc.['def ghi']", "$.abc['def ghi']"),
    ("$[0]", "$[0]"),
    ("$.a[-1]", "$.a[-1]"),
    ("$.a[ 2 ]", "$.a[2]"),
    ("$.*", "$[*]"),
    ("$[*][*]", "$[*][*]"),
    ("$[ * ]", "$[*]"),
    ("$..a", "$..a"),
    ("$..*", "$..[*]"),
    ("$..[0]", "$..[0]"),
    ("$..['a b']", "$..['a b']"),
    ("$.store..price", "$.store..price"),
    ("$.a[1:3]", "$.a[1:3]"),
    ("$.a[:2]", "$.a[:2]"),
    ("$.a[-2:]", "$.a[-2:]"),
    ("$['a','b']", "$['a','b']"),
    ("$[ 'a' , \"b\" ]", "$['a','b']"),
    ("$[0,1]", "$[0,1]"),
    ("$[0, -1, 2]", "$[0,-1,2]"),
    ("$.a[?(@.x > 1)]", "$.a[?(@.x > 1)]"),
    ("$.jar[?(@.a >= 5)]", "$.jar[?(@.a >= 5)]"),
    ("$[?(@.name == 'a)b]')]", "$[?(@.name == 'a)b]')]"),
    (
        "$[?(@.tags[0] == \"x\" && (@.n < 2))]",
        "$[?(@.tags[0] == \"x\" && (@.n < 2))]",
    ),
    ("$[?(@.name =~ /^a(b/i)]", "$[?(@.name =~ /^a(b/i)]"),
    ("$[ ?( @.a ) ]", "$[?( @.a )]"),
    ("$.detail-type", "$['detail-type']"),
    ("$.a_b", "$.a_b"),
    ("$.a:b", "$['a:b']"),
    ("$.0", "$['0']"),
    ("$.日本", "$['日本']"),
    ("$['it\\'s']", "$['it\\'s']"),
    ("$['back\\\\slash']", "$['back\\\\slash']"),
    ("$['\\u00e9\\n']", "$['\\\\u00e9\\\\n']"),
    ("$['Test\\\"\"Name\"']", "$['Test\\\\\"\"Name\"']"),
    ("$[\"it\\'s\"]", "$['it\\\\\\'s']"),
    ("$[\"say \\\"hi\\\"\"]", "$['say \"hi\"']"),
    ("$.items.length()", "$.items.length()"),
    ("$.a.concat(\"x)\", $.b)", "$.a.concat(\"x)\", $.b)"),
];

/// Paths that do not parse, with a part of the reason.
const INVALID_PATHS: &[(&str, &str)] = &[
    ("", "the path is empty"),
    ("a.b", "a path starts with `$`, found `a`"),
    (" $.a", "whitespace at offset 0"),
    ("$.a ", "whitespace after the path at offset 3"),
    ("$.a b", "write a name with spaces as `['a b']`"),
    ("$.", "the path ends with `.` at offset 1"),
    ("$.a.", "the path ends with `.` at offset 3"),
    ("$.a..", "the path ends with `..` at offset 3"),
    ("$...a", "`...` at offset 1"),
    ("$[", "unclosed `[` at offset 1"),
    ("$.a[0", "unclosed `[` at offset 3"),
    ("$['a", "unclosed quote at offset 2"),
    ("$['a'", "unclosed `[` at offset 1"),
    ("$.a]", "`]` at offset 3 closes nothing"),
    ("$.a)", "`)` at offset 3 closes nothing"),
    ("$[]", "empty `[]` at offset 1"),
    ("$[a]", "expected a quoted name, an index"),
    ("$[0]abc", "unexpected `a` at offset 4"),
    ("$[0,]", "expected an index at offset 4"),
    ("$['a',]", "expected a quoted name at offset 6"),
    ("$['a' 'b']", "expected `]` at offset 6"),
    ("$[1:2:3]", "slice step"),
    ("$[::2]", "slice step"),
    ("$[:]", "needs a start or an end"),
    ("$[-]", "expected digits after the `-`"),
    ("$[99999999999]", "is out of range"),
    ("$[?(@.a]", "`]` at offset 7 closes nothing"),
    ("$[?(@.a)", "unclosed `[` at offset 1"),
    ("$[?()]", "empty filter"),
    ("$[?@.a]", "expected `(` after the `?`"),
    ("$[?(@.a == 'x)]", "unclosed `'`"),
    ("$1", "starts with a digit"),
    ("$-a", "unexpected `-` at offset 1"),
    ("$$$", "unexpected `$` at offset 2"),
    ("$$a", "unexpected `a` at offset 2"),
    ("$.a.foo()", "unknown path function `foo()`"),
    ("$.a.length().b", "a path function must end the path"),
    ("$..length()", "cannot follow `..`"),
    ("$.a.length(", "unclosed `(`"),
    ("$['a\\']", "unclosed quote at offset 2"),
];

#[test]
fn valid_paths_parse_and_print_their_canonical_text() {
    for (text, canonical) in VALID_PATHS {
        let path = Path::parse(text).unwrap_or_else(|e| panic!("`{text}`: {e}"));
        assert_eq!(path.to_string(), *canonical, "canonical text of `{text}`");
        assert_eq!(
            Path::parse(canonical),
            Ok(path),
            "`{canonical}` parses back"
        );
    }
}

#[test]
fn invalid_paths_report_a_syntax_error_with_a_precise_reason() {
    for (text, expected) in INVALID_PATHS {
        match Path::parse(text) {
            Err(PathError::Syntax {
                text: failed,
                reason,
            }) => {
                assert_eq!(failed, *text);
                assert!(
                    reason.contains(expected),
                    "`{text}`: `{reason}` lacks `{expected}`"
                );
            }
            other => panic!("`{text}` gave {other:?}"),
        }
    }
}

#[test]
fn parsed_paths_have_the_expected_structure() {
    let path = Path::parse("$.a['b c'][1]..d[*][1:][?(@.x)]").unwrap();
    assert_eq!(path.root(), &PathRoot::Input);
    assert_eq!(
        path.segments(),
        [
            Segment::Field("a".into()),
            Segment::Field("b c".into()),
            Segment::Index(1),
            Segment::Descendant(Box::new(Segment::Field("d".into()))),
            Segment::Wildcard,
            Segment::Slice {
                start: Some(1),
                end: None,
                step: None
            },
            Segment::Filter("@.x".into()),
        ]
    );

    let union = Path::parse("$$['a','b'][0,2]").unwrap();
    assert_eq!(union.root(), &PathRoot::Context);
    assert_eq!(
        union.segments(),
        [
            Segment::Union(vec![
                UnionMember::Field("a".into()),
                UnionMember::Field("b".into())
            ]),
            Segment::Union(vec![UnionMember::Index(0), UnionMember::Index(2)]),
        ]
    );

    let variable = Path::parse("$order.items").unwrap();
    assert_eq!(variable, Path::variable("order").field("items"));
    assert_eq!(
        Path::parse("$.items.length()").unwrap().segments()[1],
        Segment::Function {
            name: "length".into(),
            args: String::new()
        }
    );
}

#[test]
fn a_backslash_in_a_quoted_name_escapes_only_its_quote_and_itself() {
    // As AWS reads them: `$['Test\""Name"']` selects the key `Test\""Name"` (recorded in
    // tests/conformance/scenario-escape-sequences-jsonpath.json of stepfn-local).
    let cases = [
        (r#"$['Test\""Name"']"#, r#"Test\""Name""#),
        (r"$['it\'s']", "it's"),
        (r#"$["say \"hi\""]"#, r#"say "hi""#),
        (r#"$["it\'s"]"#, r"it\'s"),
        (r"$['back\\slash']", r"back\slash"),
        (r"$['a\nb\u00e9']", r"a\nb\u00e9"),
        (r"$['ends\\']", r"ends\"),
    ];
    for (text, name) in cases {
        let path = Path::parse(text).unwrap_or_else(|e| panic!("`{text}`: {e}"));
        assert_eq!(path.segments(), [Segment::Field(name.into())], "{text}");
    }
}

#[test]
fn reference_paths_allow_only_fields_and_indexes() {
    for text in [
        "$",
        "$.a",
        "$['a b'][0]",
        "$$.Task.Token",
        "$.a[-1]",
        "$var.x",
    ] {
        assert!(
            Path::parse_reference(text).is_ok(),
            "`{text}` is a reference path"
        );
    }
    for text in [
        "$.a[*]",
        "$..a",
        "$.a[1:2]",
        "$['a','b']",
        "$.a[?(@.x)]",
        "$.a.length()",
    ] {
        assert_eq!(
            Path::parse_reference(text),
            Err(PathError::NotReference {
                text: (*text).to_owned()
            }),
            "`{text}` is not a reference path"
        );
    }
}

#[test]
fn the_task_token_path_is_recognised_only_exactly() {
    assert!(Path::parse("$$.Task.Token").unwrap().is_task_token());
    assert!(Path::parse("$$['Task']['Token']").unwrap().is_task_token());
    assert!(!Path::parse("$.Task.Token").unwrap().is_task_token());
    assert!(!Path::parse("$$.Task.Token.x").unwrap().is_task_token());
    assert_eq!(Path::task_token().to_string(), "$$.Task.Token");
}

/// Calls that parse, with their canonical text.
#[rustfmt::skip]
const VALID_CALLS: &[(&str, &str)] = &[
    ("States.Format('Hello {}', $.name)", "States.Format('Hello {}', $.name)"),
    ("States.Format('{} and {}',$.a,$$.Execution.Id)", "States.Format('{} and {}', $.a, $$.Execution.Id)"),
    ("  States.UUID( )  ", "States.UUID()"),
    ("States.Array()", "States.Array()"),
    ("States.Array('Foo', 2020, $.someJson, null, true, false, -1.5, 1e3)",
     "States.Array('Foo', 2020, $.someJson, null, true, false, -1.5, 1000.0)"),
    ("States.Format('\\{\\} {}', $.x)", "States.Format('\\{\\} {}', $.x)"),
    ("States.Format('\\\\{}', $.x)", "States.Format('\\\\{}', $.x)"),
    ("States.Format('it\\'s {}', $var)", "States.Format('it\\'s {}', $var)"),
    ("States.Format('a } b')", "States.Format('a } b')"),
    ("States.StringSplit('a\\{b', '\\\\')", "States.StringSplit('a\\{b', '\\\\')"),
    ("States.StringSplit($.s, '{')", "States.StringSplit($.s, '\\{')"),
    ("States.JsonToString($['detail-type'])", "States.JsonToString($['detail-type'])"),
    ("States.ArrayGetItem(States.StringSplit($.arn, '/'), 2)",
     "States.ArrayGetItem(States.StringSplit($.arn, '/'), 2)"),
    ("States.MathRandom(1, 100)", "States.MathRandom(1, 100)"),
    ("States.MathRandom($.start, 999, $.seed)", "States.MathRandom($.start, 999, $.seed)"),
    ("States.MathAdd($.value1, -1)", "States.MathAdd($.value1, -1)"),
    ("States.Hash($.data, 'SHA-256')", "States.Hash($.data, 'SHA-256')"),
    ("States.Hash('abc', 'md5')", "States.Hash('abc', 'md5')"),
    ("States.ArrayRange(1, 9, 2)", "States.ArrayRange(1, 9, 2)"),
    ("States.ArrayRange(0, 999, 1)", "States.ArrayRange(0, 999, 1)"),
    ("States.ArrayRange(10, 1, -3)", "States.ArrayRange(10, 1, -3)"),
    ("States.JsonMerge($.a, $.b, false)", "States.JsonMerge($.a, $.b, false)"),
    ("States.StringToJson('{\"a\": [1]}')", "States.StringToJson('\\{\"a\": [1]\\}')"),
    ("States.StringToJson(' ')", "States.StringToJson(' ')"),
    ("States.StringToJson('-0')", "States.StringToJson('-0')"),
    ("States.MathAdd(2.5, -0.5)", "States.MathAdd(2.5, -0.5)"),
    ("States.Format('{}', $.a[?(@.b == 'x, y)')])", "States.Format('{}', $.a[?(@.b == 'x, y)')])"),
    ("States.Base64Encode($.input)", "States.Base64Encode($.input)"),
    ("States.ArrayContains($.inputArray, $.lookingFor)", "States.ArrayContains($.inputArray, $.lookingFor)"),
    ("States.ArrayPartition($.inputArray, 4)", "States.ArrayPartition($.inputArray, 4)"),
    ("States.ArrayLength($..items[*])", "States.ArrayLength($..items[*])"),
    ("States.Array($, $$, $v)", "States.Array($, $$, $v)"),
];

/// Calls that do not parse, with the expected error kind and a part of its message.
#[rustfmt::skip]
const INVALID_CALLS: &[(&str, Kind, &str)] = &[
    ("States.Foo(1)", Kind::UnknownFunction, "`States.Foo`"),
    ("States.format('x')", Kind::UnknownFunction, "`States.format`"),
    ("States.Format()", Kind::Arity, "takes at least 1 argument, found 0"),
    ("States.UUID(1)", Kind::Arity, "`States.UUID` takes 0 arguments, found 1"),
    ("States.ArrayLength($.a, $.b)", Kind::Arity, "takes 1 argument, found 2"),
    ("States.MathRandom(1)", Kind::Arity, "takes 2 or 3 arguments, found 1"),
    ("States.MathRandom(1, 2, 3, 4)", Kind::Arity, "found 4"),
    ("States.JsonMerge($.a, $.b)", Kind::Arity, "takes 3 arguments, found 2"),
    ("States.Format('{} {}', $.a)", Kind::Argument, "2 `{}` placeholders but 1 value follows"),
    ("States.Format('{}', $.a, $.b)", Kind::Argument, "1 `{}` placeholder but 2 values follow"),
    ("States.Format('plain', $.a)", Kind::Argument, "0 `{}` placeholders"),
    ("States.Format('{x}', $.a)", Kind::Argument, "is not followed by `}`"),
    ("States.Format(42)", Kind::Argument, "expected a string, found `42`"),
    ("States.Hash($.a, 'SHA-2')", Kind::Argument, "unknown hash algorithm `SHA-2`"),
    ("States.ArrayRange(1, 10, 0)", Kind::Argument, "argument 3 of `States.ArrayRange`"),
    ("States.ArrayRange(0, 1000, 1)", Kind::Argument, "the range has 1001 items"),
    ("States.ArrayPartition($.a, 0)", Kind::Argument, "an integer above 0"),
    ("States.ArrayPartition($.ids, 'ten')", Kind::Argument, "expected an integer, found a string"),
    ("States.ArrayLength('abc')", Kind::Argument, "expected an array, found a string"),
    ("States.ArrayGetItem($.a, -1)", Kind::Argument, "an integer of 0 or more"),
    ("States.ArrayGetItem($.a, 1.5)", Kind::Argument, "expected an integer, found `1.5`"),
    ("States.MathAdd('1', 2)", Kind::Argument, "expected a number, found a string"),
    ("States.JsonMerge($.a, $.b, 'false')", Kind::Argument, "expected `true` or `false`"),
    ("States.JsonMerge(null, $.b, false)", Kind::Argument, "expected an object, found `null`"),
    ("States.StringToJson('not json')", Kind::Argument, "the string is not JSON"),
    ("States.StringSplit($.a, 1)", Kind::Argument, "argument 2 of `States.StringSplit`"),
    ("States.Format('x'", Kind::Intrinsic, "unclosed `(` at offset 13"),
    ("States.Format('x)", Kind::Intrinsic, "unclosed string at offset 14"),
    ("States.Format(\"x\")", Kind::Intrinsic, "use single quotes"),
    ("States.Format('\\n')", Kind::Intrinsic, "unknown escape `\\n` at offset 15"),
    ("States.Format('x') extra", Kind::Intrinsic, "unexpected text after the call at offset 19"),
    ("States.Format('{}', $.detail-type)", Kind::Intrinsic, "needs brackets inside an intrinsic"),
    ("States.Format('{}', $.a b)", Kind::Intrinsic, "expected `,` or `)` at offset 24"),
    ("States.Array($.a.length())", Kind::Intrinsic, "unexpected `(`"),
    ("States.Array($.)", Kind::Intrinsic, "expected a name, `*` or `[`"),
    ("States.Array(01)", Kind::Intrinsic, "leading zero"),
    ("States.Array(1.)", Kind::Intrinsic, "expected digits at offset 15"),
    ("States.Array(1e999)", Kind::Intrinsic, "out of range"),
    ("States.Array(tru)", Kind::Intrinsic, "expected an argument at offset 13"),
    ("States.Array(,)", Kind::Intrinsic, "expected an argument at offset 13"),
    ("States.Array(1,)", Kind::Intrinsic, "expected an argument at offset 15"),
    ("States.", Kind::Intrinsic, "expected a function name after `States.`"),
    ("States.Array", Kind::Intrinsic, "expected `(` after `States.Array`"),
    ("$.a", Kind::Intrinsic, "expected `States.` at offset 0"),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Intrinsic,
    UnknownFunction,
    Arity,
    Argument,
}

fn kind(error: &PathError) -> Option<Kind> {
    match error {
        PathError::Intrinsic { .. } => Some(Kind::Intrinsic),
        PathError::UnknownFunction { .. } => Some(Kind::UnknownFunction),
        PathError::Arity { .. } => Some(Kind::Arity),
        PathError::Argument { .. } => Some(Kind::Argument),
        _ => None,
    }
}

#[test]
fn valid_calls_parse_and_print_their_canonical_text() {
    for (text, canonical) in VALID_CALLS {
        let call = IntrinsicCall::parse(text).unwrap_or_else(|e| panic!("`{text}`: {e}"));
        assert_eq!(call.to_string(), *canonical, "canonical text of `{text}`");
        assert_eq!(
            IntrinsicCall::parse(canonical),
            Ok(call),
            "`{canonical}` parses back"
        );
    }
}

#[test]
fn invalid_calls_report_the_expected_error_kind_and_reason() {
    for (text, expected_kind, expected_message) in INVALID_CALLS {
        let error = IntrinsicCall::parse(text).expect_err(text);
        assert_eq!(
            kind(&error),
            Some(*expected_kind),
            "`{text}` gave {error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(expected_message),
            "`{text}`: `{message}` lacks `{expected_message}`"
        );
    }
}

#[test]
fn long_literal_strings_are_refused_where_aws_limits_them() {
    let long = "a".repeat(10_001);
    let error = IntrinsicCall::parse(&format!("States.Base64Encode('{long}')")).unwrap_err();
    assert_eq!(kind(&error), Some(Kind::Argument));
    assert!(IntrinsicCall::parse(&format!("States.Hash('{}', 'MD5')", &long[1..])).is_ok());
}

fn nested(depth: usize) -> String {
    let mut text = "$.x".to_owned();
    for _ in 0..depth {
        text = format!("States.Array({text})");
    }
    text
}

#[test]
fn calls_nest_at_most_ten_deep() {
    assert!(IntrinsicCall::parse(&nested(MAX_NESTING)).is_ok());
    assert_eq!(
        IntrinsicCall::parse(&nested(11)),
        Err(PathError::TooDeep { depth: 11 })
    );
    assert_eq!(
        IntrinsicCall::parse(&nested(15)),
        Err(PathError::TooDeep { depth: 15 })
    );
    assert!(matches!(
        IntrinsicCall::parse(&nested(100_000)),
        Err(PathError::TooDeep { .. })
    ));
}

#[test]
fn the_aws_example_with_nine_nested_calls_parses_once_its_template_matches_its_values() {
    // The AWS guide's example has three placeholders and two values: AWS accepts the
    // definition, but the call fails on every run, so stepfn reports it.
    let part = |i| {
        format!(
            "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit(\
             $.ImageRecipe.Arn, '/'), 2), '.'), {i})"
        )
    };
    let documented = format!("States.Format('{{}}.{{}}.{{}}', {}, {})", part(0), part(1));
    assert!(matches!(
        IntrinsicCall::parse(&documented),
        Err(PathError::Argument { position: 1, .. })
    ));

    let fixed = format!("States.Format('{{}}.{{}}', {}, {})", part(0), part(1));
    let call = IntrinsicCall::parse(&fixed).unwrap();
    assert_eq!(call.paths().len(), 2);
    assert_eq!(IntrinsicCall::parse(&call.to_string()), Ok(call));
}

#[test]
fn string_arguments_resolve_escapes_except_in_format_templates() {
    let split = IntrinsicCall::parse("States.StringSplit('a\\{b\\'c', '\\\\')").unwrap();
    assert_eq!(
        split.args,
        [
            IntrinsicArg::String("a{b'c".into()),
            IntrinsicArg::String("\\".into())
        ]
    );

    let format = IntrinsicCall::parse("States.Format('\\{\\}\\'{}\\\\', $.x)").unwrap();
    assert_eq!(format.args[0], IntrinsicArg::String("\\{\\}'{}\\\\".into()));
    assert_eq!(
        split_format_template("\\{\\}'{}\\\\"),
        Ok(vec![
            TemplatePiece::Text("{}'".into()),
            TemplatePiece::Placeholder,
            TemplatePiece::Text("\\".into()),
        ])
    );
}

#[test]
fn format_templates_split_into_text_and_placeholders() {
    assert_eq!(split_format_template(""), Ok(vec![]));
    assert_eq!(
        split_format_template("{}{}"),
        Ok(vec![TemplatePiece::Placeholder, TemplatePiece::Placeholder])
    );
    assert!(split_format_template("{ }").is_err());
    assert!(split_format_template("a\\").is_err());
    assert!(split_format_template("\\n").is_err());
}

#[test]
fn every_function_round_trips_through_its_name() {
    for function in IntrinsicFunction::ALL {
        assert_eq!(
            IntrinsicFunction::from_name(function.name()),
            Some(function)
        );
        assert_eq!(function.to_string(), function.name());
        assert!(function.name().starts_with("States."));
    }
    assert_eq!(IntrinsicFunction::Uuid.name(), "States.UUID");
    assert_eq!(IntrinsicFunction::from_name("States.Uuid"), None);
}

#[test]
fn arities_follow_the_aws_documentation() {
    use IntrinsicFunction as F;
    let table = [
        (F::Format, 1, usize::MAX),
        (F::StringToJson, 1, 1),
        (F::JsonToString, 1, 1),
        (F::Array, 0, usize::MAX),
        (F::ArrayPartition, 2, 2),
        (F::ArrayContains, 2, 2),
        (F::ArrayRange, 3, 3),
        (F::ArrayGetItem, 2, 2),
        (F::ArrayLength, 1, 1),
        (F::ArrayUnique, 1, 1),
        (F::Base64Encode, 1, 1),
        (F::Base64Decode, 1, 1),
        (F::Hash, 2, 2),
        (F::JsonMerge, 3, 3),
        (F::MathRandom, 2, 3),
        (F::MathAdd, 2, 2),
        (F::StringSplit, 2, 2),
        (F::Uuid, 0, 0),
    ];
    assert_eq!(table.len(), F::ALL.len());
    for (function, min, max) in table {
        assert_eq!(function.arity(), min..=max, "{function}");
    }
}

#[test]
fn dynamic_values_are_paths_or_calls_and_list_every_path_read() {
    let path = Dynamic::parse("$.a").unwrap();
    assert_eq!(path, Dynamic::Path(Path::input().field("a")));

    let call = Dynamic::parse("States.Format('{}{}', $.a, States.Array($$.b, $c))").unwrap();
    let paths: Vec<String> = call.paths().iter().map(|p| p.to_string()).collect();
    assert_eq!(paths, ["$.a", "$$.b", "$c"]);
    assert_eq!(Dynamic::parse(&call.to_string()), Ok(call));

    assert!(matches!(
        Dynamic::parse("States.Nope()"),
        Err(PathError::UnknownFunction { .. })
    ));
    assert!(matches!(
        Dynamic::parse("nope"),
        Err(PathError::Syntax { .. })
    ));
}

// ---- properties -------------------------------------------------------------------------

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_]{0,6}",
        "[a-z' \\\\\"{}(),.\\[\\]*?@:$é日-]{0,6}",
        any::<String>(),
    ]
}

fn index() -> impl Strategy<Value = i64> {
    (i32::MIN..=i32::MAX).prop_map(i64::from)
}

fn filter() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "@.x > 1",
        " @.a ",
        "@.name == 'a)b]'",
        "@.tags[0] == \"x\" && (@.n < 2)",
        "@.name =~ /^a(b/i",
        "!@.flag",
    ])
    .prop_map(str::to_owned)
}

fn slice() -> impl Strategy<Value = Segment> {
    (prop::option::of(index()), prop::option::of(index()))
        .prop_filter("a slice has a start or an end", |(s, e)| {
            s.is_some() || e.is_some()
        })
        .prop_map(|(start, end)| Segment::Slice {
            start,
            end,
            step: None,
        })
}

fn union() -> impl Strategy<Value = Segment> {
    prop_oneof![
        prop::collection::vec(name().prop_map(UnionMember::Field), 2..4),
        prop::collection::vec(index().prop_map(UnionMember::Index), 2..4),
    ]
    .prop_map(Segment::Union)
}

/// Segments that may follow `..`.
fn inner_segment() -> impl Strategy<Value = Segment> {
    prop_oneof![
        name().prop_map(Segment::Field),
        index().prop_map(Segment::Index),
        Just(Segment::Wildcard),
        slice(),
        union(),
        filter().prop_map(Segment::Filter),
    ]
}

fn segment() -> impl Strategy<Value = Segment> {
    prop_oneof![
        4 => inner_segment(),
        1 => inner_segment().prop_map(|inner| Segment::Descendant(Box::new(inner))),
    ]
}

fn root() -> impl Strategy<Value = PathRoot> {
    prop_oneof![
        Just(PathRoot::Input),
        Just(PathRoot::Context),
        "[a-zA-Z_é][a-zA-Z0-9_é]{0,6}".prop_map(PathRoot::Variable),
    ]
}

fn path_without_function() -> impl Strategy<Value = Path> {
    (root(), prop::collection::vec(segment(), 0..5))
        .prop_map(|(root, segments)| Path::new(root, segments))
}

fn path() -> impl Strategy<Value = Path> {
    let function = prop::option::of((
        prop::sample::select(vec!["length", "sum", "keys", "concat"]),
        prop::sample::select(vec!["", "\"x\"", "1, $.a[0]"]),
    ));
    (path_without_function(), function).prop_map(|(path, function)| match function {
        Some((name, args)) => path.segment(Segment::Function {
            name: name.to_owned(),
            args: args.to_owned(),
        }),
        None => path,
    })
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        any::<f64>().prop_filter_map("finite", Number::from_f64),
    ]
}

fn scalar() -> impl Strategy<Value = IntrinsicArg> {
    prop_oneof![
        any::<String>().prop_map(IntrinsicArg::String),
        "[a-z{}'\\\\ ]{0,8}".prop_map(IntrinsicArg::String),
        number().prop_map(IntrinsicArg::Number),
        any::<bool>().prop_map(IntrinsicArg::Bool),
        Just(IntrinsicArg::Null),
        path_without_function().prop_map(IntrinsicArg::Path),
    ]
}

/// A `States.Format` template as `IntrinsicArg::String` holds it, and its placeholder count.
fn template() -> impl Strategy<Value = (String, usize)> {
    let piece = prop_oneof![
        "[^{}\\\\]".prop_map(|c| (c, 0)),
        Just(("\\{".to_owned(), 0)),
        Just(("\\}".to_owned(), 0)),
        Just(("\\\\".to_owned(), 0)),
        Just(("{}".to_owned(), 1)),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| {
        let count = pieces.iter().map(|(_, n)| n).sum();
        (pieces.into_iter().map(|(text, _)| text).collect(), count)
    })
}

fn call() -> impl Strategy<Value = IntrinsicCall> {
    let leaf = prop_oneof![
        prop::collection::vec(scalar(), 0..4).prop_map(|args| IntrinsicCall {
            function: IntrinsicFunction::Array,
            args
        }),
        Just(IntrinsicCall {
            function: IntrinsicFunction::Uuid,
            args: vec![]
        }),
        template().prop_flat_map(|(template, count)| {
            prop::collection::vec(scalar(), count).prop_map(move |mut values| {
                values.insert(0, IntrinsicArg::String(template.clone()));
                IntrinsicCall {
                    function: IntrinsicFunction::Format,
                    args: values,
                }
            })
        }),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(
                prop_oneof![scalar(), inner.clone().prop_map(IntrinsicArg::Call)],
                0..4
            )
            .prop_map(|args| IntrinsicCall {
                function: IntrinsicFunction::Array,
                args
            }),
            (path_without_function(), inner.clone()).prop_map(|(array, value)| IntrinsicCall {
                function: IntrinsicFunction::ArrayContains,
                args: vec![IntrinsicArg::Path(array), IntrinsicArg::Call(value)],
            }),
            inner.prop_map(|nested| IntrinsicCall {
                function: IntrinsicFunction::JsonToString,
                args: vec![IntrinsicArg::Call(nested)],
            }),
        ]
    })
}

/// Text that looks like paths and calls often enough to reach deep into the readers.
fn path_like_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[$.\\[\\]'\"*?@(),:0-9a-z {}\\\\/-]{0,30}",
        "\\$[$.\\[\\]'\"*?@(),:0-9a-z {}\\\\-]{0,30}",
        "States\\.[A-Za-z]{0,12}\\([$.\\[\\]'\"*?@(),:0-9a-z {}\\\\S-]{0,40}",
    ]
}

proptest! {
    #[test]
    fn generated_paths_print_text_that_parses_back_to_them(path in path()) {
        let text = path.to_string();
        prop_assert_eq!(Path::parse(&text), Ok(path), "{}", text);
    }

    #[test]
    fn generated_calls_print_text_that_parses_back_to_them(call in call()) {
        let text = call.to_string();
        prop_assert_eq!(IntrinsicCall::parse(&text), Ok(call), "{}", text);
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(text in path_like_text()) {
        let _ = Path::parse(&text);
        let _ = IntrinsicCall::parse(&text);
        let _ = Dynamic::parse(&text);
    }

    #[test]
    fn whatever_parses_prints_text_that_parses_back_to_it(text in path_like_text()) {
        if let Ok(value) = Dynamic::parse(&text) {
            prop_assert_eq!(Dynamic::parse(&value.to_string()), Ok(value));
        }
    }
}
