//! Writes the ASL and JSON Schemas of the `Greeter` workflow, declared in the
//! `stepfn-example-workflows` crate, to `asl/` next to this file. Cargo reruns this script when
//! the workflow crate changes (it is a build dependency) or when a written file is edited or
//! deleted; files are rewritten only when their contents differ.

use std::path::Path;

use stepfn_example_workflows::Greeter;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("asl");
    if let Err(error) = stepfn::build::write_workflow::<Greeter>(&dir) {
        panic!(
            "cannot write the ASL of Greeter to {}: {error}",
            dir.display()
        );
    }
}
