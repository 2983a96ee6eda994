// `retry(Errors, interval = 2, ...)` and `catch(Errors => Next, result_path = $.error)`.

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Token};

use super::args::{check_keys, split_args};
use super::state::eq;
use super::value::{parse_error_list, parse_float, parse_int, parse_nullable};
use crate::ctx::Errors;
use crate::kw;
use crate::model::{Catch, ErrorRef, Retry};

/// Reads `retry(...)`.
pub(crate) fn parse_retry(key: &Ident, tokens: TokenStream, errors: &Errors) -> Option<Retry> {
    let (errors_named, rest) = errors.ok(split_head(tokens, |input| {
        let list = parse_error_list(input)?;
        Ok((list, None))
    }))?;
    let mut retry = Retry {
        key: key.clone(),
        errors: errors_named.0,
        interval: None,
        max_attempts: None,
        backoff: None,
        max_delay: None,
        jitter: None,
        comment: None,
    };
    let args = check_keys(
        split_args(rest, errors),
        kw::RETRY_KEYS,
        "retry(...)",
        errors,
    );
    for arg in args {
        match arg.key.to_string().as_str() {
            kw::INTERVAL => retry.interval = eq(&arg, errors, parse_int),
            kw::MAX_ATTEMPTS => retry.max_attempts = eq(&arg, errors, parse_int),
            kw::BACKOFF => retry.backoff = eq(&arg, errors, parse_float),
            kw::MAX_DELAY => retry.max_delay = eq(&arg, errors, parse_int),
            kw::JITTER => retry.jitter = eq(&arg, errors, |i| i.parse()),
            _ => retry.comment = eq(&arg, errors, |i| i.parse()),
        }
    }
    Some(retry)
}

/// Reads `catch(...)`.
pub(crate) fn parse_catch(key: &Ident, tokens: TokenStream, errors: &Errors) -> Option<Catch> {
    let ((errors_named, next), rest) = errors.ok(split_head(tokens, |input| {
        let list = parse_error_list(input)?;
        input.parse::<Token![=>]>()?;
        let next: Ident = input.parse()?;
        Ok((list, Some(next)))
    }))?;
    let mut catch = Catch {
        key: key.clone(),
        errors: errors_named,
        next: next.expect("parsed above"),
        result_path: None,
        comment: None,
        assign: None,
    };
    let args = check_keys(
        split_args(rest, errors),
        kw::CATCH_KEYS,
        "catch(...)",
        errors,
    );
    for arg in args {
        match arg.key.to_string().as_str() {
            kw::RESULT_PATH => catch.result_path = eq(&arg, errors, parse_nullable),
            kw::ASSIGN => {
                catch.assign = super::state::call(&arg, errors)
                    .and_then(|t| errors.ok(super::value::parse_all(t, super::value::parse_assign)))
            }
            _ => catch.comment = eq(&arg, errors, |i| i.parse()),
        }
    }
    Some(catch)
}

type Head = (Vec<ErrorRef>, Option<Ident>);

/// Parses the part before the first top-level comma with `head`, and returns the rest.
fn split_head(
    tokens: TokenStream,
    head: fn(ParseStream) -> syn::Result<Head>,
) -> syn::Result<(Head, TokenStream)> {
    let parser = move |input: ParseStream| {
        let parsed = head(input)?;
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        let rest: TokenStream = input.parse()?;
        Ok((parsed, rest))
    };
    parser.parse2(tokens)
}
