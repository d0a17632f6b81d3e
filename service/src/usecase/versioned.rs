//! Rows with an optimistic-lock `version`: found or `NOT_FOUND`, updated
//! only if nobody changed them since the client read them.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};

use crate::error::{ServiceError, ServiceResult};

/// An entity whose rows carry `id` and an optimistic-lock `version`.
pub trait Versioned: EntityTrait {
    const NAME: &'static str;
    fn id_column() -> Self::Column;
    fn version_column() -> Self::Column;
    fn version_of(model: &Self::Model) -> i32;
}

/// Declares [`Versioned`] for entity modules that have `Id` and `Version` columns.
macro_rules! versioned {
    ($($module:ident => $name:literal),* $(,)?) => {$(
        impl Versioned for entity::$module::Entity {
            const NAME: &'static str = $name;
            fn id_column() -> Self::Column { entity::$module::Column::Id }
            fn version_column() -> Self::Column { entity::$module::Column::Version }
            fn version_of(model: &Self::Model) -> i32 { model.version }
        }
    )*};
}

versioned!(
    customer => "customer",
    dealer => "dealer",
    product_model => "product model",
    unit => "unit",
    part => "part",
    requisition => "requisition",
    old_part => "old part",
    responsibility_determination => "responsibility determination",
    local_sale => "local sale",
    complaint => "complaint",
    user => "user",
);

/// The row with `id`, or `NOT_FOUND` naming the entity.
pub async fn find_or_404<E, C>(db: &C, id: i64) -> ServiceResult<E::Model>
where
    E: Versioned,
    C: ConnectionTrait,
{
    E::find().filter(E::id_column().eq(id)).one(db).await?.ok_or_else(|| ServiceError::not_found(E::NAME, id))
}

/// Writes `changes` to the row `current` if nobody changed it since the
/// client read `expected_version` (or since `current` was read, when the
/// client sent none), bumping the version. A lost race is `CONFLICT`.
pub async fn update_versioned<E, C, A>(
    db: &C,
    current: &E::Model,
    expected_version: Option<i32>,
    changes: A,
    id: i64,
) -> ServiceResult<E::Model>
where
    E: Versioned,
    C: ConnectionTrait,
    A: ActiveModelTrait<Entity = E> + Send,
    E::Model: IntoActiveModel<A>,
{
    let seen = E::version_of(current);
    if let Some(expected) = expected_version
        && expected != seen
    {
        return Err(ServiceError::Conflict(format!(
            "{} {id} was changed by someone else (version {seen}, you sent {expected}); reload and retry",
            E::NAME
        )));
    }
    let result = E::update_many()
        .set(changes)
        .col_expr(E::version_column(), Expr::value(seen + 1))
        .filter(E::id_column().eq(id))
        .filter(E::version_column().eq(seen))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(ServiceError::Conflict(format!(
            "{} {id} was changed by someone else; reload and retry",
            E::NAME
        )));
    }
    find_or_404::<E, C>(db, id).await
}
