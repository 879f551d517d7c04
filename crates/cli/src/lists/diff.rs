//! `lists diff`: entities added, removed and changed between two versions of
//! a source, with changes field by field. Compliance teams re-screen exactly
//! this set.

use anyhow::{bail, Context};

use meldpunt_store::{ListDiff, Store};

use super::{DiffArgs, OutputFormat};

pub async fn run(store: &Store, args: DiffArgs) -> anyhow::Result<()> {
    let (from, to) = resolve_versions(store, &args).await?;
    let diff = store.diff_versions(from, to).await?;
    match args.format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&diff)?),
        OutputFormat::Text => print_text(&diff),
    }
    Ok(())
}

async fn resolve_versions(store: &Store, args: &DiffArgs) -> anyhow::Result<(i64, i64)> {
    let versions = store.versions(Some(&args.source)).await?;
    if versions.is_empty() {
        bail!("no versions of source '{}'", args.source);
    }
    // Newest first.
    let to = match args.to {
        Some(id) => id,
        None => versions[0].id,
    };
    let from = match args.from {
        Some(id) => id,
        None => versions
            .iter()
            .find(|v| v.id < to)
            .map(|v| v.id)
            .with_context(|| {
                format!(
                    "source '{}' has no version before {to} to compare with",
                    args.source
                )
            })?,
    };
    Ok((from, to))
}

/// Prints the diff between the two latest versions of `source`.
pub async fn diff_and_print(store: &Store, source: &str) -> anyhow::Result<()> {
    let args = DiffArgs {
        source: source.to_string(),
        from: None,
        to: None,
        format: OutputFormat::Text,
    };
    let (from, to) = resolve_versions(store, &args).await?;
    print_text(&store.diff_versions(from, to).await?);
    Ok(())
}

fn print_text(diff: &ListDiff) {
    println!(
        "{}: version {} (published {}) -> version {} (published {})",
        diff.to.source,
        diff.from.id,
        diff.from.published.as_deref().unwrap_or("unknown"),
        diff.to.id,
        diff.to.published.as_deref().unwrap_or("unknown"),
    );
    println!(
        "added {}, removed {}, changed {}",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len()
    );
    for entity in &diff.added {
        println!("+ {} [{}] {}", entity.id, entity.schema, entity.caption);
    }
    for entity in &diff.removed {
        println!("- {} [{}] {}", entity.id, entity.schema, entity.caption);
    }
    for change in &diff.changed {
        println!("~ {} [{}] {}", change.id, change.schema, change.caption);
        for field in &change.fields {
            let added = field.added.iter().map(|v| format!("+{v:?}"));
            let removed = field.removed.iter().map(|v| format!("-{v:?}"));
            println!(
                "    {}: {}",
                field.field,
                added.chain(removed).collect::<Vec<_>>().join(" ")
            );
        }
    }
}
