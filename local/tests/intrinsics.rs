//! Every intrinsic function, through a Pass state's Parameters.

mod common;

use common::run;
use serde_json::{Value, json};

fn eval(expression: &str, input: Value) -> Result<Value, (String, String)> {
    let escaped = expression.replace('\\', "\\\\").replace('"', "\\\"");
    let definition = format!(
        r#"{{"StartAt":"P","States":{{"P":{{"Type":"Pass","Parameters":{{"r.$":"{escaped}"}},"End":true}}}}}}"#
    );
    let (_, _, description) = run(&definition, input);
    match description.output {
        Some(output) => Ok(output["r"].clone()),
        None => Err((
            description.error.unwrap_or_default(),
            description.cause.unwrap_or_default(),
        )),
    }
}

#[test]
fn intrinsic_functions_compute_what_aws_documents() {
    let input = json!({"name": "World", "arr": [1, 2, 3, 2], "obj": {"a": 1, "n": {"x": 1}}, "other": {"b": 2, "n": {"y": 2}}, "json": "{\"k\":[1]}"});
    let cases = [
        (
            "States.Format('Hello, {}!', $.name)",
            json!("Hello, World!"),
        ),
        ("States.Format('{} and {}', 1, true)", json!("1 and true")),
        ("States.StringToJson($.json)", json!({"k": [1]})),
        (
            "States.JsonToString($.obj)",
            json!("{\"a\":1,\"n\":{\"x\":1}}"),
        ),
        ("States.Array(1, 'two', $.name)", json!([1, "two", "World"])),
        ("States.ArrayPartition($.arr, 3)", json!([[1, 2, 3], [2]])),
        ("States.ArrayContains($.arr, 3)", json!(true)),
        ("States.ArrayContains($.arr, 9)", json!(false)),
        ("States.ArrayRange(1, 9, 2)", json!([1, 3, 5, 7, 9])),
        ("States.ArrayRange(5, 1, -2)", json!([5, 3, 1])),
        ("States.ArrayGetItem($.arr, 2)", json!(3)),
        ("States.ArrayLength($.arr)", json!(4)),
        ("States.ArrayUnique($.arr)", json!([1, 2, 3])),
        (
            "States.Base64Encode('Data to encode')",
            json!("RGF0YSB0byBlbmNvZGU="),
        ),
        (
            "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')",
            json!("Data to encode"),
        ),
        (
            "States.Hash('input data', 'MD5')",
            json!("812f45842bc6d66ee14572ce20db8e86"),
        ),
        (
            "States.Hash('input data', 'SHA-1')",
            json!("aaff4a450a104cd177d28d18d74485e8cae074b7"),
        ),
        (
            "States.Hash('input data', 'SHA-256')",
            json!("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"),
        ),
        (
            "States.JsonMerge($.obj, $.other, false)",
            json!({"a": 1, "n": {"y": 2}, "b": 2}),
        ),
        ("States.MathAdd(111, -1)", json!(110)),
        ("States.StringSplit('1,2;3', ',;')", json!(["1", "2", "3"])),
        ("States.ArrayLength(States.Array(1, 2))", json!(2)),
    ];
    for (expression, expected) in cases {
        assert_eq!(
            eval(expression, input.clone()),
            Ok(expected),
            "{expression}"
        );
    }
}

#[test]
fn sha_384_and_512_hashes_have_their_lengths() {
    for (algorithm, hex_len) in [("SHA-384", 96), ("SHA-512", 128)] {
        let hash = eval(&format!("States.Hash('x', '{algorithm}')"), json!({})).unwrap();
        assert_eq!(hash.as_str().unwrap().len(), hex_len, "{algorithm}");
    }
}

#[test]
fn random_functions_are_deterministic_for_a_seed() {
    let a = eval("States.MathRandom(1, 1000, 42)", json!({})).unwrap();
    let b = eval("States.MathRandom(1, 1000, 42)", json!({})).unwrap();
    assert_eq!(a, b);
    assert!((1..1000).contains(&a.as_i64().unwrap()));
    let uuid = eval("States.UUID()", json!({})).unwrap();
    let uuid = uuid.as_str().unwrap();
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4");
    assert_eq!(
        eval("States.UUID()", json!({})).unwrap(),
        json!(uuid),
        "same seed, same UUID"
    );
}

#[test]
fn misused_intrinsics_fail_with_intrinsic_failure() {
    // Arguments come from the input: the validator already rejects literal misuse.
    let cases = [
        "States.ArrayGetItem($.arr, $.ten)",
        "States.Format($.two, 1)",
        "States.ArrayPartition($.arr, $.zero)",
        "States.ArrayRange(1, $.big, 1)",
        "States.StringToJson($.text)",
        "States.Hash('x', $.algorithm)",
        "States.MathAdd($.text, 1)",
        "States.Base64Decode($.stars)",
    ];
    let input = json!({"arr": [1], "ten": 10, "two": "{} {}", "zero": 0, "big": 5000, "text": "not json", "algorithm": "SHA-3", "stars": "***"});
    for expression in cases {
        let (error, _) = eval(expression, input.clone()).unwrap_err();
        assert_eq!(error, "States.IntrinsicFailure", "{expression}");
    }
}

#[test]
fn format_writes_objects_and_arrays_as_java_maps_and_lists() {
    // As recorded on AWS (tests/conformance/intrinsic-format-objects.json and
    // intrinsic-format-context-path.json): members in order, strings without quotes.
    let input = json!({
        "obj": {"Arg1": 1, "Arg2": []},
        "nested": {"s": "text", "n": null, "f": 1.5, "b": true, "o": {"x": [1, "a", {}]}},
        "arr": [1, "two", null, [3]],
    });
    let cases = [
        ("States.Format('{}', $.obj)", "{Arg1=1, Arg2=[]}"),
        (
            "States.Format('{}', $.nested)",
            "{s=text, n=null, f=1.5, b=true, o={x=[1, a, {}]}}",
        ),
        ("States.Format('<{}>', $.arr)", "<[1, two, null, [3]]>"),
        (
            "States.Format('{}', $$.StateMachine)",
            "{Id=arn:aws:states:us-east-1:123456789012:stateMachine:Machine, Name=Machine}",
        ),
    ];
    for (expression, expected) in cases {
        assert_eq!(
            eval(expression, input.clone()),
            Ok(json!(expected)),
            "{expression}"
        );
    }
}

#[test]
fn math_add_rounds_each_argument_half_up() {
    // As recorded on AWS (tests/conformance/intrinsic-math-add-*.json): halves go towards
    // positive infinity, and each argument is rounded before the sum.
    let cases = [
        (json!(2.5), json!(0), 3),
        (json!(-2.5), json!(0), -2),
        (json!(-0.5), json!(0.5), 1),
        (json!(1.5), json!(1.51), 4),
        (json!(1.49), json!(-1.51), -1),
        (json!(4.3), json!(59), 63),
        (json!(-9), json!(3), -6),
    ];
    for (a, b, sum) in cases {
        assert_eq!(
            eval("States.MathAdd($.a, $.b)", json!({"a": a, "b": b})),
            Ok(json!(sum)),
            "{a} + {b}"
        );
    }
    // Functions other than States.MathAdd still want integers.
    let (error, _) = eval(
        "States.ArrayGetItem($.arr, $.i)",
        json!({"arr": [1, 2], "i": 0.5}),
    )
    .unwrap_err();
    assert_eq!(error, "States.IntrinsicFailure");
}

#[test]
fn string_to_json_reads_blank_text_as_null_and_minus_zero_as_zero() {
    // As recorded on AWS (tests/conformance/intrinsic-string-to-json-*.json).
    let cases = [
        ("", json!(null)),
        (" ", json!(null)),
        ("\n\t ", json!(null)),
        ("-0", json!(0)),
        (
            "[-0, {\"-0\": -0}, \"a\\\"-0\", -0.0, -0e1, -0.5]",
            json!([0, {"-0": 0}, "a\"-0", -0.0, -0.0, -0.5]),
        ),
        ("1.1", json!(1.1)),
        ("null", json!(null)),
    ];
    for (text, expected) in cases {
        let result = eval("States.StringToJson($.text)", json!({ "text": text }));
        assert_eq!(result, Ok(expected), "{text:?}");
    }
    let zero = eval("States.StringToJson($.text)", json!({"text": "-0"})).unwrap();
    assert!(zero.is_u64(), "an integer, not {zero}");
    for invalid in ["1-0", "-", "- 0", "-01"] {
        let (error, _) =
            eval("States.StringToJson($.text)", json!({ "text": invalid })).unwrap_err();
        assert_eq!(error, "States.IntrinsicFailure", "{invalid:?}");
    }
}
