// Choice conditions, at run time as core's `Condition`s and in the checks as field types.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::tokens::{self, Names};
use crate::model::{CompareOp, Condition, Operand};

/// The runtime `Condition`.
pub(super) fn condition(condition: &Condition, names: Names) -> TokenStream {
    let model = quote!(::stepfn::__private::core::model);
    let json = quote!(::stepfn::__private::serde_json::Value);
    match condition {
        Condition::Compare {
            path, op, value, ..
        } => {
            let (kind, literal) = match value {
                Operand::Str(lit) => ("String", quote!(#json::from(#lit))),
                Operand::Number { text, .. } => ("Numeric", number(text)),
                Operand::Bool(lit) => ("Boolean", quote!(#json::Bool(#lit))),
                Operand::Timestamp(lit) => ("Timestamp", quote!(#json::from(#lit))),
            };
            let operator = format_ident!("{kind}{}", compare_suffix(*op));
            let path = tokens::path(path, names);
            let compare = quote!(#model::Condition::compare(#path, #model::ComparisonOperator::#operator, #literal));
            if *op == CompareOp::Ne {
                quote!(#model::Condition::negate(#compare))
            } else {
                compare
            }
        }
        Condition::Test { test, path } => {
            let operator = format_ident!("{}", pascal(&test.to_string()));
            let path = tokens::path(path, names);
            quote!(#model::Condition::compare(#path, #model::ComparisonOperator::#operator, #json::Bool(true)))
        }
        Condition::Matches { path, pattern } => {
            let path = tokens::path(path, names);
            quote!(#model::Condition::compare(#path, #model::ComparisonOperator::StringMatches, #json::from(#pattern)))
        }
        Condition::Not(inner) => {
            let inner = self::condition(inner, names);
            quote!(#model::Condition::negate(#inner))
        }
        Condition::And(terms) | Condition::Or(terms) => {
            let terms = terms.iter().map(|term| self::condition(term, names));
            let combine = if matches!(condition, Condition::And(_)) {
                quote!(and)
            } else {
                quote!(or)
            };
            quote!(#model::Condition::#combine([#(#terms),*]))
        }
    }
}

fn number(text: &str) -> TokenStream {
    let json = quote!(::stepfn::__private::serde_json::Value);
    let literal = if let Ok(value) = text.parse::<u64>() {
        Literal::u64_suffixed(value)
    } else if let Ok(value) = text.parse::<i64>() {
        Literal::i64_suffixed(value)
    } else {
        Literal::f64_suffixed(text.parse::<f64>().unwrap_or_default())
    };
    quote!(#json::from(#literal))
}

/// The operator name's tail for `op`: `Equals`, `LessThan`, ... (`!=` is a negated `Equals`).
pub(crate) fn compare_suffix(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq | CompareOp::Ne => "Equals",
        CompareOp::Lt => "LessThan",
        CompareOp::Le => "LessThanEquals",
        CompareOp::Gt => "GreaterThan",
        CompareOp::Ge => "GreaterThanEquals",
    }
}

pub(crate) fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The checks of a condition: each compared field must have the literal's type.
pub(super) fn checks(condition: &Condition) -> TokenStream {
    match condition {
        Condition::Compare { path, value, .. } => {
            let place = tokens::place(path);
            let span = path.root_span;
            match value {
                Operand::Str(_) | Operand::Timestamp(_) => {
                    quote_spanned!(span=> ::stepfn::__private::check::text(#place);)
                }
                Operand::Number { .. } => {
                    quote_spanned!(span=> ::stepfn::__private::check::numeric(#place);)
                }
                Operand::Bool(_) => {
                    quote_spanned!(span=> ::stepfn::__private::check::boolean(#place);)
                }
            }
        }
        Condition::Matches { path, .. } => {
            let place = tokens::place(path);
            quote_spanned!(path.root_span=> ::stepfn::__private::check::text(#place);)
        }
        Condition::Test { path, .. } => {
            let place = tokens::place(path);
            quote!(let _ = #place;)
        }
        Condition::Not(inner) => checks(inner),
        Condition::And(terms) | Condition::Or(terms) => terms.iter().map(checks).collect(),
    }
}
