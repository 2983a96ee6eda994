//! An execution history as the AWS console's "Events" table shows it: ID, Type, Step,
//! Elapsed Time (ms), Timestamp.

use std::fmt::Write as _;

use stepfn_local::HistoryEvent;
use stepfn_local::history::EventDetails;

/// The history as the console's table, one event per line.
pub fn history_table(events: &[HistoryEvent]) -> String {
    let start = events.first().map_or(0, |e| e.timestamp.millis());
    let mut step = String::new();
    let rows: Vec<[String; 5]> = events
        .iter()
        .map(|event| {
            if let EventDetails::StateEntered(_, entered) = &event.details {
                step = entered.name.clone();
            }
            let shown = if event.event_type().starts_with("Execution") {
                String::new()
            } else {
                step.clone()
            };
            [
                event.id.to_string(),
                event.event_type(),
                shown,
                (event.timestamp.millis() - start).to_string(),
                event.timestamp.to_iso(),
            ]
        })
        .collect();

    let header = ["ID", "Type", "Step", "Elapsed Time (ms)", "Timestamp"].map(str::to_owned);
    let mut widths = header.clone().map(|h| h.len());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, width))| match i {
                0 | 3 => format!("{cell:>width$}"),
                _ => format!("{cell:<width$}"),
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}
