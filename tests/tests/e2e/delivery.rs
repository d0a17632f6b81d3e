//! The worker against real receivers: sweeps queue each due reminder once,
//! delivery sends each once however many workers run, a receiver that is
//! down means retries then delivery, and a message that keeps failing ends
//! dead until a manager resends it. The `aftersales-worker` processes
//! killed mid-run are in `worker_processes`.

use calamine::Reader;
use chrono::{Datelike, Duration, Utc};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use entity::notification;
use jobs::{DeliverJob, SweepJob, SweepKind};
use sea_orm::EntityTrait;
use sea_orm::sea_query::Expr;
use service::config::{Delivery, Settings};
use service::usecase::identity::{self, NewUser};
use worker::delivery::Outcome;
use worker::runner::{Context, handle_delivery, handle_sweep};

use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app, spawn_app_with, test_settings};
use crate::on_both_backends;
use crate::parts::{business_today, part, receive, repair_with, site};
use entity::enums::Role;
use tests::sinks::{SmsSink, SmtpSink};

on_both_backends!(
    overdue_old_part_reminders_arrive_once_by_email_and_sms_with_three_workers,
    receiver_down_means_retries_then_one_delivery,
    a_message_that_keeps_failing_is_dead_until_resent,
    three_workers_on_redis_deliver_each_reminder_once,
    three_workers_on_the_sqlite_job_store_deliver_each_reminder_once,
    a_restarted_worker_catches_up_on_what_fell_due_while_it_was_down,
    the_job_dashboard_shows_the_redis_queues_to_admins_only,
    a_reminder_whose_part_came_back_before_sending_is_cancelled,
    a_due_report_is_stored_once_and_mailed_to_management_with_its_workbook,
    the_job_dashboard_shows_the_embedded_queues_to_admins_only,
    unanswered_report_goes_to_the_agent_then_the_manager,
);

async fn sql(app: &TestApp, statement: &str) {
    app.db
        .execute_raw(Statement::from_string(app.db.get_database_backend(), statement.to_owned()))
        .await
        .expect("statement runs");
}

/// An old part three days past due, the engineer reachable by mail and phone.
async fn overdue_old_part(app: &TestApp) -> String {
    let site = site(app).await;
    let seal = part(app, &site.admin, "HY-SEAL-04", "380", "1", None).await;
    receive(app, &site, &seal, 1).await;
    repair_with(app, &site, json!([{"partId": seal, "quantity": 1}])).await;
    sql(app, "UPDATE users SET email = 'eng@example.cn', phone = '13900000001' WHERE username = 'eng.hyd'")
        .await;
    let due = business_today() - Duration::days(3);
    sql(app, &format!("UPDATE old_parts SET due_on = '{due}'")).await;
    site.manager
}

fn settings_for(
    app: &TestApp,
    smtp: &str,
    sms: Option<String>,
    tweak: impl FnOnce(&mut Delivery),
) -> Settings {
    let mut settings = test_settings(&app.database.url);
    settings.delivery.smtp_url = Some(smtp.to_owned());
    settings.delivery.sms_url = sms;
    tweak(&mut settings.delivery);
    settings
}

async fn statuses(app: &TestApp) -> Vec<(String, i32)> {
    notification::Entity::find()
        .all(&app.db)
        .await
        .expect("outbox")
        .into_iter()
        .map(|n| (n.status.as_str().to_owned(), n.attempts))
        .collect()
}

/// The worker's real job handlers, in this process, as one worker process
/// runs them over `settings`. Their job store is a SQLite file of the
/// test's own, so what they push goes nowhere else.
pub(crate) async fn handlers(app: &TestApp, mut settings: Settings) -> Context {
    let file = app.database.file("jobs.db");
    settings.redis_url = None;
    settings.job_store_url = Some(format!("sqlite://{}?mode=rwc", file.display()));
    let store = jobs::JobStore::open(&settings).await.expect("job store");
    Context::new(app.db.clone(), settings, store).expect("handlers")
}

/// Each of `kinds` swept once by the real sweep handler, as a queued
/// sweep job is; the delivery jobs they pushed (each message once).
pub(crate) async fn sweep(ctx: &Context, kinds: &[SweepKind]) -> Vec<DeliverJob> {
    let mut pushed = Vec::new();
    for kind in kinds {
        let job = SweepJob { kind: *kind, tick: 0 };
        let swept = handle_sweep(ctx, &job, 1).await.unwrap_or_else(|e| panic!("sweep {}: {e}", kind.name()));
        pushed.extend(swept.deliveries);
    }
    pushed.sort_by_key(|job| job.notification_id);
    pushed.dedup();
    pushed
}

/// How a round of delivery jobs went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Round {
    sent: usize,
    failed: usize,
    dead: usize,
    /// Jobs with nothing to send: sent already, not due, no longer needed.
    idle: usize,
}

/// `jobs` run one after the other by the real delivery handler, as a
/// delivery worker takes them from the queue.
async fn deliver(ctx: &Context, jobs: &[DeliverJob]) -> Round {
    let mut round = Round::default();
    for job in jobs {
        match handle_delivery(ctx, job).await.expect("delivery job") {
            Some(Outcome::Sent) => round.sent += 1,
            Some(Outcome::Failed) => round.failed += 1,
            Some(Outcome::Dead) => round.dead += 1,
            None => round.idle += 1,
        }
    }
    round
}

async fn overdue_old_part_reminders_arrive_once_by_email_and_sms_with_three_workers(backend: Backend) {
    let app = spawn_app(backend).await;
    overdue_old_part(&app).await;
    let smtp = SmtpSink::start(0).await;
    let sms = SmsSink::start().await;
    let settings = settings_for(&app, &smtp.url(), Some(sms.url()), |_| {});
    let (a, b, c) = (
        handlers(&app, settings.clone()).await,
        handlers(&app, settings.clone()).await,
        handlers(&app, settings).await,
    );

    // Sweeps in three processes, twice: the database decides what exists.
    let mut pushed = Vec::new();
    for _ in 0..2 {
        let kinds = [SweepKind::OldParts];
        let (x, y, z) = tokio::join!(sweep(&a, &kinds), sweep(&b, &kinds), sweep(&c, &kinds));
        pushed.extend(x.into_iter().chain(y).chain(z));
    }
    assert_eq!(
        app.count("notifications WHERE template = 'old_part_overdue'").await,
        2,
        "mail and SMS to the engineer"
    );
    assert_eq!(
        app.count("notifications WHERE template = 'old_part_escalation'").await,
        1,
        "three days late: the manager too"
    );

    // The queue keeps one job per message whoever pushed it.
    pushed.sort_by_key(|job| job.notification_id);
    pushed.dedup();
    assert_eq!(pushed.len(), 3, "a delivery job per message");

    // Each job delivered to all three (the queue delivers at least once).
    let (x, y, z) = tokio::join!(deliver(&a, &pushed), deliver(&b, &pushed), deliver(&c, &pushed));
    assert_eq!(x.sent + y.sent + z.sent, 3);
    assert_eq!(deliver(&a, &pushed).await.sent, 0, "a job delivered again sends nothing");
    assert!(sweep(&a, &[SweepKind::Outbox]).await.is_empty(), "nothing left to deliver");

    let mails = smtp.received();
    assert_eq!(mails.len(), 2, "one mail to the engineer, one to the manager");
    let to_engineer = mails.iter().find(|m| m.to == ["eng@example.cn"]).expect("the engineer's mail");
    assert!(to_engineer.text().contains("已延期 3 天"), "{}", to_engineer.data);
    assert!(mails.iter().any(|m| m.to == ["manager@example.cn"]));
    let texts = sms.received();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0]["to"], "13900000001");
    assert!(texts[0]["text"].as_str().unwrap_or_default().contains("已延期 3 天"));
    assert!(statuses(&app).await.iter().all(|(s, attempts)| s == "SENT" && *attempts == 1));
}

async fn receiver_down_means_retries_then_one_delivery(backend: Backend) {
    let app = spawn_app(backend).await;
    overdue_old_part(&app).await;
    // A port nobody listens on yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
    let settings = settings_for(&app, &format!("smtp://127.0.0.1:{port}"), None, |_| {});
    let ctx = handlers(&app, settings).await;
    // No SMS gateway here: the SMS waits, and only the mails get jobs.
    let pushed = sweep(&ctx, &[SweepKind::OldParts]).await;
    sql(&app, "DELETE FROM notifications WHERE channel = 'SMS'").await;
    let down = deliver(&ctx, &pushed).await;
    assert_eq!((down.sent, down.failed), (0, 2));
    assert!(sweep(&ctx, &[SweepKind::Outbox]).await.is_empty(), "nothing is due again before its backoff");
    let later = deliver(&ctx, &pushed).await;
    assert_eq!((later.failed, later.idle), (0, 2), "a job delivered again before the backoff tries nothing");
    assert!(
        app.count("notifications WHERE status = 'PENDING' AND attempts = 1 AND last_error IS NOT NULL").await
            == 2
    );

    let smtp = SmtpSink::start(port).await;
    // The backoff has passed.
    notification::Entity::update_many()
        .col_expr(notification::Column::NextAttemptAt, Expr::value(Utc::now() - Duration::seconds(1)))
        .exec(&app.db)
        .await
        .expect("backoff over");
    let up = deliver(&ctx, &sweep(&ctx, &[SweepKind::Outbox]).await).await;
    assert_eq!(up.sent, 2);
    assert_eq!(smtp.received().len(), 2, "each message once");
    assert!(statuses(&app).await.iter().all(|(s, attempts)| s == "SENT" && *attempts == 2));
    // The handlers counted what they did, as /metrics shows it.
    let metrics = ctx.metrics.render(&ctx).await;
    for line in [
        "aftersales_worker_deliveries_total{outcome=\"sent\"} 2",
        "aftersales_worker_deliveries_total{outcome=\"failed\"} 2",
        "aftersales_worker_jobs_total{kind=\"old_parts\",outcome=\"done\"} 1",
        "aftersales_worker_jobs_total{kind=\"outbox\",outcome=\"done\"} 2",
        "aftersales_worker_outbox_up 1",
        "aftersales_worker_outbox_depth{status=\"PENDING\"} 0",
    ] {
        assert!(metrics.contains(&format!("{line}\n")), "{line} in\n{metrics}");
    }
}

async fn a_message_that_keeps_failing_is_dead_until_resent(backend: Backend) {
    let app = spawn_app(backend).await;
    let manager = overdue_old_part(&app).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
    let settings = settings_for(&app, &format!("smtp://127.0.0.1:{port}"), None, |d| d.max_attempts = 1);
    let ctx = handlers(&app, settings).await;
    let pushed = sweep(&ctx, &[SweepKind::OldParts]).await;
    sql(&app, "DELETE FROM notifications WHERE channel = 'SMS' OR template <> 'old_part_overdue'").await;
    let round = deliver(&ctx, &pushed).await;
    assert_eq!((round.dead, round.idle), (1, 1), "the escalation's job finds its message gone");

    let dead = app
        .gql(Some(&manager), "{ notifications(filter: {status: DEAD}) { totalCount edges { node { id recipient template lastError attempts } } } }", json!({}))
        .await;
    let node = dead.expect_ok()["notifications"]["edges"][0]["node"].clone();
    assert_eq!(node["recipient"], "eng@example.cn");
    assert!(node["lastError"].is_string());
    let resent = app
        .gql(
            Some(&manager),
            "mutation($id: ID!) { resendNotification(id: $id) { notification { status attempts } } }",
            json!({"id": node["id"]}),
        )
        .await;
    assert_eq!(resent.expect_ok()["resendNotification"]["notification"]["status"], "PENDING");
    let twice = app
        .gql(
            Some(&manager),
            "mutation($id: ID!) { resendNotification(id: $id) { notification { status } } }",
            json!({"id": node["id"]}),
        )
        .await;
    assert_eq!(twice.error_code(), Some("INVALID_TRANSITION"), "only dead messages are resent");

    let smtp = SmtpSink::start(port).await;
    let round = deliver(&ctx, &sweep(&ctx, &[SweepKind::Outbox]).await).await;
    assert_eq!(round.sent, 1);
    assert_eq!(smtp.received().len(), 1);
}

/// Every schedule ticking each second.
fn tick_every_second(settings: &mut Settings) {
    let every_second = "* * * * * *".to_owned();
    settings.schedules = service::config::Schedules {
        return_visits: every_second.clone(),
        sla: every_second.clone(),
        old_parts: every_second.clone(),
        determinations: every_second.clone(),
        low_stock: every_second.clone(),
        complaints: every_second.clone(),
        outbox: every_second,
        ..settings.schedules.clone()
    };
}

/// Where the workers' jobs wait in a test.
#[derive(Clone, Copy, Debug)]
enum Queues {
    Redis,
    /// The embedded default's SQLite job store, one file for all.
    Sqlite,
}

fn use_queues(settings: &mut Settings, queues: Queues) {
    settings.queue_prefix = format!("test-{}", uuid::Uuid::new_v4().simple());
    settings.worker_bind = "127.0.0.1:0".into();
    match queues {
        Queues::Redis => settings.redis_url = Some(crate::helpers::redis_url()),
        Queues::Sqlite => {
            let file = std::env::temp_dir().join(format!("{}-jobs.db", settings.queue_prefix));
            settings.redis_url = None;
            settings.job_store_url = Some(format!("sqlite://{}?mode=rwc", file.display()));
        }
    }
}

/// Worker processes' worth of workers in this process, each with its own
/// connection to the queues, until the returned senders fire.
async fn start_workers(
    app: &TestApp,
    settings: &Settings,
    count: usize,
) -> (Vec<tokio::sync::oneshot::Sender<()>>, Vec<tokio::task::JoinHandle<anyhow::Result<()>>>) {
    let mut stops = Vec::new();
    let mut workers = Vec::new();
    for _ in 0..count {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        stops.push(stop);
        let store = jobs::JobStore::open(settings).await.expect("job queues open");
        let (db, settings) = (app.db.clone(), settings.clone());
        workers.push(tokio::spawn(worker::runner::run(db, settings, store, false, async move {
            let _ = stopped.await;
        })));
    }
    (stops, workers)
}

async fn stop_workers(
    stops: Vec<tokio::sync::oneshot::Sender<()>>,
    workers: Vec<tokio::task::JoinHandle<anyhow::Result<()>>>,
) {
    for stop in stops {
        let _ = stop.send(());
    }
    for worker in workers {
        let stopped = tokio::time::timeout(std::time::Duration::from_secs(30), worker).await;
        assert!(matches!(stopped, Ok(Ok(Ok(())))), "the worker stops cleanly: {stopped:?}");
    }
}

/// Waits until `done` holds, for at most `secs`; past that the test fails
/// here, saying what it waited for, rather than at a later assertion.
#[track_caller]
pub(crate) fn wait_until(
    what: &str,
    done: impl Fn() -> bool,
    secs: u64,
) -> impl std::future::Future<Output = ()> {
    let caller = std::panic::Location::caller();
    let what = what.to_owned();
    async move {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        while !done() {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out after {secs} s waiting until {what} (at {caller})"
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}

/// Three workers on one queue backend, every schedule ticking each second:
/// each due reminder arrives once, and keeps arriving once tick after tick.
async fn three_workers_deliver_each_reminder_once(backend: Backend, queues: Queues) {
    let app = spawn_app(backend).await;
    overdue_old_part(&app).await;
    let smtp = SmtpSink::start(0).await;
    let sms = SmsSink::start().await;
    let mut settings = settings_for(&app, &smtp.url(), Some(sms.url()), |_| {});
    tick_every_second(&mut settings);
    use_queues(&mut settings, queues);
    let (stops, workers) = start_workers(&app, &settings, 3).await;
    // Mail and SMS to the engineer, mail to the manager.
    wait_until(
        "two mails and an SMS arrived",
        || smtp.received().len() >= 2 && !sms.received().is_empty(),
        40,
    )
    .await;
    // A few more ticks in every worker: nothing more may arrive.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    stop_workers(stops, workers).await;
    assert_eq!(smtp.received().len(), 2, "each mail once");
    assert_eq!(sms.received().len(), 1, "the SMS once");
    assert_eq!(app.count("notifications WHERE status = 'SENT'").await, 3);
}

async fn three_workers_on_redis_deliver_each_reminder_once(backend: Backend) {
    three_workers_deliver_each_reminder_once(backend, Queues::Redis).await;
}

async fn three_workers_on_the_sqlite_job_store_deliver_each_reminder_once(backend: Backend) {
    three_workers_deliver_each_reminder_once(backend, Queues::Sqlite).await;
}

/// The sweep queues the overdue reminders; before the sender's turn comes
/// the part is handed in. The sender checks again and cancels them: no
/// mail, no SMS, and the outbox says why.
async fn a_reminder_whose_part_came_back_before_sending_is_cancelled(backend: Backend) {
    let app = spawn_app(backend).await;
    overdue_old_part(&app).await;
    let smtp = SmtpSink::start(0).await;
    let sms = SmsSink::start().await;
    let settings = settings_for(&app, &smtp.url(), Some(sms.url()), |_| {});
    let ctx = handlers(&app, settings).await;
    let old_parts = SweepJob { kind: SweepKind::OldParts, tick: 0 };
    let swept = handle_sweep(&ctx, &old_parts, 1).await.expect("sweep");
    assert_eq!(swept.queued, 3, "the sweep counts what it newly queued");
    let pushed = swept.deliveries;
    assert_eq!(
        app.count("notifications WHERE status = 'PENDING'").await,
        3,
        "mail and SMS to the engineer, mail to the manager"
    );
    let again = handle_sweep(&ctx, &old_parts, 1).await.expect("sweep again");
    assert_eq!(
        (again.queued, again.deliveries),
        (0, pushed.clone()),
        "nothing new; the same jobs pushed again"
    );
    sql(&app, &format!("UPDATE old_parts SET collected_on = '{}'", business_today())).await;

    let round = deliver(&ctx, &pushed).await;
    assert_eq!((round.sent, round.idle), (0, 3));
    assert!(smtp.received().is_empty() && sms.received().is_empty(), "nothing sent");
    assert_eq!(
        app.count("notifications WHERE status = 'CANCELLED' AND last_error LIKE 'no longer due%'").await,
        3
    );
    sweep(&ctx, &[SweepKind::OldParts]).await;
    assert_eq!(app.count("notifications").await, 3, "a part handed in is not reminded of again");
}

/// The monthly KPI report ticking every second in two workers: last
/// month's report is stored once, and each manager gets one mail with the
/// workbook attached, however many ticks and workers there are.
async fn a_due_report_is_stored_once_and_mailed_to_management_with_its_workbook(backend: Backend) {
    let app = spawn_app(backend).await;
    let _site = site(&app).await;
    identity::create_user(
        &app.db,
        None,
        NewUser {
            username: "gm".into(),
            password: PASSWORD.into(),
            roles: vec![Role::GeneralManager],
            email: Some("gm@example.cn".into()),
            ..NewUser::default()
        },
    )
    .await
    .expect("general manager");
    let smtp = SmtpSink::start(0).await;
    let mut settings = settings_for(&app, &smtp.url(), None, |_| {});
    settings.schedules.kpi_report = "* * * * * *".into();
    settings.schedules.outbox = "* * * * * *".into();
    use_queues(&mut settings, Queues::Sqlite);
    let (stops, workers) = start_workers(&app, &settings, 2).await;
    wait_until("both managers' mails arrived", || smtp.received().len() >= 2, 40).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    stop_workers(stops, workers).await;

    let this_month = business_today().with_day(1).expect("first day");
    let last_month = this_month.checked_sub_months(chrono::Months::new(1)).expect("month");
    let file = format!("kpi-{}.xlsx", last_month.format("%Y-%m"));
    assert_eq!(app.count("reports WHERE kind = 'KPI'").await, 1, "stored once, however many ticks");
    let mails = smtp.received();
    let mut recipients: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    assert_eq!(recipients, ["gm@example.cn", "manager@example.cn"], "management, once each");
    for mail in &mails {
        assert!(
            mail.data.contains(&format!("filename=\"{file}\"")),
            "the workbook is attached: {}",
            mail.data
        );
        let workbook = attachment(&mail.data);
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(workbook)).expect("a real XLSX file");
        let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
        let header: Vec<String> =
            sheet.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
        assert_eq!(header[..3], ["分组", "名称", "工单数"]);
        let last = sheet.rows().next_back().expect("the total row");
        assert_eq!(last[0].to_string(), "合计");
    }
    assert_eq!(app.count("notifications WHERE template = 'scheduled_report' AND status = 'SENT'").await, 2);
}

/// The base64 body of the mail's attachment part, decoded.
fn attachment(raw: &str) -> Vec<u8> {
    use base64::Engine;
    let raw = raw.replace("\r\n", "\n");
    let part = raw.split("Content-Disposition: attachment").nth(1).expect("an attachment part");
    let body = part.split("\n\n").nth(1).expect("the part's body");
    let encoded: String =
        body.lines().take_while(|l| !l.starts_with("--")).flat_map(|l| l.trim().chars()).collect();
    base64::engine::general_purpose::STANDARD.decode(encoded).expect("base64")
}

/// After a worker delivered a reminder, the job dashboard shows both queues
/// with their figures, the worker and its latest jobs, to an ADMIN; anyone
/// else is refused. The page itself is plain HTML that reads the same query.
async fn the_job_dashboard_shows_the_queues_to_admins_only(backend: Backend, queues: Queues) {
    let mut on_queues = test_settings("");
    use_queues(&mut on_queues, queues);
    let app = spawn_app_with(backend, |s| {
        s.redis_url.clone_from(&on_queues.redis_url);
        s.job_store_url.clone_from(&on_queues.job_store_url);
        s.queue_prefix.clone_from(&on_queues.queue_prefix);
    })
    .await;
    overdue_old_part(&app).await;
    let smtp = SmtpSink::start(0).await;
    let mut settings = settings_for(&app, &smtp.url(), None, |_| {});
    settings.redis_url = on_queues.redis_url;
    settings.job_store_url = on_queues.job_store_url;
    settings.queue_prefix = on_queues.queue_prefix;
    settings.worker_bind = "127.0.0.1:0".into();
    let (stops, workers) = start_workers(&app, &settings, 1).await;
    wait_until(
        "the engineer's reminder and the manager's escalation arrived",
        || smtp.received().len() >= 2,
        30,
    )
    .await;

    let query = "{ jobQueues(recent: 50) { name backend stats { name value } workers { name lastHeartbeat } recent { status attempt args } } }";
    let admin = app.user_with("ops", &[Role::Admin], None).await;
    let done_jobs = |queue: &serde_json::Value| {
        queue["stats"]
            .as_array()
            .and_then(|stats| stats.iter().find(|s| s["name"] == "DONE_JOBS"))
            .and_then(|s| s["value"].as_str())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or_default()
    };
    // The queue records a job done a moment after its mail went out.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let queues_shown = loop {
        let shown = app.gql(Some(&admin), query, json!({})).await;
        let queues_shown = shown.expect_ok()["jobQueues"].as_array().expect("queues").clone();
        if done_jobs(&queues_shown[1]) >= 2.0 || std::time::Instant::now() > deadline {
            break queues_shown;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    stop_workers(stops, workers).await;
    let names: Vec<&str> = queues_shown.iter().filter_map(|q| q["name"].as_str()).collect();
    assert_eq!(names, ["sweep", "deliver"]);
    let deliver = &queues_shown[1];
    let backend_name = if matches!(queues, Queues::Redis) { "redis" } else { "sqlite" };
    assert_eq!(deliver["backend"], backend_name);
    assert!(done_jobs(deliver) >= 2.0, "two deliveries done: {deliver}");
    assert!(!deliver["workers"].as_array().expect("workers").is_empty(), "{deliver}");
    let recent = deliver["recent"].as_array().expect("recent jobs");
    assert!(
        recent.iter().any(|j| j["args"].as_str().is_some_and(|a| a.contains("notification_id"))),
        "{deliver}"
    );

    let manager = app.user_with("lead", &[Role::ServiceManager], None).await;
    let refused = app.gql(Some(&manager), query, json!({})).await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"));
    // The dashboard is the console's page now (it reads `jobQueues` as above).
    let page = app.http.get(format!("{}/admin/jobs", app.address)).send().await.expect("page");
    assert!(page.status().is_success());
    assert!(page.text().await.expect("html").contains("<div id=\"root\">"), "the console's page");
}

async fn the_job_dashboard_shows_the_redis_queues_to_admins_only(backend: Backend) {
    the_job_dashboard_shows_the_queues_to_admins_only(backend, Queues::Redis).await;
}

async fn the_job_dashboard_shows_the_embedded_queues_to_admins_only(backend: Backend) {
    the_job_dashboard_shows_the_queues_to_admins_only(backend, Queues::Sqlite).await;
}

/// The worker is down while things fall due (a day passes: an old part goes
/// overdue, a report misses its reply deadline); the schedules are far off.
/// On restart the catch-up sweep finds them at once: each new reminder
/// arrives once, and what was sent before the stop is not sent again.
async fn a_restarted_worker_catches_up_on_what_fell_due_while_it_was_down(backend: Backend) {
    let app = spawn_app(backend).await;
    overdue_old_part(&app).await;
    let smtp = SmtpSink::start(0).await;
    let mut settings = settings_for(&app, &smtp.url(), None, |_| {});
    // Once a year: only the start-up sweep can find anything in this test.
    let yearly = "0 0 3 1 1 *".to_owned();
    settings.schedules = service::config::Schedules {
        return_visits: yearly.clone(),
        sla: yearly.clone(),
        old_parts: yearly.clone(),
        determinations: yearly.clone(),
        low_stock: yearly.clone(),
        complaints: yearly.clone(),
        outbox: yearly,
        ..settings.schedules.clone()
    };
    use_queues(&mut settings, Queues::Redis);

    let (stops, workers) = start_workers(&app, &settings, 1).await;
    wait_until(
        "the engineer's reminder and the manager's escalation arrived",
        || smtp.received().len() >= 2,
        30,
    )
    .await;
    stop_workers(stops, workers).await;
    assert_eq!(smtp.received().len(), 2, "before the stop: the reminder and the escalation");

    // While the worker is down, a day passes: the repair's ticket, reopened
    // as a report, misses its reply deadline by thirty hours.
    entity::ticket::Entity::update_many()
        .col_expr(entity::ticket::Column::Status, Expr::value("REPORTED"))
        .col_expr(entity::ticket::Column::RepliedAt, Expr::value(Option::<chrono::DateTime<Utc>>::None))
        .col_expr(entity::ticket::Column::ReplyDueAt, Expr::value(Utc::now() - Duration::hours(30)))
        .exec(&app.db)
        .await
        .expect("ticket overdue");
    sql(&app, "UPDATE users SET email = 'agent@example.cn' WHERE username = 'agent1'").await;

    let (stops, workers) = start_workers(&app, &settings, 1).await;
    wait_until("the catch-up sweep's two reminders arrived", || smtp.received().len() >= 4, 30).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    stop_workers(stops, workers).await;
    let mut recipients: Vec<String> = smtp.received().iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        ["agent@example.cn", "eng@example.cn", "manager@example.cn", "manager@example.cn"],
        "the report to the agent and the manager; the old part not again"
    );
    assert_eq!(app.count("notifications WHERE template = 'sla_reply_overdue' AND status = 'SENT'").await, 2);
    assert_eq!(app.count("notifications WHERE status = 'SENT'").await, 4);
}

/// Every ticket is REPORTED and `hours` past its reply deadline; the outbox is empty.
async fn reply_overdue_by(app: &TestApp, hours: i64) {
    notification::Entity::delete_many().exec(&app.db).await.expect("outbox emptied");
    entity::ticket::Entity::update_many()
        .col_expr(entity::ticket::Column::Status, Expr::value("REPORTED"))
        .col_expr(entity::ticket::Column::RepliedAt, Expr::value(Option::<chrono::DateTime<Utc>>::None))
        .col_expr(entity::ticket::Column::ReplyDueAt, Expr::value(Utc::now() - Duration::hours(hours)))
        .exec(&app.db)
        .await
        .expect("ticket overdue");
}

/// A report not answered in time goes to the agent who took it; four hours
/// on, to the service manager as well. Sweeping again adds nothing.
async fn unanswered_report_goes_to_the_agent_then_the_manager(backend: Backend) {
    let app = spawn_app(backend).await;
    overdue_old_part(&app).await;
    sql(&app, "DELETE FROM old_parts").await;
    sql(&app, "UPDATE users SET email = 'agent@example.cn' WHERE username = 'agent1'").await;
    let ctx = handlers(&app, test_settings(&app.database.url)).await;
    reply_overdue_by(&app, 1).await;
    sweep(&ctx, &[SweepKind::Sla]).await;
    assert_eq!(
        app.count("notifications WHERE template = 'sla_reply_overdue' AND recipient = 'agent@example.cn'")
            .await,
        1
    );
    assert_eq!(
        app.count("notifications WHERE recipient = 'manager@example.cn'").await,
        0,
        "not yet the manager"
    );

    reply_overdue_by(&app, 5).await;
    sweep(&ctx, &[SweepKind::Sla]).await;
    sweep(&ctx, &[SweepKind::Sla]).await;
    assert_eq!(
        app.count("notifications WHERE template = 'sla_reply_overdue'").await,
        2,
        "agent and manager, once each"
    );
    assert_eq!(
        app.count("notifications WHERE template = 'sla_reply_overdue' AND recipient = 'manager@example.cn'")
            .await,
        1
    );
}
