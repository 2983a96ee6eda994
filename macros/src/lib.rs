//! Procedural macros of stepfn. The workflow macro lands with issue #3; this crate holds
//! its place in the workspace so that the dependency graph is fixed from the start.
