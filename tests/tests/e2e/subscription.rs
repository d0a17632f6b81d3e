//! Subscriptions over the WebSocket: the live audit trail.

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::helpers::{Backend, spawn_app};
use crate::on_both_backends;

on_both_backends!(audit_trail_subscription_streams_a_change_made_over_http);

async fn next_json<S>(socket: &mut S) -> Value
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
    let url = format!("{}/graphql", app.address.replace("http://", "ws://"));
    let mut request = url.into_client_request().expect("request");
    request.headers_mut().insert("sec-websocket-protocol", "graphql-transport-ws".parse().expect("header"));
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.expect("WebSocket connects");

    let init = json!({"type": "connection_init", "payload": {"token": token}});
    socket.send(Message::text(init.to_string())).await.expect("send init");
    assert_eq!(next_json(&mut socket).await["type"], "connection_ack");
    let subscribe = json!({"id": "1", "type": "subscribe", "payload": {"query": "subscription { auditTrail { action entityType after } }"}});
    socket.send(Message::text(subscribe.to_string())).await.expect("subscribe");
    // Give the subscription a moment to take its starting point.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    app.gql(
        Some(&token),
        r#"mutation { createCustomer(input: {name: "实时客户", province: "江苏", distanceKm: 5}) { customer { id } } }"#,
        json!({}),
    )
    .await
    .expect_ok();

    let event = next_json(&mut socket).await;
    assert_eq!(event["type"], "next", "{event}");
    let entry = &event["payload"]["data"]["auditTrail"];
    assert_eq!(entry["action"], "customer.create");
    assert_eq!(entry["after"]["name"], "实时客户");
}
