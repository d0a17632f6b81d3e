//! Creating and updating customers, dealers, product models and units.
//! Updates replace every field and take the `version` the client read.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use service::usecase::master::{customers, dealers, product_models, units};

use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode, decode_opt};
use crate::graphql::types::master::{Customer, Dealer, ProductModel, Unit};

#[derive(Default)]
pub struct MasterDataMutation;

/// A customer's details.
#[derive(InputObject)]
pub struct CustomerInput {
    /// Customer name (客户名称).
    pub name: String,
    /// Contact person (联系人).
    pub contact_name: Option<String>,
    /// Mobile (1xxxxxxxxxx), landline (0xx-xxxxxxxx) or +international.
    pub phone: Option<String>,
    /// Contact email.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Province (region).
    pub province: String,
    /// Distance from the serving service centre, 0–10000 km.
    pub distance_km: i64,
    /// Key customers get periodic care visits.
    #[graphql(default)]
    pub key_customer: bool,
}

impl From<CustomerInput> for customers::CustomerInput {
    fn from(i: CustomerInput) -> Self {
        Self {
            name: i.name,
            contact_name: i.contact_name,
            phone: i.phone,
            email: i.email,
            address: i.address,
            province: i.province,
            distance_km: i.distance_km,
            key_customer: i.key_customer,
        }
    }
}

/// Changes to a customer.
#[derive(InputObject)]
pub struct UpdateCustomerInput {
    /// The customer to change.
    pub id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: i32,
    /// The new details; every field is replaced.
    pub customer: CustomerInput,
}

/// A dealer's details.
#[derive(InputObject)]
pub struct DealerInput {
    /// Short unique code, used by the CLI and imports.
    pub code: String,
    /// Dealer name.
    pub name: String,
    /// Province (region).
    pub region: String,
    /// Contact person (联系人).
    pub contact_name: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
    /// Contact email.
    pub email: Option<String>,
}

impl From<DealerInput> for dealers::DealerInput {
    fn from(i: DealerInput) -> Self {
        Self {
            code: i.code,
            name: i.name,
            region: i.region,
            contact_name: i.contact_name,
            phone: i.phone,
            email: i.email,
        }
    }
}

/// Changes to a dealer.
#[derive(InputObject)]
pub struct UpdateDealerInput {
    /// The dealer to change.
    pub id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: i32,
    /// The new details; every field is replaced.
    pub dealer: DealerInput,
}

/// A product model's details.
#[derive(InputObject)]
pub struct ProductModelInput {
    /// Model code (型号); unique.
    pub code: String,
    /// Model name.
    pub name: String,
    /// Free category, e.g. 起重机.
    pub category: String,
    /// Warranty months when the model has no policy of its own.
    pub default_warranty_months: i64,
    /// Sale price, for the after-sales cost-to-sales ratio.
    pub sale_price: Decimal,
    /// The model's warranty policy (保修政策); null for the default months.
    pub warranty_policy_id: Option<ID>,
}

impl ProductModelInput {
    fn into_service(self) -> async_graphql::Result<product_models::ProductModelInput> {
        Ok(product_models::ProductModelInput {
            warranty_policy_id: decode_opt(
                Kind::WarrantyPolicy,
                self.warranty_policy_id.as_ref(),
                "warrantyPolicyId",
            )?,
            code: self.code,
            name: self.name,
            category: self.category,
            default_warranty_months: self.default_warranty_months,
            sale_price: self.sale_price,
        })
    }
}

/// Changes to a product model.
#[derive(InputObject)]
pub struct UpdateProductModelInput {
    /// The product model to change.
    pub id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: i32,
    /// The new details; every field is replaced.
    pub model: ProductModelInput,
}

/// A unit's details.
#[derive(InputObject)]
pub struct UnitInput {
    /// Serial number (设备编号 / 序列号); unique.
    pub serial_number: String,
    /// The unit's product model (产品型号).
    pub product_model_id: ID,
    /// Production date (生产日期).
    pub production_date: NaiveDate,
    /// Invoice date (发票日期): the warranty starts on this day. Null while unsold.
    pub invoice_date: Option<NaiveDate>,
    /// The owner (客户).
    pub customer_id: Option<ID>,
    /// Null when sold directly.
    pub dealer_id: Option<ID>,
    /// Overrides the model's policy.
    pub warranty_policy_id: Option<ID>,
}

impl UnitInput {
    fn into_service(self) -> async_graphql::Result<units::UnitInput> {
        Ok(units::UnitInput {
            product_model_id: decode(Kind::ProductModel, &self.product_model_id, "productModelId")?,
            customer_id: decode_opt(Kind::Customer, self.customer_id.as_ref(), "customerId")?,
            dealer_id: decode_opt(Kind::Dealer, self.dealer_id.as_ref(), "dealerId")?,
            warranty_policy_id: decode_opt(
                Kind::WarrantyPolicy,
                self.warranty_policy_id.as_ref(),
                "warrantyPolicyId",
            )?,
            serial_number: self.serial_number,
            production_date: self.production_date,
            invoice_date: self.invoice_date,
        })
    }
}

/// Changes to a unit.
#[derive(InputObject)]
pub struct UpdateUnitInput {
    /// The unit to change.
    pub id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: i32,
    /// The new details; every field is replaced.
    pub unit: UnitInput,
}

/// The customer written.
#[derive(SimpleObject)]
pub struct CustomerPayload {
    /// The customer as stored.
    pub customer: Customer,
}

/// The dealer written.
#[derive(SimpleObject)]
pub struct DealerPayload {
    /// The dealer as stored.
    pub dealer: Dealer,
}

/// The product model written.
#[derive(SimpleObject)]
pub struct ProductModelPayload {
    /// The product model as stored.
    pub product_model: ProductModel,
}

/// The unit written.
#[derive(SimpleObject)]
pub struct UnitPayload {
    /// The unit as stored.
    pub unit: Unit,
}

#[Object]
impl MasterDataMutation {
    /// Records a customer (AGENT, SERVICE_MANAGER).
    async fn create_customer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The customer's details.")] input: CustomerInput,
    ) -> async_graphql::Result<CustomerPayload> {
        let created = customers::create_customer(db(ctx), actor(ctx)?, input.into()).await.gql()?;
        Ok(CustomerPayload { customer: created.into() })
    }

    /// Updates a customer (AGENT, SERVICE_MANAGER).
    async fn update_customer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which customer, the version read and the new details.")] input: UpdateCustomerInput,
    ) -> async_graphql::Result<CustomerPayload> {
        let id = decode(Kind::Customer, &input.id, "id")?;
        let updated =
            customers::update_customer(db(ctx), actor(ctx)?, id, Some(input.version), input.customer.into())
                .await
                .gql()?;
        Ok(CustomerPayload { customer: updated.into() })
    }

    /// Records a dealer (SERVICE_MANAGER).
    async fn create_dealer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The dealer's details.")] input: DealerInput,
    ) -> async_graphql::Result<DealerPayload> {
        let created = dealers::create_dealer(db(ctx), actor(ctx)?, input.into()).await.gql()?;
        Ok(DealerPayload { dealer: created.into() })
    }

    /// Updates a dealer (SERVICE_MANAGER).
    async fn update_dealer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which dealer, the version read and the new details.")] input: UpdateDealerInput,
    ) -> async_graphql::Result<DealerPayload> {
        let id = decode(Kind::Dealer, &input.id, "id")?;
        let updated =
            dealers::update_dealer(db(ctx), actor(ctx)?, id, Some(input.version), input.dealer.into())
                .await
                .gql()?;
        Ok(DealerPayload { dealer: updated.into() })
    }

    /// Records a product model (SERVICE_MANAGER).
    async fn create_product_model(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product model's details.")] input: ProductModelInput,
    ) -> async_graphql::Result<ProductModelPayload> {
        let input = input.into_service()?;
        let created = product_models::create_product_model(db(ctx), actor(ctx)?, input).await.gql()?;
        Ok(ProductModelPayload { product_model: created.into() })
    }

    /// Updates a product model (SERVICE_MANAGER).
    async fn update_product_model(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which product model, the version read and the new details.")]
        input: UpdateProductModelInput,
    ) -> async_graphql::Result<ProductModelPayload> {
        let id = decode(Kind::ProductModel, &input.id, "id")?;
        let model = input.model.into_service()?;
        let updated =
            product_models::update_product_model(db(ctx), actor(ctx)?, id, Some(input.version), model)
                .await
                .gql()?;
        Ok(ProductModelPayload { product_model: updated.into() })
    }

    /// Registers a unit by serial number (AGENT, SERVICE_MANAGER); a serial
    /// number already registered is a `VALIDATION` error.
    async fn register_unit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The unit's details.")] input: UnitInput,
    ) -> async_graphql::Result<UnitPayload> {
        let input = input.into_service()?;
        let created = units::register_unit(db(ctx), actor(ctx)?, input).await.gql()?;
        Ok(UnitPayload { unit: created.into() })
    }

    /// Updates a unit (AGENT, SERVICE_MANAGER).
    async fn update_unit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which unit, the version read and the new details.")] input: UpdateUnitInput,
    ) -> async_graphql::Result<UnitPayload> {
        let id = decode(Kind::Unit, &input.id, "id")?;
        let unit = input.unit.into_service()?;
        let updated = units::update_unit(db(ctx), actor(ctx)?, id, Some(input.version), unit).await.gql()?;
        Ok(UnitPayload { unit: updated.into() })
    }
}
