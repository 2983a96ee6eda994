// Error names in `retry`, `catch` and `#[fail]`: each must be one the state can raise, and
// `States::ALL` must stand alone in the last Retrier or Catcher.

use stepfn_core::model::PredefinedError;
use syn::Ident;

use crate::ctx::Errors;
use crate::kw;
use crate::model::*;
use crate::parse::{args_suggest, path_text};

/// The Rust name of a predefined error (`Timeout`), as `States::Timeout` reads.
pub(crate) fn predefined(variant: &Ident) -> Option<PredefinedError> {
    let name = variant.to_string();
    let name = if name == "ALL" {
        "All".to_owned()
    } else {
        name
    };
    PredefinedError::ALL
        .iter()
        .copied()
        .find(|error| format!("{error:?}") == name)
}

pub(super) fn check_catchers(
    workflow: &Workflow,
    state: &StateDecl,
    results: &Results,
    errors: &Errors,
) {
    let lists = results
        .retry
        .iter()
        .map(|retry| (&retry.key, &retry.errors))
        .chain(
            results
                .catch
                .iter()
                .map(|catch| (&catch.key, &catch.errors)),
        );
    for (key, names) in lists {
        for name in names {
            check_raisable(workflow, state, name, errors);
        }
        check_all_alone(key, names, errors);
    }
    check_all_last(
        results.retry.iter().map(|r| (&r.key, &r.errors)).collect(),
        errors,
    );
    check_all_last(
        results.catch.iter().map(|c| (&c.key, &c.errors)).collect(),
        errors,
    );
    for retry in &results.retry {
        check_retry_numbers(retry, errors);
    }
}

fn is_all(name: &ErrorRef) -> bool {
    matches!(name, ErrorRef::States(_, variant) if predefined(variant) == Some(PredefinedError::All))
}

fn check_all_alone(key: &Ident, names: &[ErrorRef], errors: &Errors) {
    if names.len() > 1
        && let Some(all) = names.iter().find(|name| is_all(name))
    {
        errors.at(
                all.span(),
                format!("`States::ALL` matches every error, so it must be alone in its `{key}`; remove the other names"),
            );
    }
}

fn check_all_last(lists: Vec<(&Ident, &Vec<ErrorRef>)>, errors: &Errors) {
    let count = lists.len();
    for (position, (key, names)) in lists.into_iter().enumerate() {
        if position + 1 < count && names.iter().any(is_all) {
            errors.at(
                key.span(),
                format!("the `{key}` with `States::ALL` must come last; the ones after it can never match"),
            );
        }
    }
}

fn check_raisable(workflow: &Workflow, state: &StateDecl, name: &ErrorRef, errors: &Errors) {
    match name {
        ErrorRef::States(_, variant) => match predefined(variant) {
            None => unknown_predefined(variant, errors),
            Some(error) => {
                if let Some(reason) = not_raised(state, error) {
                    errors.at(
                        variant.span(),
                        format!(
                            "`{}` cannot raise `{}`; {reason}",
                            state.ident,
                            error.name()
                        ),
                    );
                }
            }
        },
        ErrorRef::Variant(path, variant) => {
            let Kind::Task(task) = &state.kind else {
                // Errors of states inside a Parallel branch or a Map processor reach the
                // Parallel or Map unchanged; any enum of theirs may appear here.
                return;
            };
            check_variant(workflow, state, task.error.as_ref(), path, variant, errors);
        }
        ErrorRef::Literal(lit) => {
            let Kind::Task(task) = &state.kind else {
                return;
            };
            let Some((integration, _)) = &task.integration else {
                return;
            };
            let known = kw::integration_errors(&integration.to_string());
            let open = [kw::AWS_SDK, kw::RESOURCE, kw::HTTP, kw::ACTIVITY];
            if !open.contains(&integration.to_string().as_str())
                && !known.contains(&lit.value().as_str())
            {
                let hint = if known.is_empty() {
                    format!(
                        "`{integration}` tasks raise only `States.*` errors and those of their `error` type"
                    )
                } else {
                    format!("`{integration}` tasks raise `{}`", known.join("`, `"))
                };
                errors.at(
                    lit.span(),
                    format!(
                        "task `{}` cannot raise `{}`; {hint}",
                        state.ident,
                        lit.value()
                    ),
                );
            }
        }
    }
}

fn unknown_predefined(variant: &Ident, errors: &Errors) {
    let names: Vec<String> = PredefinedError::ALL
        .iter()
        .map(|e| format!("{e:?}"))
        .collect();
    let message = match args_suggest(&variant.to_string(), names.iter().map(String::as_str)) {
        Some(best) => {
            format!("`States::{variant}` is not a predefined error; did you mean `States::{best}`?")
        }
        None => format!("`States::{variant}` is not a predefined error"),
    };
    errors.at(variant.span(), message);
}

/// Why `state` can never raise the predefined `error`, if it cannot.
fn not_raised(state: &StateDecl, error: PredefinedError) -> Option<String> {
    use PredefinedError as P;
    match (&state.kind, error) {
        (Kind::Task(task), P::Timeout)
            if task.timeout.is_none() && task.timeout_path.is_none() && !has_heartbeat(task) =>
        {
            Some("it has no `timeout` or `heartbeat`".to_owned())
        }
        (Kind::Task(task), P::HeartbeatTimeout) if !has_heartbeat(task) => {
            Some("it has no `heartbeat`".to_owned())
        }
        (Kind::Task(task), P::HttpSocket)
            if task
                .integration
                .as_ref()
                .is_none_or(|(key, _)| key != kw::HTTP) =>
        {
            Some("only `http` tasks raise it".to_owned())
        }
        (Kind::Task(_), P::BranchFailed) => Some("only Parallel states raise it".to_owned()),
        (
            Kind::Task(_) | Kind::Parallel(_),
            P::ExceedToleratedFailureThreshold | P::ItemReaderFailed | P::ResultWriterFailed,
        ) => Some("only distributed Map states raise it".to_owned()),
        (
            Kind::Map(map),
            P::ExceedToleratedFailureThreshold | P::ItemReaderFailed | P::ResultWriterFailed,
        ) if map.distributed.is_none() => {
            Some("only distributed Map states raise it, and this map is inline".to_owned())
        }
        (_, P::NoChoiceMatched) => {
            Some("only Choice states raise it, and they cannot catch".to_owned())
        }
        (_, P::QueryEvaluationError) => Some("only JSONata states raise it".to_owned()),
        _ => None,
    }
}

fn has_heartbeat(task: &Task) -> bool {
    task.heartbeat.is_some() || task.heartbeat_path.is_some()
}

fn check_variant(
    workflow: &Workflow,
    state: &StateDecl,
    declared: Option<&syn::Type>,
    path: &syn::Path,
    variant: &Ident,
    errors: &Errors,
) {
    let shown = format!("{}::{variant}", path_text(path));
    let Some(declared) = declared else {
        errors.at(
            variant.span(),
            format!(
                "task `{}` declares no `error` type, so it cannot raise `{shown}`; add `error = {}`",
                state.ident,
                path_text(path)
            ),
        );
        return;
    };
    let declared_name = type_name(declared);
    let named = path.segments.last().map(|s| s.ident.to_string());
    if declared_name.is_some() && named != declared_name {
        errors.at(
            variant.span(),
            format!(
                "task `{}` cannot raise `{shown}`; its errors are `{}` and the `States.*` errors that apply",
                state.ident,
                declared_name.unwrap_or_default()
            ),
        );
        return;
    }
    check_known_variant(workflow, path, variant, errors);
}

/// When the enum is declared inside the workflow module, its variants are known here.
fn check_known_variant(workflow: &Workflow, path: &syn::Path, variant: &Ident, errors: &Errors) {
    let Some(last) = path.segments.last() else {
        return;
    };
    let Some(known) = workflow.error_enums.iter().find(|e| e.ident == last.ident) else {
        return;
    };
    if known.variants.iter().any(|v| v == variant) {
        return;
    }
    let names: Vec<String> = known.variants.iter().map(Ident::to_string).collect();
    let message = match args_suggest(&variant.to_string(), names.iter().map(String::as_str)) {
        Some(best) => format!(
            "`{}` has no variant `{variant}`; did you mean `{best}`?",
            known.ident
        ),
        None => format!(
            "`{}` has no variant `{variant}`; its variants are `{}`",
            known.ident,
            names.join("`, `")
        ),
    };
    errors.at(variant.span(), message);
}

fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// `#[fail(error = ...)]` names an error the workflow declares.
pub(super) fn check_fail_error(workflow: &Workflow, error: &ErrorRef, errors: &Errors) {
    match error {
        ErrorRef::States(_, variant) => {
            if predefined(variant).is_none() {
                unknown_predefined(variant, errors);
            }
        }
        ErrorRef::Literal(lit) => errors.at(
            lit.span(),
            format!(
                "`{}` is not a declared error; name a variant of the workflow's `error` enum, such as `MyError::{}`",
                lit.value(),
                lit.value().replace('.', "")
            ),
        ),
        ErrorRef::Variant(path, variant) => {
            let shown = format!("{}::{variant}", path_text(path));
            let Some(declared) = &workflow.error else {
                errors.at(
                    variant.span(),
                    format!("a Fail state raises `{shown}`, but the workflow declares no errors; add `error = {}` to `#[workflow]`", path_text(path)),
                );
                return;
            };
            let declared_name = type_name(declared);
            if declared_name.is_some() && path.segments.last().map(|s| s.ident.to_string()) != declared_name {
                errors.at(
                    variant.span(),
                    format!("`{shown}` is not one of the workflow's errors, which are `{}`", declared_name.unwrap_or_default()),
                );
                return;
            }
            check_known_variant(workflow, path, variant, errors);
        }
    }
}

fn check_retry_numbers(retry: &Retry, errors: &Errors) {
    if let Some(backoff) = &retry.backoff
        && backoff.value < 1.0
    {
        errors.at(
            backoff.span,
            "`backoff` must be at least 1.0; a retry never waits less than the one before",
        );
    }
    if let Some(interval) = &retry.interval
        && (interval.value == 0 || interval.value > 99_999_999)
    {
        errors.at(
            interval.span,
            "`interval` must be between 1 and 99999999 seconds",
        );
    }
    if let Some(attempts) = &retry.max_attempts
        && attempts.value > 99_999_999
    {
        errors.at(attempts.span, "`max_attempts` must be at most 99999999");
    }
    if let Some(delay) = &retry.max_delay
        && (delay.value == 0 || delay.value > 31_622_401)
    {
        errors.at(
            delay.span,
            "`max_delay` must be between 1 and 31622401 seconds",
        );
    }
    if let Some(jitter) = &retry.jitter
        && jitter != "full"
        && jitter != "none"
    {
        errors.at(
            jitter.span(),
            format!("unknown jitter `{jitter}`; use `full` or `none`"),
        );
    }
}
