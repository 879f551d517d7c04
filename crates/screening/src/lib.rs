//! Sanctions screening: name normalisation ([`normalize`]), entities
//! prepared for matching ([`prepare`]), pairwise scoring with
//! explanations ([`score`], [`explain`]), candidate retrieval
//! ([`index`]), the screening engine ([`engine`]) and the benchmark
//! evaluation ([`eval`]).

pub mod engine;
mod error;
pub mod eval;
pub mod explain;
pub mod index;
pub mod normalize;
pub mod prepare;
pub mod query_file;
pub mod score;

pub use engine::{Hit, ListEntry, ScreenOptions, Screener};
pub use error::ScreeningError;
pub use explain::Feature;
pub use normalize::{
    normalize_name, normalize_name_parts, skeleton, transliterate, LegalFormClass, NameClass,
    NormalizeError, NormalizedName, PartRole, Token, MAX_NAME_CHARS, NORMALIZER_VERSION,
};
pub use prepare::{PreparedEntity, PreparedName};
pub use score::{
    algorithm_version, score, MatchScore, ScoringConfig, ALGORITHM_VERSION, DEFAULT_THRESHOLD,
};
