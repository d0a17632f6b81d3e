//! Subscriptions over the WebSocket: the live audit trail.

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::helpers::{Backend, spawn_app};
use crate::on_both_backends;

on_both_backends!(
    audit_trail_subscription_streams_a_change_made_over_http,
    ticket_updated_pushes_each_step,
    tickets_changed_streams_only_the_tickets_the_viewer_may_see
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ticket_updated_pushes_each_step_through_redis() {
    let app = crate::helpers::spawn_app_with(Backend::Postgres, |s| {
        s.redis_url = Some(crate::helpers::redis_url())
    })
    .await;
    follow_a_ticket(&app).await;
}

async fn ticket_updated_pushes_each_step(backend: Backend) {
    let app = spawn_app(backend).await;
    follow_a_ticket(&app).await;
}

/// Subscribes to a reported ticket, accepts it over HTTP, and expects the
/// accepted ticket on the socket.
async fn follow_a_ticket(app: &crate::helpers::TestApp) {
    let admin = app.admin_token().await;
    let id = reported_ticket(app, &admin).await;
    let mut socket = signed_in_socket(app, &admin).await;
    let subscribe = json!({"id": "t", "type": "subscribe", "payload": {"query": "subscription($id: ID!) { ticketUpdated(id: $id) { status version } }", "variables": {"id": id}}});
    socket.send(Message::text(subscribe.to_string())).await.expect("subscribe");
    crate::socket_account::until_listening(app, &mut socket, "t").await;

    app.gql(
        Some(&admin),
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { status } } }",
        json!({"id": id}),
    )
    .await
    .expect_ok();
    let event = next_json(&mut socket).await;
    assert_eq!(event["type"], "next", "{event}");
    assert_eq!(event["payload"]["data"]["ticketUpdated"], json!({"status": "ACCEPTED", "version": 2}));
}

/// A dealer following every ticket hears of its own unit's ticket and never
/// of another's, even when the other's changes come first each time.
async fn tickets_changed_streams_only_the_tickets_the_viewer_may_see(backend: Backend) {
    use entity::enums::Role;
    use sea_orm::EntityTrait;
    use service::events::TicketChanged;

    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let others = reported_ticket(&app, &admin).await;
    let dealer = app
        .gql(Some(&admin), r#"mutation { createDealer(input: {code: "D-SUB", name: "代理", region: "江苏"}) { dealer { id } } }"#, json!({}))
        .await;
    let dealer_id = dealer.expect_ok()["createDealer"]["dealer"]["id"].clone();
    let model = app.gql(Some(&admin), "{ productModels(first: 1) { nodes { id } } }", json!({})).await;
    let model_id = model.expect_ok()["productModels"]["nodes"][0]["id"].clone();
    let customer = app
        .gql(Some(&admin), r#"mutation { createCustomer(input: {name: "代理的客户", province: "江苏", distanceKm: 30}) { customer { id } } }"#, json!({}))
        .await;
    let customer_id = customer.expect_ok()["createCustomer"]["customer"]["id"].clone();
    app.gql(
        Some(&admin),
        "mutation($m: ID!, $d: ID, $c: ID) { registerUnit(input: {serialNumber: \"SUB-D\", productModelId: $m, productionDate: \"2026-01-01\", invoiceDate: \"2026-02-01\", dealerId: $d, customerId: $c}) { unit { id } } }",
        json!({"m": model_id, "d": dealer_id, "c": customer_id}),
    )
    .await
    .expect_ok();
    let owns = app
        .gql(Some(&admin), "mutation { reportFault(input: {channel: DEALER, serialNumber: \"SUB-D\", faultDescription: \"漏油\", faultCategory: HYDRAULIC}) { ticket { id number } } }", json!({}))
        .await;
    let own = owns.expect_ok()["reportFault"]["ticket"].clone();
    assert_ne!(own["id"], others);

    let token = app.user_with("dealer.sub", &[Role::Dealer], Some("D-SUB")).await;
    let mut socket = signed_in_socket(&app, &token).await;
    let subscribe = json!({"id": "all", "type": "subscribe", "payload": {"query": "subscription { ticketsChanged { id number } }"}});
    socket.send(Message::text(subscribe.to_string())).await.expect("subscribe");

    let ids: Vec<i64> =
        entity::ticket::Entity::find().all(&app.db).await.expect("tickets").iter().map(|t| t.id).collect();
    let mut heard = Vec::new();
    for _ in 0..50 {
        for id in &ids {
            app.state.events.publish(TicketChanged { ticket_id: *id, version: 1 }).await;
        }
        while let Ok(Some(Ok(Message::Text(text)))) =
            tokio::time::timeout(std::time::Duration::from_millis(300), socket.next()).await
        {
            heard.push(serde_json::from_str::<Value>(&text).expect("JSON"));
        }
        if !heard.is_empty() {
            break;
        }
    }
    assert!(!heard.is_empty(), "the dealer heard nothing");
    for event in &heard {
        assert_eq!(event["type"], "next", "{event}");
        assert_eq!(event["payload"]["data"]["ticketsChanged"], own, "only the dealer's own ticket: {event}");
    }
}

/// A ticket reported on a unit registered for it, its id.
pub(crate) async fn reported_ticket(app: &crate::helpers::TestApp, admin: &str) -> Value {
    let model = app
        .gql(Some(admin), r#"mutation { createProductModel(input: {code: "M", name: "M", category: "起重机", defaultWarrantyMonths: 12, salePrice: "1"}) { productModel { id } } }"#, json!({}))
        .await;
    let model_id = model.expect_ok()["createProductModel"]["productModel"]["id"].clone();
    let customer = app
        .gql(Some(admin), r#"mutation { createCustomer(input: {name: "客户", province: "江苏", distanceKm: 50}) { customer { id } } }"#, json!({}))
        .await;
    let customer_id = customer.expect_ok()["createCustomer"]["customer"]["id"].clone();
    app.gql(
        Some(admin),
        "mutation($m: ID!, $c: ID) { registerUnit(input: {serialNumber: \"SUB-1\", productModelId: $m, productionDate: \"2026-01-01\", invoiceDate: \"2026-02-01\", customerId: $c}) { unit { id } } }",
        json!({"m": model_id, "c": customer_id}),
    )
    .await
    .expect_ok();
    let reported = app
        .gql(Some(admin), "mutation { reportFault(input: {channel: PHONE, serialNumber: \"SUB-1\", faultDescription: \"不能起吊\", faultCategory: HYDRAULIC}) { ticket { id } } }", json!({}))
        .await;
    reported.expect_ok()["reportFault"]["ticket"]["id"].clone()
}

/// A client's end of the subscription socket.
pub(crate) type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A graphql-transport-ws socket to the app, acknowledged for `token`.
pub(crate) async fn signed_in_socket(app: &crate::helpers::TestApp, token: &str) -> Socket {
    socket_at(&app.address, json!({"token": token})).await
}

/// A graphql-transport-ws socket to the server at `address`
/// (`http://host:port`), acknowledged after `connection_init` with `payload`.
pub(crate) async fn socket_at(address: &str, payload: Value) -> Socket {
    let url = format!("{}/graphql", address.replace("http://", "ws://"));
    let mut request = url.into_client_request().expect("request");
    request.headers_mut().insert("sec-websocket-protocol", "graphql-transport-ws".parse().expect("header"));
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.expect("WebSocket connects");
    let init = json!({"type": "connection_init", "payload": payload});
    socket.send(Message::text(init.to_string())).await.expect("send init");
    assert_eq!(next_json(&mut socket).await["type"], "connection_ack");
    socket
}

pub(crate) async fn next_json<S>(socket: &mut S) -> Value
where
    S: futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let message = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("a message within 10 s")
            .expect("socket open")
            .expect("valid frame");
        if let Message::Text(text) = message {
            return serde_json::from_str(&text).expect("JSON message");
        }
    }
}

async fn audit_trail_subscription_streams_a_change_made_over_http(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.admin_token().await;
    let mut socket = signed_in_socket(&app, &token).await;
    let subscribe = json!({"id": "1", "type": "subscribe", "payload": {"query": "subscription { auditTrail { action entityType after } }"}});
    socket.send(Message::text(subscribe.to_string())).await.expect("subscribe");
    // Changes made before the subscription took its starting point are
    // not streamed: make one until one is, then the next one must follow.
    let create = |name: String| {
        let token = token.clone();
        let app = &app;
        async move {
            app.gql(
                Some(&token),
                "mutation($n: String!) { createCustomer(input: {name: $n, province: \"江苏\", distanceKm: 5}) { customer { id } } }",
                json!({"n": name}),
            )
            .await
            .expect_ok();
        }
    };
    let mut first = None;
    for n in 0..50 {
        create(format!("实时客户{n}")).await;
        if let Ok(Some(Ok(Message::Text(text)))) =
            tokio::time::timeout(std::time::Duration::from_millis(200), socket.next()).await
        {
            first = Some(serde_json::from_str::<serde_json::Value>(&text).expect("JSON"));
            break;
        }
    }
    let first = first.expect("the subscription streamed a change");
    let entry = &first["payload"]["data"]["auditTrail"];
    assert_eq!(entry["action"], "customer.create", "{first}");
    let streamed: usize = entry["after"]["name"]
        .as_str()
        .and_then(|n| n.strip_prefix("实时客户"))
        .and_then(|n| n.parse().ok())
        .expect("one of ours");
    // A change made now follows, after any made before it, in order.
    create("实时客户-last".into()).await;
    loop {
        let event = next_json(&mut socket).await;
        assert_eq!(event["type"], "next", "{event}");
        let name = event["payload"]["data"]["auditTrail"]["after"]["name"].as_str().map(str::to_owned);
        if name.as_deref() == Some("实时客户-last") {
            break;
        }
        let n: usize = name
            .as_deref()
            .and_then(|n| n.strip_prefix("实时客户"))
            .and_then(|n| n.parse().ok())
            .expect("ours");
        assert!(n > streamed, "in order: {n} after {streamed}");
    }
}

/// Operations sent over the socket are held to the alias limit as POSTed
/// ones are (there it is the engine that counts them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_alias_limit_holds_over_the_socket() {
    let app = crate::helpers::spawn_app_with(Backend::Sqlite, |s| s.max_query_aliases = 2).await;
    let token = app.admin_token().await;
    let mut socket = signed_in_socket(&app, &token).await;

    let within = json!({"id": "2", "type": "subscribe", "payload": {"query": "{ a: me { username } b: me { username } }"}});
    socket.send(Message::text(within.to_string())).await.expect("subscribe");
    let answer = next_json(&mut socket).await;
    assert_eq!(answer["payload"]["data"]["b"]["username"], "admin", "{answer}");
    assert_eq!(next_json(&mut socket).await["type"], "complete");

    let past = json!({"id": "3", "type": "subscribe", "payload": {"query": "{ a: me { username } b: me { username } c: me { username } }"}});
    socket.send(Message::text(past.to_string())).await.expect("subscribe");
    let refused = next_json(&mut socket).await;
    assert_eq!(refused["id"], "3", "{refused}");
    assert!(refused.to_string().contains("3 aliases"), "{refused}");
    assert!(refused["payload"]["data"]["c"].is_null(), "{refused}");
}
