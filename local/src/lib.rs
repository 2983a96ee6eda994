//! The local engine: runs Amazon States Language state machines in-process on a virtual
//! clock, with AWS's semantics and execution histories in AWS's shape.
#![warn(missing_docs)]
