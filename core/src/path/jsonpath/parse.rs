//! The path reader: one pass over the text, no backtracking and no regex.
//!
//! It follows what Jayway's compiler accepts where AWS relies on it, and is stricter where
//! Jayway is lenient about text that is clearly a mistake (`$[0]abc`, `[0,]`, `$.a]`).

use super::{Path, PathRoot, Segment};

mod bracket;

/// Where a path is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::path) enum Mode {
    /// The path is the whole text (`InputPath`, a `"key.$"` value): it runs to the end.
    Whole,
    /// The path is an argument of an intrinsic call: it ends before `,`, `)` or whitespace,
    /// and a name after a dot is a plain identifier, as AWS requires there.
    Argument,
}

/// The functions Jayway knows; any other name fails on every evaluation.
const FUNCTIONS: [&str; 14] = [
    "length", "size", "min", "max", "avg", "stddev", "sum", "keys", "concat", "append", "first",
    "last", "distinct", "index",
];

pub(super) fn read(text: &str, start: usize, mode: Mode) -> Result<(Path, usize), String> {
    let mut reader = Reader {
        text,
        pos: start,
        mode,
    };
    let root = reader.root()?;
    let segments = reader.segments()?;
    Ok((Path { root, segments }, reader.pos))
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    mode: Mode,
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `c` ends a name written after a dot. Jayway stops only at `.`, `[`, `(` and
/// rejects a space; stray closers and other whitespace are refused here too.
fn ends_dot_name(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '[' | ']' | '(' | ')')
}

fn ends_argument(c: char) -> bool {
    c.is_whitespace() || c == ',' || c == ')'
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(_, c)| !keep(c))
            .map_or(rest.len(), |(at, _)| at);
        self.pos += len;
        &rest[..len]
    }

    fn skip_whitespace(&mut self) {
        self.take_while(char::is_whitespace);
    }

    fn root(&mut self) -> Result<PathRoot, String> {
        match self.peek() {
            Some('$') => self.pos += 1,
            None => return Err("the path is empty; a path starts with `$`".to_owned()),
            Some(c) if c.is_whitespace() => {
                return Err(format!(
                    "whitespace at offset {}; a path starts with `$`",
                    self.pos
                ));
            }
            Some(c) => return Err(format!("a path starts with `$`, found `{c}`")),
        }

        match self.peek() {
            Some('$') => {
                self.pos += 1;
                Ok(PathRoot::Context)
            }
            Some(c) if is_name_start(c) => {
                Ok(PathRoot::Variable(self.take_while(is_name_char).to_owned()))
            }
            Some(c) if c.is_ascii_digit() => Err(format!(
                "the variable name at offset {} starts with a digit",
                self.pos
            )),
            _ => Ok(PathRoot::Input),
        }
    }

    fn segments(&mut self) -> Result<Vec<Segment>, String> {
        let mut segments = Vec::new();
        while let Some(c) = self.peek() {
            if self.mode == Mode::Argument && ends_argument(c) {
                break;
            }
            if let Some(Segment::Function { name, .. }) = segments.last() {
                return Err(format!(
                    "`{c}` at offset {} follows `{name}()`; a path function must end the path",
                    self.pos
                ));
            }
            let segment = match c {
                '.' => self.dot()?,
                '[' => self.bracket()?,
                _ => return Err(self.unexpected(c)),
            };
            segments.push(segment);
        }
        Ok(segments)
    }

    fn unexpected(&self, c: char) -> String {
        let at = self.pos;
        if c.is_whitespace() && self.rest().trim_start().is_empty() {
            format!("whitespace after the path at offset {at}")
        } else if c.is_whitespace() {
            format!("whitespace at offset {at}; write a name with spaces as `['a b']`")
        } else if c == ']' || c == ')' {
            format!("`{c}` at offset {at} closes nothing")
        } else {
            format!("unexpected `{c}` at offset {at}; expected `.`, `[` or the end of the path")
        }
    }

    /// `.name`, `.*`, `.[...]`, `.fn()` or a descendant `..x`.
    fn dot(&mut self) -> Result<Segment, String> {
        let at = self.pos;
        self.pos += 1;
        if self.peek_byte() == Some(b'.') {
            self.pos += 1;
            let inner = match self.peek() {
                None => return Err(format!("the path ends with `..` at offset {at}")),
                Some('.') => return Err(format!("`...` at offset {at}")),
                Some('*') => {
                    self.pos += 1;
                    Segment::Wildcard
                }
                Some('[') => self.bracket()?,
                Some(_) => self.dot_name(at)?,
            };
            if let Segment::Function { name, .. } = inner {
                return Err(format!("`{name}()` cannot follow `..` at offset {at}"));
            }
            return Ok(Segment::Descendant(Box::new(inner)));
        }

        match self.peek() {
            None => Err(format!("the path ends with `.` at offset {at}")),
            Some('*') => {
                self.pos += 1;
                Ok(Segment::Wildcard)
            }
            Some('[') => self.bracket(),
            Some(_) => self.dot_name(at),
        }
    }

    /// The name after a dot, or a function call if `(` follows it.
    fn dot_name(&mut self, dot: usize) -> Result<Segment, String> {
        let start = self.pos;
        let name = match self.mode {
            Mode::Whole => self.take_while(|c| !ends_dot_name(c)),
            Mode::Argument => self.take_while(is_name_char),
        };

        if self.mode == Mode::Argument {
            let full = &self.text[start..];
            let full_len = full
                .find(|c: char| ends_argument(c) || matches!(c, '.' | '[' | '('))
                .unwrap_or(full.len());
            if full_len != name.len() {
                let mut quoted = String::new();
                let _ = super::write_quoted(&mut quoted, &full[..full_len]);
                return Err(format!(
                    "the name `{}` at offset {start} needs brackets inside an intrinsic \
                     function: `[{quoted}]`",
                    &full[..full_len]
                ));
            }
        }

        if name.is_empty() {
            return Err(format!(
                "expected a name, `*` or `[` after the `.` at offset {dot}"
            ));
        }
        if self.mode == Mode::Whole && self.peek_byte() == Some(b'(') {
            return self.function(name, start);
        }
        Ok(Segment::Field(name.to_owned()))
    }

    fn function(&mut self, name: &str, start: usize) -> Result<Segment, String> {
        if !FUNCTIONS.contains(&name) {
            return Err(format!(
                "unknown path function `{name}()` at offset {start}"
            ));
        }
        let open = self.pos;
        let close = self.find_close(open, false)?;
        self.pos = close + 1;
        Ok(Segment::Function {
            name: name.to_owned(),
            args: self.text[open + 1..close].to_owned(),
        })
    }

    /// Finds the `)` matching the `(` at `open`, skipping quoted text (and `/regex/`
    /// literals in filters) and checking that brackets and parentheses nest.
    fn find_close(&self, open: usize, filter: bool) -> Result<usize, String> {
        let bytes = self.text.as_bytes();
        let mut nested: Vec<u8> = Vec::new();
        let mut at = open + 1;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'\'' | b'"' => at = skip_quoted(bytes, at)?,
                b'/' if filter => at = skip_quoted(bytes, at)?,
                b'(' | b'[' => {
                    nested.push(if byte == b'(' { b')' } else { b']' });
                    at += 1;
                }
                b')' | b']' => {
                    match nested.pop() {
                        Some(expected) if expected == byte => {}
                        None if byte == b')' => return Ok(at),
                        _ => {
                            return Err(format!(
                                "`{}` at offset {at} closes nothing",
                                byte as char
                            ));
                        }
                    }
                    at += 1;
                }
                _ => at += 1,
            }
        }
        Err(format!("unclosed `(` at offset {open}"))
    }
}

/// Skips a quoted run starting at the quote at `open`; returns the offset after it.
fn skip_quoted(bytes: &[u8], open: usize) -> Result<usize, String> {
    let quote = bytes.get(open).copied().unwrap_or(b'\'');
    let mut at = open + 1;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'\\' {
            at += 2;
        } else if byte == quote {
            return Ok(at + 1);
        } else {
            at += 1;
        }
    }
    Err(format!("unclosed `{}` at offset {open}", quote as char))
}
