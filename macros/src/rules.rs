// ASL rules the checks need, asked of core's validator so that the macro and the validator
// apply one set of rules: each question builds a one-state machine and reads the findings.

use stepfn_core::model::{PassState, StateMachine, SucceedState, Template, WaitState};
use stepfn_core::validate::{Code, Options, validate};

/// Whether `text` is a timestamp AWS accepts (RFC 3339, uppercase `T`, zone).
pub(crate) fn is_timestamp(text: &str) -> bool {
    let machine = StateMachine::new("W").state("W", WaitState::timestamp(text));
    !codes(&machine).contains(&Code::InvalidTimestamp)
}

/// Whether the state name `name` is too long, and whether it is otherwise invalid.
pub(crate) fn name_problems(name: &str) -> (bool, bool) {
    let machine = StateMachine::new(name).state(name, SucceedState::new());
    let codes = codes(&machine);
    (
        codes.contains(&Code::StateNameTooLong),
        codes.contains(&Code::InvalidStateName),
    )
}

/// What is wrong with the variable name `name`, in core's words (`which is reserved for
/// `$states``), if anything.
pub(crate) fn variable_problem(name: &str) -> Option<String> {
    let mut pass = PassState::new().end();
    pass.assign = Some(Template::object().with(name, Template::Null));
    let machine = StateMachine::new("P").state("P", pass);
    let finding = validate(&machine, &Options::default())
        .into_iter()
        .find(|finding| finding.code == Code::InvalidVariableName)?;
    let problem = finding.message.split_once(", which ").map(|(_, p)| p);
    Some(problem.unwrap_or(&finding.message).to_owned())
}

fn codes(machine: &StateMachine) -> Vec<Code> {
    validate(machine, &Options::default())
        .into_iter()
        .map(|finding| finding.code)
        .collect()
}
