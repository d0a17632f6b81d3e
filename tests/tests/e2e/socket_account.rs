//! Sockets follow the account: a deactivated user's subscription ends, a
//! socket closes when its token expires, a socket holds a bounded number of
//! subscriptions and messages, and deployments sharing a Redis hear only
//! their own ticket changes.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use entity::enums::Role;
use service::events::TicketChanged;

use crate::helpers::{Backend, TestApp, redis_url, spawn_app, spawn_app_with};
use crate::on_both_backends;
use crate::subscription::{next_json, reported_ticket, signed_in_socket};

pub(crate) type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

on_both_backends!(
    a_deactivated_users_subscription_ends,
    a_user_an_admin_deactivates_or_whose_password_is_reset_loses_their_subscription,
    the_socket_closes_when_its_token_expires,
    a_socket_holds_a_bounded_number_of_subscriptions,
);

const FOLLOW: &str = "subscription($id: ID!) { ticketUpdated(id: $id) { status version contactPhone } }";

/// Follows ticket `id` on the socket and announces changes of it until the
/// subscription answers: from then on it is known to be listening. An
/// earlier announcement may have been heard too and answered late; those
/// answers are drained, so the next message is about what the test does.
async fn follow(app: &TestApp, socket: &mut Socket, id: &Value) -> Value {
    let subscribe =
        json!({"id": "t", "type": "subscribe", "payload": {"query": FOLLOW, "variables": {"id": id}}});
    socket.send(Message::text(subscribe.to_string())).await.expect("subscribe");
    until_listening(app, socket, "t").await
}

/// Announces changes of the first ticket until subscription `id` answers,
/// then drains late answers: from then on it is known to be listening.
/// Returns its first answer.
pub(crate) async fn until_listening(app: &TestApp, socket: &mut Socket, id: &str) -> Value {
    let ticket_id = ticket_id(app).await;
    for _ in 0..50 {
        app.state.events.publish(TicketChanged { ticket_id, version: 1 }).await;
        if let Ok(Some(Ok(Message::Text(text)))) =
            tokio::time::timeout(Duration::from_millis(200), socket.next()).await
        {
            let answer: Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(answer["id"], id, "{answer}");
            drain_late_answers(socket).await;
            return answer;
        }
    }
    panic!("the subscription never answered");
}

/// Reads until the socket has been quiet for a second.
async fn drain_late_answers(socket: &mut Socket) {
    while let Ok(Some(Ok(message))) = tokio::time::timeout(Duration::from_secs(1), socket.next()).await {
        let Message::Text(text) = message else { continue };
        let late: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(late["payload"]["data"]["ticketUpdated"]["version"], 1, "only late answers: {late}");
    }
}

async fn ticket_id(app: &TestApp) -> i64 {
    entity::ticket::Entity::find().one(&app.db).await.expect("query").expect("a ticket").id
}

async fn a_deactivated_users_subscription_ends(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.actor_cache_ms = 0).await;
    let admin = app.admin_token().await;
    let id = reported_ticket(&app, &admin).await;
    let agent = app.user_with("agent.li", &[Role::Agent], None).await;
    let mut socket = signed_in_socket(&app, &agent).await;
    let first = follow(&app, &mut socket, &id).await;
    assert_eq!(first["payload"]["data"]["ticketUpdated"]["version"], 1, "{first}");

    entity::user::Entity::update_many()
        .col_expr(entity::user::Column::Active, Expr::value(false))
        .filter(entity::user::Column::Username.eq("agent.li"))
        .exec(&app.db)
        .await
        .expect("deactivated");
    app.state.events.publish(TicketChanged { ticket_id: ticket_id(&app).await, version: 1 }).await;
    let refused = next_json(&mut socket).await;
    assert_eq!(refused["payload"]["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{refused}");
    assert!(refused["payload"]["data"].is_null(), "no ticket for a deactivated user: {refused}");
    assert_eq!(next_json(&mut socket).await["type"], "complete");
}

/// Through the mutations, with the actor cache on (the default): the
/// resolver drops the account from the cache, so the next event already
/// finds it deactivated, or its token generation moved on by a reset.
async fn a_user_an_admin_deactivates_or_whose_password_is_reset_loses_their_subscription(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.actor_cache_ms = 60_000).await;
    let admin = app.admin_token().await;
    let id = reported_ticket(&app, &admin).await;
    for (name, mutation, input) in [
        ("agent.deactivated", "deactivateUser", "{userId: $u}"),
        ("agent.reset", "resetPassword", r#"{userId: $u, newPassword: "another-password-9"}"#),
    ] {
        let agent = app.user_with(name, &[Role::Agent], None).await;
        let user_id = app.gql(Some(&agent), "{ me { id } }", json!({})).await.expect_ok()["me"]["id"].clone();
        let mut socket = signed_in_socket(&app, &agent).await;
        let first = follow(&app, &mut socket, &id).await;
        assert_eq!(first["payload"]["data"]["ticketUpdated"]["version"], 1, "{name}: {first}");
        let document = format!("mutation($u: ID!) {{ {mutation}(input: {input}) {{ user {{ id }} }} }}");
        app.gql(Some(&admin), &document, json!({"u": user_id})).await.expect_ok();
        app.state.events.publish(TicketChanged { ticket_id: ticket_id(&app).await, version: 1 }).await;
        let refused = next_json(&mut socket).await;
        assert_eq!(
            refused["payload"]["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{name}: {refused}"
        );
        assert_eq!(next_json(&mut socket).await["type"], "complete", "{name}");
    }
}

async fn the_socket_closes_when_its_token_expires(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let id = reported_ticket(&app, &admin).await;
    let admin_id = app.user_id(crate::helpers::ADMIN).await;
    // A token expired a few seconds ago is refused (the leeway was 60 s).
    let stale = app
        .state
        .tokens
        .issue_until(admin_id, 0, chrono::Utc::now() - chrono::Duration::seconds(5))
        .expect("token");
    let refused = app.gql(Some(&stale.token), "{ me { username } }", json!({})).await;
    assert_eq!(refused.error_code(), Some("UNAUTHENTICATED"));

    let short = app
        .state
        .tokens
        .issue_until(admin_id, 0, chrono::Utc::now() + chrono::Duration::seconds(3))
        .expect("token");
    let mut socket = signed_in_socket(&app, &short.token).await;
    follow(&app, &mut socket, &id).await;
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Close(frame))) => return frame.map(|f| u16::from(f.code)),
                Some(Ok(_)) => continue,
                _ => return None,
            }
        }
    })
    .await
    .expect("closed within seconds of the expiry");
    assert_eq!(closed, Some(4401));
}

async fn a_socket_holds_a_bounded_number_of_subscriptions(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let mut socket = signed_in_socket(&app, &admin).await;
    for n in 1..=21 {
        let subscribe = json!({"id": n.to_string(), "type": "subscribe", "payload": {"query": "subscription { auditTrail { action } }"}});
        socket.send(Message::text(subscribe.to_string())).await.expect("subscribe");
    }
    // The engine starts them in no set order: one of them is refused.
    let refused = next_json(&mut socket).await;
    assert_eq!(refused["payload"]["errors"][0]["extensions"]["code"], "RATE_LIMITED", "{refused}");
    assert_eq!(next_json(&mut socket).await["type"], "complete");
    // A message past the size limit closes the socket.
    socket.send(Message::text("x".repeat(100 * 1024))).await.expect("sent");
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return true,
                Some(Ok(_)) => continue,
            }
        }
    })
    .await;
    assert_eq!(closed, Ok(true));
}

/// Two deployments (each its own database) share one Redis: a change in
/// one must not reach the other's subscribers of the ticket with the same
/// id. It did when the channel ignored the deployment's prefix.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deployments_sharing_redis_hear_only_their_own_ticket_changes() {
    let deployment = |prefix: String| {
        move |s: &mut service::config::Settings| {
            s.redis_url = Some(redis_url());
            s.queue_prefix = prefix;
            s.embedded_worker = Some(false);
        }
    };
    let ours =
        spawn_app_with(Backend::Postgres, deployment(format!("ours-{}", uuid::Uuid::new_v4().simple())))
            .await;
    let theirs =
        spawn_app_with(Backend::Postgres, deployment(format!("theirs-{}", uuid::Uuid::new_v4().simple())))
            .await;
    let our_admin = ours.admin_token().await;
    let id = reported_ticket(&ours, &our_admin).await;
    reported_ticket(&theirs, &theirs.admin_token().await).await;
    assert_eq!(ticket_id(&ours).await, ticket_id(&theirs).await, "the same id in both");

    let mut socket = signed_in_socket(&ours, &our_admin).await;
    follow(&ours, &mut socket, &id).await;
    // Their change, then ours: the next push must be ours (version 2).
    theirs.state.events.publish(TicketChanged { ticket_id: ticket_id(&theirs).await, version: 9 }).await;
    ours.gql(
        Some(&our_admin),
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { status } } }",
        json!({"id": id}),
    )
    .await
    .expect_ok();
    let next = next_json(&mut socket).await;
    assert_eq!(next["payload"]["data"]["ticketUpdated"]["version"], 2, "only our own change: {next}");
}
