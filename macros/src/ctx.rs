// Collects independent errors so that one build reports every mistake, in source order.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

/// Errors found so far. Must be consumed with [`Errors::finish`]; dropping it unconsumed is a
/// bug in the macro (an error would be lost), caught by a panic in debug builds.
pub(crate) struct Errors {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Errors {
    pub(crate) fn new() -> Errors {
        Errors {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// An error spanned on `span`.
    pub(crate) fn at(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// An error spanned on all of `tokens` (first to last token).
    pub(crate) fn on(&self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// An error from syn's parser.
    pub(crate) fn push(&self, error: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(error);
        }
    }

    /// Keeps the value of a parse, or records its error.
    pub(crate) fn ok<T>(&self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// How many errors were reported so far.
    pub(crate) fn count(&self) -> usize {
        self.errors.borrow().as_ref().map_or(0, Vec::len)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.errors.borrow().as_ref().is_none_or(Vec::is_empty)
    }

    /// The errors as `compile_error!` invocations, or `None` when there were none.
    pub(crate) fn finish(self) -> Option<TokenStream> {
        let mut errors = self.errors.borrow_mut().take().unwrap_or_default();
        // Checks run in phases (each state's own keys, then the whole graph); sorting by
        // position reports them in source order. The sort is stable, so errors on one
        // token keep the order they were found in.
        errors.sort_by_key(|error| {
            let start = error.span().start();
            (start.line, start.column)
        });
        if errors.is_empty() {
            return None;
        }
        Some(errors.iter().map(syn::Error::to_compile_error).collect())
    }
}

impl Drop for Errors {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            debug_assert!(
                self.errors.borrow().is_none(),
                "stepfn-macros: errors were collected and never reported"
            );
        }
    }
}
