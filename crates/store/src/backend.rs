//! The repository code both backends share. They accept the same SQL text
//! (`sql.rs`), so the queries, batching and version bookkeeping are written
//! once here and instantiated per backend; only connection set-up differs
//! (`sqlite.rs`, `postgres.rs`).

/// Implements [`crate::repository::EntityRepository`] for `$store` and the
/// backend's import helpers (`find_version`, `write_batch`, `copy_members`,
/// `finish_version`…) in the invoking module. `$db` names both the sqlx
/// database type and the [`crate::import::Transaction`] variant.
macro_rules! backend_repository {
    ($store:ident, $db:ident, $conn:ident) => {
        impl EntityRepository for $store {
            async fn begin_import(&self, new: NewVersion) -> Result<Import, StoreError> {
                let mut tx = self.pool.begin().await?;
                let id = insert_version(&mut tx, &new).await?;
                Ok(Import::new(Transaction::$db(tx), id, new.source))
            }

            async fn versions(&self, source: Option<&str>) -> Result<Vec<VersionInfo>, StoreError> {
                let rows: Vec<VersionRow> = match source {
                    Some(source) => {
                        sqlx::query_as(&sql::versions_of_source())
                            .bind(source)
                            .fetch_all(&self.pool)
                            .await?
                    }
                    None => {
                        sqlx::query_as(&sql::versions_all())
                            .fetch_all(&self.pool)
                            .await?
                    }
                };
                rows.into_iter().map(VersionInfo::try_from).collect()
            }

            async fn find_version(&self, id: i64) -> Result<Option<VersionInfo>, StoreError> {
                find_version(&self.pool, id).await
            }

            async fn entities(
                &self,
                version_id: i64,
                after: Option<&str>,
                limit: u32,
            ) -> Result<Vec<Entity>, StoreError> {
                let query = match after {
                    Some(after) => sqlx::query(sql::ENTITIES_NEXT_PAGE)
                        .bind(version_id)
                        .bind(i64::from(limit))
                        .bind(after),
                    None => sqlx::query(sql::ENTITIES_FIRST_PAGE)
                        .bind(version_id)
                        .bind(i64::from(limit)),
                };
                let rows = query.fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|row| Ok(row.try_get::<Json<Entity>, _>("data")?.0))
                    .collect()
            }

            async fn entity(
                &self,
                version_id: i64,
                entity_id: &str,
            ) -> Result<Option<Entity>, StoreError> {
                let row = sqlx::query(sql::ENTITY)
                    .bind(version_id)
                    .bind(entity_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|row| Ok(row.try_get::<Json<Entity>, _>("data")?.0))
                    .transpose()
            }

            async fn entity_hashes(
                &self,
                version_id: i64,
            ) -> Result<HashMap<String, String>, StoreError> {
                let rows: Vec<(String, String)> = sqlx::query_as(sql::ENTITY_HASHES)
                    .bind(version_id)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.into_iter().collect())
            }

            async fn entities_by_hash(
                &self,
                hashes: &[String],
            ) -> Result<HashMap<String, Entity>, StoreError> {
                let mut found = HashMap::with_capacity(hashes.len());
                for chunk in hashes.chunks(sql::BATCH_ROWS) {
                    let mut query = QueryBuilder::<$db>::new(sql::BLOBS_BY_HASH);
                    let mut list = query.separated(", ");
                    for hash in chunk {
                        list.push_bind(hash);
                    }
                    query.push(")");
                    for row in query.build().fetch_all(&self.pool).await? {
                        let hash: String = row.try_get("hash")?;
                        let entity: Json<Entity> = row.try_get("data")?;
                        found.insert(hash, entity.0);
                    }
                }
                Ok(found)
            }

            async fn labels_by_hash(
                &self,
                hashes: &[String],
            ) -> Result<HashMap<String, (String, String)>, StoreError> {
                let mut found = HashMap::with_capacity(hashes.len());
                for chunk in hashes.chunks(sql::BATCH_ROWS) {
                    let mut query = QueryBuilder::<$db>::new(sql::LABELS_BY_HASH);
                    let mut list = query.separated(", ");
                    for hash in chunk {
                        list.push_bind(hash);
                    }
                    query.push(")");
                    let rows: Vec<(String, String, String)> =
                        query.build_query_as().fetch_all(&self.pool).await?;
                    found.extend(
                        rows.into_iter()
                            .map(|(hash, schema, caption)| (hash, (schema, caption))),
                    );
                }
                Ok(found)
            }

            async fn stats(&self) -> Result<StoreStats, StoreError> {
                let (versions, blobs, memberships): (i64, i64, i64) =
                    sqlx::query_as(sql::STATS).fetch_one(&self.pool).await?;
                Ok(StoreStats {
                    versions: versions.unsigned_abs(),
                    blobs: blobs.unsigned_abs(),
                    memberships: memberships.unsigned_abs(),
                })
            }

            async fn fetch_state(&self, url: &str) -> Result<Option<FetchState>, StoreError> {
                let row: Option<FetchRow> = sqlx::query_as(sql::FETCH_STATE)
                    .bind(url)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(FetchState::try_from).transpose()
            }

            async fn set_fetch_state(
                &self,
                url: &str,
                etag: Option<&str>,
                last_modified: Option<&str>,
                sha256: &str,
            ) -> Result<FetchState, StoreError> {
                let row: FetchRow = sqlx::query_as(sql::UPSERT_FETCH_STATE)
                    .bind(url)
                    .bind(etag)
                    .bind(last_modified)
                    .bind(sha256)
                    .bind(timestamp(chrono::Utc::now()))
                    .fetch_one(&self.pool)
                    .await?;
                FetchState::try_from(row)
            }
        }

        pub(crate) async fn find_version<'e, E>(
            executor: E,
            id: i64,
        ) -> Result<Option<VersionInfo>, StoreError>
        where
            E: Executor<'e, Database = $db>,
        {
            let row: Option<VersionRow> = sqlx::query_as(&sql::version_by_id())
                .bind(id)
                .fetch_optional(executor)
                .await?;
            row.map(VersionInfo::try_from).transpose()
        }

        async fn insert_version(conn: &mut $conn, new: &NewVersion) -> Result<i64, StoreError> {
            let id: i64 = sqlx::query_scalar(sql::INSERT_VERSION)
                .bind(&new.source)
                .bind(&new.format)
                .bind(&new.published)
                .bind(&new.sha256)
                .bind(Json(&new.files))
                .bind(timestamp(chrono::Utc::now()))
                .fetch_one(&mut *conn)
                .await?;
            Ok(id)
        }

        /// Applies removals, then writes new blobs and this version's rows.
        pub(crate) async fn write_batch(
            conn: &mut $conn,
            version_id: i64,
            removals: &[String],
            blobs: &[Blob],
        ) -> Result<(), StoreError> {
            if !removals.is_empty() {
                let mut query = QueryBuilder::<$db>::new(sql::DELETE_MEMBERS);
                query.push_bind(version_id).push(" AND entity_id IN (");
                let mut list = query.separated(", ");
                for id in removals {
                    list.push_bind(id);
                }
                query.push(")");
                query.build().execute(&mut *conn).await?;
            }
            if blobs.is_empty() {
                return Ok(());
            }
            let known = existing_hashes(conn, blobs).await?;
            let new_blobs: Vec<&Blob> = blobs.iter().filter(|b| !known.contains(&b.hash)).collect();
            if !new_blobs.is_empty() {
                let mut query = QueryBuilder::<$db>::new(sql::INSERT_BLOBS);
                query.push_values(new_blobs, |mut row, blob| {
                    row.push_bind(&blob.hash)
                        .push_bind(blob.schema)
                        .push_bind(&blob.caption)
                        .push_bind(Json(&blob.entity));
                });
                query.push(sql::INSERT_BLOBS_END);
                query.build().execute(&mut *conn).await?;
            }
            let mut query = QueryBuilder::<$db>::new(sql::INSERT_MEMBERS);
            query.push_values(blobs, |mut row, blob| {
                row.push_bind(version_id)
                    .push_bind(blob.id())
                    .push_bind(&blob.hash);
            });
            query.push(sql::INSERT_MEMBERS_END);
            query.build().execute(&mut *conn).await?;
            Ok(())
        }

        /// Which of these blobs are stored already: skipping them saves encoding
        /// and sending the JSON of every unchanged entity on re-imports.
        async fn existing_hashes(
            conn: &mut $conn,
            blobs: &[Blob],
        ) -> Result<HashSet<String>, StoreError> {
            let mut query = QueryBuilder::<$db>::new(sql::BLOBS_KNOWN);
            let mut list = query.separated(", ");
            for blob in blobs {
                list.push_bind(&blob.hash);
            }
            query.push(")");
            let hashes: Vec<String> = query.build_query_scalar().fetch_all(&mut *conn).await?;
            Ok(hashes.into_iter().collect())
        }

        pub(crate) async fn copy_members(
            conn: &mut $conn,
            version_id: i64,
            from: i64,
        ) -> Result<(), StoreError> {
            sqlx::query(sql::COPY_MEMBERS)
                .bind(version_id)
                .bind(from)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// Records counts and warnings and returns the version as committed.
        pub(crate) async fn finish_version(
            conn: &mut $conn,
            version_id: i64,
            warnings: &[String],
            delta_of: Option<i64>,
            published: Option<&str>,
        ) -> Result<VersionInfo, StoreError> {
            let counts: Vec<(String, i64)> = sqlx::query_as(sql::COUNT_BY_SCHEMA)
                .bind(version_id)
                .fetch_all(&mut *conn)
                .await?;
            let counts: BTreeMap<String, u64> = counts
                .into_iter()
                .map(|(schema, n)| (schema, n.unsigned_abs()))
                .collect();
            let total: u64 = counts.values().sum();
            sqlx::query(sql::FINISH_VERSION)
                .bind(version_id)
                .bind(i64::try_from(total).unwrap_or(i64::MAX))
                .bind(Json(&counts))
                .bind(Json(warnings))
                .bind(delta_of)
                .bind(published)
                .execute(&mut *conn)
                .await?;
            find_version(&mut *conn, version_id)
                .await?
                .ok_or(StoreError::NoVersion(version_id))
        }
    };
}

pub(crate) use backend_repository;
