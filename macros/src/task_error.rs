// `#[derive(TaskError)]`: each variant of an enum is one ASL error name.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::ctx::Errors;
use crate::kw;
use crate::parse::args_suggest;

const NAME: &str = "name";
const MAX_ERROR_NAME: usize = 256;

/// One variant: its Rust name, its ASL name and how to read its cause.
struct Variant {
    ident: Ident,
    name: String,
    pattern: TokenStream,
    cause: TokenStream,
    build: TokenStream,
}

pub(crate) fn derive(input: DeriveInput) -> TokenStream {
    let errors = Errors::new();
    let ident = input.ident.clone();
    let variants = read(&input, &errors);

    errors
        .finish()
        .map_or_else(|| expand(&ident, &variants), |errs| stub(&ident, errs))
}

fn read(input: &DeriveInput, errors: &Errors) -> Vec<Variant> {
    let Data::Enum(data) = &input.data else {
        errors.at(
            input.ident.span(),
            "`TaskError` derives on enums: each variant is one error name",
        );
        return Vec::new();
    };
    if !input.generics.params.is_empty() {
        errors.on(
            &input.generics,
            "`TaskError` enums cannot have generic parameters",
        );
    }
    if data.variants.is_empty() {
        errors.at(
            input.ident.span(),
            "`TaskError` enums need a variant; use `stepfn::NoError` for a task without errors of its own",
        );
    }
    let mut out: Vec<Variant> = Vec::new();
    for variant in &data.variants {
        let name = variant_name(variant, errors);
        if let Some(other) = out.iter().find(|v| v.name == name.value()) {
            errors.at(
                name.span(),
                format!(
                    "duplicate error name `{}`; variant `{}` has it already",
                    name.value(),
                    other.ident
                ),
            );
        }
        check_name(&name, errors);
        let Some((pattern, cause)) = shape(variant, errors) else {
            continue;
        };
        out.push(Variant {
            ident: variant.ident.clone(),
            name: name.value(),
            pattern,
            cause,
            build: build(variant),
        });
    }
    out
}

fn variant_name(variant: &syn::Variant, errors: &Errors) -> LitStr {
    let mut name = LitStr::new(&variant.ident.to_string(), variant.ident.span());
    for attr in variant
        .attrs
        .iter()
        .filter(|a| a.path().is_ident(kw::TASK_ERROR))
    {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(NAME) {
                name = meta.value()?.parse()?;
                return Ok(());
            }
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let message = match args_suggest(&key, [NAME].into_iter()) {
                Some(best) => {
                    format!("unknown key `{key}` in `#[task_error]`; did you mean `{best}`?")
                }
                None => format!("unknown key `{key}` in `#[task_error]`; the only key is `name`"),
            };
            Err(meta.error(message))
        });
        errors.ok(result);
    }
    name
}

fn check_name(name: &LitStr, errors: &Errors) {
    let text = name.value();
    if text.starts_with("States.") {
        errors.at(
            name.span(),
            format!("`{text}` is reserved: `States.*` names belong to Step Functions; choose another name"),
        );
    } else if text.is_empty() || text.chars().count() > MAX_ERROR_NAME {
        errors.at(
            name.span(),
            format!("an error name has 1 to {MAX_ERROR_NAME} characters"),
        );
    }
}

/// The match pattern of the variant and the expression of its cause.
fn shape(variant: &syn::Variant, errors: &Errors) -> Option<(TokenStream, TokenStream)> {
    let ident = &variant.ident;
    match &variant.fields {
        Fields::Unit => Some((quote!(Self::#ident), quote!(::std::option::Option::None))),
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            let cause = cause_of(&fields.unnamed[0].ty, quote!(__cause));
            Some((quote!(Self::#ident(__cause)), cause))
        }
        Fields::Named(fields) => {
            let Some(field) = fields
                .named
                .iter()
                .find(|f| f.ident.as_ref().is_some_and(|i| i == "cause"))
            else {
                errors.at(ident.span(), format!("variant `{ident}` needs a `cause` field, or one unnamed field; the cause is sent with the error"));
                return None;
            };
            Some((
                quote!(Self::#ident { cause: __cause, .. }),
                cause_of(&field.ty, quote!(__cause)),
            ))
        }
        Fields::Unnamed(_) => {
            errors.at(
                ident.span(),
                format!("variant `{ident}` has several fields; give it one, its cause"),
            );
            None
        }
    }
}

/// `Self::Variant(any(), ...)`: a value of the variant, for `every_variant`.
fn build(variant: &syn::Variant) -> TokenStream {
    let ident = &variant.ident;
    let any = quote!(::stepfn::__private::check::any());
    match &variant.fields {
        Fields::Unit => quote!(Self::#ident),
        Fields::Unnamed(fields) => {
            let values = fields.unnamed.iter().map(|_| &any);
            quote!(Self::#ident(#(#values),*))
        }
        Fields::Named(fields) => {
            let names = fields.named.iter().map(|f| &f.ident);
            quote!(Self::#ident { #(#names: #any),* })
        }
    }
}

fn cause_of(ty: &syn::Type, value: TokenStream) -> TokenStream {
    let optional = matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"));
    if optional {
        quote!(#value.as_ref().map(::std::string::ToString::to_string))
    } else {
        quote!(::std::option::Option::Some(::std::string::ToString::to_string(#value)))
    }
}

fn expand(ident: &Ident, variants: &[Variant]) -> TokenStream {
    let private = quote!(::stepfn::__private);
    let patterns: Vec<&TokenStream> = variants.iter().map(|v| &v.pattern).collect();
    let names: Vec<&String> = variants.iter().map(|v| &v.name).collect();
    let causes = variants.iter().map(|v| &v.cause);
    let rust_names = variants.iter().map(|v| v.ident.to_string());
    let builds = variants.iter().map(|v| &v.build);
    quote! {
        impl #private::TaskError for #ident {
            fn error_name(&self) -> &str {
                match self { #(#patterns => #names,)* }
            }
            fn cause(&self) -> ::std::option::Option<::std::string::String> {
                match self { #(#patterns => #causes,)* }
            }
            fn error_names() -> &'static [&'static str] {
                &[#(#names),*]
            }
        }
        impl #private::ErrorVariants for #ident {
            fn asl_name(variant: &str) -> &'static str {
                match variant { #(#rust_names => #names,)* _ => "" }
            }
            #[allow(unreachable_code)]
            fn every_variant() -> ::std::vec::Vec<Self> {
                ::std::vec![#(#builds),*]
            }
        }
    }
}

/// On error, impls that compile whatever the enum looks like, so uses of it do not cascade.
fn stub(ident: &Ident, errors: TokenStream) -> TokenStream {
    let private = quote!(::stepfn::__private);
    quote! {
        #errors
        impl #private::TaskError for #ident {
            fn error_name(&self) -> &str { ::core::unreachable!() }
            fn cause(&self) -> ::std::option::Option<::std::string::String> { ::core::unreachable!() }
            fn error_names() -> &'static [&'static str] { &[] }
        }
        impl #private::ErrorVariants for #ident {
            fn asl_name(_: &str) -> &'static str { "" }
            fn every_variant() -> ::std::vec::Vec<Self> { ::std::vec::Vec::new() }
        }
    }
}
