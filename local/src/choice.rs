//! Choice rules: data tests with every comparison operator, `And`/`Or`/`Not`.

use serde_json::Value;
use stepfn_core::model::{ChoiceRule, ComparisonOperator as Op, Condition, DataTest, Operand};

use crate::failure::Failure;
use crate::jsonpath::{self, Data};
use crate::payload::Site;
use crate::time::Instant;

/// The index of the first rule of `rules` that matches, if any.
pub(crate) fn first_match(
    rules: &[ChoiceRule],
    data: Data<'_>,
    site: Site<'_>,
) -> Result<Option<usize>, Failure> {
    for (index, rule) in rules.iter().enumerate() {
        if holds(&rule.condition, data, site)? {
            return Ok(Some(index));
        }
    }
    Ok(None)
}

fn holds(condition: &Condition, data: Data<'_>, site: Site<'_>) -> Result<bool, Failure> {
    match condition {
        Condition::Test(test) => test_holds(test, data, site),
        Condition::And(rules) => {
            for rule in rules {
                if !holds(&rule.condition, data, site)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Condition::Or(rules) => {
            for rule in rules {
                if holds(&rule.condition, data, site)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Condition::Not(rule) => Ok(!holds(&rule.condition, data, site)?),
        // The engine refuses JSONata states before it gets here.
        Condition::JsonataBool(b) => Ok(*b),
        Condition::Jsonata(_) => Err(site.runtime("JSONata is not supported yet by stepfn-local")),
    }
}

fn test_holds(test: &DataTest, data: Data<'_>, site: Site<'_>) -> Result<bool, Failure> {
    let operator = test.comparison.operator;
    let variable = jsonpath::select(&test.variable, data).ok();
    if operator == Op::IsPresent {
        let expected = test.comparison.operand == Operand::Value(Value::Bool(true));
        return Ok(variable.is_some() == expected);
    }
    let Some(variable) = variable else {
        return Err(site.runtime(&format!(
            "Invalid path '{}': The choice state's condition path references an invalid value.",
            jsonpath::display(&test.variable)
        )));
    };
    let operand = match &test.comparison.operand {
        Operand::Value(value) => value.clone(),
        Operand::Path(path) => jsonpath::select(path, data).map_err(|_| {
            site.runtime(&format!(
                "Invalid path '{}': The choice state's condition path references an invalid value.",
                jsonpath::display(path)
            ))
        })?,
    };
    Ok(compare(operator, &variable, &operand))
}

fn compare(operator: Op, left: &Value, right: &Value) -> bool {
    use std::cmp::Ordering;
    let ordered =
        |ordering: Option<Ordering>, want: fn(Ordering) -> bool| ordering.is_some_and(want);
    let strings = || match (left, right) {
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    };
    let numbers = || match (left.as_f64(), right.as_f64()) {
        (Some(a), Some(b)) if left.is_number() && right.is_number() => a.partial_cmp(&b),
        _ => None,
    };
    let timestamps = || match (timestamp(left), timestamp(right)) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => None,
    };
    let flag = right.as_bool().unwrap_or(false);
    match operator {
        Op::StringEquals => ordered(strings(), Ordering::is_eq),
        Op::StringLessThan => ordered(strings(), Ordering::is_lt),
        Op::StringGreaterThan => ordered(strings(), Ordering::is_gt),
        Op::StringLessThanEquals => ordered(strings(), Ordering::is_le),
        Op::StringGreaterThanEquals => ordered(strings(), Ordering::is_ge),
        Op::StringMatches => match (left, right) {
            (Value::String(text), Value::String(pattern)) => glob(pattern, text),
            _ => false,
        },
        Op::NumericEquals => ordered(numbers(), Ordering::is_eq),
        Op::NumericLessThan => ordered(numbers(), Ordering::is_lt),
        Op::NumericGreaterThan => ordered(numbers(), Ordering::is_gt),
        Op::NumericLessThanEquals => ordered(numbers(), Ordering::is_le),
        Op::NumericGreaterThanEquals => ordered(numbers(), Ordering::is_ge),
        Op::BooleanEquals => left.is_boolean() && left == right,
        Op::TimestampEquals => ordered(timestamps(), Ordering::is_eq),
        Op::TimestampLessThan => ordered(timestamps(), Ordering::is_lt),
        Op::TimestampGreaterThan => ordered(timestamps(), Ordering::is_gt),
        Op::TimestampLessThanEquals => ordered(timestamps(), Ordering::is_le),
        Op::TimestampGreaterThanEquals => ordered(timestamps(), Ordering::is_ge),
        Op::IsNull => left.is_null() == flag,
        Op::IsPresent => flag,
        Op::IsNumeric => left.is_number() == flag,
        Op::IsString => left.is_string() == flag,
        Op::IsBoolean => left.is_boolean() == flag,
        Op::IsTimestamp => timestamp(left).is_some() == flag,
    }
}

fn timestamp(value: &Value) -> Option<Instant> {
    value.as_str().and_then(Instant::parse_rfc3339)
}

/// `StringMatches`: `*` matches any run of characters, `\*` a literal star.
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    let mut tokens: Vec<Option<char>> = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => tokens.push(Some(chars.next().unwrap_or('\\'))),
            '*' => tokens.push(None),
            other => tokens.push(Some(other)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Classic two-pointer wildcard match with backtracking to the last star.
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Some(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(None) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    tokens[p..].iter().all(Option::is_none)
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn string_matches_handles_stars_and_escapes() {
        let cases = [
            ("*.log", "app.log", true),
            ("*.log", "app.txt", false),
            ("a*b*c", "aXXbYYc", true),
            ("log-\\*", "log-*", true),
            ("log-\\*", "log-1", false),
            ("*", "", true),
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(glob(pattern, text), expected, "{pattern} on {text}");
        }
    }
}
