//! The Choice state and its rules: data tests, `And`/`Or`/`Not`, JSONata conditions.

use serde_json::{Map, Value};

use super::location::{Decoder, Field, Location};
use super::state::{Head, StateFields};
use crate::codec::fields::{RULE_FIELDS, StateField, unknown_field_message};
use crate::model::{
    ChoiceRule, ChoiceState, Comparison, ComparisonOperator, Condition, DataTest, JsonataExpr,
    Operand, OperandKind, QueryLanguage,
};
use crate::path::Path;
use crate::validate::Code;

/// The fields of one rule, sorted by role in one pass over the object.
#[derive(Debug, Default)]
struct RuleParts<'a, 'v> {
    comment: Option<Field<'a, 'v>>,
    variable: Option<Field<'a, 'v>>,
    condition: Option<Field<'a, 'v>>,
    next: Option<Field<'a, 'v>>,
    assign: Option<Field<'a, 'v>>,
    output: Option<Field<'a, 'v>>,
    /// The first of `And`/`Or`/`Not`.
    combinator: Option<Field<'a, 'v>>,
    /// The first comparison operator, and whether it is the `...Path` form.
    operator: Option<(ComparisonOperator, bool, Field<'a, 'v>)>,
    combinators: usize,
    operators: usize,
}

impl Decoder {
    pub(crate) fn choice(
        &mut self,
        at: &Location<'_>,
        f: &StateFields<'_>,
        head: Head<'_>,
    ) -> ChoiceState {
        let io = self.io(at, f);
        ChoiceState {
            comment: head.comment,
            query_language: head.query_language,
            choices: self.rules(at, f.get(at, StateField::Choices), head.language),
            default: self.string(f.get(at, StateField::Default)),
            input_path: io.input_path,
            output_path: io.output_path,
            output: io.output,
            assign: io.assign,
        }
    }

    fn rules(
        &mut self,
        state: &Location<'_>,
        field: Option<Field<'_, '_>>,
        language: QueryLanguage,
    ) -> Vec<ChoiceRule> {
        let Some(field) = field else {
            self.report(
                Code::MissingField,
                state,
                "missing field `Choices`".to_owned(),
            );
            return Vec::new();
        };
        let Some(items) = self.array(&field) else {
            return Vec::new();
        };
        if items.is_empty() {
            let message = "`Choices` must hold at least one rule".to_owned();
            self.report(Code::EmptyArray, &field.at, message);
        }
        items
            .iter()
            .enumerate()
            .map(|(index, item)| self.rule(&field.at.index(index), item, false, language))
            .collect()
    }

    /// One rule. A rule whose condition is broken keeps its `Next` with a placeholder
    /// condition (see [`placeholder_condition`]).
    fn rule(
        &mut self,
        at: &Location<'_>,
        value: &Value,
        nested: bool,
        language: QueryLanguage,
    ) -> ChoiceRule {
        let mut rule = ChoiceRule {
            comment: None,
            condition: placeholder_condition(language),
            next: None,
            assign: None,
            output: None,
        };
        let Some(object) = self.object(at, value) else {
            return rule;
        };
        let parts = self.rule_parts(at, object);
        rule.comment = self.string(parts.comment);

        if nested {
            self.nested_rule_extras(&parts);
        } else {
            match parts.next {
                Some(next) => rule.next = self.str(&next).map(str::to_owned),
                None => self.report(Code::MissingField, at, "missing field `Next`".to_owned()),
            }
            rule.assign = self.assign(parts.assign);
            rule.output = self.template(parts.output);
        }

        if let Some(condition) = self.condition(at, object, &parts, language) {
            rule.condition = condition;
        }
        rule
    }

    fn rule_parts<'a, 'v: 'a>(
        &mut self,
        at: &'a Location<'a>,
        object: &'v Map<String, Value>,
    ) -> RuleParts<'a, 'v> {
        let mut parts = RuleParts::default();
        for (position, (key, value)) in object.iter().enumerate() {
            let field = Field {
                at: at.key(key, position),
                value,
            };
            let slot = match key.as_str() {
                "Comment" => &mut parts.comment,
                "Variable" => &mut parts.variable,
                "Condition" => &mut parts.condition,
                "Next" => &mut parts.next,
                "Assign" => &mut parts.assign,
                "Output" => &mut parts.output,
                "And" | "Or" | "Not" => {
                    parts.combinators += 1;
                    &mut parts.combinator
                }
                _ => {
                    match ComparisonOperator::from_field(key) {
                        Some((operator, is_path)) => {
                            parts.operators += 1;
                            parts.operator.get_or_insert((operator, is_path, field));
                        }
                        None => self.unknown_rule_field(&field.at),
                    }
                    continue;
                }
            };
            slot.get_or_insert(field);
        }
        parts
    }

    fn unknown_rule_field(&mut self, at: &Location<'_>) {
        let mut candidates: Vec<String> =
            RULE_FIELDS.iter().map(|name| (*name).to_owned()).collect();
        for operator in ComparisonOperator::ALL {
            candidates.push(operator.name().to_owned());
            if operator.has_path_variant() {
                candidates.push(format!("{}Path", operator.name()));
            }
        }
        let message = unknown_field_message(at.name(), candidates.iter().map(String::as_str));
        self.report(Code::UnknownField, at, message);
    }

    fn nested_rule_extras(&mut self, parts: &RuleParts<'_, '_>) {
        if let Some(next) = parts.next {
            let message = "a rule nested in `And`, `Or` or `Not` must not have `Next`".to_owned();
            self.report(Code::NestedRuleNext, &next.at, message);
        }
        for field in [parts.assign, parts.output].into_iter().flatten() {
            let message = format!(
                "`{}` is not allowed on a nested choice rule",
                field.at.name()
            );
            self.report(Code::FieldNotAllowed, &field.at, message);
        }
    }

    fn condition(
        &mut self,
        at: &Location<'_>,
        object: &Map<String, Value>,
        parts: &RuleParts<'_, '_>,
        language: QueryLanguage,
    ) -> Option<Condition> {
        let test = parts.variable.is_some() || parts.operator.is_some();
        let kinds = usize::from(test) + parts.combinators + usize::from(parts.condition.is_some());
        if kinds > 1 {
            let names = quoted_keys(object, |key| {
                matches!(key, "Variable" | "Condition" | "And" | "Or" | "Not")
                    || ComparisonOperator::from_field(key).is_some()
            });
            let message = format!(
                "choice rule mixes {names}; use one data test, one of `And`/`Or`/`Not`, or `Condition`"
            );
            self.report(Code::InvalidChoiceRule, at, message);
        }

        if let Some(combinator) = parts.combinator {
            return self.combinator(&combinator, language);
        }
        if let Some(condition) = parts.condition {
            return self.jsonata_condition(&condition);
        }
        if test {
            return self.data_test(at, object, parts);
        }
        let message = "choice rule has no condition; add `Variable` with a comparison operator, \
                       `And`, `Or`, `Not` or a JSONata `Condition`";
        self.report(Code::InvalidChoiceRule, at, message.to_owned());
        None
    }

    fn combinator(&mut self, field: &Field<'_, '_>, language: QueryLanguage) -> Option<Condition> {
        let name = field.at.name();
        if name == "Not" {
            let rule = self.rule(&field.at, field.value, true, language);
            return Some(Condition::Not(Box::new(rule)));
        }
        let items = self.array(field)?;
        if items.is_empty() {
            let message = format!("`{name}` must hold at least one rule");
            self.report(Code::EmptyArray, &field.at, message);
        }
        let rules = items
            .iter()
            .enumerate()
            .map(|(index, item)| self.rule(&field.at.index(index), item, true, language))
            .collect();
        Some(if name == "And" {
            Condition::And(rules)
        } else {
            Condition::Or(rules)
        })
    }

    fn jsonata_condition(&mut self, field: &Field<'_, '_>) -> Option<Condition> {
        match field.value {
            Value::Bool(flag) => return Some(Condition::JsonataBool(*flag)),
            Value::String(text) => {
                if let Some(expr) = JsonataExpr::from_template_string(text) {
                    return Some(Condition::Jsonata(expr));
                }
            }
            _ => {}
        }
        self.wrong_type(&field.at, "`true`, `false` or a `{% %}` JSONata expression");
        None
    }

    fn data_test(
        &mut self,
        at: &Location<'_>,
        object: &Map<String, Value>,
        parts: &RuleParts<'_, '_>,
    ) -> Option<Condition> {
        let variable = match parts.variable {
            Some(field) => self.path(&field),
            None => {
                self.report(
                    Code::MissingField,
                    at,
                    "missing field `Variable`".to_owned(),
                );
                None
            }
        };
        let Some((operator, is_path, field)) = parts.operator else {
            let message = "choice rule has no comparison operator".to_owned();
            self.report(Code::InvalidChoiceRule, at, message);
            return None;
        };
        if parts.operators > 1 {
            let names = quoted_keys(object, |key| ComparisonOperator::from_field(key).is_some());
            let message =
                format!("choice rule has more than one comparison operator ({names}); keep one");
            self.report(Code::InvalidChoiceRule, at, message);
        }
        let operand = self.operand(operator, is_path, &field);
        if parts.operators > 1 {
            return None;
        }
        Some(Condition::Test(DataTest {
            variable: variable?,
            comparison: Comparison {
                operator,
                operand: operand?,
            },
        }))
    }

    fn operand(
        &mut self,
        operator: ComparisonOperator,
        is_path: bool,
        field: &Field<'_, '_>,
    ) -> Option<Operand> {
        if is_path {
            return self.reference_path(field).map(Operand::Path);
        }
        let (fits, what) = match operator.operand_kind() {
            OperandKind::String => (field.value.is_string(), "a string"),
            OperandKind::Timestamp => (field.value.is_string(), "a timestamp string"),
            OperandKind::Number => (field.value.is_number(), "a number"),
            OperandKind::Bool => (field.value.is_boolean(), "`true` or `false`"),
        };
        if !fits {
            self.wrong_type(&field.at, what);
            return None;
        }
        Some(Operand::Value(field.value.clone()))
    }
}

/// The keys of `object` that `keep` accepts, quoted and comma-separated, for messages.
fn quoted_keys(object: &Map<String, Value>, keep: impl Fn(&str) -> bool) -> String {
    let quoted: Vec<String> = object
        .keys()
        .filter(|key| keep(key))
        .map(|key| format!("`{key}`"))
        .collect();
    quoted.join(", ")
}

/// The condition of a rule whose own is broken: one that the validator accepts in the
/// state's language (`IsPresent` on `$` for JSONPath, `false` for JSONata), so the broken
/// rule adds no finding beyond the one already reported.
fn placeholder_condition(language: QueryLanguage) -> Condition {
    match language {
        QueryLanguage::JsonPath => Condition::Test(DataTest {
            variable: Path::input(),
            comparison: Comparison {
                operator: ComparisonOperator::IsPresent,
                operand: Operand::Value(Value::Bool(true)),
            },
        }),
        QueryLanguage::Jsonata => Condition::JsonataBool(false),
    }
}
