//! Helpers shared by the engine's test binaries.
#![allow(dead_code, unreachable_pub)]

use serde_json::Value;
use stepfn_local::{Engine, ExecutionDescription, MachineType};

/// Creates `definition` as a Standard machine named `Machine` and starts it with `input`.
pub fn start(engine: &mut Engine, definition: &str, input: Value) -> String {
    let machine = engine
        .create_state_machine("Machine", definition, MachineType::Standard)
        .unwrap_or_else(|e| panic!("definition rejected: {e}"));
    engine
        .start_execution(&machine, Some("run"), input)
        .expect("execution starts")
}

/// Runs `definition` on `input` to its end in a fresh engine.
pub fn run(definition: &str, input: Value) -> (Engine, String, ExecutionDescription) {
    let mut engine = Engine::new();
    let arn = start(&mut engine, definition, input);
    let description = engine.run_to_completion(&arn).expect("execution ends");
    (engine, arn, description)
}

/// The event types of a history, in order.
pub fn types(engine: &Engine, arn: &str) -> Vec<String> {
    engine
        .history(arn)
        .unwrap()
        .iter()
        .map(|e| e.event_type())
        .collect()
}

/// The history as AWS's JSON.
pub fn history_json(engine: &Engine, arn: &str) -> Vec<Value> {
    engine
        .history(arn)
        .unwrap()
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect()
}

/// Checks ids are 1.., previousEventId < id, and exactly one terminal event, last.
pub fn assert_consistent(engine: &Engine, arn: &str) {
    let events = engine.history(arn).unwrap();
    for (index, event) in events.iter().enumerate() {
        assert_eq!(event.id, index as u64 + 1, "ids are consecutive");
        assert!(
            event.previous_event_id < event.id,
            "event {} chains backwards",
            event.id
        );
    }
    let terminal = events.iter().filter(|e| e.details.is_terminal()).count();
    assert_eq!(terminal, 1, "exactly one terminal event");
    assert!(
        events.last().unwrap().details.is_terminal(),
        "the terminal event is last"
    );
}
