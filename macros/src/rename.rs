// serde's `rename_all` rules, so that paths and payload keys written with Rust field names
// become the JSON names serde gives those fields.

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Rename {
    #[default]
    None,
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl Rename {
    pub(crate) const RULES: &'static [(&'static str, Rename)] = &[
        ("lowercase", Rename::Lower),
        ("UPPERCASE", Rename::Upper),
        ("PascalCase", Rename::Pascal),
        ("camelCase", Rename::Camel),
        ("snake_case", Rename::Snake),
        ("SCREAMING_SNAKE_CASE", Rename::ScreamingSnake),
        ("kebab-case", Rename::Kebab),
        ("SCREAMING-KEBAB-CASE", Rename::ScreamingKebab),
    ];

    pub(crate) fn from_rule(rule: &str) -> Option<Rename> {
        Rename::RULES
            .iter()
            .find(|(name, _)| *name == rule)
            .map(|(_, rename)| *rename)
    }

    /// The JSON name of a Rust field (`delay_seconds` → `delaySeconds` in camelCase).
    pub(crate) fn apply(self, field: &str) -> String {
        let field = field.strip_prefix("r#").unwrap_or(field);
        let words = field.split('_').filter(|word| !word.is_empty());
        match self {
            Rename::None | Rename::Snake => field.to_owned(),
            Rename::Lower => field.to_ascii_lowercase(),
            Rename::Upper => field.to_ascii_uppercase(),
            Rename::Pascal => words.map(capitalize).collect(),
            Rename::Camel => {
                let pascal: String = words.map(capitalize).collect();
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            }
            Rename::ScreamingSnake => field.to_ascii_uppercase(),
            Rename::Kebab => field.replace('_', "-"),
            Rename::ScreamingKebab => field.replace('_', "-").to_ascii_uppercase(),
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
