//! Leaf values: strings, numbers, closed sets of names, paths and their `...Path` pairs.
//!
//! Each reader returns `None` after reporting a finding, so the caller can leave the field
//! out of the model: an absent optional field is the neutral placeholder for a broken one.

use serde_json::Value;

use super::location::{Decoder, Field};
use crate::codec::fields::{one_of, suggest};
use crate::model::{IntSource, JitterStrategy, JsonataExpr, Nullable, NumberSource, QueryLanguage};
use crate::path::{Dynamic, Path, PathError, PathRoot};
use crate::validate::Code;

const NON_NEGATIVE: &str = "a non-negative integer";

impl Decoder {
    /// A string field.
    pub(crate) fn str<'v>(&mut self, field: &Field<'_, 'v>) -> Option<&'v str> {
        match field.value {
            Value::String(text) => Some(text),
            _ => {
                self.wrong_type(&field.at, "a string");
                None
            }
        }
    }

    /// An owned string field.
    pub(crate) fn string(&mut self, field: Option<Field<'_, '_>>) -> Option<String> {
        self.str(&field?).map(str::to_owned)
    }

    /// A boolean field.
    pub(crate) fn boolean(&mut self, field: &Field<'_, '_>) -> Option<bool> {
        match field.value {
            Value::Bool(flag) => Some(*flag),
            _ => {
                self.wrong_type(&field.at, "`true` or `false`");
                None
            }
        }
    }

    /// A non-negative integer field. An integral fraction such as `30.0` is read as `30`,
    /// and `0` is kept (ranges are the validator's business); a negative or huge whole
    /// number, which the model cannot hold, is `out-of-range`.
    pub(crate) fn unsigned(&mut self, field: Option<Field<'_, '_>>) -> Option<u64> {
        let field = field?;
        match field.value {
            Value::Number(number) => self.unsigned_number(&field, number),
            _ => {
                self.wrong_type(&field.at, NON_NEGATIVE);
                None
            }
        }
    }

    fn unsigned_number(
        &mut self,
        field: &Field<'_, '_>,
        number: &serde_json::Number,
    ) -> Option<u64> {
        if let Some(value) = number.as_u64() {
            return Some(value);
        }
        let float = number.as_f64().unwrap_or(f64::NAN);
        // 2^64 is exactly representable; every integral float below it fits a u64.
        if float.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&float) {
            return Some(float as u64);
        }
        // A whole number the model cannot hold is a range problem, as `finding.rs` documents
        // for negative counts; the validator never sees it, so it is reported here.
        if float.fract() == 0.0 {
            let problem = if float < 0.0 {
                "must not be negative"
            } else {
                "is too large"
            };
            let message = format!("`{}` {problem}", field.at.name());
            self.report(Code::OutOfRange, &field.at, message);
        } else {
            self.wrong_type(&field.at, NON_NEGATIVE);
        }
        None
    }

    /// Any JSON number, as a float.
    pub(crate) fn number(&mut self, field: Option<Field<'_, '_>>) -> Option<f64> {
        let field = field?;
        match field.value.as_f64() {
            Some(number) => Some(number),
            None => {
                self.wrong_type(&field.at, "a number");
                None
            }
        }
    }

    /// An integer field with a `...Path` variant, whose value may also be a `{% %}` string.
    pub(crate) fn int_source(
        &mut self,
        value: Option<Field<'_, '_>>,
        path: Option<Field<'_, '_>>,
    ) -> Option<IntSource> {
        let (value, path) = self.exclusive(value, path);
        if let Some(path) = path {
            return self.reference_path(&path).map(IntSource::Path);
        }
        let value = value?;
        match value.value {
            Value::String(text) => self.expression(&value, text).map(IntSource::Expr),
            _ => self.unsigned(Some(value)).map(IntSource::Value),
        }
    }

    /// A number field with a `...Path` variant and the same three forms.
    pub(crate) fn number_source(
        &mut self,
        value: Option<Field<'_, '_>>,
        path: Option<Field<'_, '_>>,
    ) -> Option<NumberSource> {
        let (value, path) = self.exclusive(value, path);
        if let Some(path) = path {
            return self.reference_path(&path).map(NumberSource::Path);
        }
        let value = value?;
        match value.value {
            Value::String(text) => self.expression(&value, text).map(NumberSource::Expr),
            _ => self.number(Some(value)).map(NumberSource::Value),
        }
    }

    /// The `{% %}` expression of a numeric field given as a string.
    pub(crate) fn expression(&mut self, field: &Field<'_, '_>, text: &str) -> Option<JsonataExpr> {
        let expr = JsonataExpr::from_template_string(text);
        if expr.is_none() {
            self.wrong_type(&field.at, "a number or a `{% %}` JSONata expression");
        }
        expr
    }

    /// Of two fields that exclude each other, the first; the second is reported if both are
    /// present.
    pub(crate) fn exclusive<'a, 'v>(
        &mut self,
        first: Option<Field<'a, 'v>>,
        second: Option<Field<'a, 'v>>,
    ) -> (Option<Field<'a, 'v>>, Option<Field<'a, 'v>>) {
        match (first, second) {
            (Some(first), Some(second)) => {
                let message = format!(
                    "`{}` and `{}` exclude each other; keep one",
                    first.at.name(),
                    second.at.name()
                );
                self.report(Code::ExclusiveFields, &second.at, message);
                (Some(first), None)
            }
            pair => pair,
        }
    }

    /// A value of a closed set of names: one of `all`, written as `name` writes it.
    pub(crate) fn closed<T: Copy>(
        &mut self,
        field: Option<Field<'_, '_>>,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Option<T> {
        let field = field?;
        let text = self.str(&field)?;
        if let Some(value) = all.iter().copied().find(|value| name(*value) == text) {
            return Some(value);
        }
        let names: Vec<&str> = all.iter().map(|value| name(*value)).collect();
        let field_name = field.at.name();
        let message = match suggest(text, names.iter().copied()) {
            Some(close) => {
                format!("`{text}` is not a valid `{field_name}`; did you mean `{close}`?")
            }
            None => format!(
                "`{text}` is not a valid `{field_name}`; expected {}",
                one_of(&names)
            ),
        };
        self.report(Code::InvalidValue, &field.at, message);
        None
    }

    /// `QueryLanguage`.
    pub(crate) fn query_language(&mut self, field: Option<Field<'_, '_>>) -> Option<QueryLanguage> {
        let all = [QueryLanguage::JsonPath, QueryLanguage::Jsonata];
        self.closed(field, &all, QueryLanguage::as_str)
    }

    /// `JitterStrategy`.
    pub(crate) fn jitter(&mut self, field: Option<Field<'_, '_>>) -> Option<JitterStrategy> {
        let all = [JitterStrategy::Full, JitterStrategy::None];
        self.closed(field, &all, JitterStrategy::as_str)
    }

    /// A path (`InputPath`, `OutputPath`, a Choice `Variable`).
    pub(crate) fn path(&mut self, field: &Field<'_, '_>) -> Option<Path> {
        let text = self.str(field)?;
        Path::parse(text)
            .map_err(|error| self.path_error(field, error))
            .ok()
    }

    /// A reference path (`...Path` fields, `ItemsPath`, comparison `...Path` operands).
    pub(crate) fn reference_path(&mut self, field: &Field<'_, '_>) -> Option<Path> {
        let text = self.str(field)?;
        Path::parse_reference(text)
            .map_err(|error| self.path_error(field, error))
            .ok()
    }

    /// `InputPath` / `OutputPath`: a path or `null`.
    pub(crate) fn nullable_path(&mut self, field: Option<Field<'_, '_>>) -> Option<Nullable<Path>> {
        let field = field?;
        match field.value {
            Value::Null => Some(Nullable::Null),
            _ => self.path(&field).map(Nullable::Value),
        }
    }

    /// `ResultPath` of a state or a Catcher: `null`, or a reference path into the input
    /// (not the context object, not a variable).
    pub(crate) fn result_path(&mut self, field: Option<Field<'_, '_>>) -> Option<Nullable<Path>> {
        let field = field?;
        if field.value.is_null() {
            return Some(Nullable::Null);
        }
        let path = self.reference_path(&field)?;
        let wrong_root = match path.root() {
            PathRoot::Input => return Some(Nullable::Value(path)),
            PathRoot::Context => "must not start with `$$`",
            PathRoot::Variable(_) => "must not name a variable",
        };
        let message = format!("`ResultPath` {wrong_root}; it writes into the state input `$`");
        self.report(Code::InvalidReferencePath, &field.at, message);
        None
    }

    /// `ErrorPath` / `CausePath`: a reference path or an intrinsic call.
    pub(crate) fn reference_dynamic(&mut self, field: &Field<'_, '_>) -> Option<Dynamic> {
        let text = self.str(field)?;
        match Dynamic::parse(text) {
            Ok(Dynamic::Path(path)) if !path.is_reference() => {
                let error = PathError::NotReference {
                    text: text.to_owned(),
                };
                self.path_error(field, error);
                None
            }
            Ok(dynamic) => Some(dynamic),
            Err(error) => {
                self.path_error(field, error);
                None
            }
        }
    }

    /// Reports a path or intrinsic parse error under its code.
    pub(crate) fn path_error(&mut self, field: &Field<'_, '_>, error: PathError) {
        let code = match error {
            PathError::Syntax { .. } => Code::InvalidPath,
            PathError::NotReference { .. } => Code::InvalidReferencePath,
            PathError::Intrinsic { .. } | PathError::UnknownFunction { .. } => {
                Code::InvalidIntrinsic
            }
            PathError::Arity { .. } | PathError::Argument { .. } => Code::IntrinsicArity,
            PathError::TooDeep { .. } => Code::NestingTooDeep,
        };
        self.report(code, &field.at, error.to_string());
    }
}
