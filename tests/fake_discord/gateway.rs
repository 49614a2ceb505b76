//! The fake gateway: HELLO, IDENTIFY, READY, heartbeats, then the dispatches
//! a test queues, each checked to parse as serenity's event first.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use serenity::model::event::{Event, GatewayEvent};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as Frame;

use super::{fixtures, Shared, APP_ID, BOT_ID};

/// Panics unless serenity parses `payload` as a known gateway event.
pub fn check_parses(payload: &Value) {
    match serde_json::from_value::<GatewayEvent>(payload.clone()) {
        Ok(GatewayEvent::Dispatch(_, Event::Unknown(u))) => {
            panic!("serenity does not understand this {} payload (a required field is missing?): {payload}", u.kind)
        }
        Ok(_) => {}
        Err(e) => panic!("serenity cannot parse this gateway payload ({e}): {payload}"),
    }
}

/// Accepts gateway connections; one at a time is enough for the tests.
pub async fn serve(
    listener: TcpListener,
    shared: Shared,
    mut queue: mpsc::UnboundedReceiver<Value>,
) {
    while let Ok((stream, _)) = listener.accept().await {
        let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
            shared.problem("a gateway connection failed its websocket handshake".into());
            continue;
        };
        let mut seq = 0u64;
        let hello = json!({"op": 10, "d": {"heartbeat_interval": 45000}});
        check_parses(&hello);
        if ws.send(Frame::text(hello.to_string())).await.is_err() {
            continue;
        }
        loop {
            tokio::select! {
                frame = ws.next() => {
                    let Some(Ok(frame)) = frame else { break };
                    if let (Some(code), true) = (shared.refuse, is_identify(&frame)) {
                        let close = CloseFrame { code: CloseCode::from(code), reason: "refused".into() };
                        let _ = ws.close(Some(close)).await;
                        break;
                    }
                    let Some(answer) = answer(&shared, &mut seq, &frame) else { continue };
                    let ready = answer["t"] == "READY";
                    if ws.send(Frame::text(answer.to_string())).await.is_err() {
                        break;
                    }
                    if ready {
                        for mut event in shared.take_with_ready() {
                            seq += 1;
                            event["s"] = seq.into();
                            let _ = ws.send(Frame::text(event.to_string())).await;
                        }
                    }
                }
                event = queue.recv() => {
                    let Some(mut event) = event else { return };
                    if let Some(code) = event.get("__drop") {
                        // A drop: close (with a code) or cut the connection.
                        if let Some(code) = code.as_u64().and_then(|c| u16::try_from(c).ok()) {
                            let close = CloseFrame { code: CloseCode::from(code), reason: "dropped".into() };
                            let _ = ws.close(Some(close)).await;
                        }
                        break;
                    }
                    seq += 1;
                    event["s"] = seq.into();
                    if ws.send(Frame::text(event.to_string())).await.is_err() {
                        break;
                    }
                }
            }
        }
    }
}

fn is_identify(frame: &Frame) -> bool {
    let payload = frame
        .to_text()
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(t).ok());
    payload.is_some_and(|p| p["op"] == 2)
}

/// Returns what the gateway answers to a frame from the client: READY to
/// IDENTIFY, an ACK to a heartbeat.
fn answer(shared: &Shared, seq: &mut u64, frame: &Frame) -> Option<Value> {
    let payload: Value = serde_json::from_str(frame.to_text().ok()?).ok()?;
    match payload["op"].as_u64()? {
        2 => {
            shared.identified(payload["d"].clone());
            *seq += 1;
            let d = ready(shared, &payload["d"]);
            let ready = json!({"op": 0, "t": "READY", "s": *seq, "d": d});
            check_parses(&ready);
            Some(ready)
        }
        1 => Some(json!({"op": 11})),
        6 => {
            shared.resumed(payload["d"].clone());
            let resumed = json!({"op": 0, "t": "RESUMED", "s": *seq, "d": {}});
            check_parses(&resumed);
            Some(resumed)
        }
        _ => None,
    }
}

fn ready(shared: &Shared, identify: &Value) -> Value {
    let mut d = json!({
        "v": 10,
        "user": fixtures::user(BOT_ID, "factdesk", true),
        "guilds": [],
        "session_id": "fake-session",
        "resume_gateway_url": shared.ws_url,
        "application": {"id": APP_ID.to_string(), "flags": 0},
    });
    if identify["shard"].is_array() {
        d["shard"] = identify["shard"].clone();
    }
    d
}
