//! Sanctions screening. This crate currently holds the name normalisation
//! layer ([`normalize`]) that candidate retrieval and scoring build on.

mod error;
pub mod normalize;

pub use error::ScreeningError;
pub use normalize::{
    normalize_name, normalize_name_parts, skeleton, transliterate, LegalFormClass, NameClass,
    NormalizeError, NormalizedName, PartRole, Token, MAX_NAME_CHARS, NORMALIZER_VERSION,
};
