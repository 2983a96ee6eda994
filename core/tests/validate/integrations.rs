//! Task resources, integration patterns, callbacks and Map configuration.

use stepfn_core::path::{Dynamic, IntrinsicArg, IntrinsicCall, IntrinsicFunction};
use stepfn_core::validate::Severity;

use super::*;

#[test]
fn task_resources_and_integration_patterns_are_checked() {
    let task = |t: TaskState| machine(vec![("T", t.end().into())]);
    let service =
        |s: &str, a: &str, p| TaskState::new(Resource::service(s, a, p)).timeout_seconds(60);
    let sdk_sync = TaskState::new(Resource::new("arn:aws:states:::aws-sdk:s3:getObject.sync"));
    let format_token = Dynamic::Intrinsic(IntrinsicCall {
        function: IntrinsicFunction::Format,
        args: vec![
            IntrinsicArg::String("{}".into()),
            IntrinsicArg::Path(Path::task_token()),
        ],
    });
    let mut jsonata_callback = callback();
    jsonata_callback.query_language = Some(QueryLanguage::Jsonata);
    check(vec![
        case(
            "a plain string is not a resource",
            task(TaskState::new(Resource::new("my-function"))),
            &[(Code::InvalidResource, "/States/T/Resource")],
        ),
        case(
            "a ${Placeholder} resource is accepted",
            task(TaskState::new(Resource::new("${ValuationFunctionArn}"))),
            &[],
        ),
        case(
            "an unterminated placeholder is not",
            task(TaskState::new(Resource::new("${ResizeFunctionArn"))),
            &[(Code::InvalidResource, "/States/T/Resource")],
        ),
        case(
            "placeholders inside an ARN are accepted as written",
            task(TaskState::new(Resource::new(
                "arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken",
            ))),
            &[],
        ),
        case(
            "a callback with the token is fine",
            task(callback().parameters(token_payload())),
            &[],
        ),
        case(
            "a token read through an intrinsic counts",
            task(callback().parameters(Template::object().with_dynamic("message", format_token))),
            &[],
        ),
        case(
            "a callback payload without the token",
            task(callback().parameters(Template::object().with("a", 1))),
            &[(Code::MissingTaskToken, "/States/T/Parameters")],
        ),
        case(
            "a callback without a payload",
            task(callback()),
            &[(Code::MissingTaskToken, "/States/T")],
        ),
        case(
            "a JSONata callback reads $states.context.Task.Token",
            task(
                jsonata_callback.clone().arguments(
                    Template::object().with("token", "{% $states.context.Task.Token %}"),
                ),
            ),
            &[],
        ),
        case(
            "a JSONata callback without it",
            task(
                jsonata_callback
                    .arguments(Template::object().with("token", "{% $states.input.t %}")),
            ),
            &[(Code::MissingTaskToken, "/States/T/Arguments")],
        ),
        case(
            "AWS SDK integrations cannot .sync",
            task(sdk_sync),
            &[(Code::UnsupportedIntegrationPattern, "/States/T/Resource")],
        ),
        case(
            "AWS SDK integrations can wait for a callback",
            task(
                TaskState::new(Resource::new(
                    "arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken",
                ))
                .timeout_seconds(60)
                .parameters(token_payload()),
            ),
            &[],
        ),
        case(
            "DynamoDB cannot wait for a callback",
            task(
                service("dynamodb", "putItem", IntegrationPattern::WaitForTaskToken)
                    .parameters(token_payload()),
            ),
            &[(Code::UnsupportedIntegrationPattern, "/States/T/Resource")],
        ),
        case(
            "Lambda cannot .sync",
            task(service("lambda", "invoke", IntegrationPattern::Sync)),
            &[(Code::UnsupportedIntegrationPattern, "/States/T/Resource")],
        ),
        case(
            "ECS can .sync",
            task(service("ecs", "runTask", IntegrationPattern::Sync)),
            &[],
        ),
        case(
            "Step Functions can .sync:2",
            task(service(
                "states",
                "startExecution",
                IntegrationPattern::Sync2,
            )),
            &[],
        ),
        case(
            "an unknown service is accepted as written",
            task(service("newservice", "doThing", IntegrationPattern::Sync)),
            &[],
        ),
        express(case(
            "Express machines cannot .sync",
            task(service("ecs", "runTask", IntegrationPattern::Sync)),
            &[(Code::ExpressUnsupportedPattern, "/States/T/Resource")],
        )),
        express(case(
            "Express machines cannot wait for callbacks, even in a branch; no token finding follows",
            machine(vec![(
                "P",
                parallel(vec![branch(vec![("T", callback().end().into())])])
                    .end()
                    .into(),
            )]),
            &[(
                Code::ExpressUnsupportedPattern,
                "/States/P/Branches/0/States/T/Resource",
            )],
        )),
        case(
            "Express child workflows of a distributed Map cannot .sync",
            machine(vec![(
                "M",
                MapState::new(Processor::distributed("Job", ExecutionType::Express).state(
                    "Job",
                    service("ecs", "runTask", IntegrationPattern::Sync).end(),
                ))
                .into(),
            )]),
            &[(
                Code::ExpressUnsupportedPattern,
                "/States/M/ItemProcessor/States/Job/Resource",
            )],
        ),
        case(
            "Standard child workflows of a distributed Map can",
            machine(vec![(
                "M",
                MapState::new(
                    Processor::distributed("Job", ExecutionType::Standard).state(
                        "Job",
                        service("ecs", "runTask", IntegrationPattern::Sync).end(),
                    ),
                )
                .into(),
            )]),
            &[],
        ),
    ]);
}

#[test]
fn callback_and_activity_tasks_without_timeout_get_a_warning() {
    let activity = Resource::new("arn:aws:states:us-east-1:123456789012:activity:Approve");
    let no_timeout = TaskState::new(Resource::service(
        "sqs",
        "sendMessage",
        IntegrationPattern::WaitForTaskToken,
    ))
    .parameters(token_payload());
    check(vec![
        case(
            "a callback without TimeoutSeconds",
            machine(vec![("T", no_timeout.clone().end().into())]),
            &[(Code::NoTaskTimeout, "/States/T")],
        ),
        case(
            "TimeoutSecondsPath counts as a timeout",
            machine(vec![(
                "T",
                no_timeout
                    .timeout_seconds_path(Path::input().field("t"))
                    .end()
                    .into(),
            )]),
            &[],
        ),
        case(
            "an activity without TimeoutSeconds",
            machine(vec![("T", TaskState::new(activity.clone()).end().into())]),
            &[(Code::NoTaskTimeout, "/States/T")],
        ),
        case(
            "an activity with one",
            machine(vec![(
                "T",
                TaskState::new(activity).timeout_seconds(60).end().into(),
            )]),
            &[],
        ),
        case(
            "a request-response task needs none",
            machine(vec![("T", lambda().end().into())]),
            &[],
        ),
    ]);
    let findings = validate::validate(
        &machine(vec![(
            "T",
            TaskState::new(Resource::service(
                "sqs",
                "sendMessage",
                IntegrationPattern::WaitForTaskToken,
            ))
            .parameters(token_payload())
            .end()
            .into(),
        )]),
        &Options::default(),
    );
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn distributed_map_fields_need_a_distributed_map() {
    let reader = ItemReader {
        resource: Resource::service("s3", "getObject", IntegrationPattern::RequestResponse),
        parameters: Some(Template::object().with("Bucket", "b")),
        arguments: None,
        reader_config: None,
    };
    let mut labelled = inline_map()
        .item_reader(reader.clone())
        .tolerated_failure_count(3);
    labelled.label = Some("Batch".into());
    let writer = |resource: bool, parameters: bool, config: bool| ResultWriter {
        resource: resource
            .then(|| Resource::service("s3", "putObject", IntegrationPattern::RequestResponse)),
        parameters: parameters.then(|| Template::object().with("Bucket", "b")),
        arguments: None,
        writer_config: config.then(WriterConfig::default),
    };
    let map = |m: MapState| machine(vec![("M", m.into())]);
    check(vec![
        case(
            "an inline Map with distributed fields",
            map(labelled),
            &[
                (Code::DistributedMapField, "/States/M/ItemReader"),
                (Code::DistributedMapField, "/States/M/ToleratedFailureCount"),
                (Code::DistributedMapField, "/States/M/Label"),
            ],
        ),
        case(
            "a distributed Map with a reader",
            map(distributed(ExecutionType::Standard).item_reader(reader)),
            &[],
        ),
        case(
            "an ItemBatcher needs a limit",
            map(distributed(ExecutionType::Express).item_batcher(ItemBatcher::default())),
            &[(Code::ItemBatcherWithoutLimit, "/States/M/ItemBatcher")],
        ),
        case(
            "an ItemBatcher with a limit",
            map(
                distributed(ExecutionType::Express).item_batcher(ItemBatcher {
                    max_items_per_batch: Some(IntSource::Value(10)),
                    ..ItemBatcher::default()
                }),
            ),
            &[],
        ),
        case(
            "WriterConfig alone is a valid writer",
            map(distributed(ExecutionType::Standard).result_writer(writer(false, false, true))),
            &[],
        ),
        case(
            "Resource and Parameters is a valid writer",
            map(distributed(ExecutionType::Standard).result_writer(writer(true, true, false))),
            &[],
        ),
        case(
            "Resource without Parameters is not",
            map(distributed(ExecutionType::Standard).result_writer(writer(true, false, true))),
            &[(Code::InvalidResultWriter, "/States/M/ResultWriter")],
        ),
        case(
            "an empty ResultWriter is not",
            map(distributed(ExecutionType::Standard).result_writer(writer(false, false, false))),
            &[(Code::InvalidResultWriter, "/States/M/ResultWriter")],
        ),
    ]);
}
