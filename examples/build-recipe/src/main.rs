//! The files `build.rs` wrote, as a deploy step would pick them up.

const ASL: &str = include_str!("../asl/Greeter.asl.json");

#[allow(clippy::print_stdout)] // The example's output is its purpose.
fn main() {
    println!("{ASL}");
}
