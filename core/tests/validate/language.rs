//! Which fields each query language allows.

use super::*;

#[test]
fn each_state_uses_only_its_query_languages_fields() {
    let mut jsonata_pass = pass();
    jsonata_pass.output = Some(Template::from("{% $states.input %}"));
    let mut jsonata_wait = WaitState::seconds(1);
    jsonata_wait.duration = WaitDuration::SecondsExpr(expr("$states.input.delay"));
    let mut jsonata_task = lambda();
    jsonata_task.timeout = Some(IntSource::Expr(expr("30")));
    let jsonata_rule = ChoiceRule::new(Condition::JsonataBool(true), "D");
    check(vec![
        case(
            "JSONPath fields in a JSONata machine",
            jsonata(machine(vec![
                (
                    "P",
                    pass()
                        .input_path(Path::input().field("a"))
                        .result_path(Path::input())
                        .next("T")
                        .into(),
                ),
                (
                    "T",
                    lambda()
                        .parameters(Template::object().with("a", 1))
                        .arguments(Template::object().with_path("b", Path::input()))
                        .timeout_seconds_path(Path::input().field("t"))
                        .catch(
                            Catcher::new([PredefinedError::All], "D")
                                .result_path(Path::input().field("e")),
                        )
                        .next("C")
                        .into(),
                ),
                (
                    "C",
                    ChoiceState::new()
                        .when(
                            Condition::compare(
                                Path::input(),
                                ComparisonOperator::IsNull,
                                json!(true),
                            ),
                            "D",
                        )
                        .into(),
                ),
                ("D", end()),
            ])),
            &[
                (Code::JsonPathFieldInJsonata, "/States/P/InputPath"),
                (Code::JsonPathFieldInJsonata, "/States/P/ResultPath"),
                (Code::JsonPathFieldInJsonata, "/States/T/Parameters"),
                (Code::JsonPathFieldInJsonata, "/States/T/Arguments/b.$"),
                (Code::JsonPathFieldInJsonata, "/States/T/TimeoutSecondsPath"),
                (Code::JsonPathFieldInJsonata, "/States/T/Catch/0/ResultPath"),
                (Code::JsonPathFieldInJsonata, "/States/C/Choices/0/Variable"),
            ],
        ),
        case(
            "JSONata fields in a JSONPath machine",
            machine(vec![
                ("P", jsonata_pass.clone().next("W").into()),
                ("W", jsonata_wait.next("T").into()),
                (
                    "T",
                    jsonata_task.arguments(Template::object()).next("C").into(),
                ),
                ("C", ChoiceState::new().rule(jsonata_rule).into()),
                ("D", end()),
            ]),
            &[
                (Code::JsonataFieldInJsonPath, "/States/P/Output"),
                (Code::JsonataFieldInJsonPath, "/States/W/Seconds"),
                (Code::JsonataFieldInJsonPath, "/States/T/TimeoutSeconds"),
                (Code::JsonataFieldInJsonPath, "/States/T/Arguments"),
                (
                    Code::JsonataFieldInJsonPath,
                    "/States/C/Choices/0/Condition",
                ),
            ],
        ),
        case(
            "{% %} strings in a JSONPath template are plain strings",
            machine(vec![(
                "P",
                pass()
                    .parameters(Template::object().with("x", "{% 1 + 1 %}"))
                    .end()
                    .into(),
            )]),
            &[],
        ),
        case(
            "a state may ask for JSONata in a JSONPath machine",
            machine(vec![(
                "P",
                jsonata_pass
                    .clone()
                    .query_language(QueryLanguage::Jsonata)
                    .end()
                    .into(),
            )]),
            &[],
        ),
        case(
            "a state may not ask for JSONPath in a JSONata machine",
            jsonata(machine(vec![(
                "P",
                pass().query_language(QueryLanguage::JsonPath).end().into(),
            )])),
            &[(Code::QueryLanguageMix, "/States/P/QueryLanguage")],
        ),
        case(
            "a JSONata Parallel does not pass its language to its branches",
            machine(vec![(
                "P",
                parallel(vec![branch(vec![("Inner", jsonata_pass.end().into())])])
                    .query_language(QueryLanguage::Jsonata)
                    .end()
                    .into(),
            )]),
            &[(
                Code::JsonataFieldInJsonPath,
                "/States/P/Branches/0/States/Inner/Output",
            )],
        ),
    ]);
}
