//! What an anonymous or signed-in client sends cannot crash, flood or
//! outwit the server: nested values, control characters, batches that cost
//! more together than one operation may, responses past their size, bodies
//! past their limit, and /metrics kept to those who may read it.

use futures::SinkExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::helpers::{Backend, TestApp, spawn_app, spawn_app_with};
use crate::on_both_backends;
use crate::subscription::next_json;

on_both_backends!(
    values_nested_past_the_limit_are_refused_and_the_server_stays_up,
    a_deep_value_over_an_anonymous_socket_is_refused_and_the_server_stays_up,
    control_characters_are_refused_in_every_text_naming_the_field,
    a_batch_costs_what_its_operations_cost_together,
    fragments_that_multiply_are_refused_at_once,
    a_response_past_its_size_is_refused_with_a_code,
    a_body_past_the_limit_is_refused_as_json,
    metrics_ask_for_their_token_and_can_live_on_their_own_address,
);

/// A raw POST of `body` (JSON), anonymous.
async fn post(app: &TestApp, body: &Value) -> Value {
    let response = app.http.post(format!("{}/graphql", app.address)).json(body).send().await.expect("sent");
    response.json().await.expect("a JSON answer")
}

async fn still_answers(app: &TestApp) {
    let alive = post(app, &json!({"query": "{ __typename }"})).await;
    assert_eq!(alive["data"]["__typename"], "QueryRoot", "{alive}");
}

fn nested(open: &str, inner: &str, close: &str, levels: usize) -> String {
    format!("{}{inner}{}", open.repeat(levels), close.repeat(levels))
}

async fn values_nested_past_the_limit_are_refused_and_the_server_stays_up(backend: Backend) {
    let app = spawn_app(backend).await;
    // Each of these overflowed the stack and aborted the process (a list
    // ~1 600 deep, a 3 KB body).
    let list = format!("{{ tickets(first: {}) {{ totalCount }} }}", nested("[", "1", "]", 1_600));
    let object = format!("{{ tickets(filter: {}) {{ totalCount }} }}", nested("{a: ", "1", "}", 1_600));
    let selections = nested("{ a ", "", "}", 5_000);
    for query in [&list, &object, &selections] {
        let refused = post(&app, &json!({"query": query})).await;
        assert_eq!(refused["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{refused}");
        assert!(refused["errors"][0]["message"].as_str().is_some_and(|m| m.contains("deep")), "{refused}");
        still_answers(&app).await;
    }
    let batch = post(&app, &json!([{"query": "{ __typename }"}, {"query": list}])).await;
    assert_eq!(batch[0]["data"]["__typename"], "QueryRoot", "{batch}");
    assert_eq!(batch[1]["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{batch}");
    // A variable nested past the limit names the variable.
    let deep: Value = (0..100).fold(json!(1), |inner, _| json!([inner]));
    let variables =
        post(&app, &json!({"query": "query($v: [Int]) { __typename }", "variables": {"v": deep}})).await;
    assert_eq!(variables["errors"][0]["extensions"]["code"], "VALIDATION", "{variables}");
    assert_eq!(variables["errors"][0]["extensions"]["field"], "v", "{variables}");
    // Within the limit the engine answers as usual.
    let shallow = format!("{{ tickets(first: {}) {{ totalCount }} }}", nested("[", "1", "]", 3));
    let answered = post(&app, &json!({"query": shallow})).await;
    assert_ne!(
        answered["errors"][0]["message"].as_str().map(|m| m.contains("deep")),
        Some(true),
        "{answered}"
    );
    still_answers(&app).await;
}

async fn a_deep_value_over_an_anonymous_socket_is_refused_and_the_server_stays_up(backend: Backend) {
    let app = spawn_app(backend).await;
    let url = format!("{}/graphql", app.address.replace("http://", "ws://"));
    let mut request = url.into_client_request().expect("request");
    request.headers_mut().insert("sec-websocket-protocol", "graphql-transport-ws".parse().expect("header"));
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.expect("WebSocket connects");
    socket.send(Message::text(json!({"type": "connection_init"}).to_string())).await.expect("init");
    assert_eq!(next_json(&mut socket).await["type"], "connection_ack");
    let query =
        format!("subscription {{ ticketUpdated(id: {}) {{ status }} }}", nested("[", "1", "]", 1_600));
    let subscribe = json!({"id": "deep", "type": "subscribe", "payload": {"query": query}});
    socket.send(Message::text(subscribe.to_string())).await.expect("subscribe");
    let refused = next_json(&mut socket).await;
    assert_eq!(refused["id"], "deep", "{refused}");
    assert!(refused.to_string().contains("deep"), "{refused}");
    assert!(refused.to_string().contains("GRAPHQL_VALIDATION_FAILED"), "{refused}");
    still_answers(&app).await;
}

async fn control_characters_are_refused_in_every_text_naming_the_field(backend: Backend) {
    let app = spawn_app(backend).await;
    // Anonymous, in the login's user name: INTERNAL on PostgreSQL before.
    let nul = post(
        &app,
        &json!({"query": "mutation($u: String!) { login(input: {username: $u, password: \"x\"}) { token } }",
                "variables": {"u": "admin\u{0}"}}),
    )
    .await;
    assert_eq!(nul["errors"][0]["extensions"]["code"], "VALIDATION", "{nul}");
    assert_eq!(nul["errors"][0]["extensions"]["field"], "u", "{nul}");
    let literal = post(&app, &json!({"query": "mutation { login(input: {username: \"ad\\u0000min\", password: \"x\"}) { token } }"})).await;
    assert_eq!(literal["errors"][0]["extensions"]["field"], "username", "{literal}");

    let token = app.admin_token().await;
    let customers_before = app.count("customers").await;
    let create =
        "mutation($input: CustomerInput!) { createCustomer(input: $input) { customer { id address } } }";
    for (field, text) in [("name", "\u{1b}[31m红色客户"), ("address", "bell\u{7}"), ("contactName", "a\rb")]
    {
        let mut input = json!({"name": "客户", "province": "江苏", "distanceKm": 5});
        input[field] = json!(text);
        let refused = app.gql(Some(&token), create, json!({"input": input})).await;
        assert_eq!(refused.error_code(), Some("VALIDATION"), "{field}: {:?}", refused.body);
        assert_eq!(refused.error_field(), Some(field));
    }
    assert_eq!(app.count("customers").await, customers_before, "nothing was stored");
    // Tab and newline are text.
    let kept = app
        .gql(Some(&token), create, json!({"input": {"name": "客户", "province": "江苏", "distanceKm": 5, "address": "一号楼\n\t三层"}}))
        .await;
    assert_eq!(kept.expect_ok()["createCustomer"]["customer"]["address"], "一号楼\n\t三层");
    // Search filters and ids too.
    let search =
        app.gql(Some(&token), "{ customers(filter: {search: \"\\u0000\"}) { totalCount } }", json!({})).await;
    assert_eq!((search.error_code(), search.error_field()), (Some("VALIDATION"), Some("search")));
    let id =
        app.gql(Some(&token), "query($id: ID!) { ticket(id: $id) { number } }", json!({"id": "\u{0}"})).await;
    assert_eq!((id.error_code(), id.error_field()), (Some("VALIDATION"), Some("id")), "{:?}", id.body);
}

async fn a_batch_costs_what_its_operations_cost_together(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.max_query_complexity = 40).await;
    let token = app.admin_token().await;
    // 11 fields: four of them fit the limit of 40, five do not.
    let query = "{ me { id username displayName email phone active roles createdAt dealer { code } } }";
    let batch = |n: usize| json!((0..n).map(|_| json!({"query": query})).collect::<Vec<_>>());
    let send = |body: Value| {
        let request = app.http.post(format!("{}/graphql", app.address)).bearer_auth(&token).json(&body);
        async move { request.send().await.expect("sent").json::<Value>().await.expect("JSON") }
    };
    let fits = send(batch(3)).await;
    assert!(
        fits.as_array().is_some_and(|a| a.len() == 3 && a.iter().all(|r| r["errors"].is_null())),
        "{fits}"
    );
    let over = send(batch(5)).await;
    let answers = over.as_array().expect("an answer per operation");
    assert_eq!(answers.len(), 5);
    for answer in answers {
        assert_eq!(answer["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{over}");
        assert!(answer["errors"][0]["message"].as_str().is_some_and(|m| m.contains("batch")), "{over}");
        assert!(answer["data"].is_null());
    }
}

/// Fragments that spread the next one twice, 30 deep: two to the 30th
/// fields once expanded, in a body of 1.4 KB. The engine's own depth check
/// walks every expansion before anything refuses it.
async fn fragments_that_multiply_are_refused_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut query = String::from("{ ...F0 }");
    for i in 0..30 {
        query.push_str(&format!(" fragment F{i} on QueryRoot {{ ...F{n} ...F{n} }}", n = i + 1));
    }
    query.push_str(" fragment F30 on QueryRoot { __typename }");
    let answer =
        tokio::time::timeout(std::time::Duration::from_secs(10), post(&app, &json!({"query": query})))
            .await
            .expect("answered at once");
    assert_eq!(answer["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{answer}");
    assert!(answer["errors"][0]["message"].as_str().is_some_and(|m| m.contains("costs")), "{answer}");
    still_answers(&app).await;
}

async fn a_response_past_its_size_is_refused_with_a_code(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.max_response_bytes = 2_048).await;
    let big = post(&app, &json!({"query": "{ __schema { types { name description } } }"})).await;
    assert_eq!(big["errors"][0]["extensions"]["code"], "RESPONSE_TOO_LARGE", "{big}");
    assert!(big["data"].is_null());
    let batch = post(
        &app,
        &json!([{"query": "{ __typename }"}, {"query": "{ __schema { types { name description } } }"}]),
    )
    .await;
    assert_eq!(batch.as_array().map(Vec::len), Some(2), "{batch}");
    still_answers(&app).await;
}

async fn a_body_past_the_limit_is_refused_as_json(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.max_body_bytes = 1_024).await;
    let body = json!({"query": format!("{{ __typename }} # {}", "x".repeat(2_000))});
    let response = app.http.post(format!("{}/graphql", app.address)).json(&body).send().await.expect("sent");
    assert_eq!(response.status(), 413);
    let answer: Value = response.json().await.expect("a JSON answer");
    assert_eq!(answer["errors"][0]["extensions"]["code"], "PAYLOAD_TOO_LARGE", "{answer}");
}

async fn metrics_ask_for_their_token_and_can_live_on_their_own_address(backend: Backend) {
    let token = "metrics-token-metrics-token-1234";
    let app = spawn_app_with(backend, |s| s.metrics_token = Some(token.into())).await;
    assert_eq!(app.get("/metrics").await.status(), 401);
    still_answers(&app).await;
    let with =
        app.http.get(format!("{}/metrics", app.address)).bearer_auth(token).send().await.expect("sent");
    assert_eq!(with.status(), 200);
    assert!(with.text().await.expect("text").contains("aftersales_http_requests_total"));

    let port =
        std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port();
    let apart = spawn_app_with(backend, |s| s.metrics_bind = Some(format!("127.0.0.1:{port}"))).await;
    assert_eq!(apart.get("/metrics").await.status(), 404, "not on the public address");
    let metrics = apart.http.get(format!("http://127.0.0.1:{port}/metrics")).send().await.expect("sent");
    assert_eq!(metrics.status(), 200);
}
