//! Payload templates: every template field of a state, duplicate keys in them, and the
//! variable names of `Assign`.

use std::collections::HashMap;

use crate::model::{State, Template, TemplateEntry, TemplateValue};

use super::Code;
use super::site::{Sink, Site, push_token};

/// The longest variable name AWS accepts.
const MAX_VARIABLE_CHARS: usize = 80;

/// Which query language a template field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    /// `Parameters`, `ResultSelector` and the `Parameters` of a reader or writer.
    JsonPath,
    /// `Arguments`, `Output`, `Items` and the `Arguments` of a reader or writer.
    Jsonata,
    /// `Assign`, `ItemSelector`, `Credentials`, `BatchInput`.
    Both,
}

/// Where a template field sits in its state.
#[derive(Debug, Clone, Copy)]
pub(super) enum Field {
    /// A field of the state, or of one of its objects (`/ItemReader/Parameters`).
    Plain(&'static str),
    /// A field of a top-level Choice rule (`/Choices/0/Assign`).
    Rule(usize, &'static str),
    /// A field of a Catcher (`/Catch/0/Output`).
    Catcher(usize, &'static str),
}

impl Field {
    /// The field's pointer suffix, starting with `/`.
    pub(super) fn suffix(self) -> String {
        match self {
            Field::Plain(name) => name.to_owned(),
            Field::Rule(index, name) => format!("/Choices/{index}{name}"),
            Field::Catcher(index, name) => format!("/Catch/{index}{name}"),
        }
    }

    /// The field's name as ASL writes it, for messages.
    pub(super) fn name(self) -> &'static str {
        let (Field::Plain(name) | Field::Rule(_, name) | Field::Catcher(_, name)) = self;
        name.rsplit('/').next().unwrap_or(name)
    }

    fn is_assign(self) -> bool {
        self.name() == "Assign"
    }
}

/// Calls `visit` with every template of `state`, its place and its language. One arm per
/// state type, so that the function reads as the table of template fields.
pub(super) fn for_each_template<'s>(
    state: &'s State,
    visit: &mut dyn FnMut(Field, Lang, &'s Template),
) {
    let mut plain = |name, lang, template: &'s Option<Template>| {
        if let Some(template) = template {
            visit(Field::Plain(name), lang, template);
        }
    };
    match state {
        State::Task(s) => {
            plain("/Credentials", Lang::Both, &s.credentials);
            plain("/Parameters", Lang::JsonPath, &s.parameters);
            plain("/ResultSelector", Lang::JsonPath, &s.result_selector);
            plain("/Arguments", Lang::Jsonata, &s.arguments);
            plain("/Output", Lang::Jsonata, &s.output);
            plain("/Assign", Lang::Both, &s.assign);
        }
        State::Pass(s) => {
            plain("/Parameters", Lang::JsonPath, &s.parameters);
            plain("/Output", Lang::Jsonata, &s.output);
            plain("/Assign", Lang::Both, &s.assign);
        }
        State::Choice(s) => {
            plain("/Output", Lang::Jsonata, &s.output);
            plain("/Assign", Lang::Both, &s.assign);
        }
        State::Wait(s) => {
            plain("/Output", Lang::Jsonata, &s.output);
            plain("/Assign", Lang::Both, &s.assign);
        }
        State::Succeed(s) => plain("/Output", Lang::Jsonata, &s.output),
        State::Fail(_) => {}
        State::Parallel(s) => {
            plain("/Parameters", Lang::JsonPath, &s.parameters);
            plain("/ResultSelector", Lang::JsonPath, &s.result_selector);
            plain("/Arguments", Lang::Jsonata, &s.arguments);
            plain("/Output", Lang::Jsonata, &s.output);
            plain("/Assign", Lang::Both, &s.assign);
        }
        State::Map(s) => {
            plain("/Items", Lang::Jsonata, &s.items);
            plain("/ItemSelector", Lang::Both, &s.item_selector);
            plain("/Parameters", Lang::JsonPath, &s.parameters);
            if let Some(reader) = &s.item_reader {
                plain("/ItemReader/Parameters", Lang::JsonPath, &reader.parameters);
                plain("/ItemReader/Arguments", Lang::Jsonata, &reader.arguments);
            }
            if let Some(batcher) = &s.item_batcher {
                plain("/ItemBatcher/BatchInput", Lang::Both, &batcher.batch_input);
            }
            if let Some(writer) = &s.result_writer {
                plain(
                    "/ResultWriter/Parameters",
                    Lang::JsonPath,
                    &writer.parameters,
                );
                plain("/ResultWriter/Arguments", Lang::Jsonata, &writer.arguments);
            }
            plain("/ResultSelector", Lang::JsonPath, &s.result_selector);
            plain("/Output", Lang::Jsonata, &s.output);
            plain("/Assign", Lang::Both, &s.assign);
        }
    }
    if let State::Choice(choice) = state {
        for (index, rule) in choice.choices.iter().enumerate() {
            if let Some(template) = &rule.assign {
                visit(Field::Rule(index, "/Assign"), Lang::Both, template);
            }
            if let Some(template) = &rule.output {
                visit(Field::Rule(index, "/Output"), Lang::Jsonata, template);
            }
        }
    }
    for (index, catcher) in state.catch().iter().enumerate() {
        if let Some(template) = &catcher.assign {
            visit(Field::Catcher(index, "/Assign"), Lang::Both, template);
        }
        if let Some(template) = &catcher.output {
            visit(Field::Catcher(index, "/Output"), Lang::Jsonata, template);
        }
    }
}

/// One step from a template down to one of its objects: a key or an array index.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step<'t> {
    Key(&'t TemplateEntry),
    Index(usize),
}

/// Appends the steps to `pointer` as JSON pointer tokens.
pub(super) fn push_steps(pointer: &mut String, steps: &[Step<'_>]) {
    for step in steps {
        match step {
            Step::Key(entry) => push_key(pointer, entry),
            Step::Index(index) => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    }
}

/// Appends an entry's key as written (`key.$` for dynamic ones).
pub(super) fn push_key(pointer: &mut String, entry: &TemplateEntry) {
    push_token(pointer, &entry.key);
    if let TemplateValue::Dynamic(_) = entry.value {
        pointer.push_str(".$");
    }
}

/// Calls `visit` with every object of `template`, at any depth, and the steps down to it.
/// `steps` is a scratch stack, left as it was found; nothing is allocated for templates
/// without nested objects.
pub(super) fn for_each_object<'t>(
    template: &'t Template,
    steps: &mut Vec<Step<'t>>,
    visit: &mut dyn FnMut(&[Step<'t>], &'t [TemplateEntry]),
) {
    match template {
        Template::Object(entries) => {
            visit(steps, entries);
            for entry in entries {
                if let TemplateValue::Static(inner) = &entry.value
                    && has_objects(inner)
                {
                    steps.push(Step::Key(entry));
                    for_each_object(inner, steps, visit);
                    steps.pop();
                }
            }
        }
        Template::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if has_objects(item) {
                    steps.push(Step::Index(index));
                    for_each_object(item, steps, visit);
                    steps.pop();
                }
            }
        }
        _ => {}
    }
}

fn has_objects(template: &Template) -> bool {
    matches!(template, Template::Object(_) | Template::Array(_))
}

pub(super) fn check(sink: &mut Sink, site: &Site<'_>) {
    for_each_template(site.state, &mut |field, _, template| {
        for_each_object(template, &mut Vec::new(), &mut |steps, entries| {
            duplicate_keys(sink, site, field, steps, entries);
        });
        if field.is_assign() {
            variable_names(sink, site, field, template);
        }
    });
}

fn duplicate_keys(
    sink: &mut Sink,
    site: &Site<'_>,
    field: Field,
    steps: &[Step<'_>],
    entries: &[TemplateEntry],
) {
    for (first, second) in duplicates(entries) {
        let (first, second) = (&entries[first], &entries[second]);
        let mut pointer = site.at(&field.suffix());
        push_steps(&mut pointer, steps);
        push_key(&mut pointer, second);
        let message = if first.written_key() == second.written_key() {
            format!(
                "`{}` of state `{}` has the key `{}` twice",
                field.name(),
                site.name,
                second.key
            )
        } else {
            format!(
                "`{}` of state `{}` has both `{}` and `{}`; a key may be static or dynamic, not both",
                field.name(),
                site.name,
                first.written_key(),
                second.written_key()
            )
        };
        sink.error(Code::DuplicatePayloadKey, pointer, message);
    }
}

/// The index pairs (first, later) of entries sharing a key once `.$` is stripped.
fn duplicates(entries: &[TemplateEntry]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if entries.len() <= 16 {
        for (index, entry) in entries.iter().enumerate() {
            if let Some(first) = entries[..index].iter().position(|e| e.key == entry.key) {
                found.push((first, index));
            }
        }
        return found;
    }
    let mut seen = HashMap::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        if let Some(&first) = seen.get(entry.key.as_str()) {
            found.push((first, index));
        } else {
            seen.insert(entry.key.as_str(), index);
        }
    }
    found
}

fn variable_names(sink: &mut Sink, site: &Site<'_>, field: Field, assign: &Template) {
    let Template::Object(entries) = assign else {
        return;
    };
    for entry in entries {
        let Some(problem) = variable_problem(&entry.key) else {
            continue;
        };
        let mut pointer = site.at(&field.suffix());
        push_key(&mut pointer, entry);
        sink.error(
            Code::InvalidVariableName,
            pointer,
            format!(
                "state `{}` assigns the variable `{}`, which {problem}",
                site.name, entry.key
            ),
        );
    }
}

/// What is wrong with a variable name, if anything. Names are identifiers: a letter or `_`,
/// then letters, digits or `_`.
fn variable_problem(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some("is empty");
    };
    let length = name.chars().count();
    if !(first.is_alphabetic() || first == '_') {
        Some("does not start with a letter or `_`")
    } else if !chars.all(|c| c.is_alphanumeric() || c == '_') {
        Some("is not an identifier: use letters, digits and `_`")
    } else if length > MAX_VARIABLE_CHARS {
        Some("is longer than 80 characters")
    } else if name == "states" {
        Some("is reserved for `$states`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::variable_problem;

    #[test]
    fn variable_names_are_identifiers_up_to_80_characters() {
        for good in [
            "x",
            "orderId",
            "_private",
            "größe",
            "a1_b2",
            &"v".repeat(80),
        ] {
            assert_eq!(variable_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "1x",
            "order-id",
            "a.b",
            "$x",
            "with space",
            "states",
            &"v".repeat(81),
        ] {
            assert!(variable_problem(bad).is_some(), "{bad}");
        }
    }
}
