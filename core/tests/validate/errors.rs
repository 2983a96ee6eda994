//! Retriers and catchers, numbers and timestamps, payload templates and variables.

use super::*;

#[test]
fn retriers_and_catchers_follow_the_error_rules() {
    let task = |t: TaskState| machine(vec![("T", t.end().into()), ("H", end())]);
    check(vec![
        case(
            "States.ALL must stand alone",
            task(lambda().retry(Retrier::new(["States.ALL", "Custom"]))),
            &[
                (Code::StatesAllNotAlone, "/States/T/Retry/0/ErrorEquals"),
                (Code::UnreachableState, "/States/H"),
            ],
        ),
        case(
            "a States.ALL retrier must be last",
            task(
                lambda()
                    .retry(Retrier::new([PredefinedError::All]))
                    .retry(Retrier::new(["Custom"])),
            ),
            &[
                (Code::StatesAllNotLast, "/States/T/Retry/0"),
                (Code::UnreachableState, "/States/H"),
            ],
        ),
        case(
            "a States.ALL catcher must be last",
            task(
                lambda()
                    .catch(Catcher::new([PredefinedError::All], "H"))
                    .catch(Catcher::new(["Custom"], "H")),
            ),
            &[(Code::StatesAllNotLast, "/States/T/Catch/0")],
        ),
        case(
            "States.ALL after specific catchers is fine",
            task(
                lambda()
                    .catch(Catcher::new([PredefinedError::Timeout], "H"))
                    .catch(Catcher::new([PredefinedError::All], "H")),
            ),
            &[],
        ),
        case(
            "the States. prefix is reserved in ErrorEquals",
            task(lambda().catch(Catcher::new(["Lambda.Unknown", "States.Custom"], "H"))),
            &[(Code::ReservedErrorName, "/States/T/Catch/0/ErrorEquals/1")],
        ),
        case(
            "HTTP tasks raise States.Http.StatusCode.<code>, which may be caught",
            task(
                lambda()
                    .retry(Retrier::new([
                        "States.Http.StatusCode.429",
                        "States.Http.Socket",
                    ]))
                    .catch(Catcher::new(["States.Http.StatusCode.5xx"], "H")),
            ),
            &[(Code::ReservedErrorName, "/States/T/Catch/0/ErrorEquals/0")],
        ),
        case(
            "the States. prefix is reserved in a Fail state's Error",
            machine(vec![("F", FailState::new().error("States.Oops").into())]),
            &[(Code::ReservedErrorName, "/States/F/Error")],
        ),
        case(
            "a Fail state may raise a predefined error",
            machine(vec![("F", FailState::new().error("States.Timeout").into())]),
            &[],
        ),
        case(
            "BackoffRate below one is rejected, CDK's integer 2 is not",
            task(
                lambda()
                    .retry(Retrier::new(["A"]).backoff_rate(0.5))
                    .retry(Retrier::new(["B"]).backoff_rate(2.0))
                    .retry(Retrier::new(["C"]).backoff_rate(1.0)),
            ),
            &[
                (Code::BackoffRateBelowOne, "/States/T/Retry/0/BackoffRate"),
                (Code::UnreachableState, "/States/H"),
            ],
        ),
        case(
            "retry numbers have AWS's ranges",
            task(
                lambda()
                    .retry(Retrier::new(["A"]).interval_seconds(0).max_attempts(0))
                    .retry(
                        Retrier::new(["B"])
                            .max_delay_seconds(31_622_402)
                            .max_attempts(100_000_000),
                    )
                    .retry(
                        Retrier::new(["C"])
                            .interval_seconds(99_999_999)
                            .max_delay_seconds(31_622_401),
                    ),
            ),
            &[
                (Code::OutOfRange, "/States/T/Retry/0/IntervalSeconds"),
                (Code::OutOfRange, "/States/T/Retry/1/MaxDelaySeconds"),
                (Code::OutOfRange, "/States/T/Retry/1/MaxAttempts"),
                (Code::UnreachableState, "/States/H"),
            ],
        ),
    ]);
}

#[test]
fn numbers_and_timestamps_have_aws_ranges() {
    let wait = |w: WaitState| machine(vec![("W", w.end().into())]);
    let bad_timestamp = Condition::and([
        Condition::compare(
            Path::input().field("a"),
            ComparisonOperator::IsPresent,
            json!(true),
        ),
        Condition::compare(
            Path::input().field("t"),
            ComparisonOperator::TimestampEquals,
            json!("2016-03-14 01:59:00Z"),
        ),
    ]);
    check(vec![
        case(
            "TimeoutSeconds 99999999 is accepted",
            machine(vec![(
                "T",
                lambda().timeout_seconds(99_999_999).end().into(),
            )]),
            &[],
        ),
        case(
            "TimeoutSeconds 0 and 100000000 are not",
            machine(vec![
                ("A", lambda().timeout_seconds(0).next("B").into()),
                ("B", lambda().timeout_seconds(100_000_000).end().into()),
            ]),
            &[
                (Code::OutOfRange, "/States/A/TimeoutSeconds"),
                (Code::OutOfRange, "/States/B/TimeoutSeconds"),
            ],
        ),
        case(
            "the machine's TimeoutSeconds has the same range",
            machine(vec![("A", pass().end().into())]).timeout_seconds(0),
            &[(Code::OutOfRange, "/TimeoutSeconds")],
        ),
        case(
            "the machine may time out after 99999999 seconds",
            machine(vec![("A", pass().end().into())]).timeout_seconds(99_999_999),
            &[],
        ),
        case(
            "a heartbeat equal to the timeout is rejected",
            machine(vec![(
                "T",
                lambda()
                    .timeout_seconds(30)
                    .heartbeat_seconds(30)
                    .end()
                    .into(),
            )]),
            &[(Code::HeartbeatNotBelowTimeout, "/States/T/HeartbeatSeconds")],
        ),
        case(
            "a heartbeat without a timeout is fine",
            machine(vec![("T", lambda().heartbeat_seconds(30).end().into())]),
            &[],
        ),
        case(
            "a heartbeat is compared only with a literal timeout",
            machine(vec![(
                "T",
                lambda()
                    .timeout_seconds_path(Path::input().field("t"))
                    .heartbeat_seconds(30)
                    .end()
                    .into(),
            )]),
            &[],
        ),
        case(
            "Wait Seconds 0 is accepted",
            wait(WaitState::seconds(0)),
            &[],
        ),
        case(
            "Wait Seconds above 99999999 is not",
            wait(WaitState::seconds(100_000_000)),
            &[(Code::OutOfRange, "/States/W/Seconds")],
        ),
        case(
            "a Wait Timestamp must be RFC 3339",
            wait(WaitState::timestamp("2016-03-14T01:59:00z")),
            &[(Code::InvalidTimestamp, "/States/W/Timestamp")],
        ),
        case(
            "a Wait Timestamp with offset is fine",
            wait(WaitState::timestamp("2016-03-14T01:59:00.25+01:00")),
            &[],
        ),
        case(
            "a JSONata Wait Timestamp may be an expression",
            jsonata(wait(WaitState::timestamp("{% $states.input.until %}"))),
            &[],
        ),
        case(
            "a Timestamp comparison literal nested in And is checked",
            machine(vec![
                ("C", ChoiceState::new().when(bad_timestamp, "D").into()),
                ("D", end()),
            ]),
            &[(
                Code::InvalidTimestamp,
                "/States/C/Choices/0/And/1/TimestampEquals",
            )],
        ),
        case(
            "ToleratedFailurePercentage is 0 to 100",
            machine(vec![(
                "M",
                distributed(ExecutionType::Standard)
                    .tolerated_failure_percentage(150.0)
                    .into(),
            )]),
            &[(Code::OutOfRange, "/States/M/ToleratedFailurePercentage")],
        ),
    ]);
}

#[test]
fn payload_templates_have_unique_keys_and_valid_variables() {
    let params = |t: Template| machine(vec![("P", pass().parameters(t).end().into())]);
    check(vec![
        case(
            "x and x.$ in one object is a duplicate",
            params(
                Template::object()
                    .with("x", 1)
                    .with_path("x", Path::input().field("x")),
            ),
            &[(Code::DuplicatePayloadKey, "/States/P/Parameters/x.$")],
        ),
        case(
            "duplicates are found at any depth, inside arrays too",
            params(Template::object().with(
                "list",
                Template::Array(
                    vec![Template::object().with_path("k", Path::input()).with("k", true)],
                ),
            )),
            &[(Code::DuplicatePayloadKey, "/States/P/Parameters/list/0/k")],
        ),
        case(
            "keys needing pointer escapes are escaped",
            params(
                Template::object()
                    .with("a/b", 1)
                    .with_path("a/b", Path::input()),
            ),
            &[(Code::DuplicatePayloadKey, "/States/P/Parameters/a~1b.$")],
        ),
        case(
            "Assign names are identifiers, not states",
            machine(vec![(
                "P",
                pass()
                    .assign(
                        Template::object()
                            .with("ok_name", 1)
                            .with("bad-name", 2)
                            .with("states", 3)
                            .with_path("1x", Path::input()),
                    )
                    .end()
                    .into(),
            )]),
            &[
                (Code::InvalidVariableName, "/States/P/Assign/bad-name"),
                (Code::InvalidVariableName, "/States/P/Assign/states"),
                (Code::InvalidVariableName, "/States/P/Assign/1x.$"),
            ],
        ),
        case(
            "Catcher Assign names are checked too",
            machine(vec![
                (
                    "T",
                    lambda()
                        .catch(
                            Catcher::new([PredefinedError::All], "H")
                                .assign(Template::object().with("a b", 1)),
                        )
                        .end()
                        .into(),
                ),
                ("H", end()),
            ]),
            &[(Code::InvalidVariableName, "/States/T/Catch/0/Assign/a b")],
        ),
    ]);
}
