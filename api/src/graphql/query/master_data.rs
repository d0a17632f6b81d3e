//! Reading customers, dealers, product models and units.

use async_graphql::{Context, ID, InputObject, Object};
use service::usecase::master::{customers, dealers, product_models, units};

use crate::graphql::connection::{PagedConnection, Paging, connection, page_request, paged};
use crate::graphql::context::{actor, db};
use crate::graphql::error::{GqlResult, invalid};
use crate::graphql::ids::{Kind, decode, decode_opt};
use crate::graphql::ordering::UnitOrder;
use crate::graphql::types::master::{Customer, Dealer, ProductModel, Unit};

#[derive(Default)]
pub struct MasterDataQuery;

/// Which customers to list.
#[derive(InputObject, Default)]
pub struct CustomerFilter {
    /// Part of the name.
    pub search: Option<String>,
    /// Province (region).
    pub province: Option<String>,
}

/// Which dealers to list.
#[derive(InputObject, Default)]
pub struct DealerFilter {
    /// Part of the name.
    pub search: Option<String>,
    /// Province (region).
    pub region: Option<String>,
}

/// Which product models to list.
#[derive(InputObject, Default)]
pub struct ProductModelFilter {
    /// Part of the name.
    pub search: Option<String>,
    /// Exact category, e.g. 起重机.
    pub category: Option<String>,
}

/// Which units to list.
#[derive(InputObject, Default)]
pub struct UnitFilter {
    /// Start of the serial number.
    pub serial_prefix: Option<String>,
    /// Only units of this product model (产品型号).
    pub product_model_id: Option<ID>,
    /// Only units owned by this customer (客户).
    pub customer_id: Option<ID>,
    /// Only units sold by this dealer (代理商).
    pub dealer_id: Option<ID>,
}

#[Object]
impl MasterDataQuery {
    /// Customers, in creation order. Dealer users see the customers of their units.
    async fn customers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which customers to list.")] filter: Option<CustomerFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Customer>> {
        let actor = actor(ctx)?;
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = customers::CustomerFilter { search: f.search, province: f.province };
        let page = customers::list_customers(db(ctx), actor, filter, request).await.gql()?;
        Ok(connection(page, Customer::from))
    }

    /// One customer.
    async fn customer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Customer id.")] id: ID,
    ) -> async_graphql::Result<Customer> {
        let actor = actor(ctx)?;
        let id = decode(Kind::Customer, &id, "id")?;
        customers::get_customer(db(ctx), actor, id).await.gql().map(Customer::from)
    }

    /// Dealers. A dealer user sees only its own.
    async fn dealers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which dealers to list.")] filter: Option<DealerFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Dealer>> {
        let actor = actor(ctx)?;
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = dealers::DealerFilter { search: f.search, region: f.region };
        let page = dealers::list_dealers(db(ctx), actor, filter, request).await.gql()?;
        Ok(connection(page, Dealer::from))
    }

    /// One dealer.
    async fn dealer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Dealer id.")] id: ID,
    ) -> async_graphql::Result<Dealer> {
        let actor = actor(ctx)?;
        let id = decode(Kind::Dealer, &id, "id")?;
        dealers::get_dealer(db(ctx), actor, id).await.gql().map(Dealer::from)
    }

    /// Product models.
    async fn product_models(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which product models to list.")] filter: Option<ProductModelFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<ProductModel>> {
        let actor = actor(ctx)?;
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = product_models::ProductModelFilter { search: f.search, category: f.category };
        let page = product_models::list_product_models(db(ctx), actor, filter, request).await.gql()?;
        Ok(connection(page, ProductModel::from))
    }

    /// One product model.
    async fn product_model(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Product model id.")] id: ID,
    ) -> async_graphql::Result<ProductModel> {
        let actor = actor(ctx)?;
        let id = decode(Kind::ProductModel, &id, "id")?;
        product_models::get_product_model(db(ctx), actor, id).await.gql().map(ProductModel::from)
    }

    /// Units, in the order asked for (default: as recorded), forward or
    /// backward. A dealer user sees only the units it sold.
    // Each argument is one of the list's GraphQL arguments (filter, order,
    // four paging ones): the API's shape, not a parameter list to shorten.
    #[allow(clippy::too_many_arguments)]
    async fn units(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which units to list.")] filter: Option<UnitFilter>,
        #[graphql(desc = "The order (default: as recorded); ties by id.")] order_by: Option<UnitOrder>,
        #[graphql(desc = "Page size going forward, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
        #[graphql(desc = "Page size going backward, 1–200: the rows just before `before`.")] last: Option<
            i32,
        >,
        #[graphql(desc = "Cursor of the first edge of the next page, to page backward.")] before: Option<
            String,
        >,
    ) -> async_graphql::Result<PagedConnection<Unit>> {
        let actor = actor(ctx)?;
        let request = paged(ctx, Paging { first, after, last, before })?;
        let f = filter.unwrap_or_default();
        let filter = units::UnitFilter {
            serial_prefix: f.serial_prefix,
            product_model_id: decode_opt(
                Kind::ProductModel,
                f.product_model_id.as_ref(),
                "filter.productModelId",
            )?,
            customer_id: decode_opt(Kind::Customer, f.customer_id.as_ref(), "filter.customerId")?,
            dealer_id: decode_opt(Kind::Dealer, f.dealer_id.as_ref(), "filter.dealerId")?,
        };
        let page = units::list_units(db(ctx), actor, filter, UnitOrder::or_recorded(order_by), request)
            .await
            .gql()?;
        Ok(connection(page, Unit::from))
    }

    /// One unit, by id or by serial number (give exactly one). Another
    /// dealer's unit is `NOT_FOUND` for a dealer user.
    async fn unit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Unit id.")] id: Option<ID>,
        #[graphql(desc = "Serial number (设备编号 / 序列号), its letters in any case.")]
        serial_number: Option<String>,
    ) -> async_graphql::Result<Unit> {
        let actor = actor(ctx)?;
        let found = match (id, serial_number) {
            (Some(id), None) => units::get_unit(db(ctx), actor, decode(Kind::Unit, &id, "id")?).await,
            (None, Some(serial)) => units::find_unit_by_serial(db(ctx), actor, &serial).await,
            _ => return Err(invalid("id", "give either id or serialNumber")),
        };
        found.gql().map(Unit::from)
    }
}
