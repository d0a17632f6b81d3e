//! Sweeps: each selects from the database what is due now and queues one
//! message per recipient in the outbox, under a unique key. A sweep can run
//! any number of times, in any number of processes, late or early: the
//! database decides what is due and the key makes a message exist once.

mod complaints;
pub mod templates;

pub(crate) use complaints::complaint_received;
pub use complaints::complaints_unrouted;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};

use entity::enums::{ComplaintStatus, NotificationChannel, Role};
use entity::{
    complaint, customer, notification, old_part, part, responsibility_determination, return_visit,
    stock_level, ticket, user, user_role, warehouse,
};

use self::templates::{Facts, Template, render};
use crate::config::Settings;
use crate::error::ServiceResult;
use crate::notify::{self, Outgoing};
use crate::rules::old_parts::{self, ReturnDates, delay_days};
use crate::rules::sla;

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

/// The record a reminder is about, kept in the message's payload so the
/// sender can check, just before sending, that it still needs saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum About {
    OldPart { id: i64 },
    TicketReply { id: i64 },
    TicketArrival { id: i64 },
    Visit { id: i64 },
    Determination { id: i64 },
    Stock { warehouse: i64, part: i64 },
    Complaint { id: i64 },
}

/// What a message is about: the text, its facts, the record, and the key
/// that names the occasion, so one occasion is queued once per recipient
/// and channel.
struct Occasion<'a> {
    template: Template,
    facts: &'a Facts,
    about: About,
    key: String,
    /// By SMS as well as e-mail.
    sms: bool,
}

// What makes each kind of record worth a reminder. The sweep selects by
// it and the sender checks it again, so both judge by the same rule.

fn visit_open(now: DateTime<Utc>) -> Condition {
    // Reminded on the day it falls due, not after the deadline.
    Condition::all()
        .add(return_visit::Column::VisitedAt.is_null())
        .add(return_visit::Column::DueAt.lte(now + Duration::hours(24)))
}

fn determination_late(today: NaiveDate) -> Condition {
    Condition::all()
        .add(responsibility_determination::Column::Outcome.is_null())
        .add(responsibility_determination::Column::DueOn.lt(today))
}

fn complaint_not_taken() -> Condition {
    Condition::all()
        .add(complaint::Column::Status.eq(ComplaintStatus::Open))
        .add(complaint::Column::RoutedAt.is_null())
}

fn below_safety_stock() -> Condition {
    Condition::all()
        .add(Expr::col(stock_level::Column::OnHand).lt(Expr::col(stock_level::Column::SafetyStock)))
}

/// Whether the reminder `message` still needs saying: the old part is still
/// out, the ticket still unanswered, the visit still not made. A message
/// that names no record (or one queued before records were named) does.
pub async fn still_due<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    message: &notification::Model,
    now: DateTime<Utc>,
) -> ServiceResult<bool> {
    let about = message.payload.as_ref().and_then(|p| p.get("about")).cloned();
    let Some(about) = about.and_then(|a| serde_json::from_value::<About>(a).ok()) else { return Ok(true) };
    let today = today(settings, now);
    let matching = match about {
        About::OldPart { id } => {
            old_part::Entity::find_by_id(id)
                .filter(old_parts::overdue_condition(old_part::Entity, today))
                .count(db)
                .await?
        }
        About::TicketReply { id } => {
            ticket::Entity::find_by_id(id)
                .filter(sla::sql::reply_still_owed_and_late(ticket::Entity, now))
                .count(db)
                .await?
        }
        About::TicketArrival { id } => {
            ticket::Entity::find_by_id(id)
                .filter(sla::sql::arrival_still_owed_and_late(ticket::Entity, now))
                .count(db)
                .await?
        }
        About::Visit { id } => return_visit::Entity::find_by_id(id).filter(visit_open(now)).count(db).await?,
        About::Determination { id } => {
            responsibility_determination::Entity::find_by_id(id)
                .filter(determination_late(today))
                .count(db)
                .await?
        }
        About::Complaint { id } => {
            complaint::Entity::find_by_id(id).filter(complaint_not_taken()).count(db).await?
        }
        About::Stock { warehouse, part } => {
            stock_level::Entity::find()
                .filter(stock_level::Column::WarehouseId.eq(warehouse))
                .filter(stock_level::Column::PartId.eq(part))
                .filter(below_safety_stock())
                .count(db)
                .await?
        }
    };
    Ok(matching > 0)
}

/// Claims message `id` for sending (see [`notify::claim`]) if what it is
/// about still needs saying; otherwise cancels it. `None`: nothing to send.
pub async fn claim_for_sending<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    channels: &[NotificationChannel],
    id: i64,
    now: DateTime<Utc>,
) -> ServiceResult<Option<notification::Model>> {
    let Some(message) = notify::claim(db, &settings.delivery, channels, id, now).await? else {
        return Ok(None);
    };
    if still_due(db, settings, &message, now).await? {
        return Ok(Some(message));
    }
    notify::cancel(db, &message, "no longer due when its turn came", now).await?;
    Ok(None)
}

/// Queues the occasion's message to `to`.
async fn send<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    to: &Recipient,
    occasion: &Occasion<'_>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let Occasion { template, facts, about, key, sms } = occasion;
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
            payload: Some(serde_json::json!({ "number": facts.number, "user": to.id, "about": about })),
            unique_key: format!("{key}:{}:{}", to.id, channel.as_str()),
            report_id: None,
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
        .filter(old_parts::overdue_condition(old_part::Entity, today))
        .all(db)
        .await?;
    let managers = with_role(db, Role::ServiceManager).await?;
    let mut queued = 0;
    for item in late {
        let dates = ReturnDates::of(&item);
        let days = delay_days(&dates, today);
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
                &Occasion {
                    template: Template::OldPartOverdue,
                    facts: &facts,
                    about: About::OldPart { id: item.id },
                    key,
                    sms: true,
                },
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
                    &Occasion {
                        template: Template::OldPartEscalation,
                        facts: &facts,
                        about: About::OldPart { id: item.id },
                        key,
                        sms: false,
                    },
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
        .filter(sla::sql::reply_still_owed_and_late(ticket::Entity, now))
        .all(db)
        .await?;
    let not_reached = ticket::Entity::find()
        .filter(sla::sql::arrival_still_owed_and_late(ticket::Entity, now))
        .all(db)
        .await?;
    let mut queued = 0;
    let breaches = not_replied
        .into_iter()
        .map(|t| (Template::SlaReplyOverdue, "sla-reply", t.reply_due_at, About::TicketReply { id: t.id }, t))
        .chain(not_reached.into_iter().map(|t| {
            (
                Template::SlaArrivalOverdue,
                "sla-arrival",
                t.arrival_due_at,
                About::TicketArrival { id: t.id },
                t,
            )
        }));
    for (template, kind, due, about, job) in breaches {
        let customer =
            customer::Entity::find_by_id(job.customer_id).one(db).await?.map(|c| c.name).unwrap_or_default();
        let due_text = due.with_timezone(&settings.business_tz()).format("%Y-%m-%d %H:%M").to_string();
        let facts = Facts { number: job.number.clone(), customer, due: due_text, ..Facts::default() };
        if let Some(agent) = user_by_id(db, job.created_by).await? {
            let key = format!("{kind}:{}:agent", job.id);
            let occasion = Occasion { template, facts: &facts, about, key, sms: false };
            send(db, settings, &agent, &occasion, now).await?;
            queued += 1;
        }
        if due < escalate_before {
            for manager in &managers {
                let key = format!("{kind}:{}:manager", job.id);
                let occasion = Occasion { template, facts: &facts, about, key, sms: false };
                send(db, settings, manager, &occasion, now).await?;
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
    let due = return_visit::Entity::find().filter(visit_open(now)).all(db).await?;
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
                &Occasion {
                    template: Template::VisitDue,
                    facts: &facts,
                    about: About::Visit { id: visit.id },
                    key,
                    sms: false,
                },
                now,
            )
            .await?;
            queued += 1;
        }
        if let Some(customer) = owner {
            let survey = Recipient { id: 0, email: customer.email, phone: customer.phone };
            let key = format!("visit-survey:{}", visit.id);
            send(
                db,
                settings,
                &survey,
                &Occasion {
                    template: Template::VisitSurvey,
                    facts: &facts,
                    about: About::Visit { id: visit.id },
                    key,
                    sms: true,
                },
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
                    &Occasion {
                        template: Template::VisitOverdue,
                        facts: &facts,
                        about: About::Visit { id: visit.id },
                        key,
                        sms: false,
                    },
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
    let late = responsibility_determination::Entity::find().filter(determination_late(today)).all(db).await?;
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
                &Occasion {
                    template: Template::DeterminationOverdue,
                    facts: &facts,
                    about: About::Determination { id: open.id },
                    key,
                    sms: false,
                },
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
    let low = stock_level::Entity::find().filter(below_safety_stock()).all(db).await?;
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
                &Occasion {
                    template: Template::LowStock,
                    facts: &facts,
                    about: About::Stock { warehouse: level.warehouse_id, part: level.part_id },
                    key,
                    sms: false,
                },
                now,
            )
            .await?;
            queued += 1;
        }
    }
    Ok(queued)
}
