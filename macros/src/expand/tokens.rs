// Tokens for the pieces every state uses: paths, payload templates, error names. Runtime
// pieces build core's model; `place` gives the checked Rust expression a path reads.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::LitStr;

use syn::ext::IdentExt;

use crate::model::{
    AslPath, Assign, ErrorRef, Intrinsic, Payload, Root, Segment, StructLit, Target, Value,
};
use crate::rename::Rename;

/// How paths and payload keys turn into JSON names.
#[derive(Clone, Copy)]
pub(crate) struct Names {
    pub(crate) rename: Rename,
}

impl Names {
    pub(crate) fn key(self, field: &syn::Ident) -> String {
        self.rename.apply(&field.to_string())
    }
}

/// `Path::input().field("a").index(0)`, with the JSON names of the fields.
pub(super) fn path(path: &AslPath, names: Names) -> TokenStream {
    let mut out = match &path.root {
        Root::Input => quote!(::stepfn::__private::core::path::Path::input()),
        Root::Context => quote!(::stepfn::__private::core::path::Path::context()),
        Root::Variable(name) => {
            let name = name.to_string();
            quote!(::stepfn::__private::core::path::Path::variable(#name))
        }
    };
    for segment in &path.segments {
        match segment {
            Segment::Field(field) => {
                // Context object fields are ASL's own names; only data fields are renamed.
                let name = if path.root == Root::Context {
                    field.to_string()
                } else {
                    names.key(field)
                };
                out = quote!(#out.field(#name));
            }
            Segment::Index(index) => out = quote!(#out.index(#index)),
        }
    }
    out
}

/// A reference to the Rust place a path reads, in a generated check: `$.a.b` becomes
/// `(&((&(d).a)).__stepfn_in().b)`, stepping through an `Option` on the way.
pub(super) fn place(path: &AslPath) -> TokenStream {
    let span = path.root_span;
    let mut out = match &path.root {
        Root::Input => quote_spanned!(span=> d),
        Root::Context => quote_spanned!(span=> c),
        // A variable's type is not known: anything it reads fits.
        Root::Variable(_) => return quote_spanned!(span=> &::stepfn::__private::check::any()),
    };
    let last = path.segments.len();
    for (position, segment) in path.segments.iter().enumerate() {
        if position > 0 {
            out = quote_spanned!(span=> (#out).__stepfn_in());
        }
        // No parentheses around the last step: rustc then spans a type error from the `$`
        // to the last field, the whole path as written.
        out = match segment {
            Segment::Field(field) => quote_spanned!(span=> &(#out).#field),
            Segment::Index(index) => quote_spanned!(span=> &(#out)[#index]),
        };
        if position + 1 < last {
            out = quote_spanned!(span=> (#out));
        }
    }
    out
}

/// A `${Name}` placeholder or a literal, as a template string.
pub(super) fn target(target: &Target) -> TokenStream {
    let text = target_text(target);
    quote!(::stepfn::__private::core::model::Template::from(#text))
}

pub(super) fn target_text(target: &Target) -> String {
    match target {
        Target::Placeholder(ident) => format!("${{{ident}}}"),
        Target::Literal(lit) => lit.value(),
    }
}

/// A payload as a template. `token` adds `"<key>.$": "$$.Task.Token"` first.
pub(super) fn template(payload: &StructLit, names: Names, token: Option<&str>) -> TokenStream {
    let mut out = quote!(::stepfn::__private::core::model::Template::object());
    if let Some(key) = token {
        out = quote!(#out.with_path(#key, ::stepfn::__private::core::path::Path::task_token()));
    }
    let fields = payload
        .fields
        .iter()
        .map(|(field, value)| (names.key(field), value));
    entries(out, fields, names)
}

/// `assign(...)` as a template: its keys are the variables' names as written.
pub(super) fn assign(assign: &Assign, names: Names) -> TokenStream {
    let out = quote!(::stepfn::__private::core::model::Template::object());
    let fields = assign
        .entries
        .iter()
        .map(|(name, value)| (name.unraw().to_string(), value));
    entries(out, fields, names)
}

fn entries<'a>(
    mut out: TokenStream,
    fields: impl Iterator<Item = (String, &'a Value)>,
    names: Names,
) -> TokenStream {
    for (key, value) in fields {
        out = match value {
            Value::Path(p) => {
                let p = path(p, names);
                quote!(#out.with_path(#key, #p))
            }
            Value::Intrinsic(call) => {
                let call = intrinsic(call, names);
                quote!(#out.with_dynamic(#key, ::stepfn::__private::core::path::Dynamic::Intrinsic(#call)))
            }
            other => {
                let value = static_value(other, names);
                quote!(#out.with(#key, #value))
            }
        };
    }
    out
}

fn static_value(value: &Value, names: Names) -> TokenStream {
    let model = quote!(::stepfn::__private::core::model::Template);
    match value {
        Value::Str(lit) => quote!(#model::from(#lit)),
        Value::Int(lit) => {
            quote!(#model::Number(::stepfn::__private::serde_json::Number::from(#lit)))
        }
        Value::Float(lit) => quote! {
            #model::Number(::stepfn::__private::serde_json::Number::from_f64(#lit).unwrap_or_else(|| 0.into()))
        },
        Value::Bool(lit) => quote!(#model::Bool(#lit)),
        Value::Null(_) => quote!(#model::Null),
        Value::Struct(inner) => template(inner, names, None),
        Value::Path(_) | Value::Intrinsic(_) => unreachable!("dynamic fields"),
    }
}

/// An intrinsic call, parsed at run time from the text the macro has already checked.
fn intrinsic(call: &Intrinsic, names: Names) -> TokenStream {
    let text = crate::intrinsic::call(call, names.rename)
        .map(|call| call.to_string())
        .unwrap_or_default();
    quote! {
        ::stepfn::__private::core::path::IntrinsicCall::parse(#text)
            .expect("#[workflow] checked this intrinsic call")
    }
}

/// A payload placed under `key` of a parameters template being built in `out`.
pub(super) fn place_payload(
    out: TokenStream,
    key: &str,
    payload: Option<&Payload>,
    names: Names,
    token: Option<&str>,
) -> TokenStream {
    match payload {
        Some(Payload::Struct(lit)) => {
            let t = template(lit, names, token);
            quote!(#out.with(#key, #t))
        }
        Some(Payload::Path(p)) => {
            let p = path(p, names);
            quote!(#out.with_path(#key, #p))
        }
        None if token.is_some() => {
            let t = token_only(names, token);
            quote!(#out.with(#key, #t))
        }
        None => out,
    }
}

/// A payload holding only the task token.
pub(super) fn token_only(names: Names, token: Option<&str>) -> TokenStream {
    let empty = StructLit {
        ty: syn::parse_quote!(Payload),
        fields: Vec::new(),
        rest: None,
    };
    template(&empty, names, token)
}

/// An `ErrorName` for retry and catch lists.
pub(super) fn error_name(error: &ErrorRef) -> TokenStream {
    let model = quote!(::stepfn::__private::core::model);
    match error {
        ErrorRef::States(_, variant) => {
            let predefined = crate::check::predefined(variant).expect("checked");
            let ident = syn::Ident::new(&format!("{predefined:?}"), variant.span());
            quote!(#model::ErrorName::from(#model::PredefinedError::#ident))
        }
        ErrorRef::Variant(enum_path, variant) => {
            let name = LitStr::new(&variant.to_string(), variant.span());
            quote!(#model::ErrorName::Custom(::stepfn::__private::error_name::<#enum_path>(#name)))
        }
        ErrorRef::Literal(lit) => quote!(#model::ErrorName::from(#lit)),
    }
}

/// An error name as a `String` expression (for `FailState::error`).
pub(super) fn error_text(error: &ErrorRef) -> TokenStream {
    let name = error_name(error);
    quote!(#name.as_str().to_owned())
}
