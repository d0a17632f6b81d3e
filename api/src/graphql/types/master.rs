//! Master data as the API shows it.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use entity::{customer, dealer, product_model, unit};
use service::rules::money::cents;

use super::catalogue::{ServiceContract, WarrantyPolicy};
use crate::graphql::context::load;
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::{
    ContractsByUnitLoader, CustomerLoader, DealerLoader, ProductModelLoader, WarrantyPolicyLoader,
};

/// 客户: owns units and calls for service.
#[derive(SimpleObject)]
pub struct Customer {
    /// Opaque customer id.
    pub id: ID,
    /// Customer name (客户名称).
    pub name: String,
    /// Contact person (联系人).
    pub contact_name: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
    /// Contact email.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Province (region).
    pub province: String,
    /// Distance from the serving service centre; sets the on-site deadline.
    pub distance_km: i32,
    /// Key customers get periodic care visits.
    pub key_customer: bool,
    /// Optimistic-lock version: send it back with an update.
    pub version: i32,
    /// When the customer was recorded.
    pub created_at: DateTime<Utc>,
    /// When the customer was last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<customer::Model> for Customer {
    fn from(m: customer::Model) -> Self {
        Self {
            id: encode(Kind::Customer, m.id),
            name: m.name,
            contact_name: m.contact_name,
            phone: m.phone,
            email: m.email,
            address: m.address,
            province: m.province,
            distance_km: m.distance_km,
            key_customer: m.key_customer,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// 代理商: sells units; its users see only its own units, tickets and old parts.
#[derive(SimpleObject)]
pub struct Dealer {
    /// Opaque dealer id.
    pub id: ID,
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
    /// Optimistic-lock version: send it back with an update.
    pub version: i32,
    /// When the dealer was recorded.
    pub created_at: DateTime<Utc>,
}

impl From<dealer::Model> for Dealer {
    fn from(m: dealer::Model) -> Self {
        Self {
            id: encode(Kind::Dealer, m.id),
            code: m.code,
            name: m.name,
            region: m.region,
            contact_name: m.contact_name,
            phone: m.phone,
            email: m.email,
            version: m.version,
            created_at: m.created_at,
        }
    }
}

/// 产品型号: a model of equipment.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct ProductModel {
    /// Opaque product model id.
    pub id: ID,
    /// Model code (型号).
    pub code: String,
    /// Model name.
    pub name: String,
    /// Free category, e.g. 起重机.
    pub category: String,
    /// Warranty months when the model has no policy of its own.
    pub default_warranty_months: i32,
    /// Sale price, for the after-sales cost-to-sales ratio.
    pub sale_price: Decimal,
    /// Optimistic-lock version: send it back with an update.
    pub version: i32,
    #[graphql(skip)]
    pub warranty_policy_id: Option<i64>,
}

#[ComplexObject]
impl ProductModel {
    /// The warranty policy of units of this model; null means the default
    /// months apply.
    async fn warranty_policy(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<WarrantyPolicy>> {
        Ok(load::<WarrantyPolicyLoader, _>(ctx, self.warranty_policy_id).await?.map(WarrantyPolicy::from))
    }
}

impl From<product_model::Model> for ProductModel {
    fn from(m: product_model::Model) -> Self {
        Self {
            id: encode(Kind::ProductModel, m.id),
            code: m.code,
            name: m.name,
            category: m.category,
            default_warranty_months: m.default_warranty_months,
            sale_price: cents(m.sale_price),
            warranty_policy_id: m.warranty_policy_id,
            version: m.version,
        }
    }
}

/// 设备: one serial-numbered unit.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Unit {
    /// Opaque unit id.
    pub id: ID,
    /// 设备编号 / 序列号.
    pub serial_number: String,
    /// 生产日期: with the model, what a batch incident groups by.
    pub production_date: NaiveDate,
    /// 发票日期: the warranty starts on this day. Null while unsold.
    pub invoice_date: Option<NaiveDate>,
    /// Optimistic-lock version: send it back with an update.
    pub version: i32,
    #[graphql(skip)]
    pub product_model_id: i64,
    #[graphql(skip)]
    pub customer_id: Option<i64>,
    #[graphql(skip)]
    pub dealer_id: Option<i64>,
    #[graphql(skip)]
    pub warranty_policy_id: Option<i64>,
    #[graphql(skip)]
    pub id_value: i64,
}

#[ComplexObject]
impl Unit {
    /// The policy that applies: the unit's own, else its model's.
    async fn warranty_policy(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<WarrantyPolicy>> {
        let policy_id = match self.warranty_policy_id {
            Some(id) => Some(id),
            None => load::<ProductModelLoader, _>(ctx, Some(self.product_model_id))
                .await?
                .and_then(|m| m.warranty_policy_id),
        };
        Ok(load::<WarrantyPolicyLoader, _>(ctx, policy_id).await?.map(WarrantyPolicy::from))
    }

    /// Service contracts of this unit, oldest first.
    async fn service_contracts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ServiceContract>> {
        let contracts = load::<ContractsByUnitLoader, _>(ctx, Some(self.id_value)).await?.unwrap_or_default();
        Ok(contracts.into_iter().map(ServiceContract::from).collect())
    }

    /// The unit's model.
    async fn model(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ProductModel>> {
        Ok(load::<ProductModelLoader, _>(ctx, Some(self.product_model_id)).await?.map(ProductModel::from))
    }

    /// The owner.
    async fn customer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Customer>> {
        Ok(load::<CustomerLoader, _>(ctx, self.customer_id).await?.map(Customer::from))
    }

    /// The selling dealer; null when sold directly.
    async fn dealer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Dealer>> {
        Ok(load::<DealerLoader, _>(ctx, self.dealer_id).await?.map(Dealer::from))
    }
}

impl From<unit::Model> for Unit {
    fn from(m: unit::Model) -> Self {
        Self {
            id: encode(Kind::Unit, m.id),
            serial_number: m.serial_number,
            production_date: m.production_date,
            invoice_date: m.invoice_date,
            version: m.version,
            product_model_id: m.product_model_id,
            customer_id: m.customer_id,
            dealer_id: m.dealer_id,
            warranty_policy_id: m.warranty_policy_id,
            id_value: m.id,
        }
    }
}
