// Splits attribute arguments into `key`, `key = value` and `key(...)`, and checks the keys.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::Ident;
use syn::ext::IdentExt;

use crate::ctx::Errors;
use crate::kw;

/// One argument of an attribute.
pub(crate) struct Arg {
    pub(crate) key: Ident,
    pub(crate) value: ArgValue,
}

pub(crate) enum ArgValue {
    /// `key`.
    Flag,
    /// `key = tokens`.
    Eq(TokenStream),
    /// `key(tokens)`.
    Call(TokenStream),
}

/// Splits `tokens` at top-level commas into arguments. A malformed argument is reported
/// and skipped, so the others are still checked.
pub(crate) fn split_args(tokens: TokenStream, errors: &Errors) -> Vec<Arg> {
    let mut args = Vec::new();
    for chunk in split_commas(tokens) {
        if let Some(arg) = read_arg(chunk, errors) {
            args.push(arg);
        }
    }
    args
}

/// Splits at commas outside any group.
pub(crate) fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut chunks = vec![Vec::new()];
    for token in tokens {
        match &token {
            TokenTree::Punct(punct) if punct.as_char() == ',' => chunks.push(Vec::new()),
            _ => chunks.last_mut().expect("never empty").push(token),
        }
    }
    chunks.retain(|chunk| !chunk.is_empty());
    chunks
}

fn read_arg(chunk: Vec<TokenTree>, errors: &Errors) -> Option<Arg> {
    let mut tokens = chunk.into_iter();
    let first = tokens.next()?;
    let key = match syn::parse2::<Ident>(first.clone().into())
        .or_else(|_| Ident::parse_any.parse2(first.clone().into()))
    {
        Ok(key) => key,
        Err(_) => {
            errors.on(&first, "expected a key such as `next = State`");
            return None;
        }
    };
    let rest: Vec<TokenTree> = tokens.collect();
    let value = match rest.first() {
        None => ArgValue::Flag,
        Some(TokenTree::Punct(punct)) if punct.as_char() == '=' => {
            let value: TokenStream = rest[1..].iter().cloned().collect();
            if value.is_empty() {
                errors.at(punct.span(), format!("`{key}` needs a value after `=`"));
                return None;
            }
            ArgValue::Eq(value)
        }
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
            if rest.len() > 1 {
                errors.on(&rest[1], format!("unexpected tokens after `{key}(...)`"));
                return None;
            }
            ArgValue::Call(group.stream())
        }
        Some(other) => {
            errors.on(other, format!("expected `=` or `(` after `{key}`"));
            return None;
        }
    };
    Some(Arg { key, value })
}

use syn::parse::Parser as _;

/// Drops and reports keys that `allowed` does not list, and repeated keys that may appear
/// only once. `what` names the attribute in messages (`#[callback]`).
pub(crate) fn check_keys(
    args: Vec<Arg>,
    allowed: &[&str],
    what: &str,
    errors: &Errors,
) -> Vec<Arg> {
    check_keys_noting(args, allowed, what, errors, &mut Vec::new())
}

/// Like [`check_keys`], noting in `failed` the keys an unknown key probably meant.
pub(crate) fn check_keys_noting(
    args: Vec<Arg>,
    allowed: &[&str],
    what: &str,
    errors: &Errors,
    failed: &mut Vec<String>,
) -> Vec<Arg> {
    let mut seen: Vec<String> = Vec::new();
    let mut kept = Vec::with_capacity(args.len());
    for arg in args {
        let key = arg.key.to_string();
        if !allowed.contains(&key.as_str()) {
            errors.at(arg.key.span(), unknown_key_message(&key, allowed, what));
            failed.extend(suggest(&key, allowed.iter().copied()).map(str::to_owned));
            continue;
        }
        if seen.contains(&key) && !kw::REPEATABLE.contains(&key.as_str()) {
            errors.at(
                arg.key.span(),
                format!("duplicate key `{key}`; give it once"),
            );
            continue;
        }
        seen.push(key);
        kept.push(arg);
    }
    kept
}

fn unknown_key_message(key: &str, allowed: &[&str], what: &str) -> String {
    let other_kinds = kw::STATE_ATTRIBUTES
        .iter()
        .any(|attribute| kw::keys_of(attribute).contains(&key));
    if other_kinds
        && kw::STATE_ATTRIBUTES
            .iter()
            .any(|a| what == format!("#[{a}]"))
    {
        return format!("`{key}` does not apply to `{what}` states");
    }
    match suggest(key, allowed.iter().copied()) {
        Some(best) => format!("unknown key `{key}` in `{what}`; did you mean `{best}`?"),
        None => format!("unknown key `{key}` in `{what}`"),
    }
}

/// The closest of `candidates` to `word`, if any is close.
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
