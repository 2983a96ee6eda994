//! The table of decoder cases: a document (or the body of its `States`) and the shape
//! findings it must give, in order.

/// A name, a document (or `States` body) and the findings it must give, in order, as
/// (code, pointer).
pub(crate) type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

pub(crate) const CASES: &[Case] = &[
    // ---- The document ----
    ("not json", r#"{"StartAt": }"#, &[("invalid-json", "")]),
    ("root is an array", "[1, 2]", &[("invalid-type", "")]),
    ("root is a number", "7", &[("invalid-type", "")]),
    (
        "no StartAt",
        r#"{"States": {"A": {"Type": "Succeed"}}}"#,
        &[("missing-field", "")],
    ),
    ("no States", r#"{"StartAt": "A"}"#, &[("missing-field", "")]),
    (
        "States is an array",
        r#"{"StartAt": "A", "States": []}"#,
        &[("invalid-type", "/States")],
    ),
    (
        "States is empty",
        r#"{"StartAt": "A", "States": {}}"#,
        &[("empty-array", "/States")],
    ),
    (
        "StartAt is a number",
        r#"{"StartAt": 1, "States": {"A": {"Type": "Succeed"}}}"#,
        &[("invalid-type", "/StartAt")],
    ),
    (
        "top-level typo",
        r#"{"Coment": "x", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
        &[("unknown-field", "/Coment")],
    ),
    (
        "top-level QueryLanguage out of set",
        r#"{"QueryLanguage": "JSONATA", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
        &[("invalid-value", "/QueryLanguage")],
    ),
    (
        "top-level TimeoutSeconds fraction",
        r#"{"TimeoutSeconds": 1.5, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
        &[("invalid-type", "/TimeoutSeconds")],
    ),
    (
        "Version is a number",
        r#"{"Version": 1.0, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
        &[("invalid-type", "/Version")],
    ),
    // ---- Types and fields ----
    (
        "state is a string",
        r#""A": "Task""#,
        &[("invalid-type", "/States/A")],
    ),
    (
        "state without Type",
        r#""A": {"End": true}"#,
        &[("missing-field", "/States/A")],
    ),
    (
        "state type misspelt",
        r#""A": {"Type": "Taks", "End": true}"#,
        &[("invalid-state-type", "/States/A/Type")],
    ),
    (
        "state type not a string",
        r#""A": {"Type": 3}"#,
        &[("invalid-type", "/States/A/Type")],
    ),
    (
        "task without Resource",
        r#""A": {"Type": "Task", "End": true}"#,
        &[("missing-field", "/States/A")],
    ),
    (
        "task Resource not a string",
        r#""A": {"Type": "Task", "Resource": {}, "End": true}"#,
        &[("invalid-type", "/States/A/Resource")],
    ),
    (
        "misspelt field",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "TimeoutSecond": 5, "End": true}"#,
        &[("unknown-field", "/States/A/TimeoutSecond")],
    ),
    (
        "Retry on Pass",
        r#""A": {"Type": "Pass", "Retry": [], "End": true}"#,
        &[("field-not-allowed", "/States/A/Retry")],
    ),
    (
        "Resource on Pass",
        r#""A": {"Type": "Pass", "Resource": "x", "End": true}"#,
        &[("field-not-allowed", "/States/A/Resource")],
    ),
    (
        "Next on Choice",
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a",
        "IsNull": true, "Next": "B"}], "Next": "B"}"#,
        &[("field-not-allowed", "/States/A/Next")],
    ),
    (
        "Next on Succeed",
        r#""A": {"Type": "Succeed", "Next": "B"}"#,
        &[("field-not-allowed", "/States/A/Next")],
    ),
    (
        "End on Fail",
        r#""A": {"Type": "Fail", "End": true}"#,
        &[("field-not-allowed", "/States/A/End")],
    ),
    (
        "Arguments on Pass",
        r#""A": {"Type": "Pass", "Arguments": {}, "End": true}"#,
        &[("field-not-allowed", "/States/A/Arguments")],
    ),
    (
        "Arguments on Wait",
        r#""A": {"Type": "Wait", "Seconds": 1, "Arguments": {}, "End": true}"#,
        &[("field-not-allowed", "/States/A/Arguments")],
    ),
    (
        "Assign on Succeed",
        r#""A": {"Type": "Succeed", "Assign": {"x": 1}}"#,
        &[("field-not-allowed", "/States/A/Assign")],
    ),
    (
        "OutputPath on Fail",
        r#""A": {"Type": "Fail", "OutputPath": "$"}"#,
        &[("field-not-allowed", "/States/A/OutputPath")],
    ),
    (
        "Comment not a string",
        r#""A": {"Type": "Succeed", "Comment": ["x"]}"#,
        &[("invalid-type", "/States/A/Comment")],
    ),
    (
        "Assign not an object",
        r#""A": {"Type": "Pass", "Assign": [1], "End": true}"#,
        &[("invalid-type", "/States/A/Assign")],
    ),
    // ---- Closed sets ----
    (
        "state QueryLanguage",
        r#""A": {"Type": "Succeed", "QueryLanguage": "jsonpath"}"#,
        &[("invalid-value", "/States/A/QueryLanguage")],
    ),
    (
        "JitterStrategy",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Retry": [{"ErrorEquals": ["States.ALL"], "JitterStrategy": "HALF"}], "End": true}"#,
        &[("invalid-value", "/States/A/Retry/0/JitterStrategy")],
    ),
    (
        "Map closed sets",
        r#""A": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig":
            {"InputType": "XML", "CSVHeaderLocation": "LAST_ROW", "CSVDelimiter": "COLON"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "distributed", "ExecutionType": "FAST"},
            "StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
        "ResultWriter": {"WriterConfig": {"OutputType": "CSV", "Transformation": "SQUASH"}}}"#,
        &[
            (
                "invalid-value",
                "/States/A/ItemReader/ReaderConfig/InputType",
            ),
            (
                "invalid-value",
                "/States/A/ItemReader/ReaderConfig/CSVHeaderLocation",
            ),
            (
                "invalid-value",
                "/States/A/ItemReader/ReaderConfig/CSVDelimiter",
            ),
            (
                "invalid-value",
                "/States/A/ItemProcessor/ProcessorConfig/Mode",
            ),
            (
                "invalid-value",
                "/States/A/ItemProcessor/ProcessorConfig/ExecutionType",
            ),
            (
                "invalid-value",
                "/States/A/ResultWriter/WriterConfig/OutputType",
            ),
            (
                "invalid-value",
                "/States/A/ResultWriter/WriterConfig/Transformation",
            ),
        ],
    ),
    // ---- Exclusive fields ----
    (
        "TimeoutSeconds and its Path",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": true}"#,
        &[("exclusive-fields", "/States/A/TimeoutSecondsPath")],
    ),
    (
        "HeartbeatSeconds and its Path",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "HeartbeatSecondsPath": "$.h", "HeartbeatSeconds": 5, "End": true}"#,
        &[("exclusive-fields", "/States/A/HeartbeatSecondsPath")],
    ),
    (
        "Wait with three durations",
        r#""A": {"Type": "Wait", "SecondsPath": "$.s", "Seconds": 1,
        "Timestamp": "2026-01-01T00:00:00Z", "End": true}"#,
        &[
            ("exclusive-fields", "/States/A/SecondsPath"),
            ("exclusive-fields", "/States/A/Timestamp"),
        ],
    ),
    (
        "Wait with both timestamps",
        r#""A": {"Type": "Wait", "Timestamp": "2026-01-01T00:00:00Z",
        "TimestampPath": "$.t", "End": true}"#,
        &[("exclusive-fields", "/States/A/TimestampPath")],
    ),
    (
        "Fail Error and Cause pairs",
        r#""A": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e",
        "Cause": "C", "CausePath": "$.c"}"#,
        &[
            ("exclusive-fields", "/States/A/ErrorPath"),
            ("exclusive-fields", "/States/A/CausePath"),
        ],
    ),
    (
        "Map limits and their Paths",
        r#""A": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
        "MaxConcurrency": 1, "MaxConcurrencyPath": "$.m",
        "ToleratedFailurePercentage": 5, "ToleratedFailurePercentagePath": "$.p",
        "ToleratedFailureCount": 1, "ToleratedFailureCountPath": "$.c",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"MaxItems": 1, "MaxItemsPath": "$.i"}},
        "ItemBatcher": {"MaxItemsPerBatch": 1, "MaxItemsPerBatchPath": "$.b",
            "MaxInputBytesPerBatch": 1, "MaxInputBytesPerBatchPath": "$.y"}}"#,
        &[
            ("exclusive-fields", "/States/A/MaxConcurrencyPath"),
            (
                "exclusive-fields",
                "/States/A/ToleratedFailurePercentagePath",
            ),
            ("exclusive-fields", "/States/A/ToleratedFailureCountPath"),
            (
                "exclusive-fields",
                "/States/A/ItemReader/ReaderConfig/MaxItemsPath",
            ),
            (
                "exclusive-fields",
                "/States/A/ItemBatcher/MaxItemsPerBatchPath",
            ),
            (
                "exclusive-fields",
                "/States/A/ItemBatcher/MaxInputBytesPerBatchPath",
            ),
        ],
    ),
    (
        "ItemProcessor and Iterator, ItemSelector and Parameters",
        r#""A": {"Type": "Map",
        "Iterator": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}},
        "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
        "Parameters": {}, "ItemSelector": {}, "End": true}"#,
        &[
            ("exclusive-fields", "/States/A/Iterator"),
            ("exclusive-fields", "/States/A/Parameters"),
        ],
    ),
    // ---- Transitions ----
    (
        "no transition",
        r#""A": {"Type": "Pass"}"#,
        &[("missing-transition", "/States/A")],
    ),
    (
        "End false alone",
        r#""A": {"Type": "Pass", "End": false}"#,
        &[("missing-transition", "/States/A")],
    ),
    (
        "Next and End",
        r#""A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}"#,
        &[("next-and-end", "/States/A/End")],
    ),
    (
        "Next not a string",
        r#""A": {"Type": "Pass", "Next": 3}"#,
        &[("invalid-type", "/States/A/Next")],
    ),
    (
        "End not a boolean",
        r#""A": {"Type": "Pass", "End": "true"}"#,
        &[("invalid-type", "/States/A/End")],
    ),
    // ---- Empty arrays ----
    (
        "no Choices",
        r#""A": {"Type": "Choice", "Choices": []}"#,
        &[("empty-array", "/States/A/Choices")],
    ),
    (
        "no Branches",
        r#""A": {"Type": "Parallel", "Branches": [], "End": true}"#,
        &[("empty-array", "/States/A/Branches")],
    ),
    (
        "empty ErrorEquals",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Retry": [{"ErrorEquals": []}], "Catch": [{"ErrorEquals": [], "Next": "A"}], "End": true}"#,
        &[
            ("empty-array", "/States/A/Retry/0/ErrorEquals"),
            ("empty-array", "/States/A/Catch/0/ErrorEquals"),
        ],
    ),
    (
        "empty And",
        r#""A": {"Type": "Choice", "Choices": [{"And": [], "Next": "A"}]}"#,
        &[("empty-array", "/States/A/Choices/0/And")],
    ),
    // ---- Paths ----
    (
        "InputPath and OutputPath syntax",
        r#""A": {"Type": "Pass", "InputPath": "a.b",
        "OutputPath": "$.a[", "End": true}"#,
        &[
            ("invalid-path", "/States/A/InputPath"),
            ("invalid-path", "/States/A/OutputPath"),
        ],
    ),
    (
        "ResultPath with a wildcard",
        r#""A": {"Type": "Pass", "ResultPath": "$.a[*]", "End": true}"#,
        &[("invalid-reference-path", "/States/A/ResultPath")],
    ),
    (
        "ResultPath into the context",
        r#""A": {"Type": "Pass", "ResultPath": "$$.Execution", "End": true}"#,
        &[("invalid-reference-path", "/States/A/ResultPath")],
    ),
    (
        "ResultPath into a variable",
        r#""A": {"Type": "Pass", "ResultPath": "$total", "End": true}"#,
        &[("invalid-reference-path", "/States/A/ResultPath")],
    ),
    (
        "Catcher ResultPath into the context",
        r#""A": {"Type": "Task",
        "Resource": "arn:aws:states:::sns:publish", "End": true,
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$$.x", "Next": "A"}]}"#,
        &[("invalid-reference-path", "/States/A/Catch/0/ResultPath")],
    ),
    (
        "...Path fields are reference paths",
        r#""A": {"Type": "Task",
        "Resource": "arn:aws:states:::sns:publish", "TimeoutSecondsPath": "$.t[*]", "Next": "W"},
        "W": {"Type": "Wait", "SecondsPath": "$..s", "Next": "M"},
        "M": {"Type": "Map", "ItemsPath": "$.a[0:2]", "End": true,
            "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#,
        &[
            ("invalid-reference-path", "/States/A/TimeoutSecondsPath"),
            ("invalid-reference-path", "/States/W/SecondsPath"),
            ("invalid-reference-path", "/States/M/ItemsPath"),
        ],
    ),
    (
        "choice Variable and operand paths",
        r#""A": {"Type": "Choice", "Choices": [
        {"Variable": "$.a[", "IsNull": true, "Next": "A"},
        {"Variable": "$.a", "StringEqualsPath": "$.b[*]", "Next": "A"}]}"#,
        &[
            ("invalid-path", "/States/A/Choices/0/Variable"),
            (
                "invalid-reference-path",
                "/States/A/Choices/1/StringEqualsPath",
            ),
        ],
    ),
    // ---- Intrinsics and templates ----
    (
        "unknown intrinsic in Parameters",
        r#""A": {"Type": "Pass",
        "Parameters": {"ok.$": "$.a", "bad.$": "States.Nope($.a)", "nested": {"x.$": "States.ArrayLength()"}},
        "End": true}"#,
        &[
            ("invalid-intrinsic", "/States/A/Parameters/bad.$"),
            ("intrinsic-arity", "/States/A/Parameters/nested/x.$"),
        ],
    ),
    (
        "dynamic value not a string",
        r#""A": {"Type": "Pass", "Parameters": {"x.$": 5}, "End": true}"#,
        &[("invalid-type", "/States/A/Parameters/x.$")],
    ),
    (
        "ErrorPath and CausePath",
        r#""A": {"Type": "Fail", "ErrorPath": "States.Format(",
        "CausePath": "$.c[*]"}"#,
        &[
            ("invalid-intrinsic", "/States/A/ErrorPath"),
            ("invalid-reference-path", "/States/A/CausePath"),
        ],
    ),
    (
        "path keys are escaped",
        r#""a/b~c": {"Type": "Pass", "Parameters": {"k/1.$": "$["}, "End": true}"#,
        &[("invalid-path", "/States/a~1b~0c/Parameters/k~11.$")],
    ),
    // ---- Retry and Catch ----
    (
        "Retrier with ResultPath",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Retry": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e"}], "End": true}"#,
        &[("retrier-result-path", "/States/A/Retry/0/ResultPath")],
    ),
    (
        "Retrier with Next, Catcher with MaxAttempts",
        r#""A": {"Type": "Task",
        "Resource": "arn:aws:states:::sns:publish", "End": true,
        "Retry": [{"ErrorEquals": ["States.ALL"], "Next": "A"}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "Next": "A"}]}"#,
        &[
            ("field-not-allowed", "/States/A/Retry/0/Next"),
            ("field-not-allowed", "/States/A/Catch/0/MaxAttempts"),
        ],
    ),
    (
        "Catcher without Next or ErrorEquals",
        r#""A": {"Type": "Task",
        "Resource": "arn:aws:states:::sns:publish", "End": true, "Catch": [{}]}"#,
        &[
            ("missing-field", "/States/A/Catch/0"),
            ("missing-field", "/States/A/Catch/0"),
        ],
    ),
    (
        "error name not a string",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Retry": [{"ErrorEquals": ["X", 1]}], "End": true}"#,
        &[("invalid-type", "/States/A/Retry/0/ErrorEquals/1")],
    ),
    (
        "Retry not an array",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Retry": {}, "End": true}"#,
        &[("invalid-type", "/States/A/Retry")],
    ),
    // ---- Choice rules ----
    (
        "rule without operator",
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "Next": "A"}]}"#,
        &[("invalid-choice-rule", "/States/A/Choices/0")],
    ),
    (
        "rule with two operators",
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a",
        "IsNull": true, "IsPresent": true, "Next": "A"}]}"#,
        &[("invalid-choice-rule", "/States/A/Choices/0")],
    ),
    (
        "rule mixing And with a data test",
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a",
        "IsNull": true, "And": [{"Variable": "$.b", "IsNull": true}], "Next": "A"}]}"#,
        &[("invalid-choice-rule", "/States/A/Choices/0")],
    ),
    (
        "rule with no condition",
        r#""A": {"Type": "Choice", "Choices": [{"Next": "A"}]}"#,
        &[("invalid-choice-rule", "/States/A/Choices/0")],
    ),
    (
        "rule operator without Variable",
        r#""A": {"Type": "Choice", "Choices": [{"IsNull": true, "Next": "A"}]}"#,
        &[("missing-field", "/States/A/Choices/0")],
    ),
    (
        "rule without Next",
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true}]}"#,
        &[("missing-field", "/States/A/Choices/0")],
    ),
    (
        "operand of the wrong type",
        r#""A": {"Type": "Choice", "Choices": [
        {"Variable": "$.a", "NumericEquals": "5", "Next": "A"},
        {"Variable": "$.a", "StringEquals": 5, "Next": "A"},
        {"Variable": "$.a", "IsPresent": "true", "Next": "A"},
        {"Variable": "$.a", "TimestampEquals": 0, "Next": "A"}]}"#,
        &[
            ("invalid-type", "/States/A/Choices/0/NumericEquals"),
            ("invalid-type", "/States/A/Choices/1/StringEquals"),
            ("invalid-type", "/States/A/Choices/2/IsPresent"),
            ("invalid-type", "/States/A/Choices/3/TimestampEquals"),
        ],
    ),
    (
        "nested rules with Next",
        r#""A": {"Type": "Choice", "Choices": [
        {"Not": {"Variable": "$.a", "IsNull": true, "Next": "A"}, "Next": "A"},
        {"And": [{"Variable": "$.a", "IsNull": true}, {"Variable": "$.b", "IsNull": true, "Next": "A"}],
         "Next": "A"}]}"#,
        &[
            ("nested-rule-next", "/States/A/Choices/0/Not/Next"),
            ("nested-rule-next", "/States/A/Choices/1/And/1/Next"),
        ],
    ),
    (
        "nested rule with Assign",
        r#""A": {"Type": "Choice", "Choices": [
        {"Not": {"Variable": "$.a", "IsNull": true, "Assign": {"x": 1}}, "Next": "A"}]}"#,
        &[("field-not-allowed", "/States/A/Choices/0/Not/Assign")],
    ),
    (
        "misspelt operator",
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a",
        "StringEqual": "x", "Next": "A"}]}"#,
        &[
            ("invalid-choice-rule", "/States/A/Choices/0"),
            ("unknown-field", "/States/A/Choices/0/StringEqual"),
        ],
    ),
    (
        "StringMatches has no Path form",
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a",
        "StringMatchesPath": "$.b", "Next": "A"}]}"#,
        &[
            ("invalid-choice-rule", "/States/A/Choices/0"),
            ("unknown-field", "/States/A/Choices/0/StringMatchesPath"),
        ],
    ),
    (
        "JSONata Condition of the wrong type",
        r#""A": {"Type": "Choice", "QueryLanguage": "JSONata",
        "Choices": [{"Condition": "$x > 1", "Next": "A"}]}"#,
        &[("invalid-type", "/States/A/Choices/0/Condition")],
    ),
    // ---- Numbers ----
    (
        "integers that are not",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "TimeoutSeconds": 1.5, "HeartbeatSeconds": "30", "End": true,
        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": true, "MaxAttempts": -1,
                   "MaxDelaySeconds": 1e30, "BackoffRate": "2"}]}"#,
        &[
            ("invalid-type", "/States/A/TimeoutSeconds"),
            ("invalid-type", "/States/A/HeartbeatSeconds"),
            ("invalid-type", "/States/A/Retry/0/IntervalSeconds"),
            ("out-of-range", "/States/A/Retry/0/MaxAttempts"),
            ("out-of-range", "/States/A/Retry/0/MaxDelaySeconds"),
            ("invalid-type", "/States/A/Retry/0/BackoffRate"),
        ],
    ),
    (
        "numbers AWS accepts",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "TimeoutSeconds": 99999999, "HeartbeatSeconds": 0, "End": true,
        "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 2, "IntervalSeconds": 3.0}]}"#,
        &[],
    ),
    (
        "Wait Seconds negative",
        r#""A": {"Type": "Wait", "Seconds": -5, "End": true}"#,
        &[("out-of-range", "/States/A/Seconds")],
    ),
    (
        "Wait without duration",
        r#""A": {"Type": "Wait", "End": true}"#,
        &[("missing-field", "/States/A")],
    ),
    // ---- Nested scopes ----
    (
        "broken state in a branch",
        r#""P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}},
        {"StartAt": "X", "States": {"X": {"Type": "Pass", "Next": 1}}}]}"#,
        &[("invalid-type", "/States/P/Branches/1/States/X/Next")],
    ),
    (
        "branch without StartAt or States",
        r#""P": {"Type": "Parallel", "End": true, "Branches": [{}, 3]}"#,
        &[
            ("missing-field", "/States/P/Branches/0"),
            ("missing-field", "/States/P/Branches/0"),
            ("invalid-type", "/States/P/Branches/1"),
        ],
    ),
    (
        "ProcessorConfig on a branch",
        r#""P": {"Type": "Parallel", "End": true, "Branches": [
        {"ProcessorConfig": {}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}]}"#,
        &[("field-not-allowed", "/States/P/Branches/0/ProcessorConfig")],
    ),
    (
        "Map without processor",
        r#""M": {"Type": "Map", "End": true}"#,
        &[("missing-field", "/States/M")],
    ),
    (
        "unknown field in a processor",
        r#""M": {"Type": "Map", "End": true, "ItemProcessor":
        {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}, "Mode": "INLINE"}}"#,
        &[("unknown-field", "/States/M/ItemProcessor/Mode")],
    ),
    (
        "ItemReader without Resource",
        r#""M": {"Type": "Map", "End": true, "ItemReader": {},
        "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#,
        &[("missing-field", "/States/M/ItemReader")],
    ),
    // ---- Keys written twice ----
    (
        "state defined twice",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "A": {"Type": "Pass", "End": true}}}"#,
        &[("duplicate-state-name", "/States/A")],
    ),
    (
        "state defined twice in a branch",
        r#""P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "X",
            "States": {"X": {"Type": "Succeed"}, "X": {"Type": "Succeed"}}}]}"#,
        &[("duplicate-state-name", "/States/P/Branches/0/States/X")],
    ),
    (
        "payload keys written twice",
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true,
            "Parameters": {"m": 1, "deep": {"k/x": 1, "k/x": 2}, "m": 2},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A",
                       "Assign": {"v": 1, "v": 2}}]}"#,
        &[
            ("duplicate-payload-key", "/States/A/Parameters/m"),
            ("duplicate-payload-key", "/States/A/Parameters/deep/k~1x"),
            ("duplicate-payload-key", "/States/A/Catch/0/Assign/v"),
        ],
    ),
    (
        "other keys written twice are read last-wins",
        r#""A": {"Type": "Pass", "Next": "B", "Next": "A", "Result": {"x": 1, "x": 2}}"#,
        &[],
    ),
    // ---- What the reader leaves to the validator ----
    (
        "JSONata values and .$ keys in any state",
        r#""A": {"Type": "Task", "QueryLanguage": "JSONata",
        "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": "{% $t %}",
        "Arguments": {"x.$": "$.a", "y": "{% $y %}"}, "Next": "W"},
        "W": {"Type": "Wait", "Seconds": "{% $s %}", "Next": "F"},
        "F": {"Type": "Fail", "Error": "{% $e %}", "Cause": "plain"}"#,
        &[],
    ),
    (
        "a TimeoutSeconds of zero",
        r#""A": {"Type": "Task", "Resource": "x", "TimeoutSeconds": 0, "End": true}"#,
        &[],
    ),
];
