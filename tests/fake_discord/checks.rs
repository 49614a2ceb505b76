//! Discord's rules for what a bot sends, checked on every request the fake
//! receives: a break is what the real Discord would answer 400 to (or, for
//! allowed_mentions, a ping factdesk must never send).

use serde_json::Value;

use super::Request;

/// Returns every rule `r` breaks, each naming the request.
pub fn check(r: &Request) -> Vec<String> {
    let mut problems = Vec::new();
    let mut fail = |what: String| problems.push(format!("{} {}: {what}", r.method, r.path));
    let segments: Vec<&str> = r.path.trim_matches('/').split('/').collect();
    match (r.method.as_str(), segments.as_slice()) {
        ("POST", ["interactions", _, _, "callback"]) => match r.body["type"].as_u64() {
            Some(4 | 5 | 7) => message(&r.body["data"], &mut fail),
            Some(8) => choices(&r.body["data"], &mut fail),
            other => fail(format!("unexpected interaction response type {other:?}")),
        },
        ("POST", ["channels", _, "messages"]) | ("PATCH" | "POST", ["webhooks", ..]) => {
            message(&r.body, &mut fail)
        }
        ("PUT", ["applications", .., "commands"]) => commands(&r.body, &mut fail),
        _ => {}
    }
    problems
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// A message: no pings, content, embeds and components within limits.
fn message(m: &Value, fail: &mut impl FnMut(String)) {
    if chars(&m["nonce"]) > 25 {
        fail(format!("nonce over 25 characters: {}", m["nonce"]));
    }
    let am = &m["allowed_mentions"];
    let empty = |k: &str| am[k].as_array().is_some_and(Vec::is_empty) || am[k].is_null();
    if !(am["parse"].as_array().is_some_and(Vec::is_empty)
        && empty("users")
        && empty("roles")
        && am["replied_user"] == false)
    {
        fail(format!("allowed_mentions must allow nothing, got {am}"));
    }
    if chars(&m["content"]) > 2000 {
        fail(format!("content of {} chars", chars(&m["content"])));
    }
    let embeds = m["embeds"].as_array().cloned().unwrap_or_default();
    if embeds.len() > 10 {
        fail(format!("{} embeds", embeds.len()));
    }
    for e in &embeds {
        embed(e, fail);
    }
    let rows = m["components"].as_array().cloned().unwrap_or_default();
    if rows.len() > 5 {
        fail(format!("{} action rows", rows.len()));
    }
    let mut ids = Vec::new();
    for row in &rows {
        let buttons = row["components"].as_array().cloned().unwrap_or_default();
        if row["type"] != 1 || buttons.is_empty() || buttons.len() > 5 {
            fail(format!("bad action row {row}"));
        }
        for b in &buttons {
            let id = b["custom_id"].as_str().unwrap_or_default();
            if !(1..=100).contains(&id.chars().count())
                || chars(&b["label"]) > 80
                || ids.contains(&id.to_string())
            {
                fail(format!("bad button {b}"));
            }
            ids.push(id.to_string());
        }
    }
}

fn embed(e: &Value, fail: &mut impl FnMut(String)) {
    let limits = [
        ("/title", 256),
        ("/description", 4096),
        ("/footer/text", 2048),
        ("/author/name", 256),
    ];
    let mut total = 0;
    for (pointer, max) in limits {
        let n = e.pointer(pointer).map_or(0, chars);
        total += n;
        if n > max {
            fail(format!("embed {pointer} of {n} chars (max {max})"));
        }
    }
    let fields = e["fields"].as_array().cloned().unwrap_or_default();
    if fields.len() > 25 {
        fail(format!("{} embed fields", fields.len()));
    }
    for f in &fields {
        let (name, value) = (chars(&f["name"]), chars(&f["value"]));
        total += name + value;
        if !(1..=256).contains(&name) || !(1..=1024).contains(&value) {
            fail(format!(
                "embed field with name of {name} and value of {value} chars"
            ));
        }
    }
    if total > 6000 {
        fail(format!("embed of {total} chars in all"));
    }
}

fn choices(data: &Value, fail: &mut impl FnMut(String)) {
    let choices = data["choices"].as_array().cloned().unwrap_or_default();
    if choices.len() > 25 {
        fail(format!("{} autocomplete choices", choices.len()));
    }
    for c in &choices {
        if !(1..=100).contains(&chars(&c["name"])) || chars(&c["value"]) > 100 {
            fail(format!("bad autocomplete choice {c}"));
        }
    }
}

fn commands(body: &Value, fail: &mut impl FnMut(String)) {
    let commands = body.as_array().cloned().unwrap_or_default();
    for c in &commands {
        let name = c["name"].as_str().unwrap_or_default();
        let valid_name = |n: &str| {
            (1..=32).contains(&n.len())
                && n.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch == '-')
        };
        if !valid_name(name) || !(1..=100).contains(&chars(&c["description"])) {
            fail(format!("bad command {c}"));
        }
        let options = c["options"].as_array().cloned().unwrap_or_default();
        if options.len() > 25 {
            fail(format!("command {name} has {} options", options.len()));
        }
        for o in &options {
            if !valid_name(o["name"].as_str().unwrap_or_default())
                || !(1..=100).contains(&chars(&o["description"]))
            {
                fail(format!("bad option {o} of {name}"));
            }
        }
    }
}
