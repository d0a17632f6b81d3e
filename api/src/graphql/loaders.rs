//! DataLoaders: related objects of a page load in one query per type, not
//! one per row.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use entity::{customer, dealer, product_model, warranty_policy};

/// An entity whose rows are loaded by `id`.
pub trait ById: EntityTrait {
    fn id_column() -> Self::Column;
    fn id_of(model: &Self::Model) -> i64;
}

macro_rules! by_id {
    ($($module:ident),*) => {$(
        impl ById for entity::$module::Entity {
            fn id_column() -> Self::Column { entity::$module::Column::Id }
            fn id_of(model: &Self::Model) -> i64 { model.id }
        }
    )*};
}
by_id!(customer, dealer, product_model, warranty_policy);

/// Loads rows of `E` by id, batching all ids asked for in one tick.
pub struct ByIdLoader<E> {
    db: DatabaseConnection,
    _entity: PhantomData<fn() -> E>,
}

impl<E> ByIdLoader<E> {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db, _entity: PhantomData }
    }
}

impl<E> Loader<i64> for ByIdLoader<E>
where
    E: ById + Send + Sync + 'static,
    E::Model: Clone + Send + Sync + 'static,
{
    type Value = E::Model;
    type Error = Arc<sea_orm::DbErr>;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let rows = E::find()
            .filter(E::id_column().is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|m| (E::id_of(&m), m)).collect())
    }
}

pub type CustomerLoader = ByIdLoader<customer::Entity>;
pub type DealerLoader = ByIdLoader<dealer::Entity>;
pub type ProductModelLoader = ByIdLoader<product_model::Entity>;
pub type WarrantyPolicyLoader = ByIdLoader<warranty_policy::Entity>;
