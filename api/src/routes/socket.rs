//! The subscription socket (graphql-transport-ws, or the older graphql-ws)
//! on GET `/graphql`. Our own loop around the engine's protocol state
//! machine rather than the actix integration's, so that what a client can
//! make the server hold is bounded (message size, messages waiting,
//! subscriptions per socket) and the socket closes when the token it
//! signed in with expires.

use std::sync::Arc;
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse};
use actix_ws::{AggregatedMessage, CloseCode, CloseReason, Session};
use async_graphql::Data;
use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, WebSocket, WebSocketProtocols, WsMessage};
use futures::StreamExt;
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::time::Instant;
use tokio_stream::wrappers::ReceiverStream;
use tracing_actix_web::RequestId;

use super::graphql::authenticate;
use crate::graphql::SocketSchema;
use crate::graphql::context::{ClientAddress, RequestActor, SocketSubscriptions};
use crate::graphql::error::to_gql_error;
use crate::state::AppState;

/// Largest message a client may send (a subscription document with its
/// variables); a larger one closes the socket.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Messages read but not yet taken by the engine; a client that floods
/// past them is disconnected.
const MAX_QUEUED_MESSAGES: usize = 64;
/// Subscriptions one socket may hold open at once.
pub const MAX_SUBSCRIPTIONS: usize = 20;
/// How often the server pings, and how long a silent client is kept.
const HEARTBEAT: Duration = Duration::from_secs(5);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);
/// graphql-transport-ws' close codes.
const UNAUTHORIZED: u16 = 4401;
const TOO_MANY_MESSAGES: u16 = 4429;

/// Upgrades the request and serves the socket on this worker thread.
pub fn upgrade(
    schema: SocketSchema,
    state: AppState,
    req: &HttpRequest,
    request_id: RequestId,
    payload: actix_web::web::Payload,
) -> actix_web::Result<HttpResponse> {
    let protocol = req
        .headers()
        .get_all(actix_web::http::header::SEC_WEBSOCKET_PROTOCOL)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|offered| offered.trim().parse::<WebSocketProtocols>().ok());
    let Some(protocol) = protocol else {
        return Ok(HttpResponse::BadRequest().json(serde_json::json!({
            "errors": [{ "message": "ask for the graphql-transport-ws subprotocol (Sec-WebSocket-Protocol)",
                         "extensions": { "code": "BAD_REQUEST" } }]
        })));
    };
    let (response, session, messages) =
        actix_ws::handle_with_protocols(req, payload, &ALL_WEBSOCKET_PROTOCOLS)?;
    let messages = messages
        .max_frame_size(MAX_MESSAGE_BYTES)
        .aggregate_continuations()
        .max_continuation_size(MAX_MESSAGE_BYTES);
    let client = Client { address: req.peer_addr().map(|a| a.ip()), request_id: request_id.to_string() };
    actix_web::rt::spawn(serve(schema, state, client, protocol, session, messages));
    Ok(response)
}

/// Who is on the other end, for the connection's data.
struct Client {
    address: Option<std::net::IpAddr>,
    request_id: String,
}

async fn serve(
    schema: SocketSchema,
    state: AppState,
    client: Client,
    protocol: WebSocketProtocols,
    mut session: Session,
    mut messages: actix_ws::AggregatedMessageStream,
) {
    let (to_engine, queued) = mpsc::channel::<Vec<u8>>(MAX_QUEUED_MESSAGES);
    // The token's expiry, known once the client has signed in.
    let (expiry_known, mut expiry) = watch::channel::<Option<chrono::DateTime<chrono::Utc>>>(None);
    let stopping = state.stopping.clone();
    let mut engine = WebSocket::new(schema.0, ReceiverStream::new(queued), protocol)
        .on_connection_init(move |payload| sign_in(state, client, payload, expiry_known));
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    let mut heard_at = Instant::now();
    let mut expires_at: Option<Instant> = None;
    let reason = loop {
        let expired = async {
            match expires_at {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            message = messages.next() => {
                heard_at = Instant::now();
                let text = match message {
                    Some(Ok(AggregatedMessage::Text(text))) => text.as_bytes().to_vec(),
                    Some(Ok(AggregatedMessage::Binary(bytes))) => bytes.to_vec(),
                    Some(Ok(AggregatedMessage::Ping(bytes))) => {
                        if session.pong(&bytes).await.is_err() { return; }
                        continue;
                    }
                    Some(Ok(AggregatedMessage::Pong(_))) => continue,
                    Some(Ok(AggregatedMessage::Close(reason))) => break reason,
                    Some(Err(e)) => break Some(CloseReason { code: CloseCode::Policy, description: Some(e.to_string()) }),
                    None => break None,
                };
                if to_engine.try_send(text).is_err() {
                    break Some(CloseReason { code: CloseCode::Other(TOO_MANY_MESSAGES), description: Some("too many messages at once".into()) });
                }
            }
            answer = engine.next() => match answer {
                Some(WsMessage::Text(text)) => {
                    if session.text(text).await.is_err() { return; }
                }
                Some(WsMessage::Close(code, description)) => {
                    break Some(CloseReason { code: CloseCode::Other(code), description: Some(description) });
                }
                None => break None,
            },
            Ok(()) = expiry.changed() => {
                expires_at = (*expiry.borrow()).map(|at| {
                    let left = (at - chrono::Utc::now()).to_std().unwrap_or_default();
                    Instant::now() + left
                });
            }
            // The server is stopping: a socket left open would hold the
            // shutdown to its timeout; the client reconnects elsewhere.
            () = stopping.cancelled() => {
                break Some(CloseReason { code: CloseCode::Away, description: Some("the server is stopping; reconnect".into()) });
            }
            () = expired => {
                break Some(CloseReason { code: CloseCode::Other(UNAUTHORIZED), description: Some("the token has expired; sign in again".into()) });
            }
            _ = heartbeat.tick() => {
                if heard_at.elapsed() > CLIENT_TIMEOUT {
                    break None;
                }
                if session.ping(b"").await.is_err() { return; }
            }
        }
    };
    let _ = session.close(reason).await;
}

/// `connection_init`: the token in the payload signs the socket in (none
/// makes it anonymous, which only public operations accept).
async fn sign_in(
    state: AppState,
    client: Client,
    payload: serde_json::Value,
    expiry_known: watch::Sender<Option<chrono::DateTime<chrono::Utc>>>,
) -> async_graphql::Result<Data> {
    let token = payload.get("token").and_then(|t| t.as_str());
    if let Some(Ok(verified)) = token.map(|t| state.tokens.verify(t)) {
        let _ = expiry_known.send(Some(verified.expires_at));
    }
    // Changes made over this socket carry the id of the upgrade request.
    let actor = authenticate(&state, token, Some(client.request_id)).await.map_err(to_gql_error)?;
    let mut data = Data::default();
    data.insert(RequestActor(actor));
    data.insert(ClientAddress(client.address));
    data.insert(SocketSubscriptions(Arc::new(Semaphore::new(MAX_SUBSCRIPTIONS))));
    Ok(data)
}
