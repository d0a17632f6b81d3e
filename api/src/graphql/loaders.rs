//! DataLoaders: related objects of a page load in one query per type, not
//! one per row.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use entity::{customer, dealer, product_model, service_contract, warranty_policy};

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

/// Loads the service contracts of many units in one query.
pub struct ContractsByUnitLoader {
    db: DatabaseConnection,
}

impl ContractsByUnitLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl Loader<i64> for ContractsByUnitLoader {
    type Value = Vec<service_contract::Model>;
    type Error = Arc<sea_orm::DbErr>;

    async fn load(&self, unit_ids: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let rows = service_contract::Entity::find()
            .filter(service_contract::Column::UnitId.is_in(unit_ids.iter().copied()))
            .order_by_asc(service_contract::Column::StartsOn)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        let mut by_unit: HashMap<i64, Self::Value> = HashMap::new();
        for row in rows {
            by_unit.entry(row.unit_id).or_default().push(row);
        }
        Ok(by_unit)
    }
}
