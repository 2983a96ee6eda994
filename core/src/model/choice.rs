//! Choice rules: JSONPath data tests with `And`/`Or`/`Not`, and JSONata conditions.

use serde_json::Value;

use super::{JsonataExpr, Template};
use crate::path::Path;

/// One rule of a Choice state's `Choices`, or a rule nested in `And`/`Or`/`Not`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    /// `Comment`.
    pub comment: Option<String>,
    /// What must hold for the rule to match.
    pub condition: Condition,
    /// `Next`: required on top-level rules, forbidden on nested ones.
    pub next: Option<String>,
    /// `Assign` (top-level rules only).
    pub assign: Option<Template>,
    /// JSONata `Output` (top-level rules only).
    pub output: Option<Template>,
}

/// The test of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A JSONPath data test: `Variable` and one comparison operator.
    Test(DataTest),
    /// `And`: every nested rule matches.
    And(Vec<ChoiceRule>),
    /// `Or`: some nested rule matches.
    Or(Vec<ChoiceRule>),
    /// `Not`: the nested rule does not match.
    Not(Box<ChoiceRule>),
    /// JSONata `Condition: true` / `false`.
    JsonataBool(bool),
    /// JSONata `Condition: "{% ... %}"`.
    Jsonata(JsonataExpr),
}

/// `Variable` compared with one operator.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTest {
    /// `Variable`: the path to the value tested.
    pub variable: Path,
    /// The comparison.
    pub comparison: Comparison,
}

/// One comparison operator and its operand.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The operator, without its `Path` suffix.
    pub operator: ComparisonOperator,
    /// The literal operand, or a path when the field is the `...Path` variant.
    pub operand: Operand,
}

/// The operand of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A literal (`"StringEquals": "x"`, `"IsPresent": true`).
    Value(Value),
    /// A path (`"StringEqualsPath": "$.other"`).
    Path(Path),
}

macro_rules! operators {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal, $kind:ident, $has_path:literal;)*) => {
        /// A comparison operator of a JSONPath Choice rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ComparisonOperator {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ComparisonOperator {
            /// Every operator.
            pub const ALL: &'static [ComparisonOperator] = &[$(ComparisonOperator::$variant,)*];

            /// The field name of the literal form (`StringEquals`).
            pub fn name(self) -> &'static str {
                match self {
                    $(ComparisonOperator::$variant => $name,)*
                }
            }

            /// The type of literal the operator takes.
            pub fn operand_kind(self) -> OperandKind {
                match self {
                    $(ComparisonOperator::$variant => OperandKind::$kind,)*
                }
            }

            /// Whether a `...Path` variant exists (`StringEqualsPath`).
            pub fn has_path_variant(self) -> bool {
                match self {
                    $(ComparisonOperator::$variant => $has_path,)*
                }
            }
        }
    };
}

operators! {
    /// `StringEquals`.
    StringEquals => "StringEquals", String, true;
    /// `StringLessThan`.
    StringLessThan => "StringLessThan", String, true;
    /// `StringGreaterThan`.
    StringGreaterThan => "StringGreaterThan", String, true;
    /// `StringLessThanEquals`.
    StringLessThanEquals => "StringLessThanEquals", String, true;
    /// `StringGreaterThanEquals`.
    StringGreaterThanEquals => "StringGreaterThanEquals", String, true;
    /// `StringMatches` (`*` wildcard, `\*` escape).
    StringMatches => "StringMatches", String, false;
    /// `NumericEquals`.
    NumericEquals => "NumericEquals", Number, true;
    /// `NumericLessThan`.
    NumericLessThan => "NumericLessThan", Number, true;
    /// `NumericGreaterThan`.
    NumericGreaterThan => "NumericGreaterThan", Number, true;
    /// `NumericLessThanEquals`.
    NumericLessThanEquals => "NumericLessThanEquals", Number, true;
    /// `NumericGreaterThanEquals`.
    NumericGreaterThanEquals => "NumericGreaterThanEquals", Number, true;
    /// `BooleanEquals`.
    BooleanEquals => "BooleanEquals", Bool, true;
    /// `TimestampEquals`.
    TimestampEquals => "TimestampEquals", Timestamp, true;
    /// `TimestampLessThan`.
    TimestampLessThan => "TimestampLessThan", Timestamp, true;
    /// `TimestampGreaterThan`.
    TimestampGreaterThan => "TimestampGreaterThan", Timestamp, true;
    /// `TimestampLessThanEquals`.
    TimestampLessThanEquals => "TimestampLessThanEquals", Timestamp, true;
    /// `TimestampGreaterThanEquals`.
    TimestampGreaterThanEquals => "TimestampGreaterThanEquals", Timestamp, true;
    /// `IsNull`.
    IsNull => "IsNull", Bool, false;
    /// `IsPresent`.
    IsPresent => "IsPresent", Bool, false;
    /// `IsNumeric`.
    IsNumeric => "IsNumeric", Bool, false;
    /// `IsString`.
    IsString => "IsString", Bool, false;
    /// `IsBoolean`.
    IsBoolean => "IsBoolean", Bool, false;
    /// `IsTimestamp`.
    IsTimestamp => "IsTimestamp", Bool, false;
}

/// The JSON type an operator's literal operand must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// A string.
    String,
    /// A number.
    Number,
    /// A boolean.
    Bool,
    /// A string holding an RFC 3339 timestamp.
    Timestamp,
}

impl ComparisonOperator {
    /// The operator and whether it is the `...Path` variant, from a field name.
    pub fn from_field(field: &str) -> Option<(ComparisonOperator, bool)> {
        ComparisonOperator::ALL.iter().find_map(|&op| {
            if field == op.name() {
                Some((op, false))
            } else if op.has_path_variant() && field.strip_suffix("Path") == Some(op.name()) {
                Some((op, true))
            } else {
                None
            }
        })
    }

    /// The field name used for `operand`.
    pub fn field_name(self, operand: &Operand) -> String {
        match operand {
            Operand::Value(_) => self.name().to_owned(),
            Operand::Path(_) => format!("{}Path", self.name()),
        }
    }
}
