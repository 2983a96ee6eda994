//! Helpers of the checks `#[workflow]` generates. The checks are functions that are
//! type-checked and never called: rustc reports a wrong field or type on the user's own
//! tokens, because the generated expressions carry their spans.
#![allow(missing_docs, missing_debug_implementations)]

use std::collections::{BTreeSet, HashSet, VecDeque};

use stepfn_core::callback::{CallbackTask, TaskToken};

/// A value of any type. The checks are never run, so this never runs either.
pub fn any<T>() -> T {
    unreachable!("stepfn's generated checks are never called")
}

/// A value of the type of the field a path reads.
pub fn value<T>(_: &T) -> T {
    any()
}

/// The token field of a callback payload.
pub fn task_token<T: CallbackTask>() -> TaskToken<T> {
    any()
}

/// Steps into an `Option` on the way along a path (`$.valuation.amount` where
/// `valuation: Option<Valuation>`). Paired with [`ThroughPlain`] by autoref, so that a call
/// on `&Option<T>` picks this trait and a call on any other `&T` the other one.
pub trait ThroughOption {
    type Inner;
    fn __stepfn_in(&self) -> &Self::Inner;
}

impl<T> ThroughOption for Option<T> {
    type Inner = T;
    fn __stepfn_in(&self) -> &T {
        any()
    }
}

/// See [`ThroughOption`].
pub trait ThroughPlain {
    fn __stepfn_in(&self) -> &Self;
}

impl<T: ?Sized> ThroughPlain for &T {
    fn __stepfn_in(&self) -> &Self {
        self
    }
}

/// A field that can receive a task's result (or a caught error) by `ResultPath`.
#[diagnostic::on_unimplemented(
    message = "`result_path` puts a `{R}` here, but the field has type `{Self}`",
    label = "expected a field of type `{R}` or `Option<{R}>`"
)]
pub trait Holds<R> {}
impl<R> Holds<R> for R {}
impl<R> Holds<R> for Option<R> {}

pub fn holds<R, F: Holds<R>>(_: &F) {}

/// What a Map's items path must name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sequence",
    label = "a Map's `items` must name an array field (`Vec<T>`, `[T; N]`, ...)"
)]
pub trait Sequence {
    type Item;
}
impl<T> Sequence for Vec<T> {
    type Item = T;
}
impl<T> Sequence for [T] {
    type Item = T;
}
impl<T, const N: usize> Sequence for [T; N] {
    type Item = T;
}
impl<T> Sequence for VecDeque<T> {
    type Item = T;
}
impl<T> Sequence for BTreeSet<T> {
    type Item = T;
}
impl<T, S> Sequence for HashSet<T, S> {
    type Item = T;
}
impl<S: Sequence> Sequence for Option<S> {
    type Item = S::Item;
}

/// A sequence of `T`, for a Map that declares `item = T`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sequence of `{T}`",
    label = "a Map's `items` must name an array field of its `item` type (`Vec<{T}>`, ...)"
)]
pub trait SequenceOf<T> {}
impl<T, S: Sequence<Item = T> + ?Sized> SequenceOf<T> for S {}

/// Checks that `items` names a sequence of `T`.
pub fn items_of<T, S: SequenceOf<T> + ?Sized>(_: &S) {}

/// One item of the sequence `items` names: the data of a Map's processor.
pub fn item<S: Sequence + ?Sized>(_: &S) -> S::Item {
    any()
}

macro_rules! marker {
    ($trait:ident, $check:ident, $message:literal, $label:literal, [$($ty:ty),*]) => {
        #[diagnostic::on_unimplemented(message = $message, label = $label)]
        pub trait $trait {}
        $(impl $trait for $ty {})*
        impl<T: $trait + ?Sized> $trait for &T {}
        impl<T: $trait> $trait for Option<T> {}
        impl<T: $trait + ?Sized> $trait for Box<T> {}

        pub fn $check<T: $trait + ?Sized>(_: &T) {}
    };
}

marker!(
    Text,
    text,
    "a field of type `{Self}` is compared with a string, but it is not one",
    "expected a string field",
    [String, str]
);
marker!(
    Numeric,
    numeric,
    "a field of type `{Self}` is compared with a number, but it is not one",
    "expected a number field",
    [
        u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64
    ]
);
marker!(
    Boolean,
    boolean,
    "a field of type `{Self}` is compared with a boolean, but it is not one",
    "expected a `bool` field",
    [bool]
);
marker!(
    Seconds,
    seconds,
    "a field of type `{Self}` is used as a number of seconds, but it is not an integer",
    "expected an integer field",
    [u8, u16, u32, u64, usize, i32, i64]
);

/// What a literal in a payload can fill.
#[diagnostic::on_unimplemented(
    message = "a string literal cannot fill a field of type `{Self}`",
    label = "expected `{Self}`"
)]
pub trait FromText {}
impl FromText for String {}
impl FromText for &str {}
impl<T: FromText> FromText for Option<T> {}

#[diagnostic::on_unimplemented(
    message = "a number literal cannot fill a field of type `{Self}`",
    label = "expected `{Self}`"
)]
pub trait FromNumber {}
macro_rules! from_number {
    ($($ty:ty),*) => { $(impl FromNumber for $ty {})* };
}
from_number!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64
);
impl<T: FromNumber> FromNumber for Option<T> {}

#[diagnostic::on_unimplemented(
    message = "a boolean literal cannot fill a field of type `{Self}`",
    label = "expected `{Self}`"
)]
pub trait FromBool {}
impl FromBool for bool {}
impl<T: FromBool> FromBool for Option<T> {}

#[diagnostic::on_unimplemented(
    message = "`null` cannot fill a field of type `{Self}`",
    label = "expected `{Self}`, which is not an `Option`"
)]
pub trait FromNull {}
impl<T> FromNull for Option<T> {}
impl FromNull for () {}

pub fn text_literal<T: FromText>() -> T {
    any()
}
pub fn number_literal<T: FromNumber>() -> T {
    any()
}
pub fn bool_literal<T: FromBool>() -> T {
    any()
}
pub fn null_literal<T: FromNull>() -> T {
    any()
}
