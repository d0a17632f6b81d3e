//! Foreign keys, indexes and table drops, named the same way everywhere:
//! `fk_<table>_<column>`, `idx_<table>_<columns>`, `uq_<table>_<columns>`.
//!
//! Foreign keys are declared inside `Table::create()` (SQLite cannot add them
//! later).

use sea_orm_migration::prelude::*;

/// A foreign key `table.column → ref_table.ref_column`, `ON DELETE RESTRICT`.
pub fn fk<T, C, RT, RC>(table: T, column: C, ref_table: RT, ref_column: RC) -> ForeignKeyCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    RT: IntoIden,
    RC: IntoIden,
{
    foreign_key(table, column, ref_table, ref_column, ForeignKeyAction::Restrict)
}

/// A foreign key whose rows go when the referenced row goes: `ON DELETE CASCADE`.
pub fn fk_cascade<T, C, RT, RC>(
    table: T,
    column: C,
    ref_table: RT,
    ref_column: RC,
) -> ForeignKeyCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    RT: IntoIden,
    RC: IntoIden,
{
    foreign_key(table, column, ref_table, ref_column, ForeignKeyAction::Cascade)
}

fn foreign_key<T, C, RT, RC>(
    table: T,
    column: C,
    ref_table: RT,
    ref_column: RC,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    RT: IntoIden,
    RC: IntoIden,
{
    let (table, column) = (table.into_iden(), column.into_iden());
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(ref_table, ref_column)
        .on_delete(on_delete)
        .to_owned()
}

/// A plain index on `columns` of `table`.
pub fn index<T, C, I>(table: T, columns: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    build_index("idx", table, columns)
}

/// A unique index on `columns` of `table`.
pub fn unique_index<T, C, I>(table: T, columns: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    build_index("uq", table, columns).unique().to_owned()
}

fn build_index<T, C, I>(prefix: &str, table: T, columns: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    let table = table.into_iden();
    let columns: Vec<DynIden> = columns.into_iter().map(IntoIden::into_iden).collect();
    let names: Vec<String> = columns.iter().map(ToString::to_string).collect();
    let mut index = Index::create();
    index.name(format!("{prefix}_{table}_{}", names.join("_"))).table(table);
    for column in columns {
        index.col(column);
    }
    index.to_owned()
}

/// Drops `tables` in the order given (children before parents); their
/// indexes and foreign keys go with them.
pub async fn drop_tables<I>(manager: &SchemaManager<'_>, tables: I) -> Result<(), DbErr>
where
    I: IntoIterator<Item = DynIden>,
{
    for table in tables {
        manager.drop_table(Table::drop().table(table).to_owned()).await?;
    }
    Ok(())
}
