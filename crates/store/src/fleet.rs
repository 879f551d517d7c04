//! Shadow-fleet data in the store: AIS positions, vessel identities from
//! static reports, and a log of ingested files (migration `0002_fleet`).
//!
//! The types here are plain rows, so the store does not depend on the fleet
//! crate; the CLI converts between them and `meldpunt_fleet` types.
//!
//! - `fleet_positions`: one fix per `(mmsi, time, lat, lon)`; inserting a
//!   fix that is already stored does nothing, so re-ingesting a file adds
//!   no rows.
//! - `vessel_identities`: distinct `(mmsi, imo, name, call_sign, flag,
//!   ship_type, source)` with the span they were seen over; an upsert
//!   widens the span.
//! - `fleet_ingests`: file, SHA-256, format and counts of every ingest.
//!
//! A file is ingested in one transaction ([`Store::begin_fleet_ingest`],
//! [`FleetIngest::commit`]); dropping a [`FleetIngest`] rolls it back.

use serde::{Deserialize, Serialize};
use sqlx::{Postgres, Sqlite};
use std::fmt;

use crate::sql::BATCH_ROWS;
use crate::version::timestamp;
use crate::{Store, StoreError};

/// Rows per page when [`Store::positions`] reads a large set.
pub const POSITION_PAGE: u32 = 50_000;

/// One AIS fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositionRow {
    pub mmsi: i64,
    /// Unix seconds.
    pub time: i64,
    pub lat: f64,
    pub lon: f64,
    /// Speed over ground, knots.
    pub sog: Option<f64>,
    /// Course over ground, degrees.
    pub cog: Option<f64>,
    pub heading: Option<i64>,
    /// Where the fix came from, e.g. `ais:1`, `marinecadastre`.
    pub source: String,
}

/// A vessel identity as declared in static data (AIS types 5, 19, 24 or a
/// MarineCadastre row) over the span it was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityRow {
    pub mmsi: i64,
    pub imo: Option<i64>,
    /// Empty when not sent.
    pub name: String,
    pub call_sign: String,
    /// ISO 3166 alpha-2 (lower case), e.g. from the MMSI's MID; empty when unknown.
    pub flag: String,
    /// AIS ship type code.
    pub ship_type: Option<i64>,
    /// Which record declared it, e.g. `ais:5`, `ais:24`, `marinecadastre`.
    pub source: String,
    /// Unix seconds; `None` when the stream carried no receiver times.
    pub first_seen: Option<i64>,
    pub last_seen: Option<i64>,
}

/// An ingest about to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIngest {
    pub file: String,
    pub sha256: String,
    /// `nmea` or `marinecadastre`.
    pub format: String,
}

/// What the reader counted in one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestCounts {
    pub messages: u64,
    pub positions: u64,
    pub errors: u64,
}

/// One ingested file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestRow {
    pub id: i64,
    pub file: String,
    pub sha256: String,
    pub format: String,
    pub messages: u64,
    /// Positions in the file.
    pub positions: u64,
    /// Of those, the ones not stored before.
    pub new_positions: u64,
    /// Identity rows written (inserted or widened).
    pub identities: u64,
    pub errors: u64,
    /// RFC 3339 UTC.
    pub ingested_at: String,
}

/// Which vessel [`Store::vessel_identities`] looks up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VesselKey {
    /// Rows declaring this IMO, plus the IMO-less rows (type 24, 19) of
    /// the MMSIs that declared it.
    Imo(i64),
    Mmsi(i64),
}

/// Which positions [`Store::positions`] returns; bounds are inclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PositionFilter {
    pub mmsi: Option<i64>,
    /// Unix seconds.
    pub since: Option<i64>,
    pub until: Option<i64>,
}

const INSERT_POSITIONS: &str = "INSERT INTO fleet_positions \
     (mmsi, time, lat, lon, sog, cog, heading, source, ingest_id) ";
const INSERT_POSITIONS_END: &str = " ON CONFLICT (mmsi, time, lat, lon) DO NOTHING";

const SELECT_POSITIONS: &str =
    "SELECT mmsi, time, lat, lon, sog, cog, heading, source FROM fleet_positions WHERE 1 = 1";

/// Same text on both backends: `MIN`/`LEAST` differ, and NULL (not seen
/// with a time) must not win.
const UPSERT_IDENTITY: &str = "INSERT INTO vessel_identities \
     (mmsi, imo, name, call_sign, flag, ship_type, source, first_seen, last_seen) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
     ON CONFLICT (mmsi, imo, name, call_sign, flag, ship_type, source) DO UPDATE SET \
     first_seen = CASE WHEN excluded.first_seen IS NULL THEN vessel_identities.first_seen \
       WHEN vessel_identities.first_seen IS NULL \
         OR excluded.first_seen < vessel_identities.first_seen THEN excluded.first_seen \
       ELSE vessel_identities.first_seen END, \
     last_seen = CASE WHEN excluded.last_seen IS NULL THEN vessel_identities.last_seen \
       WHEN vessel_identities.last_seen IS NULL \
         OR excluded.last_seen > vessel_identities.last_seen THEN excluded.last_seen \
       ELSE vessel_identities.last_seen END";

const SELECT_IDENTITIES: &str = "SELECT mmsi, imo, name, call_sign, flag, ship_type, source, \
     first_seen, last_seen FROM vessel_identities";
const IDENTITY_ORDER: &str = " ORDER BY first_seen, mmsi, imo, name, call_sign, source, id";

fn identities_by_imo() -> String {
    format!(
        "{SELECT_IDENTITIES} WHERE imo = $1 OR (imo = 0 AND mmsi IN \
         (SELECT mmsi FROM vessel_identities WHERE imo = $1)){IDENTITY_ORDER}"
    )
}

fn identities_by_mmsi() -> String {
    format!("{SELECT_IDENTITIES} WHERE mmsi = $1{IDENTITY_ORDER}")
}

fn identities_all() -> String {
    format!("{SELECT_IDENTITIES}{IDENTITY_ORDER}")
}

const INSERT_INGEST: &str = "INSERT INTO fleet_ingests (file, sha256, format, ingested_at) \
     VALUES ($1, $2, $3, $4) RETURNING id";
const FINISH_INGEST: &str = "UPDATE fleet_ingests SET messages = $2, positions = $3, \
     new_positions = $4, identities = $5, errors = $6 WHERE id = $1";
const SELECT_INGESTS: &str = "SELECT id, file, sha256, format, messages, positions, \
     new_positions, identities, errors, ingested_at FROM fleet_ingests";

type PositionTuple = (
    i64,
    i64,
    f64,
    f64,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    String,
);

fn position_row(t: PositionTuple) -> PositionRow {
    PositionRow {
        mmsi: t.0,
        time: t.1,
        lat: t.2,
        lon: t.3,
        sog: t.4,
        cog: t.5,
        heading: t.6,
        source: t.7,
    }
}

type IdentityTuple = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
    Option<i64>,
);

fn identity_row(t: IdentityTuple) -> IdentityRow {
    IdentityRow {
        mmsi: t.0,
        imo: (t.1 != 0).then_some(t.1),
        name: t.2,
        call_sign: t.3,
        flag: t.4,
        ship_type: (t.5 != 0).then_some(t.5),
        source: t.6,
        first_seen: t.7,
        last_seen: t.8,
    }
}

type IngestTuple = (i64, String, String, String, i64, i64, i64, i64, i64, String);

fn ingest_row(t: IngestTuple) -> IngestRow {
    IngestRow {
        id: t.0,
        file: t.1,
        sha256: t.2,
        format: t.3,
        messages: t.4.unsigned_abs(),
        positions: t.5.unsigned_abs(),
        new_positions: t.6.unsigned_abs(),
        identities: t.7.unsigned_abs(),
        errors: t.8.unsigned_abs(),
        ingested_at: t.9,
    }
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The queries, once per backend: both accept the same SQL text, only the
/// sqlx database type differs.
macro_rules! fleet_backend {
    ($module:ident, $db:ty, $pool:ty, $conn:ty) => {
        mod $module {
            use super::*;
            use sqlx::QueryBuilder;

            pub(super) async fn insert_positions(
                conn: &mut $conn,
                rows: &[PositionRow],
                ingest_id: Option<i64>,
            ) -> Result<u64, StoreError> {
                let mut inserted = 0;
                for chunk in rows.chunks(BATCH_ROWS) {
                    let mut query = QueryBuilder::<$db>::new(INSERT_POSITIONS);
                    query.push_values(chunk, |mut row, p| {
                        row.push_bind(p.mmsi)
                            .push_bind(p.time)
                            .push_bind(p.lat)
                            .push_bind(p.lon)
                            .push_bind(p.sog)
                            .push_bind(p.cog)
                            .push_bind(p.heading)
                            .push_bind(p.source.clone())
                            .push_bind(ingest_id);
                    });
                    query.push(INSERT_POSITIONS_END);
                    inserted += query.build().execute(&mut *conn).await?.rows_affected();
                }
                Ok(inserted)
            }

            pub(super) async fn upsert_identity(
                conn: &mut $conn,
                row: &IdentityRow,
            ) -> Result<(), StoreError> {
                sqlx::query(UPSERT_IDENTITY)
                    .bind(row.mmsi)
                    .bind(row.imo.unwrap_or(0))
                    .bind(&row.name)
                    .bind(&row.call_sign)
                    .bind(&row.flag)
                    .bind(row.ship_type.unwrap_or(0))
                    .bind(&row.source)
                    .bind(row.first_seen)
                    .bind(row.last_seen)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            }

            pub(super) async fn positions_page(
                pool: &$pool,
                filter: PositionFilter,
                after: Option<&PositionRow>,
                limit: u32,
            ) -> Result<Vec<PositionRow>, StoreError> {
                let mut query = QueryBuilder::<$db>::new(SELECT_POSITIONS);
                if let Some(mmsi) = filter.mmsi {
                    query.push(" AND mmsi = ").push_bind(mmsi);
                }
                if let Some(since) = filter.since {
                    query.push(" AND time >= ").push_bind(since);
                }
                if let Some(until) = filter.until {
                    query.push(" AND time <= ").push_bind(until);
                }
                if let Some(after) = after {
                    query
                        .push(" AND (mmsi, time, lat, lon) > (")
                        .push_bind(after.mmsi)
                        .push(", ")
                        .push_bind(after.time)
                        .push(", ")
                        .push_bind(after.lat)
                        .push(", ")
                        .push_bind(after.lon)
                        .push(")");
                }
                query
                    .push(" ORDER BY mmsi, time, lat, lon LIMIT ")
                    .push_bind(i64::from(limit));
                let rows: Vec<PositionTuple> = query.build_query_as().fetch_all(pool).await?;
                Ok(rows.into_iter().map(position_row).collect())
            }

            pub(super) async fn identities(
                pool: &$pool,
                key: Option<VesselKey>,
            ) -> Result<Vec<IdentityRow>, StoreError> {
                let rows: Vec<IdentityTuple> = match key {
                    Some(VesselKey::Imo(imo)) => {
                        sqlx::query_as(&identities_by_imo())
                            .bind(imo)
                            .fetch_all(pool)
                            .await?
                    }
                    Some(VesselKey::Mmsi(mmsi)) => {
                        sqlx::query_as(&identities_by_mmsi())
                            .bind(mmsi)
                            .fetch_all(pool)
                            .await?
                    }
                    None => sqlx::query_as(&identities_all()).fetch_all(pool).await?,
                };
                Ok(rows.into_iter().map(identity_row).collect())
            }

            pub(super) async fn begin_ingest(
                pool: &$pool,
                new: &NewIngest,
            ) -> Result<(sqlx::Transaction<'static, $db>, i64), StoreError> {
                let mut tx = pool.begin().await?;
                let id: i64 = sqlx::query_scalar(INSERT_INGEST)
                    .bind(&new.file)
                    .bind(&new.sha256)
                    .bind(&new.format)
                    .bind(timestamp(chrono::Utc::now()))
                    .fetch_one(&mut *tx)
                    .await?;
                Ok((tx, id))
            }

            pub(super) async fn finish_ingest(
                mut tx: sqlx::Transaction<'static, $db>,
                id: i64,
                counts: IngestCounts,
                new_positions: u64,
                identities: u64,
            ) -> Result<IngestRow, StoreError> {
                sqlx::query(FINISH_INGEST)
                    .bind(id)
                    .bind(count(counts.messages))
                    .bind(count(counts.positions))
                    .bind(count(new_positions))
                    .bind(count(identities))
                    .bind(count(counts.errors))
                    .execute(&mut *tx)
                    .await?;
                let row: IngestTuple = sqlx::query_as(&format!("{SELECT_INGESTS} WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(ingest_row(row))
            }

            pub(super) async fn ingests(pool: &$pool) -> Result<Vec<IngestRow>, StoreError> {
                let rows: Vec<IngestTuple> =
                    sqlx::query_as(&format!("{SELECT_INGESTS} ORDER BY id"))
                        .fetch_all(pool)
                        .await?;
                Ok(rows.into_iter().map(ingest_row).collect())
            }
        }
    };
}

fleet_backend!(on_sqlite, Sqlite, sqlx::SqlitePool, sqlx::SqliteConnection);
fleet_backend!(on_postgres, Postgres, sqlx::PgPool, sqlx::PgConnection);

enum IngestTx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// One AIS file being ingested, in one transaction: nothing is visible to
/// readers until [`FleetIngest::commit`]; dropping it rolls back.
pub struct FleetIngest {
    tx: IngestTx,
    id: i64,
    new_positions: u64,
    identities: u64,
}

impl fmt::Debug for FleetIngest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FleetIngest")
            .field("id", &self.id)
            .field("new_positions", &self.new_positions)
            .field("identities", &self.identities)
            .finish_non_exhaustive()
    }
}

impl FleetIngest {
    /// The id of the `fleet_ingests` row.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Stores positions in multi-row statements; returns how many were new.
    pub async fn add_positions(&mut self, rows: &[PositionRow]) -> Result<u64, StoreError> {
        let id = Some(self.id);
        let added = match &mut self.tx {
            IngestTx::Sqlite(tx) => on_sqlite::insert_positions(tx, rows, id).await?,
            IngestTx::Postgres(tx) => on_postgres::insert_positions(tx, rows, id).await?,
        };
        self.new_positions += added;
        Ok(added)
    }

    /// Inserts an identity or widens its seen span.
    pub async fn upsert_identity(&mut self, row: &IdentityRow) -> Result<(), StoreError> {
        match &mut self.tx {
            IngestTx::Sqlite(tx) => on_sqlite::upsert_identity(tx, row).await?,
            IngestTx::Postgres(tx) => on_postgres::upsert_identity(tx, row).await?,
        }
        self.identities += 1;
        Ok(())
    }

    /// Records the counts and commits.
    pub async fn commit(self, counts: IngestCounts) -> Result<IngestRow, StoreError> {
        let (id, new, identities) = (self.id, self.new_positions, self.identities);
        match self.tx {
            IngestTx::Sqlite(tx) => on_sqlite::finish_ingest(tx, id, counts, new, identities).await,
            IngestTx::Postgres(tx) => {
                on_postgres::finish_ingest(tx, id, counts, new, identities).await
            }
        }
    }
}

impl Store {
    /// Opens the transaction of one file's ingest and logs it.
    pub async fn begin_fleet_ingest(&self, new: NewIngest) -> Result<FleetIngest, StoreError> {
        let (tx, id) = match self {
            Store::Sqlite(s) => {
                let (tx, id) = on_sqlite::begin_ingest(s.pool(), &new).await?;
                (IngestTx::Sqlite(tx), id)
            }
            Store::Postgres(s) => {
                let (tx, id) = on_postgres::begin_ingest(s.pool(), &new).await?;
                (IngestTx::Postgres(tx), id)
            }
        };
        Ok(FleetIngest {
            tx,
            id,
            new_positions: 0,
            identities: 0,
        })
    }

    /// Stores positions in batches inside one transaction; fixes already
    /// stored are skipped. Returns how many were new.
    pub async fn insert_positions(&self, rows: &[PositionRow]) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let mut tx = s.pool().begin().await?;
                let n = on_sqlite::insert_positions(&mut tx, rows, None).await?;
                tx.commit().await?;
                Ok(n)
            }
            Store::Postgres(s) => {
                let mut tx = s.pool().begin().await?;
                let n = on_postgres::insert_positions(&mut tx, rows, None).await?;
                tx.commit().await?;
                Ok(n)
            }
        }
    }

    /// Up to `limit` positions matching `filter` after `after`, ordered by
    /// (mmsi, time, lat, lon): keyset paging for large sets.
    pub async fn positions_page(
        &self,
        filter: PositionFilter,
        after: Option<&PositionRow>,
        limit: u32,
    ) -> Result<Vec<PositionRow>, StoreError> {
        match self {
            Store::Sqlite(s) => on_sqlite::positions_page(s.pool(), filter, after, limit).await,
            Store::Postgres(s) => on_postgres::positions_page(s.pool(), filter, after, limit).await,
        }
    }

    /// Every position of one vessel (or all) between `since` and `until`
    /// (Unix seconds, inclusive), ordered by mmsi and time; read in pages
    /// of [`POSITION_PAGE`].
    pub async fn positions(
        &self,
        mmsi: Option<i64>,
        since: Option<i64>,
        until: Option<i64>,
    ) -> Result<Vec<PositionRow>, StoreError> {
        let filter = PositionFilter { mmsi, since, until };
        let mut all: Vec<PositionRow> = Vec::new();
        loop {
            let page = self
                .positions_page(filter, all.last(), POSITION_PAGE)
                .await?;
            let done = page.len() < POSITION_PAGE as usize;
            all.extend(page);
            if done {
                return Ok(all);
            }
        }
    }

    /// Inserts an identity or widens its seen span, in its own transaction.
    pub async fn upsert_vessel_identity(&self, row: &IdentityRow) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => {
                let mut conn = s.pool().acquire().await?;
                on_sqlite::upsert_identity(&mut conn, row).await
            }
            Store::Postgres(s) => {
                let mut conn = s.pool().acquire().await?;
                on_postgres::upsert_identity(&mut conn, row).await
            }
        }
    }

    /// The identities of one vessel, earliest first.
    pub async fn vessel_identities(&self, key: VesselKey) -> Result<Vec<IdentityRow>, StoreError> {
        match self {
            Store::Sqlite(s) => on_sqlite::identities(s.pool(), Some(key)).await,
            Store::Postgres(s) => on_postgres::identities(s.pool(), Some(key)).await,
        }
    }

    /// Every stored identity, earliest first.
    pub async fn all_vessel_identities(&self) -> Result<Vec<IdentityRow>, StoreError> {
        match self {
            Store::Sqlite(s) => on_sqlite::identities(s.pool(), None).await,
            Store::Postgres(s) => on_postgres::identities(s.pool(), None).await,
        }
    }

    /// Every ingest, oldest first.
    pub async fn ingests(&self) -> Result<Vec<IngestRow>, StoreError> {
        match self {
            Store::Sqlite(s) => on_sqlite::ingests(s.pool()).await,
            Store::Postgres(s) => on_postgres::ingests(s.pool()).await,
        }
    }
}
