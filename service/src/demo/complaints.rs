//! Demo complaints: those the dissatisfied return visits opened, and a
//! handful the desk took down directly — one about the leaking batch still
//! waiting for quality past its routing deadline. Routed, taken, answered
//! and closed by the complaint rules, as far as their age allows.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Asia::Shanghai;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use entity::enums::{ComplaintCategory, ComplaintStatus, Role, ServiceType, Severity, TicketStatus};
use entity::{complaint, user};

use super::tickets::{Source, Written};
use crate::error::ServiceResult;
use crate::policy::Policy;
use crate::rules::complaints::{ComplaintStep, next_status, routing};

/// The demo users who take complaints down and handle them.
pub(super) struct People {
    pub agent: Option<i64>,
    pub manager: Option<i64>,
    pub quality: Option<i64>,
}

impl People {
    pub async fn find(txn: &DatabaseTransaction) -> ServiceResult<Self> {
        let id = |name: &'static str| async move {
            Ok::<_, sea_orm::DbErr>(
                user::Entity::find().filter(user::Column::Username.eq(name)).one(txn).await?.map(|u| u.id),
            )
        };
        Ok(Self { agent: id("agent").await?, manager: id("manager").await?, quality: id("quality").await? })
    }
}

/// A complaint as the desk took it down.
pub(super) struct DemoComplaint<'a> {
    pub ticket_id: Option<i64>,
    pub customer_id: i64,
    pub category: ComplaintCategory,
    pub severity: Severity,
    pub description: &'a str,
    pub received_at: DateTime<Utc>,
    /// Nobody has taken it yet.
    pub left_open: bool,
    pub attributable_to_service: bool,
}

/// Files a complaint routed by its category, and moves it on as far as
/// its age allows: taken within the routing time, answered the next day,
/// closed days later.
pub(super) async fn file(
    txn: &DatabaseTransaction,
    people: &People,
    policy: &Policy,
    now: DateTime<Utc>,
    c: DemoComplaint<'_>,
) -> ServiceResult<()> {
    let route = routing(c.category, c.received_at, policy.quality_complaint_route_hours);
    let handler = if route.role == Role::Quality { people.quality } else { people.manager };
    let created = complaint::ActiveModel {
        // Numbered from the id below, as the desk's use case does.
        number: Set(format!("CP-{}", &uuid::Uuid::new_v4().simple().to_string()[..20])),
        ticket_id: Set(c.ticket_id),
        customer_id: Set(c.customer_id),
        category: Set(c.category),
        severity: Set(c.severity),
        description: Set(c.description.to_owned()),
        received_at: Set(c.received_at),
        route_due_at: Set(route.due_at),
        routed_to_role: Set(Some(route.role)),
        attributable_to_service: Set(false),
        status: Set(ComplaintStatus::Open),
        created_at: Set(c.received_at),
        updated_at: Set(c.received_at),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let day = c.received_at.with_timezone(&Shanghai).format("%Y%m%d");
    let mut changes = complaint::ActiveModel {
        id: Set(created.id),
        number: Set(format!("CP-{day}-{:06}", created.id)),
        ..Default::default()
    };
    let taken = route
        .due_at
        .map_or(c.received_at + Duration::hours(1), |due| c.received_at + (due - c.received_at) / 2);
    let steps = [
        (ComplaintStep::Take, taken),
        (ComplaintStep::Answer, taken + Duration::hours(20)),
        (ComplaintStep::Close, taken + Duration::days(4)),
    ];
    let mut status = ComplaintStatus::Open;
    let mut version = 1;
    for (step, at) in steps {
        if c.left_open || at > now {
            break;
        }
        let Some(next) = next_status(status, step) else { break };
        match step {
            ComplaintStep::Take => {
                changes.routed_at = Set(Some(at));
                changes.handler_id = Set(handler);
            }
            ComplaintStep::Answer => {
                changes.handling = Set(Some("核实情况,安排工程师回访处理".into()));
                changes.answer = Set(Some("已向客户说明处理结果并致歉".into()));
                changes.attributable_to_service = Set(c.attributable_to_service);
            }
            ComplaintStep::Close => changes.closed_at = Set(Some(at)),
        }
        status = next;
        version += 1;
        changes.updated_at = Set(at);
    }
    changes.status = Set(status);
    changes.version = Set(version);
    changes.update(txn).await?;
    Ok(())
}

/// The complaints the desk took down directly, about tickets of the story.
/// Returns how many.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    people: &People,
    now: DateTime<Utc>,
    written: &[Written],
) -> ServiceResult<usize> {
    let policy = Policy::default();
    let batch: Vec<&Written> = written.iter().filter(|w| matches!(w.source, Source::Batch(_))).collect();
    let on_site =
        written.iter().find(|w| matches!(w.source, Source::Live(_)) && w.status == TicketStatus::OnSite);
    let paid = written
        .iter()
        .filter(|w| w.service_type == ServiceType::Paid && w.status == TicketStatus::Closed)
        .filter(|w| now - w.last_step_at > Duration::days(3))
        .max_by_key(|w| w.last_step_at);
    let mut complaints = Vec::new();
    if let Some(first) = batch.first() {
        complaints.push(DemoComplaint {
            ticket_id: Some(first.id),
            customer_id: first.customer_id,
            category: ComplaintCategory::Quality,
            severity: Severity::Major,
            description: "新机使用半年油缸即漏油,怀疑批次质量问题,要求书面答复",
            received_at: first.last_step_at - Duration::days(2),
            left_open: false,
            attributable_to_service: false,
        });
    }
    if let Some(last) = batch.last() {
        // Taken down this morning, still waiting for quality: past its
        // routing deadline.
        complaints.push(DemoComplaint {
            ticket_id: Some(last.id),
            customer_id: last.customer_id,
            category: ComplaintCategory::Quality,
            severity: Severity::Major,
            description: "同批次多台挖掘机油缸漏油,要求厂家派人彻底排查",
            received_at: now - Duration::hours(policy.quality_complaint_route_hours + 3),
            left_open: true,
            attributable_to_service: false,
        });
    }
    if let Some(t) = on_site {
        complaints.push(DemoComplaint {
            ticket_id: Some(t.id),
            customer_id: t.customer_id,
            category: ComplaintCategory::Delivery,
            severity: Severity::General,
            description: "工程师已到场,配件迟迟未到,设备停工",
            received_at: t.last_step_at + (now - t.last_step_at) / 2,
            left_open: false,
            attributable_to_service: false,
        });
    }
    if let Some(t) = paid {
        complaints.push(DemoComplaint {
            ticket_id: Some(t.id),
            customer_id: t.customer_id,
            category: ComplaintCategory::Price,
            severity: Severity::General,
            description: "维修报价高于同行,要求说明收费标准",
            received_at: t.last_step_at + Duration::days(1),
            left_open: false,
            attributable_to_service: false,
        });
    }
    let count = complaints.len();
    for c in complaints {
        file(txn, people, &policy, now, c).await?;
    }
    Ok(count)
}
