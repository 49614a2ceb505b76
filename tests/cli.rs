//! The command line parses flags wherever they are: a flag after the
//! question is a flag or a clear error, never question text; `--` lets a
//! question start with a dash; `ask -` reports a bad line and goes on.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

/// Starts factdesk with `args` in `dir`, every stream piped.
fn spawn(args: &[&str], dir: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("factdesk runs")
}

/// Runs factdesk with `args` (and `stdin`), from a directory with no config.
fn factdesk(args: &[&str], stdin: &[u8]) -> Output {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut child = spawn(args, dir.path());
    let mut input = child.stdin.take().expect("stdin is piped");
    input.write_all(stdin).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("factdesk finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn flags_after_the_question_are_flags() {
    // (args, exit code, stdout must contain, stderr must contain)
    let rows: [(&[&str], u8, &str, &str); 7] = [
        (
            &["ask", "who is the ambassador", "--json", "--data", DATA],
            0,
            "\"status\":\"answered\"",
            "",
        ),
        (
            &[
                "--data",
                DATA,
                "ask",
                "who",
                "is",
                "the",
                "ambassador",
                "--json",
            ],
            0,
            "\"status\":\"answered\"",
            "",
        ),
        (
            &["--data", DATA, "ask", "who is the ambassador", "--explain"],
            0,
            "Why",
            "",
        ),
        (
            &["--data", DATA, "ask", "--jsn", "who is the ambassador"],
            2,
            "",
            "--jsn",
        ),
        (
            &["--data", DATA, "ask", "who is the ambassador", "--jsn"],
            2,
            "",
            "--jsn",
        ),
        (
            &["ask", "who is the ambassador", "--data", "/no/such/dir"],
            2,
            "",
            "/no/such/dir",
        ),
        (
            &[
                "--data",
                DATA,
                "ask",
                "--json",
                "--",
                "-who is the ambassador",
            ],
            0,
            "\"status\":\"answered\"",
            "",
        ),
    ];
    for (args, code, out, err) in rows {
        let got = factdesk(args, b"");
        let (stdout, stderr) = (text(&got.stdout), text(&got.stderr));
        assert_eq!(
            got.status.code(),
            Some(i32::from(code)),
            "factdesk {args:?}: exit code\nstdout: {stdout}\nstderr: {stderr}"
        );
        assert!(
            stdout.contains(out),
            "factdesk {args:?}: stdout {stdout:?} lacks {out:?}"
        );
        assert!(
            stderr.contains(err),
            "factdesk {args:?}: stderr {stderr:?} lacks {err:?}"
        );
    }
}

#[test]
fn batch_reports_a_bad_line_and_goes_on() {
    let input = b"who is the ambassador\n\xff\xfe broken\nwhen did russia recognise the taliban\n";
    let got = factdesk(&["--data", DATA, "ask", "-"], input);
    let (stdout, stderr) = (text(&got.stdout), text(&got.stderr));
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "one output line per input line: {stdout}");
    assert_eq!(lines[0]["status"], "answered", "line 1: {}", lines[0]);
    assert_eq!(
        lines[1]["line"], 2,
        "line 2 is reported in place: {}",
        lines[1]
    );
    assert_eq!(
        lines[2]["status"], "answered",
        "line 3 still answered: {}",
        lines[2]
    );
    assert!(
        stderr.contains("stdin:2: not valid UTF-8 at byte 1"),
        "stderr names the line: {stderr}"
    );
    assert_eq!(
        got.status.code(),
        Some(2),
        "a skipped line makes exit code 2"
    );
}

/// A reader that goes away (`factdesk ask ... | head -1`) ends factdesk
/// quietly with success: no panic, no error, whether it goes before the
/// answer is written or in the middle of a batch.
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // (args, stdin lines, lines read before closing)
    let rows: [(&[&str], usize, usize); 2] = [
        (
            &["ask", "--explain", "who is the ambassador", "--data", DATA],
            0,
            0,
        ),
        (&["ask", "-", "--data", DATA], 5000, 1),
    ];
    for (args, lines, read) in rows {
        let mut child = spawn(args, dir.path());
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut input = child.stdin.take().expect("stdin is piped");
        let feeder = std::thread::spawn(move || {
            for _ in 0..lines {
                if writeln!(input, "who is the ambassador").is_err() {
                    break;
                }
            }
        });
        for _ in 0..read {
            let mut line = String::new();
            std::io::BufRead::read_line(&mut stdout, &mut line).expect("read a line");
            assert!(line.contains("\"status\""), "{args:?}: first line {line:?}");
        }
        drop(stdout);
        let out = child.wait_with_output().expect("factdesk finishes");
        feeder.join().expect("the feeder ends");
        let err = text(&out.stderr);
        assert!(
            out.status.success(),
            "{args:?}: exit {:?}, stderr {err}",
            out.status
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
