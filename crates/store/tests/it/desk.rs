//! The reporting point's tables (organisations, users, keys, sessions,
//! reports, drafts, audit log), run once on SQLite and once on PostgreSQL.

#[path = "store/harness.rs"]
mod harness;

pub mod audit;
pub mod drafts;
pub mod durability;
pub mod fixtures;
pub mod people;
pub mod reports;

macro_rules! on_both_backends {
    ($($module:ident::$case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::harness::on_sqlite(super::$module::$case).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::harness::on_postgres(super::$module::$case).await;
                }
            )*
        }
    };
}

on_both_backends!(
    people::orgs_and_users,
    people::api_keys,
    people::sessions_expire,
    reports::insert_and_read_back,
    reports::idempotency_per_org,
    reports::concurrent_same_key_inserts_once,
    reports::concurrent_inserts_keep_the_chain,
    reports::filters_counts_and_paging,
    reports::deadlines_overdue_and_met,
    drafts::upsert_conflict_delete,
    audit::chain_verifies_and_lists,
    audit::log_rejects_update_and_delete,
    audit::changed_entry_detected,
    audit::deleted_entry_detected,
    audit::truncated_tail_detected,
    audit::verify_while_appending,
);

/// Not per backend: a SQLite file must keep what a killed process was told
/// was committed. Re-runs this test binary as the writer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_commits_survive_sigkill() {
    durability::sqlite_commits_survive_sigkill("desk::sqlite_commits_survive_sigkill").await;
}
