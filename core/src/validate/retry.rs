//! Error names, Retriers and Catchers: `States.ALL` alone and last, reserved names, backoff
//! and the ranges of retry numbers.

use crate::model::{ErrorName, FailState, Retrier, State, TextSource};

use super::Code;
use super::numbers::{MAX_SECONDS, out_of_range};
use super::site::{Sink, Site};

/// The largest `MaxDelaySeconds` AWS accepts (a year and a day, plus one second).
const MAX_DELAY_SECONDS: u64 = 31_622_401;

pub(super) fn check(sink: &mut Sink, site: &Site<'_>) {
    let retriers = site.state.retry();
    for (index, retrier) in retriers.iter().enumerate() {
        let entry = Entry {
            site,
            field: "Retry",
            noun: "retrier",
            index,
        };
        entry.check_error_equals(sink, &retrier.error_equals, index + 1 == retriers.len());
        entry.check_numbers(sink, retrier);
    }

    let catchers = site.state.catch();
    for (index, catcher) in catchers.iter().enumerate() {
        let entry = Entry {
            site,
            field: "Catch",
            noun: "catcher",
            index,
        };
        entry.check_error_equals(sink, &catcher.error_equals, index + 1 == catchers.len());
    }

    if let State::Fail(fail) = site.state {
        check_fail_error(sink, site, fail);
    }
}

/// One Retrier or Catcher; its pointer and description are built only for findings.
struct Entry<'a> {
    site: &'a Site<'a>,
    field: &'static str,
    noun: &'static str,
    index: usize,
}

impl Entry<'_> {
    fn at(&self, tail: &str) -> String {
        self.site
            .at(&format!("/{}/{}{tail}", self.field, self.index))
    }

    fn what(&self) -> String {
        format!("{} {} of state `{}`", self.noun, self.index, self.site.name)
    }

    fn check_error_equals(&self, sink: &mut Sink, names: &[ErrorName], last: bool) {
        let has_all = names.iter().any(ErrorName::is_all);
        if has_all && names.len() > 1 {
            sink.error(
                Code::StatesAllNotAlone,
                self.at("/ErrorEquals"),
                format!(
                    "{} lists `States.ALL` with other error names; `States.ALL` must stand alone",
                    self.what()
                ),
            );
        }
        if has_all && !last {
            sink.error(
                Code::StatesAllNotLast,
                self.at(""),
                format!(
                    "{} matches `States.ALL` but is not the last {}; move it to the end",
                    self.what(),
                    self.noun
                ),
            );
        }
        for (index, name) in names.iter().enumerate() {
            if name.is_reserved_misuse() {
                sink.error(
                    Code::ReservedErrorName,
                    self.at(&format!("/ErrorEquals/{index}")),
                    format!(
                        "{} names `{name}`, which is not a predefined error; the `States.` prefix is reserved",
                        self.what()
                    ),
                );
            }
        }
    }

    fn check_numbers(&self, sink: &mut Sink, retrier: &Retrier) {
        let ranges = [
            ("IntervalSeconds", retrier.interval_seconds, 1, MAX_SECONDS),
            ("MaxAttempts", retrier.max_attempts, 0, MAX_SECONDS),
            (
                "MaxDelaySeconds",
                retrier.max_delay_seconds,
                1,
                MAX_DELAY_SECONDS,
            ),
        ];
        for (field, value, min, max) in ranges {
            if let Some(value) = value
                && !(min..=max).contains(&value)
            {
                sink.error(
                    Code::OutOfRange,
                    self.at(&format!("/{field}")),
                    out_of_range(&self.what(), field, value, min, max),
                );
            }
        }
        if let Some(rate) = retrier.backoff_rate
            && rate < 1.0
        {
            sink.error(
                Code::BackoffRateBelowOne,
                self.at("/BackoffRate"),
                format!(
                    "{} has `BackoffRate` {rate}, which is below 1.0",
                    self.what()
                ),
            );
        }
    }
}

fn check_fail_error(sink: &mut Sink, site: &Site<'_>, fail: &FailState) {
    let Some(TextSource::Value(error)) = &fail.error else {
        return;
    };
    if ErrorName::from(error.as_str()).is_reserved_misuse() {
        sink.error(
            Code::ReservedErrorName,
            site.at("/Error"),
            format!(
                "state `{}` fails with `{error}`, which is not a predefined error; the `States.` prefix is reserved",
                site.name
            ),
        );
    }
}
