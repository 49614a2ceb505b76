//! The fake REST API: a small HTTP/1.1 loop that records each request,
//! checks it against Discord's rules and answers like Discord would.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use super::{checks, fixtures, Canned, Request, Shared, APP_ID, BOT_ID, CHANNEL_ID, DROPPED};

pub async fn serve(listener: TcpListener, shared: Shared) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(connection(stream, shared.clone()));
    }
}

/// Serves requests on one keep-alive connection (plain or TLS) until it
/// closes.
pub async fn connection<S: AsyncRead + AsyncWrite + Unpin>(stream: S, shared: Shared) {
    let mut stream = BufReader::new(stream);
    loop {
        let Some((method, path, body)) = read_request(&mut stream).await else {
            return;
        };
        let path = path.split('?').next().unwrap_or_default().to_string();
        let path = path.strip_prefix("/api/v10").unwrap_or(&path).to_string();
        let body: Value = if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&body).unwrap_or_else(|e| {
                shared.problem(format!("{method} {path}: body is not JSON ({e})"));
                Value::Null
            })
        };
        let mut request = Request {
            method,
            path,
            body,
            status: 0,
            at: std::time::Instant::now(),
        };
        let problems = checks::check(&request);
        let canned = shared.scripted(&request);
        // Takes effect when it lands, whatever the answer and however late.
        let landing = canned
            .as_ref()
            .and_then(|c| c.lands)
            .filter(|_| problems.is_empty())
            .map(|delay| {
                let (shared, request) = (shared.clone(), request.clone());
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    route(&shared, &request)
                })
            });
        if let Some(c) = &canned {
            tokio::time::sleep(c.hold).await;
        }
        if let Some(c) = canned.as_ref().filter(|c| c.drops) {
            // Applied first if it lands by the hold, so that a retry finds
            // it taken; one landing later is still under way as the
            // connection closes.
            if let Some(landed) = landing.filter(|_| c.lands.is_some_and(|d| d <= c.hold)) {
                let _ = landed.await;
            }
            request.status = DROPPED;
            shared.record(request, problems);
            return; // closes the connection without a word
        }
        let mut headers = Vec::new();
        let (status, reply) = match canned {
            _ if !problems.is_empty() => (
                400,
                Some(json!({"message": "Invalid Form Body", "code": 50035})),
            ),
            Some(Canned {
                status: Some(status),
                body,
                headers: h,
                ..
            }) => {
                headers = h;
                (status, Some(body))
            }
            _ => match landing {
                Some(landed) => landed.await.unwrap_or_else(|_| {
                    (500, Some(json!({"message": "the fake failed", "code": 0})))
                }),
                None => route(&shared, &request),
            },
        };
        request.status = status;
        // Discord's answer to a route it does not have (code 0), not a
        // 404 with a meaning (10008 Unknown Message).
        if status == 404 && reply.as_ref().is_some_and(|r| r["code"] == 0) {
            shared.problem(format!(
                "unexpected request {} {}",
                request.method, request.path
            ));
        }
        shared.record(request, problems);
        // A string is a page (HTML), sent as it is; anything else is JSON.
        let (body, kind) = match reply {
            Some(Value::String(page)) => (page, "text/html"),
            other => (
                other.map(|v| v.to_string()).unwrap_or_default(),
                "application/json",
            ),
        };
        let reason = match status {
            200 => "OK",
            204 => "No Content",
            400 => "Bad Request",
            403 => "Forbidden",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => "Not Found",
        };
        let extra: String = headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\ncontent-type: {kind}\r\n{extra}content-length: {}\r\n\r\n",
            body.len()
        );
        let out = stream.get_mut();
        if out.write_all(head.as_bytes()).await.is_err()
            || out.write_all(body.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

/// Returns (method, path, body) of the next request, or `None` at the end.
async fn read_request<S: AsyncRead + Unpin>(
    stream: &mut BufReader<S>,
) -> Option<(String, String, Vec<u8>)> {
    let mut line = String::new();
    if stream.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut length = 0usize;
    let mut chunked = false;
    loop {
        let mut header = String::new();
        stream.read_line(&mut header).await.ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "transfer-encoding" => chunked = value.trim().eq_ignore_ascii_case("chunked"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            stream.read_line(&mut size).await.ok()?;
            let size = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; size + 2];
            stream.read_exact(&mut chunk).await.ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        body.resize(length, 0);
        stream.read_exact(&mut body).await.ok()?;
    }
    Some((method, path, body))
}

/// Returns the status and body Discord would answer with.
fn route(shared: &Shared, r: &Request) -> (u16, Option<Value>) {
    let segments: Vec<&str> = r.path.trim_matches('/').split('/').collect();
    match (r.method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => (200, Some(json!({"url": shared.ws_url}))),
        ("GET", ["gateway", "bot"]) => (
            200,
            Some(json!({
                "url": shared.ws_url,
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
            })),
        ),
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            let guild = segments.get(3).copied();
            (200, Some(echo_commands(shared, &r.body, guild)))
        }
        // Only the first response to an interaction counts.
        ("POST", ["interactions", id, _, "callback"]) if shared.acknowledged(id) => (
            400,
            Some(json!({"message": "Interaction has already been acknowledged.", "code": 40060})),
        ),
        ("POST", ["interactions", id, token, "callback"]) => {
            if shared.responded(id, token, &r.body) {
                (204, None)
            } else {
                (
                    404,
                    Some(json!({"message": "Unknown interaction", "code": 10062})),
                )
            }
        }
        ("GET", ["webhooks", _, token, "messages", "@original"]) => match shared.original(token) {
            Some(original) => (200, Some(original)),
            None => (
                404,
                Some(json!({"message": "Unknown Message", "code": 10008})),
            ),
        },
        // An interaction whose response Discord never took has no webhook.
        ("PATCH", ["webhooks", _, token, "messages", "@original"])
        | ("POST", ["webhooks", _, token])
            if !shared.taken(token) =>
        {
            (
                404,
                Some(json!({"message": "Unknown Webhook", "code": 10015})),
            )
        }
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) | ("POST", ["webhooks", _, _]) => {
            (200, Some(message(shared, &r.body, CHANNEL_ID)))
        }
        ("POST", ["channels", channel, "messages"]) => {
            if let Some(refusal) = shared.dangling_reference(&r.body) {
                return (400, Some(refusal));
            }
            let channel = channel.parse().unwrap_or_default();
            (200, Some(shared.create_message(&r.body, channel)))
        }
        _ => (404, Some(json!({"message": "404: Not Found", "code": 0}))),
    }
}

/// Returns the registered commands as Discord echoes them.
fn echo_commands(shared: &Shared, body: &Value, guild: Option<&str>) -> Value {
    let commands: Vec<Value> = body
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let mut c = c.clone();
            c["id"] = shared.id().to_string().into();
            c["application_id"] = APP_ID.to_string().into();
            c["version"] = "1".into();
            if c.get("type").is_none() {
                c["type"] = 1.into();
            }
            if let Some(g) = guild {
                c["guild_id"] = g.into();
            }
            c
        })
        .collect();
    let echoed = Value::Array(commands);
    if let Err(e) = serde_json::from_value::<Vec<serenity::all::Command>>(echoed.clone()) {
        shared.problem(format!(
            "the fake's command echo does not parse ({e}): {echoed}"
        ));
    }
    echoed
}

/// Returns the message the bot created, as Discord returns it.
pub(crate) fn message(shared: &Shared, body: &Value, channel: u64) -> Value {
    let content = body["content"].as_str().unwrap_or_default();
    let m = fixtures::message(shared.id(), channel, BOT_ID, true, content);
    if let Err(e) = serde_json::from_value::<serenity::all::Message>(m.clone()) {
        shared.problem(format!("the fake's message does not parse ({e}): {m}"));
    }
    m
}
