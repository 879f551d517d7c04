//! The store's behaviour, run once on SQLite and once on PostgreSQL.

mod cases;
mod harness;

/// Generates one test per case and backend, so both run the same suite.
macro_rules! on_both_backends {
    ($($(#[$attr:meta])* $case:ident),* $(,)?) => {
        mod sqlite {
            $(
                $(#[$attr])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::harness::on_sqlite(super::cases::$case).await;
                }
            )*
        }
        mod postgres {
            $(
                $(#[$attr])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::harness::on_postgres(super::cases::$case).await;
                }
            )*
        }
    };
}

on_both_backends!(
    import_commit_and_counts,
    rollback_on_drop,
    duplicate_entity_in_one_import,
    versions_newest_first,
    entities_paging,
    content_dedup,
    diff_added_removed_changed,
    delta_import,
    diff_across_sources_rejected,
    fetch_state_upsert,
    readers_while_importing,
    #[ignore = "throughput measurement: cargo test -p meldpunt-store -- --ignored --nocapture"]
    throughput,
);
