// Choice conditions: `$.amount >= 100000 && !is_null($.valuation)`, parsed with the usual
// precedence (`||` below `&&` below `!`).

use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token, parenthesized};

use super::value::parse_path;
use crate::model::{CompareOp, Condition, Operand, Rule};

const TESTS: &[&str] = &[
    "is_present",
    "is_null",
    "is_string",
    "is_numeric",
    "is_boolean",
    "is_timestamp",
];

/// `condition => Next`.
pub(crate) fn parse_rule(input: ParseStream) -> syn::Result<Rule> {
    let condition = parse_or(input)?;
    input.parse::<Token![=>]>()?;
    let next: Ident = input.parse()?;
    Ok(Rule { condition, next })
}

fn parse_or(input: ParseStream) -> syn::Result<Condition> {
    let mut terms = vec![parse_and(input)?];
    while input.peek(Token![||]) {
        input.parse::<Token![||]>()?;
        terms.push(parse_and(input)?);
    }
    Ok(if terms.len() == 1 {
        terms.remove(0)
    } else {
        Condition::Or(terms)
    })
}

fn parse_and(input: ParseStream) -> syn::Result<Condition> {
    let mut terms = vec![parse_unary(input)?];
    while input.peek(Token![&&]) {
        input.parse::<Token![&&]>()?;
        terms.push(parse_unary(input)?);
    }
    Ok(if terms.len() == 1 {
        terms.remove(0)
    } else {
        Condition::And(terms)
    })
}

fn parse_unary(input: ParseStream) -> syn::Result<Condition> {
    if input.peek(Token![!]) && !input.peek(Token![!=]) {
        input.parse::<Token![!]>()?;
        return Ok(Condition::Not(Box::new(parse_unary(input)?)));
    }
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        return parse_or(&content);
    }
    if input.peek(Ident) {
        return parse_call(input);
    }
    parse_comparison(input)
}

fn parse_call(input: ParseStream) -> syn::Result<Condition> {
    let name: Ident = input.parse()?;
    let content;
    parenthesized!(content in input);
    let path = parse_path(&content)?;
    if name == "matches" {
        content.parse::<Token![,]>()?;
        let pattern: LitStr = content.parse()?;
        return Ok(Condition::Matches { path, pattern });
    }
    if !TESTS.contains(&name.to_string().as_str()) {
        let mut known = TESTS.to_vec();
        known.push("matches");
        let message = match super::args::suggest(&name.to_string(), known.iter().copied()) {
            Some(best) => format!("unknown test `{name}`; did you mean `{best}`?"),
            None => format!("unknown test `{name}`; use one of `{}`", known.join("`, `")),
        };
        return Err(syn::Error::new(name.span(), message));
    }
    Ok(Condition::Test { test: name, path })
}

fn parse_comparison(input: ParseStream) -> syn::Result<Condition> {
    let path = parse_path(input)?;
    let ends = input.is_empty()
        || input.peek(Token![=>])
        || input.peek(Token![&&])
        || input.peek(Token![||]);
    if ends {
        // A path alone is a boolean field that must be `true`, as in Rust.
        let span = path.root_span;
        return Ok(Condition::Compare {
            path,
            op: CompareOp::Eq,
            op_span: span,
            value: Operand::Bool(syn::LitBool::new(true, span)),
        });
    }
    let (op, op_span) = parse_op(input)?;
    if input.peek(Token![$]) {
        return Err(
            input.error("compare a path with a literal; comparing two paths is not supported yet")
        );
    }
    let value = parse_operand(input)?;
    Ok(Condition::Compare {
        path,
        op,
        op_span,
        value,
    })
}

fn parse_op(input: ParseStream) -> syn::Result<(CompareOp, proc_macro2::Span)> {
    macro_rules! try_op {
        ($tok:tt, $op:expr) => {
            if input.peek(Token![$tok]) {
                let token: Token![$tok] = input.parse()?;
                return Ok(($op, token.spans[0]));
            }
        };
    }
    try_op!(==, CompareOp::Eq);
    try_op!(!=, CompareOp::Ne);
    try_op!(<=, CompareOp::Le);
    try_op!(>=, CompareOp::Ge);
    try_op!(<, CompareOp::Lt);
    try_op!(>, CompareOp::Gt);
    Err(input.error("expected a comparison: `==`, `!=`, `<`, `<=`, `>` or `>=`"))
}

fn parse_operand(input: ParseStream) -> syn::Result<Operand> {
    if input.peek(LitStr) {
        return input.parse().map(Operand::Str);
    }
    if input.peek(syn::LitBool) {
        return input.parse().map(Operand::Bool);
    }
    if input.peek(Ident) {
        let name: Ident = input.parse()?;
        if name != "timestamp" {
            return Err(syn::Error::new(
                name.span(),
                "expected a literal: a string, a number, `true`, `false` or `timestamp(\"...\")`",
            ));
        }
        let content;
        parenthesized!(content in input);
        return content.parse().map(Operand::Timestamp);
    }
    let negative = input.peek(Token![-]);
    if negative {
        input.parse::<Token![-]>()?;
    }
    let (digits, _) = if input.peek(syn::LitFloat) {
        let lit: syn::LitFloat = input.parse()?;
        (lit.base10_digits().to_owned(), lit.span())
    } else {
        let lit: syn::LitInt = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a literal: a string, a number, `true` or `false`",
            )
        })?;
        (lit.base10_digits().to_owned(), lit.span())
    };
    let text = if negative {
        format!("-{digits}")
    } else {
        digits
    };
    Ok(Operand::Number { text })
}
