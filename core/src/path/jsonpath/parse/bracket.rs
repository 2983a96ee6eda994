//! The bracket segments of a path: quoted names, `*`, indexes, slices, unions and filters.

use super::Reader;
use crate::path::jsonpath::{Segment, UnionMember};

impl Reader<'_> {
    /// `[...]`: quoted names, `*`, indexes, a slice or a filter.
    pub(super) fn bracket(&mut self) -> Result<Segment, String> {
        let open = self.pos;
        self.pos += 1;
        self.skip_whitespace();
        let segment = match self.peek_byte() {
            None => return Err(format!("unclosed `[` at offset {open}")),
            Some(b'\'' | b'"') => self.quoted_names(open)?,
            Some(b'*') => {
                self.pos += 1;
                Segment::Wildcard
            }
            Some(b'?') => self.filter()?,
            Some(b'0'..=b'9' | b'-' | b':') => self.indexes()?,
            Some(b']') => return Err(format!("empty `[]` at offset {open}")),
            Some(_) => {
                return Err(format!(
                    "expected a quoted name, an index, `*`, a slice or a filter after the `[` \
                     at offset {open}"
                ));
            }
        };

        self.skip_whitespace();
        match self.peek_byte() {
            Some(b']') => {
                self.pos += 1;
                Ok(segment)
            }
            None => Err(format!("unclosed `[` at offset {open}")),
            Some(_) => Err(format!("expected `]` at offset {}", self.pos)),
        }
    }

    fn quoted_names(&mut self, open: usize) -> Result<Segment, String> {
        let mut names = Vec::new();
        loop {
            self.skip_whitespace();
            match self.peek_byte() {
                Some(quote @ (b'\'' | b'"')) => names.push(self.quoted(quote)?),
                None => return Err(format!("unclosed `[` at offset {open}")),
                Some(_) => return Err(format!("expected a quoted name at offset {}", self.pos)),
            }
            self.skip_whitespace();
            if self.peek_byte() != Some(b',') {
                break;
            }
            self.pos += 1;
        }

        if names.len() == 1 {
            Ok(Segment::Field(names.swap_remove(0)))
        } else {
            Ok(Segment::Union(
                names.into_iter().map(UnionMember::Field).collect(),
            ))
        }
    }

    /// A quoted name. A backslash escapes only the enclosing quote and itself (`'it\'s'`,
    /// `'a\\b'`); before any other character it is a literal backslash. AWS keeps it so:
    /// `$['Test\""Name"']` selects the key `Test\""Name"` (recorded on AWS), where Jayway's
    /// current `Utils.unescape` would drop it.
    fn quoted(&mut self, quote: u8) -> Result<String, String> {
        let open = self.pos;
        self.pos += 1;
        let mut name = String::new();
        loop {
            let rest = self.rest();
            let Some(stop) = rest.bytes().position(|b| b == quote || b == b'\\') else {
                return Err(format!("unclosed quote at offset {open}"));
            };
            name.push_str(&rest[..stop]);
            self.pos += stop;
            if self.peek_byte() == Some(quote) {
                self.pos += 1;
                return Ok(name);
            }

            // On a backslash.
            self.pos += 1;
            match self.peek_byte() {
                None => return Err(format!("unclosed quote at offset {open}")),
                Some(escaped) if escaped == quote || escaped == b'\\' => {
                    name.push(char::from(escaped));
                    self.pos += 1;
                }
                Some(_) => name.push('\\'),
            }
        }
    }

    /// `[0]`, `[-1]`, `[0,2]`, or a slice `[1:3]`.
    fn indexes(&mut self) -> Result<Segment, String> {
        let first = self.integer()?;
        self.skip_whitespace();
        if self.peek_byte() == Some(b':') {
            return self.slice(first);
        }
        let Some(first) = first else {
            return Err(format!("expected an index at offset {}", self.pos));
        };

        let mut members = vec![first];
        while self.peek_byte() == Some(b',') {
            self.pos += 1;
            self.skip_whitespace();
            let Some(index) = self.integer()? else {
                return Err(format!("expected an index at offset {}", self.pos));
            };
            members.push(index);
            self.skip_whitespace();
        }

        if members.len() == 1 {
            Ok(Segment::Index(first))
        } else {
            Ok(Segment::Union(
                members.into_iter().map(UnionMember::Index).collect(),
            ))
        }
    }

    /// The reader is on the `:` after the optional start.
    fn slice(&mut self, start: Option<i64>) -> Result<Segment, String> {
        let colon = self.pos;
        self.pos += 1;
        self.skip_whitespace();
        let end = self.integer()?;
        self.skip_whitespace();
        if self.peek_byte() == Some(b':') {
            return Err(format!(
                "slice step at offset {}: AWS's JSONPath does not support steps",
                self.pos
            ));
        }
        if start.is_none() && end.is_none() {
            return Err(format!(
                "the slice at offset {colon} needs a start or an end"
            ));
        }
        Ok(Segment::Slice {
            start,
            end,
            step: None,
        })
    }

    /// An optional `-?[0-9]+` that fits in 32 bits, as Jayway reads indexes.
    fn integer(&mut self) -> Result<Option<i64>, String> {
        let start = self.pos;
        let negative = self.peek_byte() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let digits = self.take_while(|c| c.is_ascii_digit());
        if digits.is_empty() {
            return if negative {
                Err(format!("expected digits after the `-` at offset {start}"))
            } else {
                Ok(None)
            };
        }
        let text = &self.text[start..self.pos];
        match text.parse::<i32>() {
            Ok(value) => Ok(Some(i64::from(value))),
            Err(_) => Err(format!("index `{text}` at offset {start} is out of range")),
        }
    }

    /// `[?(...)]`; the reader is on the `?`.
    fn filter(&mut self) -> Result<Segment, String> {
        let question = self.pos;
        self.pos += 1;
        self.skip_whitespace();
        if self.peek_byte() != Some(b'(') {
            return Err(format!("expected `(` after the `?` at offset {question}"));
        }
        let open = self.pos;
        let close = self.find_close(open, true)?;
        let text = &self.text[open + 1..close];
        if text.trim().is_empty() {
            return Err(format!("empty filter at offset {question}"));
        }
        self.pos = close + 1;
        Ok(Segment::Filter(text.to_owned()))
    }
}
