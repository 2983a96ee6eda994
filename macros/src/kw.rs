// Every attribute name and key the macros accept, in one place.

// State attributes.
pub(crate) const TASK: &str = "task";
pub(crate) const CALLBACK: &str = "callback";
pub(crate) const PASS: &str = "pass";
pub(crate) const CHOICE: &str = "choice";
pub(crate) const WAIT: &str = "wait";
pub(crate) const SUCCEED: &str = "succeed";
pub(crate) const FAIL: &str = "fail";
pub(crate) const PARALLEL: &str = "parallel";
pub(crate) const MAP: &str = "map";

pub(crate) const STATE_ATTRIBUTES: &[&str] = &[
    TASK, CALLBACK, PASS, CHOICE, WAIT, SUCCEED, FAIL, PARALLEL, MAP,
];

// `#[workflow(...)]` keys (the first argument is the generated type's name).
pub(crate) const DATA: &str = "data";
pub(crate) const INPUT: &str = "input";
pub(crate) const ERROR: &str = "error";
pub(crate) const EXPRESS: &str = "express";
pub(crate) const TIMEOUT: &str = "timeout";
pub(crate) const COMMENT: &str = "comment";
pub(crate) const RENAME_ALL: &str = "rename_all";
pub(crate) const START: &str = "start";

pub(crate) const WORKFLOW_KEYS: &[&str] = &[
    DATA, INPUT, ERROR, EXPRESS, TIMEOUT, COMMENT, RENAME_ALL, START,
];

// Keys shared by states.
pub(crate) const NAME: &str = "name";
pub(crate) const NEXT: &str = "next";
pub(crate) const END: &str = "end";
pub(crate) const INPUT_PATH: &str = "input_path";
pub(crate) const OUTPUT_PATH: &str = "output_path";
pub(crate) const RESULT_PATH: &str = "result_path";
pub(crate) const RESULT_SELECTOR: &str = "result_selector";
pub(crate) const RETRY: &str = "retry";
pub(crate) const CATCH: &str = "catch";
pub(crate) const ASSIGN: &str = "assign";

// Task keys.
pub(crate) const LAMBDA: &str = "lambda";
pub(crate) const SNS: &str = "sns";
pub(crate) const SQS: &str = "sqs";
pub(crate) const EVENTBRIDGE: &str = "eventbridge";
pub(crate) const HTTP: &str = "http";
pub(crate) const AWS_SDK: &str = "aws_sdk";
pub(crate) const ACTIVITY: &str = "activity";
pub(crate) const START_EXECUTION: &str = "start_execution";
pub(crate) const RESOURCE: &str = "resource";
pub(crate) const INTEGRATIONS: &[&str] = &[
    LAMBDA,
    SNS,
    SQS,
    EVENTBRIDGE,
    HTTP,
    AWS_SDK,
    ACTIVITY,
    START_EXECUTION,
    RESOURCE,
];
pub(crate) const PATTERN: &str = "pattern";
pub(crate) const METHOD: &str = "method";
pub(crate) const CONNECTION: &str = "connection";
pub(crate) const SOURCE: &str = "source";
pub(crate) const DETAIL_TYPE: &str = "detail_type";
pub(crate) const PAYLOAD: &str = "payload";
pub(crate) const OUTPUT: &str = "output";
pub(crate) const HEARTBEAT: &str = "heartbeat";
pub(crate) const TIMEOUT_PATH: &str = "timeout_path";
pub(crate) const HEARTBEAT_PATH: &str = "heartbeat_path";
pub(crate) const CREDENTIALS: &str = "credentials";
pub(crate) const TOKEN_FIELD: &str = "token_field";

// Pass, Wait, Choice, Fail keys.
pub(crate) const RESULT: &str = "result";
pub(crate) const PARAMETERS: &str = "parameters";
pub(crate) const SECONDS: &str = "seconds";
pub(crate) const TIMESTAMP: &str = "timestamp";
pub(crate) const SECONDS_PATH: &str = "seconds_path";
pub(crate) const TIMESTAMP_PATH: &str = "timestamp_path";
pub(crate) const WHEN: &str = "when";
pub(crate) const OTHERWISE: &str = "otherwise";
pub(crate) const CAUSE: &str = "cause";
pub(crate) const CAUSE_PATH: &str = "cause_path";
pub(crate) const ERROR_PATH: &str = "error_path";

// Parallel and Map keys.
pub(crate) const BRANCHES: &str = "branches";
pub(crate) const ITEMS: &str = "items";
pub(crate) const ITEM: &str = "item";
pub(crate) const PROCESSOR: &str = "processor";
pub(crate) const ITEM_SELECTOR: &str = "item_selector";
pub(crate) const MAX_CONCURRENCY: &str = "max_concurrency";
pub(crate) const DISTRIBUTED: &str = "distributed";
pub(crate) const EXECUTION: &str = "execution";
pub(crate) const TOLERATED_FAILURE_PERCENTAGE: &str = "tolerated_failure_percentage";
pub(crate) const TOLERATED_FAILURE_COUNT: &str = "tolerated_failure_count";
pub(crate) const LABEL: &str = "label";
pub(crate) const MAX_ITEMS_PER_BATCH: &str = "max_items_per_batch";
pub(crate) const MAX_BYTES_PER_BATCH: &str = "max_bytes_per_batch";
pub(crate) const ITEM_READER: &str = "item_reader";
pub(crate) const RESULT_WRITER: &str = "result_writer";

// Keys inside `item_reader(...)` and `result_writer(...)`.
pub(crate) const S3_OBJECT: &str = "s3_object";
pub(crate) const S3_LIST: &str = "s3_list";
pub(crate) const BUCKET: &str = "bucket";
pub(crate) const KEY: &str = "key";
pub(crate) const PREFIX: &str = "prefix";
pub(crate) const INPUT_TYPE: &str = "input_type";
pub(crate) const CSV_HEADER_LOCATION: &str = "csv_header_location";
pub(crate) const MAX_ITEMS: &str = "max_items";
pub(crate) const OUTPUT_TYPE: &str = "output_type";
pub(crate) const TRANSFORMATION: &str = "transformation";
pub(crate) const READER_KEYS: &[&str] = &[
    S3_OBJECT,
    S3_LIST,
    BUCKET,
    KEY,
    PREFIX,
    INPUT_TYPE,
    CSV_HEADER_LOCATION,
    MAX_ITEMS,
];
pub(crate) const WRITER_KEYS: &[&str] = &[BUCKET, PREFIX, OUTPUT_TYPE, TRANSFORMATION];

// Keys inside `retry(...)` and `catch(...)`.
pub(crate) const INTERVAL: &str = "interval";
pub(crate) const MAX_ATTEMPTS: &str = "max_attempts";
pub(crate) const BACKOFF: &str = "backoff";
pub(crate) const MAX_DELAY: &str = "max_delay";
pub(crate) const JITTER: &str = "jitter";
pub(crate) const RETRY_KEYS: &[&str] =
    &[INTERVAL, MAX_ATTEMPTS, BACKOFF, MAX_DELAY, JITTER, COMMENT];
pub(crate) const CATCH_KEYS: &[&str] = &[RESULT_PATH, COMMENT, ASSIGN];

// Keys that may be given more than once.
pub(crate) const REPEATABLE: &[&str] = &[RETRY, CATCH, WHEN];

// The `#[derive(TaskError)]` helper attribute and its key.
pub(crate) const TASK_ERROR: &str = "task_error";

const COMMON: &[&str] = &[NAME, COMMENT, INPUT_PATH, OUTPUT_PATH];
const FLOW: &[&str] = &[NEXT, END, ASSIGN];
const RESULTS: &[&str] = &[RESULT_PATH, RESULT_SELECTOR, RETRY, CATCH];
const TASK_OWN: &[&str] = &[
    PATTERN,
    METHOD,
    CONNECTION,
    SOURCE,
    DETAIL_TYPE,
    PAYLOAD,
    OUTPUT,
    ERROR,
    TIMEOUT,
    HEARTBEAT,
    TIMEOUT_PATH,
    HEARTBEAT_PATH,
    CREDENTIALS,
];

/// The keys a state attribute accepts.
pub(crate) fn keys_of(attribute: &str) -> Vec<&'static str> {
    let parts: &[&[&str]] = match attribute {
        TASK => &[COMMON, FLOW, RESULTS, INTEGRATIONS, TASK_OWN],
        CALLBACK => &[
            COMMON,
            FLOW,
            RESULTS,
            INTEGRATIONS,
            TASK_OWN,
            &[TOKEN_FIELD],
        ],
        PASS => &[COMMON, FLOW, &[RESULT, PARAMETERS, RESULT_PATH]],
        CHOICE => &[COMMON, &[WHEN, OTHERWISE, ASSIGN]],
        WAIT => &[
            COMMON,
            FLOW,
            &[SECONDS, TIMESTAMP, SECONDS_PATH, TIMESTAMP_PATH],
        ],
        SUCCEED => &[COMMON],
        FAIL => &[&[NAME, COMMENT, ERROR, CAUSE, ERROR_PATH, CAUSE_PATH]],
        PARALLEL => &[COMMON, FLOW, RESULTS, &[BRANCHES, PARAMETERS]],
        MAP => &[
            COMMON,
            FLOW,
            RESULTS,
            &[
                ITEMS,
                ITEM,
                PROCESSOR,
                ITEM_SELECTOR,
                MAX_CONCURRENCY,
                DISTRIBUTED,
                EXECUTION,
                TOLERATED_FAILURE_PERCENTAGE,
                TOLERATED_FAILURE_COUNT,
                LABEL,
                MAX_ITEMS_PER_BATCH,
                MAX_BYTES_PER_BATCH,
                ITEM_READER,
                RESULT_WRITER,
            ],
        ],
        _ => &[],
    };
    parts.iter().flat_map(|part| part.iter().copied()).collect()
}

/// Error names an integration raises besides the `States.*` ones, for Retry and Catch.
pub(crate) fn integration_errors(integration: &str) -> &'static [&'static str] {
    match integration {
        LAMBDA => &[
            "Lambda.ClientExecutionTimeoutException",
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException",
            "Lambda.Unknown",
        ],
        SNS => &["SNS.SdkClientException", "SNS.AmazonSNSException"],
        SQS => &["SQS.SdkClientException", "SQS.AmazonSQSException"],
        EVENTBRIDGE => &["EventBridge.AmazonEventBridgeException"],
        START_EXECUTION => &["StepFunctions.ExecutionAlreadyExistsException"],
        _ => &[],
    }
}
