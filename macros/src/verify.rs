// The machine the macro is about to generate, built as a value here and checked by core's
// validator: whatever the macro accepts, the validator must accept too, so an error finding
// at this point is a bug in the macro, reported as one.
//
// The value keeps what decides validity (names, transitions, resources, payload templates,
// timeouts, retriers and catchers, conditions, Map configuration). What only the generated
// code knows is approximated: a `Pass` `result` is evaluated at run time (any JSON is valid
// there) and an error enum's variant stands for its `#[task_error(name)]`, which the derive
// keeps to a valid custom name.

use stepfn_core::model::{
    self as m, ComparisonOperator, ErrorName, IntegrationPattern, MachineType, Resource, State,
    StateMachine, Template,
};
use stepfn_core::path::{Dynamic, Path};
use stepfn_core::validate::{Finding, Options, validate};

use syn::ext::IdentExt;

use crate::ctx::Errors;
use crate::expand::Names;
use crate::kw;
use crate::model::*;
use crate::rename::Rename;

/// Reports each error finding of core's validator on the machine, at the workflow's name.
pub(crate) fn verify(workflow: &Workflow, errors: &Errors) {
    for finding in findings(workflow) {
        errors.at(workflow.name.span(), message(&finding));
    }
}

/// The error findings of core's validator on the machine the macro builds.
pub(crate) fn findings(workflow: &Workflow) -> Vec<Finding> {
    let machine_type = if workflow.express.is_some() {
        MachineType::Express
    } else {
        MachineType::Standard
    };
    validate(&machine(workflow), &Options::for_machine_type(machine_type))
        .into_iter()
        .filter(Finding::is_error)
        .collect()
}

fn message(finding: &Finding) -> String {
    format!(
        "bug in stepfn's `#[workflow]` macro: it accepted a machine core's validator rejects \
         (`{}` at `{}`: {}); please report it",
        finding.code.as_str(),
        finding.pointer,
        finding.message
    )
}

/// The machine as a value.
pub(crate) fn machine(workflow: &Workflow) -> StateMachine {
    let b = Builder {
        rename: workflow.rename,
    };
    let (start, states) = b.scope(&workflow.root, workflow.start.as_ref());
    let mut machine = StateMachine::new(start);
    for (name, state) in states {
        machine = machine.state(name, state);
    }
    if let Some(comment) = &workflow.comment {
        machine = machine.comment(comment.value());
    }
    if let Some(timeout) = &workflow.timeout {
        machine = machine.timeout_seconds(timeout.value);
    }
    machine
}

/// A path as core's value, with the JSON names of data fields.
pub(crate) fn core_path(path: &AslPath, rename: Rename) -> Path {
    let mut out = match &path.root {
        Root::Input => Path::input(),
        Root::Context => Path::context(),
        Root::Variable(name) => Path::variable(name.to_string()),
    };
    for segment in &path.segments {
        out = match segment {
            Segment::Field(field) if path.root == Root::Context => out.field(field.to_string()),
            Segment::Field(field) => out.field(rename.apply(&field.to_string())),
            Segment::Index(index) => out.index(index.base10_parse().unwrap_or_default()),
        };
    }
    out
}

struct Builder {
    rename: Rename,
}

/// `next`/`end`, `comment` and the input and output paths, on any state type that has them.
macro_rules! common {
    ($b:expr, $scope:expr, $decl:expr, $s:expr) => {{
        let mut s = $s;
        if let Some(comment) = &$decl.comment {
            s = s.comment(comment.value());
        }
        match &$decl.input_path {
            Some(Nullable::Null) => s.input_path = Some(m::Nullable::Null),
            Some(Nullable::Path(p)) => s = s.input_path($b.path(p)),
            None => {}
        }
        match &$decl.output_path {
            Some(Nullable::Null) => s.output_path = Some(m::Nullable::Null),
            Some(Nullable::Path(p)) => s = s.output_path($b.path(p)),
            None => {}
        }
        s
    }};
}

/// `next`/`end` and `assign`, on the states that have both.
macro_rules! transition {
    ($b:expr, $scope:expr, $decl:expr, $s:expr) => {{
        let mut s = $s;
        s.assign = $decl.assign.as_ref().map(|a| $b.assign(a));
        match &$decl.next {
            Some(next) => s.next(name_of($scope, next)),
            None => s.end(),
        }
    }};
}

macro_rules! results {
    ($b:expr, $scope:expr, $results:expr, $s:expr) => {{
        let mut s = $s;
        let results: &Results = $results;
        match &results.result_path {
            Some(Nullable::Null) => s.result_path = Some(m::Nullable::Null),
            Some(Nullable::Path(p)) => s = s.result_path($b.path(p)),
            None => {}
        }
        if let Some(Payload::Struct(lit)) = &results.result_selector {
            s = s.result_selector($b.template(lit, None));
        }
        for retry in &results.retry {
            s = s.retry($b.retrier(retry));
        }
        for catch in &results.catch {
            s = s.catch($b.catcher($scope, catch));
        }
        s
    }};
}

impl Builder {
    fn scope(&self, scope: &Scope, start: Option<&syn::Ident>) -> (String, Vec<(String, State)>) {
        let start = start
            .and_then(|ident| scope.states.iter().find(|s| s.ident == *ident))
            .or(scope.states.first())
            .map(|state| state.name.clone())
            .unwrap_or_default();
        let states = scope
            .states
            .iter()
            .map(|decl| (decl.name.clone(), self.state(scope, decl)))
            .collect();
        (start, states)
    }

    fn child(&self, scope: &Scope, module: &syn::Ident) -> (String, Vec<(String, State)>) {
        scope
            .children
            .iter()
            .find(|child| child.module.as_ref() == Some(module))
            .map_or_else(Default::default, |child| self.scope(child, None))
    }

    fn state(&self, scope: &Scope, decl: &StateDecl) -> State {
        match &decl.kind {
            Kind::Task(task) => {
                let s = transition!(
                    self,
                    scope,
                    decl,
                    common!(self, scope, decl, self.task(task))
                );
                results!(self, scope, &task.results, s).into()
            }
            Kind::Pass(pass) => {
                let mut s = transition!(
                    self,
                    scope,
                    decl,
                    common!(self, scope, decl, m::PassState::new())
                );
                if pass.result.is_some() {
                    s = s.result(serde_json::Value::Null);
                }
                if let Some(Payload::Struct(lit)) = &pass.parameters {
                    s = s.parameters(self.template(lit, None));
                }
                match &pass.result_path {
                    Some(Nullable::Null) => s.result_path = Some(m::Nullable::Null),
                    Some(Nullable::Path(p)) => s = s.result_path(self.path(p)),
                    None => {}
                }
                s.into()
            }
            Kind::Choice(choice) => {
                let mut s = common!(self, scope, decl, self.choice(scope, choice));
                s.assign = decl.assign.as_ref().map(|a| self.assign(a));
                s.into()
            }
            Kind::Wait(wait) => transition!(
                self,
                scope,
                decl,
                common!(self, scope, decl, self.wait(wait))
            )
            .into(),
            Kind::Succeed => common!(self, scope, decl, m::SucceedState::new()).into(),
            Kind::Fail(fail) => self.fail(decl, fail).into(),
            Kind::Parallel(parallel) => {
                let mut s = m::ParallelState::new();
                for branch in &parallel.branches {
                    let (start, states) = self.child(scope, branch);
                    let mut b = m::Branch::new(start);
                    for (name, state) in states {
                        b = b.state(name, state);
                    }
                    s = s.branch(b);
                }
                if let Some(Payload::Struct(lit)) = &parallel.parameters {
                    s = s.parameters(self.template(lit, None));
                }
                let s = transition!(self, scope, decl, common!(self, scope, decl, s));
                results!(self, scope, &parallel.results, s).into()
            }
            Kind::Map(map) => {
                let s = transition!(
                    self,
                    scope,
                    decl,
                    common!(self, scope, decl, self.map(scope, map))
                );
                results!(self, scope, &map.results, s).into()
            }
        }
    }

    fn path(&self, path: &AslPath) -> Path {
        core_path(path, self.rename)
    }

    /// A payload as a template; `token` adds the task token under that key first.
    fn template(&self, lit: &StructLit, token: Option<&str>) -> Template {
        let mut out = Template::object();
        if let Some(key) = token {
            out = out.with_path(key, Path::task_token());
        }
        let fields = lit
            .fields
            .iter()
            .map(|(field, value)| (self.rename.apply(&field.to_string()), value));
        self.entries(out, fields)
    }

    /// `assign(...)` as a template: its keys are the variables' names as written.
    fn assign(&self, assign: &Assign) -> Template {
        let fields = assign
            .entries
            .iter()
            .map(|(name, value)| (name.unraw().to_string(), value));
        self.entries(Template::object(), fields)
    }

    fn entries<'a>(
        &self,
        mut out: Template,
        fields: impl Iterator<Item = (String, &'a Value)>,
    ) -> Template {
        for (key, value) in fields {
            out = match value {
                Value::Path(p) => out.with_path(key, self.path(p)),
                Value::Str(s) => out.with(key, s.value()),
                Value::Int(i) => out.with(key, i.base10_parse::<i64>().unwrap_or_default()),
                Value::Float(f) => out.with(
                    key,
                    serde_json::Number::from_f64(f.base10_parse().unwrap_or_default())
                        .map_or(Template::Null, Template::Number),
                ),
                Value::Bool(b) => out.with(key, b.value),
                Value::Null(_) => out.with(key, Template::Null),
                Value::Struct(inner) => out.with(key, self.template(inner, None)),
                Value::Intrinsic(call) => match crate::intrinsic::call(call, self.rename) {
                    Ok(call) => out.with_dynamic(key, Dynamic::Intrinsic(call)),
                    // Checked when parsed; a failure here leaves the field out.
                    Err(_) => out,
                },
            };
        }
        out
    }

    fn place(
        &self,
        out: Template,
        key: &str,
        payload: Option<&Payload>,
        token: Option<&str>,
    ) -> Template {
        match payload {
            Some(Payload::Struct(lit)) => out.with(key, self.template(lit, token)),
            Some(Payload::Path(p)) => out.with_path(key, self.path(p)),
            None if token.is_some() => out.with(key, self.token_only(token)),
            None => out,
        }
    }

    fn token_only(&self, token: Option<&str>) -> Template {
        let empty = StructLit {
            ty: syn::parse_quote!(Payload),
            fields: Vec::new(),
            rest: None,
        };
        self.template(&empty, token)
    }

    fn task(&self, task: &Task) -> m::TaskState {
        let Some((integration, goal)) = &task.integration else {
            return m::TaskState::new(Resource::new("arn:aws:states:::pass"));
        };
        let kind = integration.to_string();
        let pattern = pattern(task);
        let token = crate::expand::task_token_key(
            task,
            Names {
                rename: self.rename,
            },
        );
        let token = token.as_deref();
        let payload = task.payload.as_ref();
        let goal_t = Template::from(target_text(goal));
        let (resource, parameters) = match crate::expand::service_of(&kind) {
            Some((service, action, target_key, payload_key)) => {
                let base = Template::object().with(target_key, goal_t);
                (
                    Resource::service(service, action, pattern),
                    Some(self.place(base, payload_key, payload, token)),
                )
            }
            None if kind == kw::EVENTBRIDGE => {
                let mut entry = self.place(Template::object(), "Detail", payload, token);
                if let Some(detail_type) = &task.detail_type {
                    entry = entry.with("DetailType", detail_type.value());
                }
                entry = entry.with("EventBusName", goal_t);
                if let Some(source) = &task.source {
                    entry = entry.with("Source", source.value());
                }
                let parameters = Template::object().with("Entries", Template::Array(vec![entry]));
                (
                    Resource::service("events", "putEvents", pattern),
                    Some(parameters),
                )
            }
            None if kind == kw::HTTP => {
                let method = task
                    .method
                    .as_ref()
                    .map_or_else(|| "POST".to_owned(), syn::LitStr::value);
                let mut parameters = Template::object().with("ApiEndpoint", goal_t);
                if let Some(connection) = &task.connection {
                    let auth = Template::object().with("ConnectionArn", target_text(connection));
                    parameters = parameters.with("Authentication", auth);
                }
                parameters = parameters.with("Method", method);
                let parameters = self.place(parameters, "RequestBody", payload, token);
                (
                    Resource::service("http", "invoke", pattern),
                    Some(parameters),
                )
            }
            None => {
                let resource = Resource::new(crate::expand::raw_resource_text(task, &kind, goal));
                let parameters = match payload {
                    Some(Payload::Struct(lit)) => Some(self.template(lit, token)),
                    _ if token.is_some() => Some(self.token_only(token)),
                    _ => None,
                };
                (resource, parameters)
            }
        };
        let mut s = m::TaskState::new(resource);
        if let Some(parameters) = parameters {
            s = s.parameters(parameters);
        }
        if let Some(t) = &task.timeout {
            s = s.timeout_seconds(t.value);
        }
        if let Some(t) = &task.heartbeat {
            s = s.heartbeat_seconds(t.value);
        }
        if let Some(p) = &task.timeout_path {
            s = s.timeout_seconds_path(self.path(p));
        }
        if let Some(p) = &task.heartbeat_path {
            s = s.heartbeat_seconds_path(self.path(p));
        }
        if let Some(credentials) = &task.credentials {
            s = s.credentials(Template::object().with("RoleArn", target_text(credentials)));
        }
        s
    }

    fn retrier(&self, retry: &Retry) -> m::Retrier {
        let mut r = m::Retrier::new(retry.errors.iter().map(error_name));
        if let Some(i) = &retry.interval {
            r = r.interval_seconds(i.value);
        }
        if let Some(i) = &retry.max_attempts {
            r = r.max_attempts(i.value);
        }
        if let Some(f) = &retry.backoff {
            r = r.backoff_rate(f.value);
        }
        if let Some(i) = &retry.max_delay {
            r = r.max_delay_seconds(i.value);
        }
        if let Some(jitter) = &retry.jitter {
            r = r.jitter(if jitter == "full" {
                m::JitterStrategy::Full
            } else {
                m::JitterStrategy::None
            });
        }
        r.comment = retry.comment.as_ref().map(syn::LitStr::value);
        r
    }

    fn catcher(&self, scope: &Scope, catch: &Catch) -> m::Catcher {
        let next = name_of(scope, &catch.next);
        let mut c = m::Catcher::new(catch.errors.iter().map(error_name), next);
        match &catch.result_path {
            Some(Nullable::Null) => c.result_path = Some(m::Nullable::Null),
            Some(Nullable::Path(p)) => c = c.result_path(self.path(p)),
            None => {}
        }
        c.comment = catch.comment.as_ref().map(syn::LitStr::value);
        c.assign = catch.assign.as_ref().map(|a| self.assign(a));
        c
    }

    fn choice(&self, scope: &Scope, choice: &Choice) -> m::ChoiceState {
        let mut s = m::ChoiceState::new();
        for rule in &choice.rules {
            s = s.when(self.condition(&rule.condition), name_of(scope, &rule.next));
        }
        if let Some(otherwise) = &choice.otherwise {
            s = s.otherwise(name_of(scope, otherwise));
        }
        s
    }

    fn condition(&self, condition: &Condition) -> m::Condition {
        use serde_json::Value as Json;
        match condition {
            Condition::Compare {
                path, op, value, ..
            } => {
                let (kind, literal) = match value {
                    Operand::Str(lit) => ("String", Json::from(lit.value())),
                    Operand::Number { text } => ("Numeric", number(text)),
                    Operand::Bool(lit) => ("Boolean", Json::Bool(lit.value)),
                    Operand::Timestamp(lit) => ("Timestamp", Json::from(lit.value())),
                };
                let name = format!("{kind}{}", crate::expand::compare_suffix(*op));
                let compare = m::Condition::compare(self.path(path), operator(&name), literal);
                if *op == CompareOp::Ne {
                    m::Condition::negate(compare)
                } else {
                    compare
                }
            }
            Condition::Test { test, path } => {
                let name = crate::expand::pascal(&test.to_string());
                m::Condition::compare(self.path(path), operator(&name), Json::Bool(true))
            }
            Condition::Matches { path, pattern } => m::Condition::compare(
                self.path(path),
                ComparisonOperator::StringMatches,
                Json::from(pattern.value()),
            ),
            Condition::Not(inner) => m::Condition::negate(self.condition(inner)),
            Condition::And(terms) => m::Condition::and(terms.iter().map(|t| self.condition(t))),
            Condition::Or(terms) => m::Condition::or(terms.iter().map(|t| self.condition(t))),
        }
    }

    fn wait(&self, wait: &Wait) -> m::WaitState {
        match &wait.duration {
            Some(Duration::Seconds(s)) => m::WaitState::seconds(s.value),
            Some(Duration::Timestamp(lit)) => m::WaitState::timestamp(lit.value()),
            Some(Duration::SecondsPath(p)) => m::WaitState::seconds_path(self.path(p)),
            Some(Duration::TimestampPath(p)) => m::WaitState::timestamp_path(self.path(p)),
            None => m::WaitState::seconds(0),
        }
    }

    fn fail(&self, decl: &StateDecl, fail: &Fail) -> m::FailState {
        let mut s = m::FailState::new();
        if let Some(comment) = &decl.comment {
            s = s.comment(comment.value());
        }
        if let Some(error) = &fail.error {
            s = s.error(error_name(error).as_str());
        }
        if let Some(p) = &fail.error_path {
            s = s.error_path(Dynamic::Path(self.path(p)));
        }
        if let Some(cause) = &fail.cause {
            s = s.cause(cause.value());
        }
        if let Some(p) = &fail.cause_path {
            s = s.cause_path(Dynamic::Path(self.path(p)));
        }
        s
    }

    fn map(&self, scope: &Scope, map: &Map) -> m::MapState {
        let Some(processor) = &map.processor else {
            return m::MapState::new(m::Processor::new(""));
        };
        let (start, states) = self.child(scope, processor);
        let mut p = match (
            &map.distributed,
            map.execution.as_ref().map(ToString::to_string),
        ) {
            (None, _) => m::Processor::new(start),
            (Some(_), Some(e)) if e == "express" => {
                m::Processor::distributed(start, m::ExecutionType::Express)
            }
            (Some(_), _) => m::Processor::distributed(start, m::ExecutionType::Standard),
        };
        for (name, state) in states {
            p = p.state(name, state);
        }
        let mut s = m::MapState::new(p);
        if let Some(path) = &map.items {
            s = s.items_path(self.path(path));
        }
        if let Some(Payload::Struct(lit)) = &map.item_selector {
            s = s.item_selector(self.template(lit, None));
        }
        if let Some(n) = &map.max_concurrency {
            s = s.max_concurrency(n.value);
        }
        if let Some(f) = &map.tolerated_failure_percentage {
            s = s.tolerated_failure_percentage(f.value);
        }
        if let Some(n) = &map.tolerated_failure_count {
            s = s.tolerated_failure_count(n.value);
        }
        s.label = map.label.as_ref().map(syn::LitStr::value);
        if map.max_items_per_batch.is_some() || map.max_bytes_per_batch.is_some() {
            let int = |n: &Option<Int>| n.as_ref().map(|n| m::IntSource::Value(n.value));
            s = s.item_batcher(m::ItemBatcher {
                max_items_per_batch: int(&map.max_items_per_batch),
                max_input_bytes_per_batch: int(&map.max_bytes_per_batch),
                ..Default::default()
            });
        }
        if let Some(reader) = &map.item_reader {
            s = s.item_reader(self.reader(reader));
        }
        if let Some(writer) = &map.result_writer {
            s = s.result_writer(self.writer(writer));
        }
        s
    }

    fn s3_parameters(
        &self,
        bucket: Option<&Target>,
        texts: [(&str, Option<&Text>); 2],
    ) -> Template {
        let mut out = Template::object();
        if let Some(bucket) = bucket {
            out = out.with("Bucket", target_text(bucket));
        }
        for (key, text) in texts {
            out = match text {
                Some(Text::Literal(lit)) => out.with(key, lit.value()),
                Some(Text::Path(p)) => out.with_path(key, self.path(p)),
                None => out,
            };
        }
        out
    }

    fn reader(&self, reader: &ItemReader) -> m::ItemReader {
        let word = |key, word: &Option<syn::Ident>| word.as_ref().and_then(|w| map_word(key, w));
        let configured = reader.input_type.is_some()
            || reader.csv_header_location.is_some()
            || reader.max_items.is_some();
        let config = m::ReaderConfig {
            input_type: word(kw::INPUT_TYPE, &reader.input_type)
                .and_then(|t| m::InputType::from_text(&t)),
            csv_header_location: word(kw::CSV_HEADER_LOCATION, &reader.csv_header_location)
                .and_then(|t| m::CsvHeaderLocation::from_text(&t)),
            max_items: reader
                .max_items
                .as_ref()
                .map(|n| m::IntSource::Value(n.value)),
            ..Default::default()
        };
        m::ItemReader {
            resource: Resource::new(reader.resource()),
            parameters: Some(self.s3_parameters(
                reader.bucket.as_ref(),
                [
                    ("Key", reader.object.as_ref()),
                    ("Prefix", reader.prefix.as_ref()),
                ],
            )),
            arguments: None,
            reader_config: configured.then_some(config),
        }
    }

    fn writer(&self, writer: &ResultWriter) -> m::ResultWriter {
        let word = |key, word: &Option<syn::Ident>| word.as_ref().and_then(|w| map_word(key, w));
        let config = m::WriterConfig {
            output_type: word(kw::OUTPUT_TYPE, &writer.output_type)
                .and_then(|t| m::OutputType::from_text(&t)),
            transformation: word(kw::TRANSFORMATION, &writer.transformation)
                .and_then(|t| m::Transformation::from_text(&t)),
        };
        m::ResultWriter {
            resource: Some(Resource::new(ResultWriter::RESOURCE)),
            parameters: Some(self.s3_parameters(
                writer.bucket.as_ref(),
                [("Prefix", writer.prefix.as_ref()), ("Key", None)],
            )),
            arguments: None,
            writer_config: (config != m::WriterConfig::default()).then_some(config),
        }
    }
}

fn name_of(scope: &Scope, ident: &syn::Ident) -> String {
    scope
        .states
        .iter()
        .find(|state| state.ident == *ident)
        .map_or_else(|| ident.to_string(), |state| state.name.clone())
}

fn target_text(target: &Target) -> String {
    match target {
        Target::Placeholder(ident) => format!("${{{ident}}}"),
        Target::Literal(lit) => lit.value(),
    }
}

fn pattern(task: &Task) -> IntegrationPattern {
    if task.callback {
        return IntegrationPattern::WaitForTaskToken;
    }
    match task.pattern.as_ref().map(ToString::to_string).as_deref() {
        Some("sync") => IntegrationPattern::Sync,
        Some("sync2") => IntegrationPattern::Sync2,
        _ => IntegrationPattern::RequestResponse,
    }
}

fn error_name(error: &ErrorRef) -> ErrorName {
    match error {
        ErrorRef::States(_, variant) => crate::check::predefined(variant).map_or_else(
            || ErrorName::from(variant.to_string().as_str()),
            ErrorName::from,
        ),
        ErrorRef::Variant(_, variant) => ErrorName::Custom(variant.to_string()),
        ErrorRef::Literal(lit) => ErrorName::from(lit.value().as_str()),
    }
}

fn operator(name: &str) -> ComparisonOperator {
    ComparisonOperator::ALL
        .iter()
        .copied()
        .find(|op| op.name() == name)
        .unwrap_or(ComparisonOperator::StringEquals)
}

fn number(text: &str) -> serde_json::Value {
    if let Ok(value) = text.parse::<u64>() {
        value.into()
    } else if let Ok(value) = text.parse::<i64>() {
        value.into()
    } else {
        text.parse::<f64>().unwrap_or_default().into()
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use stepfn_core::validate::Code;

    use super::*;

    fn parse(args: proc_macro2::TokenStream, module: proc_macro2::TokenStream) -> Workflow {
        let errors = Errors::new();
        let module = syn::parse2::<syn::ItemMod>(module).expect("a module");
        let (workflow, _) = crate::parse::parse_workflow(args, module, &errors).expect("parsed");
        crate::check::check(&workflow, &errors);
        assert!(errors.finish().is_none(), "the example has no mistakes");
        workflow
    }

    #[test]
    fn the_model_of_an_accepted_workflow_passes_the_validator() {
        let workflow = parse(
            quote!(
                Loans,
                data = Application,
                error = LoanError,
                rename_all = "camelCase"
            ),
            quote! {
                mod loans {
                    #[callback(
                        lambda = ValuationFunctionArn,
                        payload = Request { application: $.application, at: $$.Execution.StartTime },
                        output = Valuation,
                        error = ValuationError,
                        timeout = 30,
                        heartbeat = 10,
                        result_path = $.valuation,
                        retry(States::Timeout, interval = 2, max_attempts = 3, backoff = 2.0, jitter = full),
                        catch(ValuationError::ValuationFailed => Rejected, result_path = $.error),
                        catch(States::ALL => Rejected),
                        next = Decide,
                    )]
                    struct RequestValuation;

                    #[choice(
                        when($.valuation.amount >= 1000 && !$.urgent => Approve),
                        when(is_present($.co_signer) || matches($.id, "vip-*") => Approve),
                        otherwise = Rejected,
                    )]
                    struct Decide;

                    #[parallel(branches = [notify], result_path = null, next = Split)]
                    struct Approve;

                    #[map(items = $.documents, item = Document, processor = scan, distributed,
                          execution = express, tolerated_failure_count = 1, label = "scan",
                          max_items_per_batch = 5, max_bytes_per_batch = 1024,
                          item_reader(s3_list, bucket = Docs, prefix = $.folder, max_items = 10),
                          result_writer(bucket = "out", output_type = jsonl), next = Pause)]
                    struct Split;

                    #[wait(seconds_path = $.delay_seconds, next = Done)]
                    struct Pause;

                    #[succeed]
                    struct Done;

                    #[fail(error = LoanError::Rejected, cause = "rejected")]
                    struct Rejected;

                    mod notify {
                        #[task(sns = TopicArn, payload = $.id, end)]
                        struct Publish;
                    }

                    mod scan {
                        #[task(http = "https://scan.example.com", connection = ScanArn, payload = $, end)]
                        struct Scan;
                    }
                }
            },
        );

        let machine = machine(&workflow);
        assert_eq!(machine.states.len(), 7);
        assert_eq!(findings(&workflow), Vec::new());
    }

    #[test]
    fn a_finding_is_reported_as_a_bug_in_the_macro_with_its_code_and_pointer() {
        let finding = Finding::error(
            Code::InvalidStateName,
            "/States/Bad",
            "state name has a control character",
        );
        let text = message(&finding);
        assert!(
            text.starts_with("bug in stepfn's `#[workflow]` macro"),
            "{text}"
        );
        assert!(text.contains(&format!(
            "`{}` at `/States/Bad`",
            Code::InvalidStateName.as_str()
        )));
        assert!(text.contains("state name has a control character"));
    }

    #[test]
    fn a_machine_core_rejects_yields_a_finding() {
        // A state name the checks would refuse, forced past them: the validator still sees it.
        let mut workflow = parse(
            quote!(Tiny, data = Data),
            quote!(
                mod tiny {
                    #[succeed]
                    struct Done;
                }
            ),
        );
        workflow.root.states[0].name = "Bad\u{7}".to_owned();
        workflow.start = None;
        let codes: Vec<Code> = findings(&workflow).iter().map(|f| f.code).collect();
        assert!(codes.contains(&Code::InvalidStateName), "{codes:?}");
    }
}
