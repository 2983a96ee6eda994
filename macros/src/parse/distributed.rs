// `item_reader(...)` and `result_writer(...)` of a distributed Map.

use proc_macro2::TokenStream;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

use super::args::{ArgValue, check_keys, split_args};
use super::state::eq;
use super::value::{parse_int, parse_path, parse_target};
use crate::ctx::Errors;
use crate::kw;
use crate::model::{ItemReader, ResultWriter, Text};

/// Reads `item_reader(s3_object, bucket = ..., key = ..., input_type = csv, ...)`.
pub(crate) fn parse_reader(key: &Ident, tokens: TokenStream, errors: &Errors) -> ItemReader {
    let mut reader = ItemReader {
        key: key.clone(),
        source: None,
        bucket: None,
        object: None,
        prefix: None,
        input_type: None,
        csv_header_location: None,
        max_items: None,
    };
    let args = check_keys(
        split_args(tokens, errors),
        kw::READER_KEYS,
        "item_reader(...)",
        errors,
    );
    for arg in args {
        let name = arg.key.to_string();
        match name.as_str() {
            kw::S3_OBJECT | kw::S3_LIST => match arg.value {
                ArgValue::Flag if reader.source.is_none() => reader.source = Some(arg.key),
                ArgValue::Flag => errors.at(
                    arg.key.span(),
                    "an item reader reads one source; keep one of `s3_object` and `s3_list`",
                ),
                _ => errors.at(arg.key.span(), format!("`{name}` takes no value")),
            },
            kw::BUCKET => reader.bucket = eq(&arg, errors, parse_target),
            kw::KEY => reader.object = eq(&arg, errors, parse_text),
            kw::PREFIX => reader.prefix = eq(&arg, errors, parse_text),
            kw::INPUT_TYPE => reader.input_type = eq(&arg, errors, |i| i.parse()),
            kw::CSV_HEADER_LOCATION => reader.csv_header_location = eq(&arg, errors, |i| i.parse()),
            _ => reader.max_items = eq(&arg, errors, parse_int),
        }
    }
    reader
}

/// Reads `result_writer(bucket = ..., prefix = ..., output_type = json, ...)`.
pub(crate) fn parse_writer(key: &Ident, tokens: TokenStream, errors: &Errors) -> ResultWriter {
    let mut writer = ResultWriter {
        key: key.clone(),
        bucket: None,
        prefix: None,
        output_type: None,
        transformation: None,
    };
    let args = check_keys(
        split_args(tokens, errors),
        kw::WRITER_KEYS,
        "result_writer(...)",
        errors,
    );
    for arg in args {
        match arg.key.to_string().as_str() {
            kw::BUCKET => writer.bucket = eq(&arg, errors, parse_target),
            kw::PREFIX => writer.prefix = eq(&arg, errors, parse_text),
            kw::OUTPUT_TYPE => writer.output_type = eq(&arg, errors, |i| i.parse()),
            _ => writer.transformation = eq(&arg, errors, |i| i.parse()),
        }
    }
    writer
}

/// `"literal"` or `$.path`.
fn parse_text(input: ParseStream) -> syn::Result<Text> {
    if input.peek(Token![$]) {
        parse_path(input).map(Text::Path)
    } else {
        input.parse::<LitStr>().map(Text::Literal)
    }
}
