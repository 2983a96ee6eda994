//! A machine using every state type and every field the macro offers, so that the model it
//! builds round-trips through core's decoder and passes core's validator.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stepfn::prelude::*;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Order {
    pub(crate) id: String,
    pub(crate) total: f64,
    pub(crate) express: bool,
    pub(crate) placed_at: String,
    pub(crate) ship_after: String,
    pub(crate) delay_seconds: u64,
    pub(crate) timeout_seconds: u64,
    pub(crate) lines: Vec<Line>,
    pub(crate) customer: Option<Customer>,
    pub(crate) approval: Option<Approval>,
    pub(crate) checks: Option<Vec<String>>,
    pub(crate) error: Option<CaughtError>,
    pub(crate) receipt: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Customer {
    pub(crate) email: String,
    pub(crate) tier: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Line {
    pub(crate) sku: String,
    pub(crate) quantity: u32,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ApprovalRequest {
    pub(crate) task_token: TaskToken<order_flow::Approve>,
    pub(crate) order_id: String,
    pub(crate) email: String,
    pub(crate) channel: String,
    pub(crate) reference: String,
    pub(crate) tier: String,
    pub(crate) note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Approval {
    pub(crate) approver: String,
    pub(crate) note: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ApprovalSummary {
    pub(crate) approver: String,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct PutItem {
    pub(crate) table_name: String,
    pub(crate) order_id: String,
    pub(crate) note: String,
    pub(crate) request_id: String,
    pub(crate) line_count: u64,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LineWork {
    pub(crate) sku: String,
    pub(crate) order_id: String,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ItemWork {
    pub(crate) index: u64,
    pub(crate) order_id: String,
}

#[derive(Debug, TaskError)]
pub(crate) enum ApprovalError {
    Rejected(String),
    #[task_error(name = "Approval.Expired")]
    Expired {
        cause: Option<String>,
    },
}

#[derive(Debug, TaskError)]
pub(crate) enum OrderError {
    NotApproved,
}

#[workflow(
    EveryState,
    data = Order,
    error = OrderError,
    rename_all = "camelCase",
    comment = "Every state type and field the workflow macro offers",
    timeout = 86400,
    start = Validate
)]
pub(crate) mod order_flow {
    use super::*;

    #[pass(
        comment = "Stamps the order",
        result = serde_json::json!({ "source": "stepfn" }),
        result_path = $.receipt,
        input_path = $,
        output_path = $,
        assign(order_id = $.id, customer = $.customer, source = "stepfn", run = States::uuid()),
        next = Route,
    )]
    pub(crate) struct Validate;

    #[choice(
        when($.total >= 1000 && !$.express => Approve),
        when($.customer.tier == "gold" || is_present($.approval) => Ship),
        when(matches($.id, "test-*") => Skip),
        when($.placed_at < timestamp("2020-01-01T00:00:00Z") => Skip),
        when(!is_null($.checks) && $.total != 0 => Ship),
        otherwise = Ship,
        assign(routed = true),
    )]
    pub(crate) struct Route;

    #[callback(
        lambda = ApprovalFunctionArn,
        payload = ApprovalRequest {
            order_id: $.id,
            email: $.customer.email,
            channel: "email",
            reference: $order_id,
            tier: $customer.tier,
            note: States::format("order {}", $order_id),
        },
        output = Approval,
        error = ApprovalError,
        timeout = 3600,
        heartbeat = 600,
        result_selector = ApprovalSummary { approver: $.approver },
        result_path = $.approval,
        credentials = ApprovalRoleArn,
        retry(States::Timeout | ApprovalError::Expired, interval = 5, max_attempts = 2, backoff = 1.5, max_delay = 60, jitter = full, comment = "try again"),
        retry(States::ALL, max_attempts = 0),
        catch(ApprovalError::Rejected => NotApproved, result_path = $.error, comment = "rejected"),
        catch(States::ALL => NotApproved, result_path = null, assign(failed_at = $$.State.EnteredTime)),
        assign(approved = 1),
        next = Ship,
    )]
    pub(crate) struct Approve;

    #[pass(next = Ship)]
    pub(crate) struct Skip;

    #[parallel(
        branches = [notify, record],
        result_path = $.checks,
        retry(States::BranchFailed, max_attempts = 1),
        catch(States::ALL => NotApproved),
        assign(shipped = null),
        next = PackLines,
    )]
    pub(crate) struct Ship;

    #[map(
        items = $.lines,
        item = Line,
        processor = pack_line,
        max_concurrency = 4,
        result_path = null,
        assign(packed = $$.State.Name),
        next = PackAll,
    )]
    pub(crate) struct PackLines;

    #[map(
        items = $.lines,
        item_selector = ItemWork { index: $$.Map.Item.Index, order_id: $.id },
        processor = pack_batch,
        distributed,
        execution = express,
        tolerated_failure_percentage = 5,
        tolerated_failure_count = 2,
        label = "packing",
        max_items_per_batch = 10,
        max_bytes_per_batch = 262144,
        item_reader(
            s3_object,
            bucket = OrdersBucket,
            key = $.id,
            input_type = csv,
            csv_header_location = first_row,
            max_items = 1000,
        ),
        result_writer(
            bucket = "order-results",
            prefix = "packing",
            output_type = jsonl,
            transformation = compact,
        ),
        result_path = null,
        next = WaitABit,
    )]
    pub(crate) struct PackAll;

    #[wait(seconds = 5, assign(waited = 5.5), next = WaitForDelay)]
    pub(crate) struct WaitABit;

    #[wait(seconds_path = $.delay_seconds, next = WaitUntil)]
    pub(crate) struct WaitForDelay;

    #[wait(timestamp = "2030-01-01T00:00:00Z", next = WaitForShipDate)]
    pub(crate) struct WaitUntil;

    #[wait(timestamp_path = $.ship_after, next = Pack)]
    pub(crate) struct WaitForShipDate;

    #[callback(
        activity = PackingActivityArn,
        output = String,
        timeout_path = $.timeout_seconds,
        result_path = $.receipt,
        next = Done,
    )]
    pub(crate) struct Pack;

    #[succeed(output_path = $.receipt)]
    pub(crate) struct Done;

    #[fail(error = OrderError::NotApproved, cause = "the order was not approved")]
    pub(crate) struct NotApproved;

    mod notify {
        use super::*;

        #[task(
            eventbridge = OrderBus,
            source = "orders",
            detail_type = "OrderShipped",
            payload = LineWork { sku: $.id, order_id: $.id },
            next = Email,
        )]
        pub(crate) struct Announce;

        #[task(sqs = EmailQueueUrl, payload = $.customer, end)]
        pub(crate) struct Email;
    }

    mod record {
        use super::*;

        #[task(
            aws_sdk = "dynamodb:putItem",
            payload = PutItem {
                table_name: "orders",
                order_id: $.id,
                note: States::format("order {} of {}", $.id, States::json_to_string($.customer)),
                request_id: States::uuid(),
                line_count: States::array_length($.lines),
            },
            next = Audit,
        )]
        pub(crate) struct Store;

        #[task(
            http = "https://audit.example.com/orders",
            method = "PUT",
            connection = AuditConnectionArn,
            payload = $,
            timeout = 10,
            catch(States::HttpSocket => AuditFailed),
            next = Child,
        )]
        pub(crate) struct Audit;

        #[task(start_execution = ChildMachineArn, pattern = sync2, payload = $, end)]
        pub(crate) struct Child;

        #[fail(error_path = $.error.error, cause_path = $.error.cause)]
        pub(crate) struct AuditFailed;
    }

    mod pack_line {
        #[task(sns = PackTopicArn, payload = $.sku, end)]
        pub(crate) struct PackOne;
    }

    mod pack_batch {
        #[task(lambda = PackBatchFunctionArn, payload = $, end)]
        pub(crate) struct PackBatch;
    }
}
