// Attribute parsing: arguments split into keys, then each value parsed into the typed model.

mod args;
mod condition;
mod distributed;
mod retry;
mod state;
mod value;
mod workflow;

pub(crate) use args::suggest as args_suggest;
pub(crate) use workflow::parse_workflow;

/// A path as it reads in a message: `ValuationError`, `errors::ValuationError`.
pub(crate) fn path_text(path: &syn::Path) -> String {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let joined = segments.join("::");
    if path.leading_colon.is_some() {
        format!("::{joined}")
    } else {
        joined
    }
}
