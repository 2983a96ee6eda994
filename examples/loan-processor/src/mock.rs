//! The mock valuation service's behaviours, chosen by the property's name or number as in
//! the post: when it answers, how often, and with what.

use loan_processor_workflows::{
    MockValuationRequest, Property, ValuationResponse, ValuationResult,
};

/// How the mock valuation service treats a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Answers with a value after 6 s.
    Prompt,
    /// Never answers (`No callback`).
    NoCallback,
    /// Answers with a value after 60 s, past the 30 s timeout (`Late callback`).
    LateCallback,
    /// Answers the same value twice (`Duplicate response`).
    DuplicateCallback,
    /// Answers with a failure (`Failed response`).
    FailedValuation,
    /// Answers with a reference nobody issued (`Unknown response`).
    UnknownReference,
}

/// The reference the `Unknown response` behaviour answers with.
pub const UNISSUED_REFERENCE: &str = "VAL-NOBODY-ISSUED-THIS";

/// The value the mock service gives every property it values.
pub const MOCK_VALUE: u64 = 250_000;

impl Behaviour {
    /// The behaviour the property's name or number asks for; any other name is prompt.
    pub fn of(property: &Property) -> Behaviour {
        match property.name_or_number.as_str() {
            "No callback" => Behaviour::NoCallback,
            "Late callback" => Behaviour::LateCallback,
            "Duplicate response" => Behaviour::DuplicateCallback,
            "Failed response" => Behaviour::FailedValuation,
            "Unknown response" => Behaviour::UnknownReference,
            _ => Behaviour::Prompt,
        }
    }

    /// Whether the service answers at all (starts its machine).
    pub fn answers(self) -> bool {
        self != Behaviour::NoCallback
    }

    /// How long the service's `Wait` state waits before answering.
    pub fn delay_seconds(self) -> u64 {
        match self {
            Behaviour::LateCallback => 60,
            _ => 6,
        }
    }

    /// The replies `SendResponse` posts to the webhook, in order.
    pub fn responses(self, request: &MockValuationRequest) -> Vec<ValuationResponse> {
        let reply = |reference: &str, result: ValuationResult| ValuationResponse {
            valuation_reference: reference.to_owned(),
            result,
        };
        let reference = request.valuation_reference.as_str();
        let value = reply(reference, ValuationResult::Value(MOCK_VALUE));
        match self {
            Behaviour::NoCallback => Vec::new(),
            Behaviour::Prompt | Behaviour::LateCallback => vec![value],
            Behaviour::DuplicateCallback => vec![value.clone(), value],
            Behaviour::FailedValuation => vec![reply(
                reference,
                ValuationResult::Failure("the property could not be found".to_owned()),
            )],
            Behaviour::UnknownReference => {
                vec![reply(
                    UNISSUED_REFERENCE,
                    ValuationResult::Value(MOCK_VALUE),
                )]
            }
        }
    }

    /// The mock machine's input for a request with `reference`.
    pub fn machine_input(self, reference: &str, property: &Property) -> MockValuationRequest {
        MockValuationRequest {
            valuation_reference: reference.to_owned(),
            property: property.clone(),
            delay_seconds: self.delay_seconds(),
        }
    }
}
