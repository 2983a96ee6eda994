//! The intrinsic call reader: one pass, recursing only into nested calls (at most 10 deep).

use serde_json::Number;

use super::{IntrinsicArg, IntrinsicCall, IntrinsicFunction, MAX_NESTING, check};
use crate::path::PathError;
use crate::path::jsonpath::{self, Mode};

const PREFIX: &str = "States.";

pub(super) fn read(text: &str) -> Result<IntrinsicCall, PathError> {
    let mut reader = Reader { text, pos: 0 };
    reader.skip_whitespace();
    let call = reader.call(1)?;
    reader.skip_whitespace();
    if reader.pos < text.len() {
        return Err(reader.fail(format!(
            "unexpected text after the call at offset {}",
            reader.pos
        )));
    }
    Ok(call)
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(is_whitespace) {
            self.pos += 1;
        }
    }

    fn fail(&self, reason: String) -> PathError {
        PathError::Intrinsic {
            text: self.text.to_owned(),
            reason,
        }
    }

    /// `States.Name(args...)`; `depth` is 1 for the outermost call.
    fn call(&mut self, depth: usize) -> Result<IntrinsicCall, PathError> {
        if depth > MAX_NESTING {
            return Err(PathError::TooDeep {
                depth: nesting_depth(self.text),
            });
        }
        let function = self.function()?;
        self.skip_whitespace();
        if self.peek() != Some(b'(') {
            return Err(self.fail(format!(
                "expected `(` after `{function}` at offset {}",
                self.pos
            )));
        }
        let open = self.pos;
        self.pos += 1;

        let mut args = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b')') {
            self.pos += 1;
        } else {
            loop {
                let template = function == IntrinsicFunction::Format && args.is_empty();
                args.push(self.arg(depth, template)?);
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_whitespace();
                    }
                    Some(b')') => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(self.fail(format!("unclosed `(` at offset {open}"))),
                    Some(_) => {
                        return Err(
                            self.fail(format!("expected `,` or `)` at offset {}", self.pos))
                        );
                    }
                }
            }
        }

        let call = IntrinsicCall { function, args };
        check::arity(&call)?;
        check::arguments(&call)?;
        Ok(call)
    }

    fn function(&mut self) -> Result<IntrinsicFunction, PathError> {
        let start = self.pos;
        if !self.rest().starts_with(PREFIX) {
            return Err(self.fail(format!("expected `States.` at offset {start}")));
        }
        let name_len = self.rest()[PREFIX.len()..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 {
            return Err(self.fail(format!(
                "expected a function name after `States.` at offset {start}"
            )));
        }
        self.pos += PREFIX.len() + name_len;
        let name = &self.text[start..self.pos];
        IntrinsicFunction::from_name(name).ok_or_else(|| PathError::UnknownFunction {
            name: name.to_owned(),
        })
    }

    fn arg(&mut self, depth: usize, template: bool) -> Result<IntrinsicArg, PathError> {
        match self.peek() {
            Some(b'\'') => Ok(IntrinsicArg::String(self.string(template)?)),
            Some(b'$') => {
                let (path, end) = jsonpath::read(self.text, self.pos, Mode::Argument)
                    .map_err(|reason| self.fail(reason))?;
                self.pos = end;
                Ok(IntrinsicArg::Path(path))
            }
            Some(b'-' | b'0'..=b'9') => Ok(IntrinsicArg::Number(self.number()?)),
            Some(_) if self.rest().starts_with(PREFIX) => {
                Ok(IntrinsicArg::Call(self.call(depth + 1)?))
            }
            Some(b'"') => Err(self.fail(format!(
                "`\"` at offset {}; strings in intrinsic functions use single quotes",
                self.pos
            ))),
            _ => self.keyword(),
        }
    }

    fn keyword(&mut self) -> Result<IntrinsicArg, PathError> {
        let start = self.pos;
        let word_len = self
            .rest()
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        self.pos += word_len;
        match &self.text[start..self.pos] {
            "true" => Ok(IntrinsicArg::Bool(true)),
            "false" => Ok(IntrinsicArg::Bool(false)),
            "null" => Ok(IntrinsicArg::Null),
            _ => Err(self.fail(format!(
                "expected an argument at offset {start}: a string in single quotes, a number, \
                 `true`, `false`, `null`, a path or an intrinsic call"
            ))),
        }
    }

    /// A JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<Number, PathError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_len = self.digits();
        if int_len == 0 {
            return Err(self.fail(format!("expected digits at offset {}", self.pos)));
        }
        if int_len > 1 && self.text.as_bytes().get(self.pos - int_len) == Some(&b'0') {
            return Err(self.fail(format!("number at offset {start} has a leading zero")));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.fail(format!("expected digits at offset {}", self.pos)));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail(format!("expected digits at offset {}", self.pos)));
            }
        }

        let text = &self.text[start..self.pos];
        to_number(text)
            .ok_or_else(|| self.fail(format!("number `{text}` at offset {start} is out of range")))
    }

    fn digits(&mut self) -> usize {
        let len = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        self.pos += len;
        len
    }

    /// `'...'` with the escapes `\'`, `\{`, `\}` and `\\`. In a template the last three
    /// are kept as written (see [`IntrinsicArg::String`]).
    fn string(&mut self, template: bool) -> Result<String, PathError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = self.rest();
            let Some(stop) = rest.bytes().position(|b| b == b'\'' || b == b'\\') else {
                return Err(self.fail(format!("unclosed string at offset {open}")));
            };
            out.push_str(&rest[..stop]);
            self.pos += stop + 1;
            if rest.as_bytes()[stop] == b'\'' {
                return Ok(out);
            }

            match self.peek() {
                Some(b'\'') => out.push('\''),
                Some(escaped @ (b'{' | b'}' | b'\\')) => {
                    if template {
                        out.push('\\');
                    }
                    out.push(char::from(escaped));
                }
                None => return Err(self.fail(format!("unclosed string at offset {open}"))),
                Some(_) => {
                    let escaped = self.rest().chars().next().unwrap_or('\\');
                    return Err(self.fail(format!(
                        "unknown escape `\\{escaped}` at offset {}; a string may escape only \
                         `'`, `{{`, `}}` and `\\`",
                        self.pos - 1
                    )));
                }
            }
            self.pos += 1;
        }
    }
}

/// Converts JSON number text as serde_json would, but with std's correctly rounded float
/// parsing, so that printing a parsed float and parsing it again gives the same value.
fn to_number(text: &str) -> Option<Number> {
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(value) = text.parse::<u64>() {
            return Some(Number::from(value));
        }
        if let Ok(value) = text.parse::<i64>() {
            return Some(Number::from(value));
        }
    }
    text.parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .and_then(Number::from_f64)
}

/// The deepest nesting of calls in `text`, counted without parsing it, for the message of
/// [`PathError::TooDeep`]; quoted text is skipped, and parentheses that follow no
/// `States.Name` (such as a path filter's) do not count.
fn nesting_depth(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut opened: Vec<bool> = Vec::new();
    let (mut depth, mut deepest, mut after_name) = (0, 0, false);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\'' | b'"' => {
                let quote = byte;
                at += 1;
                while let Some(&inner) = bytes.get(at) {
                    at += if inner == b'\\' { 2 } else { 1 };
                    if inner == quote {
                        break;
                    }
                }
                continue;
            }
            b'S' if bytes[at..].starts_with(PREFIX.as_bytes()) => {
                after_name = true;
                at += PREFIX.len();
                continue;
            }
            b'(' => {
                opened.push(after_name);
                depth += usize::from(after_name);
                deepest = deepest.max(depth);
                after_name = false;
            }
            b')' => {
                depth -= usize::from(opened.pop().unwrap_or(false));
                after_name = false;
            }
            _ if byte.is_ascii_alphanumeric() || is_whitespace(byte) => {}
            _ => after_name = false,
        }
        at += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::nesting_depth;

    #[test]
    fn nesting_depth_counts_calls_but_not_filters_or_quoted_parentheses() {
        assert_eq!(nesting_depth("$.a"), 0);
        assert_eq!(nesting_depth("States.Array(States.Array($.a[?(@.b)]))"), 2);
        assert_eq!(nesting_depth("States.Format('States.Array((', $.x)"), 1);
        assert_eq!(nesting_depth("States.Array (States.UUID())"), 2);
        assert_eq!(nesting_depth("))States.Array("), 1);
    }
}
