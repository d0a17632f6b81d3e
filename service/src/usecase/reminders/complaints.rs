//! Complaints the sweeps look after: announced to the role they are routed
//! to when filed, escalated once when a quality one is not taken in time.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use entity::enums::Role;
use entity::{complaint, customer};

use super::templates::{Facts, Template};
use super::{About, Occasion, complaint_not_taken, send, with_role};
use crate::config::Settings;
use crate::error::ServiceResult;

fn complaint_facts(settings: &Settings, item: &complaint::Model, customer: String) -> Facts {
    let due = item
        .route_due_at
        .map(|due| due.with_timezone(&settings.business_tz()).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "—".into());
    Facts {
        number: item.number.clone(),
        part: item.category.as_str().to_owned(),
        customer,
        due,
        ..Facts::default()
    }
}

/// A complaint just filed, in the filing transaction: every active user
/// of the role it is routed to hears of it at once.
pub(crate) async fn complaint_received<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    item: &complaint::Model,
    customer: String,
    role: Role,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let facts = complaint_facts(settings, item, customer);
    for handler in with_role(db, role).await? {
        let key = format!("complaint-received:{}", item.id);
        let about = About::Complaint { id: item.id };
        let occasion =
            Occasion { template: Template::ComplaintReceived, facts: &facts, about, key, sms: true };
        send(db, settings, &handler, &occasion, now).await?;
    }
    Ok(())
}

/// Quality complaints past their routing deadline and not yet taken: the
/// service managers hear of each, once.
pub async fn complaints_unrouted(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let late = complaint::Entity::find()
        .filter(complaint_not_taken())
        .filter(complaint::Column::RouteDueAt.lt(now))
        .all(db)
        .await?;
    let managers = with_role(db, Role::ServiceManager).await?;
    let mut queued = 0;
    for item in late {
        let customer =
            customer::Entity::find_by_id(item.customer_id).one(db).await?.map(|c| c.name).unwrap_or_default();
        let facts = complaint_facts(settings, &item, customer);
        for manager in &managers {
            let key = format!("complaint-routing-overdue:{}", item.id);
            let about = About::Complaint { id: item.id };
            let occasion = Occasion {
                template: Template::ComplaintRoutingOverdue,
                facts: &facts,
                about,
                key,
                sms: false,
            };
            send(db, settings, manager, &occasion, now).await?;
            queued += 1;
        }
    }
    Ok(queued)
}
