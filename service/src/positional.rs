//! Reading models from a row by column position, for the hot reads.
//!
//! sea-orm reads a row by column name: for every column of every row it
//! formats the prefixed name ("B_province"), looks it up, and for every
//! NULL formats an error text it then drops. On a page of 50 tickets
//! joined to their customer, unit and engineer that was two thirds of the
//! instructions the api spent on the request (callgrind). Here the select
//! lists a model's columns itself, in the order [`Positional::decode`]
//! reads them, so each value is read by its index.

use std::str::FromStr;

use sea_orm::{DbErr, EntityName, EntityTrait, QueryResult, QuerySelect, Select};

/// A model whose columns can be selected and read back by position.
pub trait Positional: Sized {
    type Entity: EntityTrait;
    /// The model's columns, named as the fields they fill, in reading
    /// order. The first is the primary key, an `i64`.
    const COLUMNS: &'static [&'static str];

    /// Reads the model from the columns starting at `at`.
    fn decode(row: &QueryResult, at: usize) -> Result<Self, DbErr>;
}

/// Reads the models of a joined row one after another, in the order their
/// columns were added to the select.
pub struct RowReader<'a> {
    row: &'a QueryResult,
    at: usize,
}

impl<'a> RowReader<'a> {
    pub fn new(row: &'a QueryResult) -> Self {
        Self { row, at: 0 }
    }

    /// The next model.
    pub fn read<M: Positional>(&mut self) -> Result<M, DbErr> {
        let model = M::decode(self.row, self.at)?;
        self.at += M::COLUMNS.len();
        Ok(model)
    }

    /// The next model, `None` when its key is NULL: a LEFT JOIN that found
    /// no row.
    pub fn read_joined<M: Positional>(&mut self) -> Result<Option<M>, DbErr> {
        let found = self.row.try_get_by_index::<Option<i64>>(self.at)?.is_some();
        let model = if found { Some(M::decode(self.row, self.at)?) } else { None };
        self.at += M::COLUMNS.len();
        Ok(model)
    }
}

/// Adds `M`'s columns to the select, after those already in it, in the
/// order `M::decode` reads them.
pub fn select_columns<M: Positional, E: EntityTrait>(mut select: Select<E>) -> Result<Select<E>, DbErr> {
    for name in M::COLUMNS {
        let column = <M::Entity as EntityTrait>::Column::from_str(name).map_err(|_| {
            DbErr::Custom(format!("{name} is not a column of {}", M::Entity::default().table_name()))
        })?;
        select = select.column(column);
    }
    Ok(select)
}

/// Implements [`Positional`] for an entity's model from the list of its
/// fields. The struct literal it builds makes the compiler check that the
/// list names every field; the select is built from the same list, so
/// positions cannot drift apart.
macro_rules! positional {
    ($($module:ident { $key:ident $(, $field:ident)* $(,)? })+) => {$(
        impl Positional for entity::$module::Model {
            type Entity = entity::$module::Entity;
            const COLUMNS: &'static [&'static str] = &[stringify!($key) $(, stringify!($field))*];

            fn decode(row: &QueryResult, at: usize) -> Result<Self, DbErr> {
                let mut column = at;
                let mut next = || {
                    column += 1;
                    column - 1
                };
                Ok(Self { $key: row.try_get_by_index(next())? $(, $field: row.try_get_by_index(next())?)* })
            }
        }
    )+};
}

positional! {
    ticket {
        id, number, channel, customer_id, unit_id, dealer_id, fault_description, fault_category, severity,
        contact_name, contact_phone, contact_email, status, service_type, exclusion, warranty_policy_id,
        service_contract_id, entitlement_note, engineer_id, appointment_at, reported_at, reply_due_at,
        replied_at, arrival_due_at, arrived_at, repaired_at, customer_accepted_at, closed_at, rework_count,
        personal_injury, repeat_of_ticket_id, return_slip_number, created_by, created_at, updated_at, version,
    }
    customer {
        id, name, contact_name, phone, email, address, province, distance_km, key_customer, created_at,
        updated_at, version,
    }
    unit {
        id, serial_number, product_model_id, production_date, invoice_date, customer_id, dealer_id,
        warranty_policy_id, created_at, updated_at, version,
    }
    engineer { user_id, region, available, created_at, updated_at, version }
    user {
        id, username, password_hash, display_name, email, phone, dealer_id, active, created_at, updated_at,
        version, token_generation,
    }
    old_part {
        id, ticket_id, repair_part_id, approval_number, unit_id, part_id, quantity, unit_price, total,
        engineer_id, region, dealer_id, reason, must_return, applied_on, completed_on, due_on, replied_on,
        promised_on, delay_reason, delay_reason_accepted, collected_on, shipped_on, received_on, status,
        disposition, disposition_reason, remarks, created_at, updated_at, version,
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{IdenStatic, Iterable};

    use super::*;

    fn names<E: EntityTrait>() -> Vec<String> {
        E::Column::iter().map(|c| c.as_str().to_owned()).collect()
    }

    /// Each list holds every column of its table, each once: a column added
    /// to the entity but not to the list fails here (a field added to the
    /// model fails to compile).
    #[test]
    fn each_list_is_its_tables_columns() {
        fn check<M: Positional>() {
            let mut listed: Vec<String> = M::COLUMNS.iter().map(|c| (*c).to_owned()).collect();
            let mut table = names::<M::Entity>();
            listed.sort();
            table.sort();
            assert_eq!(listed, table);
        }
        check::<entity::ticket::Model>();
        check::<entity::customer::Model>();
        check::<entity::unit::Model>();
        check::<entity::engineer::Model>();
        check::<entity::user::Model>();
        check::<entity::old_part::Model>();
    }

    #[test]
    fn the_select_lists_the_columns_in_reading_order() {
        use sea_orm::{DbBackend, QueryTrait};
        let select =
            select_columns::<entity::engineer::Model, _>(entity::ticket::Entity::find().select_only())
                .expect("columns");
        let sql = select.build(DbBackend::Postgres).to_string();
        assert!(
            sql.starts_with(r#"SELECT "engineers"."user_id", "engineers"."region", "engineers"."available""#),
            "{sql}"
        );
    }
}
