//! Transitions, state names, nesting and the order of findings.

use super::*;

#[test]
fn transitions_must_stay_inside_their_scope() {
    check(vec![
        case(
            "a minimal machine has no findings",
            machine(vec![("A", pass().end().into())]),
            &[],
        ),
        case(
            "StartAt naming no state is unknown",
            StateMachine::new("Missing").state("A", pass().end()),
            &[
                (Code::UnknownState, "/StartAt"),
                (Code::UnreachableState, "/States/A"),
            ],
        ),
        case(
            "Next naming no state is unknown",
            machine(vec![("A", pass().next("Nowhere").into()), ("B", end())]),
            &[
                (Code::UnknownState, "/States/A/Next"),
                (Code::UnreachableState, "/States/B"),
            ],
        ),
        case(
            "Choice rules and Default are transitions",
            machine(vec![
                (
                    "C",
                    ChoiceState::new()
                        .when(
                            Condition::compare(
                                Path::input().field("x"),
                                ComparisonOperator::IsPresent,
                                json!(true),
                            ),
                            "Gone",
                        )
                        .otherwise("AlsoGone")
                        .into(),
                ),
                ("Done", end()),
            ]),
            &[
                (Code::UnknownState, "/States/C/Choices/0/Next"),
                (Code::UnknownState, "/States/C/Default"),
                (Code::UnreachableState, "/States/Done"),
            ],
        ),
        case(
            "a Catcher's Next is a transition",
            machine(vec![(
                "T",
                lambda()
                    .catch(Catcher::new([PredefinedError::All], "Handler"))
                    .end()
                    .into(),
            )]),
            &[(Code::UnknownState, "/States/T/Catch/0/Next")],
        ),
        case(
            "a Catcher's target is reachable",
            machine(vec![
                (
                    "T",
                    lambda()
                        .catch(Catcher::new([PredefinedError::All], "Handler"))
                        .end()
                        .into(),
                ),
                ("Handler", end()),
            ]),
            &[],
        ),
        case(
            "a branch cannot jump out to the machine",
            machine(vec![
                (
                    "P",
                    parallel(vec![branch(vec![("B", pass().next("Done").into())])])
                        .next("Done")
                        .into(),
                ),
                ("Done", end()),
            ]),
            &[
                (Code::UnknownState, "/States/P/Branches/0/States/B/Next"),
                (Code::NoTerminalState, "/States/P/Branches/0/States"),
            ],
        ),
        case(
            "a Map processor is a closed scope too",
            machine(vec![(
                "M",
                MapState::new(Processor::new("Missing").state("Item", pass().end())).into(),
            )]),
            &[
                (Code::UnknownState, "/States/M/ItemProcessor/StartAt"),
                (
                    Code::UnreachableState,
                    "/States/M/ItemProcessor/States/Item",
                ),
            ],
        ),
        case(
            "a state nothing routes to is unreachable",
            machine(vec![("A", pass().end().into()), ("Orphan", end())]),
            &[(Code::UnreachableState, "/States/Orphan")],
        ),
        case(
            "a loop without an end has no terminal state",
            machine(vec![
                ("A", pass().next("B").into()),
                ("B", pass().next("A").into()),
            ]),
            &[(Code::NoTerminalState, "/States")],
        ),
        case(
            "a branch without states starts nowhere",
            machine(vec![(
                "P",
                parallel(vec![Branch::new("Nothing")]).end().into(),
            )]),
            &[(Code::UnknownState, "/States/P/Branches/0/StartAt")],
        ),
    ]);
}

/// The codec reports missing and empty `States` and `StartAt` itself; what it leaves
/// behind must not be reported again.
#[test]
fn decoded_placeholders_are_not_reported_twice() {
    let cases = [
        (
            json!({"StartAt": "A", "States": {}}),
            vec![("empty-array", "/States")],
        ),
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Map", "End": true}}}),
            vec![("missing-field", "/States/A")],
        ),
        (
            json!({"StartAt": "Nope", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}),
            vec![
                ("unknown-state", "/StartAt"),
                ("unreachable-state", "/States/A"),
                ("unreachable-state", "/States/B"),
            ],
        ),
    ];
    for (definition, expected) in cases {
        let report = validate::validate_value(&definition, &Options::default());
        let found: Vec<(String, &str)> = report
            .findings
            .iter()
            .map(|f| (f.code.to_string(), f.pointer.as_str()))
            .collect();
        let expected: Vec<(String, &str)> = expected
            .into_iter()
            .map(|(c, p)| (c.to_owned(), p))
            .collect();
        assert_eq!(found, expected, "{definition}");
    }
}

#[test]
fn state_names_are_unique_short_and_printable() {
    let long = "N".repeat(81);
    let longest = "é".repeat(80);
    check(vec![
        case(
            "a name used in a branch and at the top level is a duplicate where met second",
            machine(vec![
                (
                    "P",
                    parallel(vec![branch(vec![("Work", pass().end().into())])])
                        .next("Work")
                        .into(),
                ),
                ("Work", end()),
            ]),
            &[(Code::DuplicateStateName, "/States/Work")],
        ),
        case(
            "two branches may not share a name either",
            machine(vec![(
                "P",
                parallel(vec![
                    branch(vec![("Same", pass().end().into())]),
                    branch(vec![("Same", pass().end().into())]),
                ])
                .into(),
            )]),
            &[(Code::DuplicateStateName, "/States/P/Branches/1/States/Same")],
        ),
        case(
            "81 characters is too long",
            StateMachine::new(long.clone()).state(long.clone(), pass().end()),
            &[(Code::StateNameTooLong, leak(format!("/States/{long}")))],
        ),
        case(
            "80 characters counts Unicode scalar values, not bytes",
            StateMachine::new(longest.clone()).state(longest.clone(), pass().end()),
            &[],
        ),
        case(
            "Workflow Studio names with spaces and punctuation are accepted",
            machine(vec![
                (
                    "Lambda Invoke (priority)",
                    pass().next("Job Complete?").into(),
                ),
                (
                    "Job Complete?",
                    pass().next("Wait X Seconds: 5, #1 & more/less ~ok").into(),
                ),
                (
                    "Wait X Seconds: 5, #1 & more/less ~ok",
                    pass().next("Done!").into(),
                ),
                ("Done!", end()),
            ]),
            &[],
        ),
        case(
            "an empty name is invalid",
            machine(vec![("", pass().end().into())]),
            &[(Code::InvalidStateName, "/States/")],
        ),
        case(
            "a control character is invalid",
            machine(vec![("Bell\u{7}", pass().end().into())]),
            &[(Code::InvalidStateName, "/States/Bell\u{7}")],
        ),
    ]);
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn nested_parallels(levels: usize) -> StateMachine {
    let mut state: State = pass().end().into();
    for level in (0..levels).rev() {
        let name = format!("L{level}");
        state = parallel(vec![Branch::new(name.clone()).state(name, state)])
            .end()
            .into();
    }
    StateMachine::new("Top").state("Top", state)
}

#[test]
fn nesting_deeper_than_the_limit_is_reported_once() {
    let options = Options {
        max_nesting_depth: 2,
        ..Options::default()
    };
    let findings = validate::validate(&nested_parallels(2), &options);
    assert!(findings.is_empty(), "{findings:?}");

    let findings = validate::validate(&nested_parallels(3), &options);
    let pointers: Vec<_> = findings
        .iter()
        .map(|f| (f.code, f.pointer.as_str()))
        .collect();
    assert_eq!(
        pointers,
        [(
            Code::NestingTooDeep,
            "/States/Top/Branches/0/States/L0/Branches/0/States/L1"
        )]
    );

    let findings = validate::validate(&nested_parallels(200), &Options::default());
    assert_eq!(findings.len(), 1, "{findings:?}");
}

#[test]
fn findings_come_in_document_order() {
    let machine = machine(vec![
        ("A", pass().next("Missing").into()),
        (
            "P",
            parallel(vec![branch(vec![(
                "In",
                lambda().timeout_seconds(0).end().into(),
            )])])
            .next("Z")
            .into(),
        ),
        ("Z", lambda().timeout_seconds(0).end().into()),
    ])
    .timeout_seconds(0);
    let pointers: Vec<String> = validate::validate(&machine, &Options::default())
        .into_iter()
        .map(|f| f.pointer)
        .collect();
    assert_eq!(
        pointers,
        [
            "/TimeoutSeconds",
            "/States/A/Next",
            "/States/P",
            "/States/P/Branches/0/States/In/TimeoutSeconds",
            "/States/Z",
            "/States/Z/TimeoutSeconds",
        ]
    );
}
