//! DataLoaders: related objects of a page load in one query per type, not
//! one per row.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use entity::{
    customer, dealer, dealer_chargeback, engineer, engineer_skill, local_sale_item, local_sale_quote,
    old_part, part, product_model, quote, quote_line, repair_part, repair_record, requisition_line,
    responsibility_determination, service_contract, ticket, ticket_event, unit, user, warehouse,
    warranty_policy,
};

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
by_id!(customer, dealer, product_model, unit, warranty_policy, part, warehouse, old_part, ticket, user);

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
pub type UnitLoader = ByIdLoader<unit::Entity>;
pub type PartLoader = ByIdLoader<part::Entity>;
pub type WarehouseLoader = ByIdLoader<warehouse::Entity>;
pub type OldPartLoader = ByIdLoader<old_part::Entity>;
/// Tickets by id, for staff-only objects (complaints) that link to one.
pub type TicketLoader = ByIdLoader<ticket::Entity>;
/// Accounts by id, for the names of who did what.
pub type UserLoader = ByIdLoader<user::Entity>;

/// Declares a loader of child rows grouped by their parent's id: all
/// parents asked for in one tick load in one query.
macro_rules! children_loader {
    ($(#[$doc:meta])* $name:ident: $module:ident by $column:ident ($field:ident) order $order:ident) => {
        $(#[$doc])*
        pub struct $name {
            db: DatabaseConnection,
        }

        impl $name {
            pub fn new(db: DatabaseConnection) -> Self {
                Self { db }
            }
        }

        impl Loader<i64> for $name {
            type Value = Vec<$module::Model>;
            type Error = Arc<sea_orm::DbErr>;

            async fn load(&self, parents: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
                let rows = $module::Entity::find()
                    .filter($module::Column::$column.is_in(parents.iter().copied()))
                    .order_by_asc($module::Column::$order)
                    .all(&self.db)
                    .await
                    .map_err(Arc::new)?;
                let mut grouped: HashMap<i64, Self::Value> = HashMap::new();
                for row in rows {
                    grouped.entry(row.$field).or_default().push(row);
                }
                Ok(grouped)
            }
        }
    };
}

children_loader!(
    /// Service contracts of units, oldest first.
    ContractsByUnitLoader: service_contract by UnitId (unit_id) order StartsOn
);
children_loader!(
    /// Events of tickets, in order.
    EventsByTicketLoader: ticket_event by TicketId (ticket_id) order Id
);
children_loader!(
    /// Quotes of tickets, oldest first.
    QuotesByTicketLoader: quote by TicketId (ticket_id) order Id
);
children_loader!(
    /// Lines of quotes, in order.
    LinesByQuoteLoader: quote_line by QuoteId (quote_id) order Id
);
children_loader!(
    /// Repair records of tickets, oldest first.
    RepairsByTicketLoader: repair_record by TicketId (ticket_id) order Id
);
children_loader!(
    /// The dealer chargeback of tickets (one at most).
    ChargebacksByTicketLoader: dealer_chargeback by TicketId (ticket_id) order Id
);
children_loader!(
    /// Buyer quotes of local sale lots.
    QuotesByLotLoader: local_sale_quote by LocalSaleId (local_sale_id) order Id
);
children_loader!(
    /// Old parts in local sale lots.
    ItemsByLotLoader: local_sale_item by LocalSaleId (local_sale_id) order OldPartId
);
children_loader!(
    /// Lines of requisitions.
    LinesByRequisitionLoader: requisition_line by RequisitionId (requisition_id) order Id
);
children_loader!(
    /// The responsibility determination of old parts (one at most).
    DeterminationsByOldPartLoader: responsibility_determination by OldPartId (old_part_id) order Id
);
children_loader!(
    /// Replaced parts of repair records.
    PartsByRepairLoader: repair_part by RepairRecordId (repair_record_id) order Id
);

children_loader!(
    /// Skills of engineers (by user id).
    SkillsByEngineerLoader: engineer_skill by EngineerId (engineer_id) order Skill
);

/// The tickets that keep engineers out on a job, by engineer (user id).
pub struct BusyTicketsByEngineerLoader {
    db: DatabaseConnection,
}

impl BusyTicketsByEngineerLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl Loader<i64> for BusyTicketsByEngineerLoader {
    type Value = Vec<ticket::Model>;
    type Error = Arc<sea_orm::DbErr>;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        service::usecase::master::engineers::busy_with(&self.db, ids).await.map_err(Arc::new)
    }
}

/// Whether engineers may be dispatched at all (active, ENGINEER role).
pub struct DispatchableEngineerLoader {
    db: DatabaseConnection,
}

impl DispatchableEngineerLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl Loader<i64> for DispatchableEngineerLoader {
    type Value = bool;
    type Error = Arc<sea_orm::DbErr>;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        service::usecase::master::engineers::dispatchable(&self.db, ids).await.map_err(Arc::new)
    }
}

/// Engineers with their users, by user id, in one query; skills load
/// separately, only when asked for.
pub struct EngineerLoader {
    db: DatabaseConnection,
}

impl EngineerLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl Loader<i64> for EngineerLoader {
    type Value = (engineer::Model, user::Model);
    type Error = Arc<sea_orm::DbErr>;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let rows = engineer::Entity::find()
            .filter(engineer::Column::UserId.is_in(ids.iter().copied()))
            .find_also_related(user::Entity)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().filter_map(|(e, u)| Some((e.user_id, (e, u?)))).collect())
    }
}
