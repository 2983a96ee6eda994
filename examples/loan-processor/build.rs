//! Writes the ASL and JSON Schemas of both machines to `asl/` next to this file, with the
//! recipe of `stepfn::build`: a deploy step (the CDK app of the README) picks them up there.
//! Files are rewritten only when their contents differ.

use std::path::Path;

use loan_processor_workflows::{LoanProcessor, MockValuation};
use stepfn::build::write_workflow;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("asl");
    for written in [
        write_workflow::<LoanProcessor>(&dir),
        write_workflow::<MockValuation>(&dir),
    ] {
        if let Err(error) = written {
            panic!("cannot write the ASL to {}: {error}", dir.display());
        }
    }
}
