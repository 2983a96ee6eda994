//! Reading ASL JSON into the model, and writing it back.
