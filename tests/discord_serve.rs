//! `factdesk serve` refuses to start, with one line saying what to set and
//! exit code 2, when the token, the settings or the data are not usable;
//! it never echoes the token; a connection Discord refuses ends the client
//! with a line saying what to fix; the shard settings pick the shards.
#![cfg(feature = "discord")]

mod fake_discord;

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use factdesk::discord::{run_client, Bot};
use fake_discord::setup::{append, config, copy_of_data, data_dir, engine};
use fake_discord::FakeDiscord;

const GOOD_SHAPE: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.never-shown-0123456789abcdefghijklmnop";

#[test]
fn serve_refuses_to_start_without_what_it_needs() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bad_config = dir.path().join("bad.toml");
    std::fs::write(&bad_config, "[discord]\nwatch_treshold = 0.9\n").expect("write a config");
    let bad_config = bad_config.to_string_lossy().into_owned();
    let missing_data = dir.path().join("no-data").to_string_lossy().into_owned();
    let broken = copy_of_data();
    append(broken.path(), "qa.toml", "[[qa]]\nid = \"half-written\"\n");
    let broken_data = broken.path().to_string_lossy().into_owned();
    // (token, extra arguments, what the last stderr line must say)
    let rows: [(Option<&str>, Vec<&str>, &str); 6] = [
        (None, vec![], "DISCORD_TOKEN is not set"),
        (Some("  "), vec![], "DISCORD_TOKEN is not set"),
        (
            Some("hunter2-not-a-token"),
            vec![],
            "DISCORD_TOKEN does not look like a Discord bot token",
        ),
        (
            Some(GOOD_SHAPE),
            vec!["--config", &bad_config],
            "unknown field `watch_treshold`",
        ),
        (
            Some(GOOD_SHAPE),
            vec!["--data", &missing_data],
            "cannot read the data",
        ),
        (
            Some(GOOD_SHAPE),
            vec!["--data", &broken_data],
            "factdesk check --data",
        ),
    ];
    for (token, args, want) in rows {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk"));
        cmd.arg("serve")
            .args(&args)
            .env_remove("DISCORD_TOKEN")
            .env("RUST_LOG", "off");
        if let Some(t) = token {
            cmd.env("DISCORD_TOKEN", t);
        }
        let out = cmd.output().expect("run factdesk serve");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or_default();
        assert_eq!(out.status.code(), Some(2), "{token:?} {args:?}: {stderr}");
        assert!(
            last.starts_with("factdesk: ") && last.contains(want),
            "{token:?} {args:?}: {stderr}"
        );
        if let Some(t) = token.filter(|t| !t.trim().is_empty()) {
            assert!(
                !stderr.contains(t) && !String::from_utf8_lossy(&out.stdout).contains(t),
                "the token was echoed"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_says_what_to_fix() {
    // (close code, watch channels, what the error must say)
    let rows = [
        (4004, vec![], "Discord rejected the token in DISCORD_TOKEN"),
        (4014, vec![1], "enable \"Message Content Intent\""),
    ];
    for (code, watch, want) in rows {
        let fake = FakeDiscord::start_refusing(Some(code)).await;
        let mut c = config(&data_dir());
        c.discord.watch_channels = watch;
        let bot = Arc::new(Bot::new(c.clone(), engine(&data_dir(), &c)));
        let run = run_client(bot, fake.http(), std::future::pending());
        let result = tokio::time::timeout(Duration::from_secs(5), run).await;
        let err = result
            .expect("the client stops")
            .expect_err("a refused connection is an error");
        assert!(
            err.contains(want) && !err.contains('\n'),
            "close code {code}: {err}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shard_settings_pick_the_shards_and_shard_zero_registers() {
    // (total, first, last, the IDENTIFY shard, registers the commands)
    let rows = [
        (2, 1, 1, [1, 2], false),
        (3, 0, 0, [0, 3], true),
        (0, 0, 0, [0, 1], true),
    ];
    for (total, first, last, shard, registers) in rows {
        let fake = FakeDiscord::start().await;
        let mut c = config(&data_dir());
        c.discord.shards = factdesk::config::ShardConfig { total, first, last };
        let bot = Arc::new(Bot::new(c.clone(), engine(&data_dir(), &c)));
        let client = tokio::spawn(run_client(bot, fake.http(), std::future::pending()));
        let identify = fake.wait_identify().await;
        assert_eq!(
            identify["shard"],
            serde_json::json!(shard),
            "shards {first}..={last} of {total}"
        );
        let put = |r: &fake_discord::Request| r.method == "PUT";
        if registers {
            fake.request("command registration", put).await;
        } else {
            fake.assert_silent(
                "registration by a shard other than 0",
                Duration::from_millis(200),
                put,
            )
            .await;
        }
        assert_eq!(fake.identify().len(), 1, "one shard in this process");
        fake.finish();
        client.abort();
    }
}
