//! Sweeps: each selects from the database what is due now and queues one
//! message per recipient in the outbox, under a unique key. A sweep can run
//! any number of times, in any number of processes, late or early: the
//! database decides what is due and the key makes a message exist once.

pub mod templates;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use entity::enums::{NotificationChannel, Role, ServiceType, TicketStatus};
use entity::{
    customer, old_part, part, responsibility_determination, return_visit, stock_level, ticket, user,
    user_role, warehouse,
};

use self::templates::{Facts, Template, render};
use crate::config::Settings;
use crate::error::ServiceResult;
use crate::notify::{self, Outgoing};
use crate::rules::old_parts::{ReturnDates, delay_days};

/// Someone a message can reach.
#[derive(Debug, Clone)]
struct Recipient {
    id: i64,
    email: Option<String>,
    phone: Option<String>,
}

impl From<user::Model> for Recipient {
    fn from(u: user::Model) -> Self {
        Self { id: u.id, email: u.email, phone: u.phone }
    }
}

async fn with_role<C: ConnectionTrait>(db: &C, role: Role) -> ServiceResult<Vec<Recipient>> {
    Ok(user::Entity::find()
        .inner_join(user_role::Entity)
        .filter(user_role::Column::Role.eq(role))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(Recipient::from)
        .collect())
}

async fn user_by_id<C: ConnectionTrait>(db: &C, id: Option<i64>) -> ServiceResult<Option<Recipient>> {
    let Some(id) = id else { return Ok(None) };
    Ok(user::Entity::find_by_id(id).one(db).await?.filter(|u| u.active).map(Recipient::from))
}

/// What a message is about: the text, its facts, and the key that names
/// the occasion, so one occasion is queued once per recipient and channel.
struct Occasion<'a> {
    template: Template,
    facts: &'a Facts,
    key: String,
    /// By SMS as well as e-mail.
    sms: bool,
}

/// Queues the occasion's message to `to`.
async fn send<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    to: &Recipient,
    occasion: &Occasion<'_>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let Occasion { template, facts, key, sms } = occasion;
    let (subject, body) = render(*template, &settings.delivery.locale, facts);
    let channels = [
        (NotificationChannel::Email, to.email.as_ref()),
        (NotificationChannel::Sms, to.phone.as_ref().filter(|_| *sms)),
    ];
    for (channel, address) in channels {
        let Some(address) = address else { continue };
        let message = Outgoing {
            recipient: address.clone(),
            channel,
            template: template.name(),
            subject: Some(subject.clone()),
            body: body.clone(),
            payload: Some(serde_json::json!({ "number": facts.number, "user": to.id })),
            unique_key: format!("{key}:{}:{}", to.id, channel.as_str()),
        };
        notify::queue(db, message, now).await?;
    }
    Ok(())
}

fn today(settings: &Settings, now: DateTime<Utc>) -> chrono::NaiveDate {
    now.with_timezone(&settings.business_tz()).date_naive()
}

/// Old parts past due and not handed in: a daily reminder to the engineer
/// (e-mail and SMS) with the delay days; from the escalation day on, the
/// service managers hear of it once.
pub async fn old_parts_overdue(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let today = today(settings, now);
    let day = today.format("%Y-%m-%d");
    let late = old_part::Entity::find()
        .filter(old_part::Column::MustReturn.eq(true))
        .filter(old_part::Column::CollectedOn.is_null())
        .filter(old_part::Column::DueOn.lt(today))
        .all(db)
        .await?;
    let managers = with_role(db, Role::ServiceManager).await?;
    let mut queued = 0;
    for item in late {
        let dates = ReturnDates {
            due_on: item.due_on,
            handed_in_on: None,
            excused_until: item.promised_on.filter(|_| item.delay_reason_accepted),
        };
        let days = delay_days(&dates, today);
        if days == 0 {
            continue;
        }
        let part_number =
            part::Entity::find_by_id(item.part_id).one(db).await?.map(|p| p.part_number).unwrap_or_default();
        let facts = Facts {
            number: item.approval_number.clone(),
            part: part_number,
            due: item.due_on.to_string(),
            days,
            ..Facts::default()
        };
        if let Some(engineer) = user_by_id(db, Some(item.engineer_id)).await? {
            let key = format!("old-part-overdue:{}:{day}", item.id);
            send(
                db,
                settings,
                &engineer,
                &Occasion { template: Template::OldPartOverdue, facts: &facts, key, sms: true },
                now,
            )
            .await?;
            queued += 1;
        }
        if days >= settings.policy.old_part_escalation_days {
            for manager in &managers {
                let key = format!("old-part-escalation:{}", item.id);
                send(
                    db,
                    settings,
                    manager,
                    &Occasion { template: Template::OldPartEscalation, facts: &facts, key, sms: false },
                    now,
                )
                .await?;
            }
        }
    }
    Ok(queued)
}

/// Tickets past their reply or arrival deadline: the agent who took the
/// report hears at once, the service managers after the escalation hours.
pub async fn sla_breaches(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let escalate_before = now - Duration::hours(settings.policy.sla_escalation_hours);
    let managers = with_role(db, Role::ServiceManager).await?;
    let not_replied = ticket::Entity::find()
        .filter(ticket::Column::Status.eq(TicketStatus::Reported))
        .filter(ticket::Column::RepliedAt.is_null())
        .filter(ticket::Column::ReplyDueAt.lt(now))
        .all(db)
        .await?;
    let not_reached = ticket::Entity::find()
        .filter(ticket::Column::Status.is_in([
            TicketStatus::Accepted,
            TicketStatus::Quoted,
            TicketStatus::QuoteApproved,
            TicketStatus::Dispatched,
        ]))
        .filter(ticket::Column::ArrivedAt.is_null())
        .filter(ticket::Column::ArrivalDueAt.lt(now))
        .filter(
            Condition::any()
                .add(ticket::Column::ServiceType.ne(ServiceType::Other))
                .add(ticket::Column::ServiceType.is_null()),
        )
        .all(db)
        .await?;
    let mut queued = 0;
    let breaches =
        not_replied.into_iter().map(|t| (Template::SlaReplyOverdue, "sla-reply", t.reply_due_at, t)).chain(
            not_reached
                .into_iter()
                .map(|t| (Template::SlaArrivalOverdue, "sla-arrival", t.arrival_due_at, t)),
        );
    for (template, kind, due, job) in breaches {
        let customer =
            customer::Entity::find_by_id(job.customer_id).one(db).await?.map(|c| c.name).unwrap_or_default();
        let due_text = due.with_timezone(&settings.business_tz()).format("%Y-%m-%d %H:%M").to_string();
        let facts = Facts { number: job.number.clone(), customer, due: due_text, ..Facts::default() };
        if let Some(agent) = user_by_id(db, job.created_by).await? {
            let occasion =
                Occasion { template, facts: &facts, key: format!("{kind}:{}:agent", job.id), sms: false };
            send(db, settings, &agent, &occasion, now).await?;
            queued += 1;
        }
        if due < escalate_before {
            for manager in &managers {
                let key = format!("{kind}:{}:manager", job.id);
                send(db, settings, manager, &Occasion { template, facts: &facts, key, sms: false }, now)
                    .await?;
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// Return visits due: the agent (or every agent when none is assigned) is
/// reminded and the customer gets the survey SMS; past the escalation hours
/// the service managers hear of it.
pub async fn return_visits(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    // Past the deadline by the escalation hours: the service managers.
    let escalate_before = now - Duration::hours(settings.policy.visit_escalation_hours);
    let due = return_visit::Entity::find()
        .filter(return_visit::Column::VisitedAt.is_null())
        // Reminded on the day it falls due, not after the deadline.
        .filter(return_visit::Column::DueAt.lte(now + Duration::hours(24)))
        .all(db)
        .await?;
    let agents = with_role(db, Role::Agent).await?;
    let managers = with_role(db, Role::ServiceManager).await?;
    let mut queued = 0;
    for visit in due {
        let number = match visit.ticket_id {
            Some(id) => ticket::Entity::find_by_id(id).one(db).await?.map(|t| t.number).unwrap_or_default(),
            None => String::new(),
        };
        let owner = customer::Entity::find_by_id(visit.customer_id).one(db).await?;
        let due_text =
            visit.due_at.with_timezone(&settings.business_tz()).format("%Y-%m-%d %H:%M").to_string();
        let facts = Facts {
            number,
            customer: owner.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            due: due_text,
            ..Facts::default()
        };
        let assigned = user_by_id(db, visit.agent_id).await?;
        let to: Vec<Recipient> = match assigned {
            Some(agent) => vec![agent],
            None => agents.clone(),
        };
        for agent in &to {
            let key = format!("visit-due:{}", visit.id);
            send(
                db,
                settings,
                agent,
                &Occasion { template: Template::VisitDue, facts: &facts, key, sms: false },
                now,
            )
            .await?;
            queued += 1;
        }
        if let Some(customer) = owner {
            let survey = Recipient { id: 0, email: None, phone: customer.phone };
            let key = format!("visit-survey:{}", visit.id);
            send(
                db,
                settings,
                &survey,
                &Occasion { template: Template::VisitSurvey, facts: &facts, key, sms: true },
                now,
            )
            .await?;
        }
        if visit.due_at < escalate_before {
            for manager in &managers {
                let key = format!("visit-overdue:{}", visit.id);
                send(
                    db,
                    settings,
                    manager,
                    &Occasion { template: Template::VisitOverdue, facts: &facts, key, sms: false },
                    now,
                )
                .await?;
            }
        }
    }
    Ok(queued)
}

/// Responsibility determinations past their deadline, to quality, once.
pub async fn determinations_overdue(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let today = today(settings, now);
    let late = responsibility_determination::Entity::find()
        .filter(responsibility_determination::Column::Outcome.is_null())
        .filter(responsibility_determination::Column::DueOn.lt(today))
        .all(db)
        .await?;
    let quality = with_role(db, Role::Quality).await?;
    let mut queued = 0;
    for open in late {
        let Some(item) = old_part::Entity::find_by_id(open.old_part_id).one(db).await? else { continue };
        let part_number =
            part::Entity::find_by_id(item.part_id).one(db).await?.map(|p| p.part_number).unwrap_or_default();
        let facts = Facts {
            number: item.approval_number,
            part: part_number,
            due: open.due_on.to_string(),
            ..Facts::default()
        };
        for reviewer in &quality {
            let key = format!("determination-overdue:{}", open.id);
            send(
                db,
                settings,
                reviewer,
                &Occasion { template: Template::DeterminationOverdue, facts: &facts, key, sms: false },
                now,
            )
            .await?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// Parts below safety stock, to the warehouse keepers, once a day.
pub async fn low_stock(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let day = today(settings, now).format("%Y-%m-%d");
    let low = stock_level::Entity::find()
        .filter(Expr::col(stock_level::Column::OnHand).lt(Expr::col(stock_level::Column::SafetyStock)))
        .all(db)
        .await?;
    let keepers = with_role(db, Role::Warehouse).await?;
    let mut queued = 0;
    for level in low {
        let store = warehouse::Entity::find_by_id(level.warehouse_id)
            .one(db)
            .await?
            .map(|w| w.name)
            .unwrap_or_default();
        let part_number =
            part::Entity::find_by_id(level.part_id).one(db).await?.map(|p| p.part_number).unwrap_or_default();
        let facts = Facts {
            part: part_number,
            warehouse: store,
            on_hand: level.on_hand,
            safety: level.safety_stock,
            ..Facts::default()
        };
        for keeper in &keepers {
            let key = format!("low-stock:{}:{}:{day}", level.warehouse_id, level.part_id);
            send(
                db,
                settings,
                keeper,
                &Occasion { template: Template::LowStock, facts: &facts, key, sms: false },
                now,
            )
            .await?;
            queued += 1;
        }
    }
    Ok(queued)
}
