//! The `Workflow` trait that `#[workflow]` implements, and the types its output uses.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use stepfn_core::validate::{self, Options};
use stepfn_core::{Finding, MachineType, StateMachine};

/// A state machine declared with [`workflow`](crate::workflow). Every output is deterministic:
/// the same declaration gives the same model, ASL text and schemas, byte for byte.
///
/// # Declaring a workflow
///
/// `#[workflow(Name, key = value, ...)]` goes on an inline module. Each state is a unit
/// struct in it with one state attribute; transitions name states by their Rust names, so
/// rust-analyzer's go to definition on `next = Done` lands on `struct Done`. Paths are
/// written `$.field.sub[0]` with Rust field names (turned into JSON names by `rename_all`)
/// and `$$.Execution.Id` for the context object; rustc checks each one against the `data`
/// type, on your own tokens.
///
/// ```
/// use schemars::JsonSchema;
/// use serde::{Deserialize, Serialize};
/// use stepfn::prelude::*;
///
/// #[derive(Serialize, Deserialize, JsonSchema)]
/// #[serde(rename_all = "camelCase")]
/// pub struct Loan {
///     pub application_id: String,
///     pub valuation: Option<Valuation>,
///     pub error: Option<CaughtError>,
/// }
///
/// #[derive(Serialize, Deserialize, JsonSchema)]
/// pub struct Valuation { pub value: u64 }
///
/// #[derive(Serialize, Deserialize, JsonSchema)]
/// #[serde(rename_all = "camelCase")]
/// pub struct ValuationRequest {
///     pub task_token: TaskToken<loan::RequestValuation>, // added by the macro
///     pub application_id: String,
/// }
///
/// #[derive(Debug, TaskError)]
/// pub enum ValuationError { ValuationFailed }
///
/// #[derive(Debug, TaskError)]
/// pub enum LoanError { NoValuation }
///
/// #[workflow(LoanProcessor, data = Loan, error = LoanError, rename_all = "camelCase")]
/// pub mod loan {
///     use super::*;
///
///     #[callback(
///         lambda = ValuationRequestFunctionArn,
///         payload = ValuationRequest { application_id: $.application_id },
///         output = Valuation,
///         error = ValuationError,
///         timeout = 30,
///         result_path = $.valuation,
///         catch(States::Timeout | ValuationError::ValuationFailed => NoValuation, result_path = $.error),
///         next = Check,
///     )]
///     pub struct RequestValuation;
///
///     #[choice(when($.valuation.value >= 100000 => Done), otherwise = NoValuation)]
///     pub struct Check;
///
///     #[succeed]
///     pub struct Done;
///
///     #[fail(error = LoanError::NoValuation, cause = "no usable valuation")]
///     pub struct NoValuation;
/// }
///
/// fn main() {
///     let asl: serde_json::Value = serde_json::from_str(&LoanProcessor::asl()).unwrap();
///     let payload = &asl["States"]["RequestValuation"]["Parameters"]["Payload"];
///     assert_eq!(payload["taskToken.$"], "$$.Task.Token");
///     assert_eq!(payload["applicationId.$"], "$.applicationId");
///     assert!(LoanProcessor::findings().is_empty());
///     assert!(LoanProcessor::schemas().contains_key("RequestValuation.payload"));
///     let deploy = LoanProcessorSubstitutions {
///         valuation_request_function_arn: "arn:aws:lambda:eu-west-1:1:function:f".into(),
///     };
///     assert!(!deploy.apply(&LoanProcessor::asl()).contains("${"));
/// }
/// ```
///
/// The macro generates, beside the module, `LoanProcessor` (implementing this trait, with
/// inherent `state_machine()`, `asl()`, `schemas()` and `findings()`) and
/// `LoanProcessorSubstitutions`, one `String` field per `${Placeholder}`; in the module,
/// [`CallbackTask`](crate::CallbackTask) for each `#[callback]` state (and
/// [`Heartbeat`](crate::Heartbeat) when it declares `heartbeat`).
///
/// # Attributes
///
/// | attribute | keys |
/// |---|---|
/// | `#[workflow(Name, ...)]` | `data = Type` (required), `input = Type`, `error = Enum`, `express`, `timeout = s`, `comment = ".."`, `rename_all = "camelCase"`, `start = State` |
/// | every state | `name = ".."` (ASL name, default the struct's), `comment`, `input_path`, `output_path` |
/// | all but `#[succeed]` and `#[fail]` | `assign(variable = <value>, ..)` |
/// | `#[task]`, `#[callback]` | one integration: `lambda = Placeholder`, `sns`, `sqs`, `eventbridge` (+ `source`, `detail_type`), `http = "url"` (+ `method`, `connection`), `aws_sdk = "service:action"`, `activity`, `start_execution` (+ `pattern = sync \| sync2`), `resource = "arn"`; `payload = Type { field: $.path, .. }` or `payload = $.path`; `output = Type`, `error = Enum`, `timeout`, `heartbeat`, `timeout_path`, `heartbeat_path`, `credentials = RoleArn`, `token_field = field` (callback), `result_path`, `result_selector`, `retry(..)`, `catch(..)`, `next = State` or `end` |
/// | `#[pass]` | `result = <expr>`, `parameters = Type {..}`, `result_path`, `next`/`end` |
/// | `#[choice]` | `when(<condition> => State)` (repeatable), `otherwise = State` |
/// | `#[wait]` | one of `seconds`, `timestamp = ".."`, `seconds_path`, `timestamp_path`; `next`/`end` |
/// | `#[succeed]` | |
/// | `#[fail]` | `error = Enum::Variant` or `States::Name`, `cause = ".."`, `error_path`, `cause_path` |
/// | `#[parallel]` | `branches = [module, ..]`, `parameters`, `result_path`, `retry`, `catch`, `next`/`end` |
/// | `#[map]` | `items = $.path`, `item = Type`, `processor = module`, `item_selector = Type {..}`, `max_concurrency`, `distributed`, `execution = standard \| express`, `tolerated_failure_percentage`, `tolerated_failure_count`, `label`, `max_items_per_batch`, `max_bytes_per_batch`, `item_reader(..)`, `result_writer(..)`, `result_path`, `retry`, `catch`, `next`/`end` |
///
/// `retry(A | B, interval = 1, max_attempts = 3, backoff = 2.0, max_delay = 60, jitter =
/// full)` and `catch(A | B => State, result_path = $.error)` name errors as
/// `States::Timeout` (the closed set of [`States`](crate::States)), `MyError::Variant` (an
/// enum deriving [`TaskError`](macro@crate::TaskError)) or a string such as
/// `"Lambda.ServiceException"`; a `catch` may also `assign(..)`. Conditions read like Rust: `$.a >= 10 && !$.flag`,
/// `$.s == "x"`, `$.t < timestamp("2026-01-01T00:00:00Z")`, `is_present($.x)`,
/// `matches($.name, "*.pdf")`. Parallel branches and Map processors are child modules of
/// states.
///
/// A distributed map reads its items from S3 with `item_reader(s3_object, bucket = Bucket,
/// key = "items.csv", input_type = csv, csv_header_location = first_row, max_items = 100)`
/// (or `s3_list` with `prefix`; `input_type` is `csv`, `json`, `jsonl`, `parquet` or
/// `manifest`) and writes its results with `result_writer(bucket = Bucket, prefix = "out",
/// output_type = json | jsonl, transformation = none | compact | flatten)`. A bucket is a
/// placeholder or a string; `key` and `prefix` a string or a `$.path` to a string field.
///
/// A payload field (and an `assign` value) may call an intrinsic function, named in
/// snake case under `States::`: `message: States::format("valuation {} failed",
/// $.application_id)`, `id: States::uuid()`, `count: States::array_length($.items)`; calls
/// nest. The macro checks each call as core does (argument counts, a `format` template
/// against its values, ...), rustc checks the paths it reads, and, where the result's JSON
/// type is fixed (a string for `format`, `uuid`, `json_to_string`, `base64_*`, `hash`; a
/// number for `array_length`, `math_add`, `math_random`; a boolean for `array_contains`),
/// that the field can hold it. `assign(order_id = $.id, source = "web", run =
/// States::uuid())` sets workflow variables, which payload fields and intrinsic arguments
/// read as `$order_id` or `$customer.email`. Variable names follow AWS's rule (an
/// identifier of at most 80 characters, not `states`). Neither variables nor the paths
/// inside `assign` are checked against a type: what `$` reads there depends on the state
/// (its result, or a catcher's error output), and a variable's type is not declared; their
/// field names still follow `rename_all`.
///
/// Before expanding, the macro runs core's validator on the machine it built; an error
/// there means the macro accepted a machine AWS would reject, and is reported at the
/// workflow's name as a bug in stepfn.
///
/// Known limits: JSONata states, comparisons between two paths, variables read outside
/// payload fields and `assign` (in conditions, `items`, ...) and negative numbers as
/// intrinsic arguments cannot be written yet; build those machines with the builder API of
/// [`stepfn::core`](crate::core). Payload keys follow `rename_all`; a field renamed one by one
/// with `#[serde(rename)]` is not seen by the macro.
pub trait Workflow {
    /// The name of the generated type (`LoanProcessor`).
    const NAME: &'static str;
    /// Standard or Express.
    const MACHINE_TYPE: MachineType;
    /// The `DefinitionSubstitutions` placeholders the ASL uses (`ValuationRequestFunctionArn`),
    /// sorted. The generated `<Name>Substitutions` struct has one field for each.
    const SUBSTITUTIONS: &'static [&'static str];

    /// The state machine as core's model.
    fn state_machine() -> StateMachine;

    /// The ASL definition as pretty-printed JSON, with `${Placeholder}` strings where the
    /// deployment substitutes values.
    fn asl() -> String {
        stepfn_core::codec::to_string_pretty(&Self::state_machine())
    }

    /// JSON Schemas by role: `input` (the machine's input), and for each task
    /// `<State>.payload`, `<State>.output` and `<State>.error` where the task declares them.
    fn schemas() -> BTreeMap<String, Value>;

    /// What core's validator says about [`Workflow::state_machine`]. The macro only accepts
    /// machines the validator accepts, so an error here is a bug in stepfn.
    fn findings() -> Vec<Finding> {
        validate::validate(
            &Self::state_machine(),
            &Options::for_machine_type(Self::MACHINE_TYPE),
        )
    }
}

/// What a Catcher's `ResultPath` receives: the error's name and its cause. Give a data field
/// this type (or `Option` of it) to name it in `catch(..., result_path = $.error)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CaughtError {
    /// The ASL error name (`States.Timeout`, `ValuationFailed`).
    #[serde(rename = "Error")]
    pub error: String,
    /// The cause, when the error carried one.
    #[serde(rename = "Cause", default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// The `DefinitionSubstitutions` of a workflow, as the generated `<Name>Substitutions`
/// struct holds them: one `String` field per placeholder, so that none can be forgotten.
pub trait Substitutions {
    /// Placeholder name to value, for CloudFormation's `DefinitionSubstitutions` or for
    /// replacing `${Name}` in the ASL text yourself.
    fn to_map(&self) -> BTreeMap<&'static str, String>;

    /// The ASL text with every `${Name}` replaced by its value.
    fn apply(&self, asl: &str) -> String {
        let mut out = asl.to_owned();
        for (name, value) in self.to_map() {
            out = out.replace(&format!("${{{name}}}"), &value);
        }
        out
    }
}
