// Parsers of attribute values: paths, payloads, integers, placeholders and error names.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token, braced, bracketed, parenthesized};

use crate::model::{
    AslPath, Assign, ErrorRef, Float, Int, Intrinsic, Nullable, Payload, Root, Segment, StructLit,
    Target, Value,
};
use crate::rename::Rename;

/// `$`, `$.a.b[0]` or `$$.Execution.Id`.
pub(crate) fn parse_path(input: ParseStream) -> syn::Result<AslPath> {
    read_path(input, false)
}

/// A path that may also read a variable: `$name.field`.
fn parse_value_path(input: ParseStream) -> syn::Result<AslPath> {
    read_path(input, true)
}

fn read_path(input: ParseStream, variables: bool) -> syn::Result<AslPath> {
    let dollar: Token![$] = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a path such as `$.field` or `$$.Execution.Id`",
        )
    })?;
    let root = if input.peek(Token![$]) {
        input.parse::<Token![$]>()?;
        Root::Context
    } else if variables && input.peek(Ident::peek_any) {
        Root::Variable(Ident::parse_any(input)?)
    } else {
        Root::Input
    };
    let mut segments = Vec::new();
    loop {
        if input.peek(Token![.]) {
            let dot: Token![.] = input.parse()?;
            let field = Ident::parse_any(input)
                .map_err(|_| syn::Error::new(dot.span, "expected a field name after `.`"))?;
            segments.push(Segment::Field(field));
        } else if input.peek(syn::token::Bracket) {
            let content;
            bracketed!(content in input);
            let index: syn::LitInt = content.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected an index such as `[0]`; paths select one value",
                )
            })?;
            segments.push(Segment::Index(index));
        } else {
            break;
        }
    }
    Ok(AslPath {
        root,
        root_span: dollar.span,
        segments,
    })
}

/// A path or `null`.
pub(crate) fn parse_nullable(input: ParseStream) -> syn::Result<Nullable> {
    if input.peek(Ident) && input.fork().parse::<Ident>()? == "null" {
        input.parse::<Ident>()?;
        return Ok(Nullable::Null);
    }
    parse_path(input).map(Nullable::Path)
}

/// A payload: `Type { field: value, .. }` or a path.
pub(crate) fn parse_payload(input: ParseStream) -> syn::Result<Payload> {
    if input.peek(Token![$]) {
        return parse_path(input).map(Payload::Path);
    }
    parse_struct(input).map(Payload::Struct)
}

fn parse_struct(input: ParseStream) -> syn::Result<StructLit> {
    let ty: syn::Path = input.call(syn::Path::parse_mod_style).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a payload such as `Request { field: $.field }` or a path",
        )
    })?;
    let content;
    braced!(content in input);
    let mut fields = Vec::new();
    let mut rest = None;
    while !content.is_empty() {
        if content.peek(Token![..]) {
            let dots: Token![..] = content.parse()?;
            rest = Some(dots.spans[0]);
            break;
        }
        let field = Ident::parse_any(&content)?;
        content.parse::<Token![:]>()?;
        let value = parse_value(&content)?;
        fields.push((field, value));
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(StructLit { ty, fields, rest })
}

fn parse_value(input: ParseStream) -> syn::Result<Value> {
    if input.peek(Token![$]) {
        return parse_value_path(input).map(Value::Path);
    }
    if input.peek(syn::LitStr) {
        return input.parse().map(Value::Str);
    }
    if input.peek(syn::LitInt) {
        return input.parse().map(Value::Int);
    }
    if input.peek(syn::LitFloat) {
        return input.parse().map(Value::Float);
    }
    if input.peek(syn::LitBool) {
        return input.parse().map(Value::Bool);
    }
    if input.peek(Ident) && input.fork().parse::<Ident>()? == "null" {
        let null: Ident = input.parse()?;
        return Ok(Value::Null(null.span()));
    }
    if input.peek(Ident) && input.peek2(Token![::]) && input.fork().parse::<Ident>()? == "States" {
        return parse_intrinsic(input).map(Value::Intrinsic);
    }
    parse_struct(input).map(Value::Struct)
}

/// `States::format("{} failed", $.id)`, checked by core's parser of intrinsic calls.
fn parse_intrinsic(input: ParseStream) -> syn::Result<Intrinsic> {
    input.parse::<Ident>()?;
    input.parse::<Token![::]>()?;
    let ident: Ident = input.parse()?;
    let function = crate::intrinsic::function_named(&ident.to_string()).ok_or_else(|| {
        let names = stepfn_core::path::IntrinsicFunction::ALL.map(crate::intrinsic::rust_name);
        let message =
            match super::args_suggest(&ident.to_string(), names.iter().map(|n| n.as_str())) {
                Some(best) => format!(
                    "unknown intrinsic function `States::{ident}`; did you mean `States::{best}`?"
                ),
                None => format!("unknown intrinsic function `States::{ident}`"),
            };
        syn::Error::new(ident.span(), message)
    })?;
    let content;
    parenthesized!(content in input);
    let args = Punctuated::<Value, Token![,]>::parse_terminated_with(&content, parse_argument)?;
    let intrinsic = Intrinsic {
        function,
        ident,
        args: args.into_iter().collect(),
    };
    // Field names do not change whether a call is valid: check it before `rename_all` is known.
    crate::intrinsic::call(&intrinsic, Rename::None)
        .map_err(|e| syn::Error::new(intrinsic.ident.span(), e.to_string()))?;
    Ok(intrinsic)
}

fn parse_argument(input: ParseStream) -> syn::Result<Value> {
    match parse_value(input)? {
        Value::Struct(lit) => Err(syn::Error::new_spanned(
            &lit.ty,
            "an intrinsic function's argument is a path, a literal or a `States::` call",
        )),
        value => Ok(value),
    }
}

/// `name = value, ...`: the inside of `assign(...)`.
pub(crate) fn parse_assign(input: ParseStream) -> syn::Result<Assign> {
    let mut entries = Vec::new();
    while !input.is_empty() {
        let name = Ident::parse_any(input)?;
        input.parse::<Token![=]>()?;
        entries.push((name, parse_value(input)?));
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(Assign { entries })
}

/// A non-negative integer.
pub(crate) fn parse_int(input: ParseStream) -> syn::Result<Int> {
    let lit: syn::LitInt = input.parse()?;
    let value = lit.base10_parse::<u64>()?;
    Ok(Int {
        value,
        span: lit.span(),
    })
}

/// A number, written with or without a fraction.
pub(crate) fn parse_float(input: ParseStream) -> syn::Result<Float> {
    if input.peek(syn::LitInt) {
        let lit: syn::LitInt = input.parse()?;
        return Ok(Float {
            value: lit.base10_parse::<f64>()?,
            span: lit.span(),
        });
    }
    let lit: syn::LitFloat = input.parse()?;
    Ok(Float {
        value: lit.base10_parse::<f64>()?,
        span: lit.span(),
    })
}

/// `PlaceholderName` (becomes `${PlaceholderName}`) or `"literal"`.
pub(crate) fn parse_target(input: ParseStream) -> syn::Result<Target> {
    if input.peek(LitStr) {
        return input.parse().map(Target::Literal);
    }
    let ident: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a placeholder name such as `FunctionArn` or a string",
        )
    })?;
    Ok(Target::Placeholder(ident))
}

/// One error name: `States::Timeout`, `MyError::Variant` or `"Lambda.ServiceException"`.
pub(crate) fn parse_error(input: ParseStream) -> syn::Result<ErrorRef> {
    if input.peek(LitStr) {
        return input.parse().map(ErrorRef::Literal);
    }
    let mut path: syn::Path = input.call(syn::Path::parse_mod_style)?;
    if path.segments.len() < 2 {
        return Err(syn::Error::new_spanned(
            &path,
            "write an error as `Enum::Variant`, `States::Name` or a string literal",
        ));
    }
    let variant = path
        .segments
        .pop()
        .expect("two segments")
        .into_value()
        .ident;
    path.segments.pop_punct();
    if path.leading_colon.is_none()
        && path.segments.len() == 1
        && path.segments[0].ident == "States"
    {
        return Ok(ErrorRef::States(path.segments[0].ident.clone(), variant));
    }
    Ok(ErrorRef::Variant(path, variant))
}

/// `A | B | C`.
pub(crate) fn parse_error_list(input: ParseStream) -> syn::Result<Vec<ErrorRef>> {
    let list =
        Punctuated::<ErrorRef, Token![|]>::parse_separated_nonempty_with(input, parse_error)?;
    Ok(list.into_iter().collect())
}

/// Runs `parser` over all of `tokens`.
pub(crate) fn parse_all<T>(
    tokens: TokenStream,
    parser: fn(ParseStream) -> syn::Result<T>,
) -> syn::Result<T> {
    parser.parse2(tokens)
}
