//! The loader's input classes: ways a data file gets broken, by a hand, an
//! editor, a disk or an attacker with write access to `data/`.

use crate::rng::Rng;

/// Gets a file's bytes and all five files' (for swaps), returns the new bytes.
type Apply = fn(&mut Rng, &[u8], &[Vec<u8>]) -> Vec<u8>;

/// One way to break a file.
pub struct Mutation {
    pub name: &'static str,
    pub apply: Apply,
}

pub const MUTATIONS: [Mutation; 11] = [
    Mutation {
        name: "byte flips",
        apply: flips,
    },
    Mutation {
        name: "truncation",
        apply: truncation,
    },
    Mutation {
        name: "line deletion",
        apply: delete_line,
    },
    Mutation {
        name: "line duplication",
        apply: duplicate_line,
    },
    Mutation {
        name: "BOM",
        apply: bom,
    },
    Mutation {
        name: "CRLF",
        apply: crlf,
    },
    Mutation {
        name: "NUL",
        apply: nul,
    },
    Mutation {
        name: "invalid UTF-8",
        apply: invalid_utf8,
    },
    Mutation {
        name: "deep nesting",
        apply: nesting,
    },
    Mutation {
        name: "huge strings",
        apply: huge_string,
    },
    Mutation {
        name: "swapped files",
        apply: swapped,
    },
];

fn flips(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..rng.size(1, 16) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        out[at] ^= 1 << rng.below(8);
    }
    out
}

fn truncation(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    bytes[..rng.below(bytes.len() + 1)].to_vec()
}

/// Returns the byte ranges of the lines (with their newline).
fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

fn delete_line(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let l = lines(bytes);
    if l.is_empty() {
        return bytes.to_vec();
    }
    let mut out = bytes.to_vec();
    for _ in 0..rng.size(1, 4) {
        let (s, e) = l[rng.below(l.len())];
        if e <= out.len() {
            out.drain(s..e);
        }
    }
    out
}

fn duplicate_line(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let l = lines(bytes);
    if l.is_empty() {
        return bytes.to_vec();
    }
    let (s, e) = l[rng.below(l.len())];
    let mut out = bytes[..e].to_vec();
    for _ in 0..rng.size(1, 3) {
        out.extend_from_slice(&bytes[s..e]);
    }
    out.extend_from_slice(&bytes[e..]);
    out
}

fn bom(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let marks: [&[u8]; 3] = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"];
    let mut out = rng.pick(&marks).to_vec();
    out.extend_from_slice(bytes);
    out
}

fn crlf(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let every = rng.chance(50);
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        if b == b'\n' && (every || rng.chance(10)) {
            out.push(b'\r');
        }
        out.push(b);
    }
    if rng.chance(20) {
        // A lone CR too.
        let at = rng.below(out.len() + 1);
        out.insert(at, b'\r');
    }
    out
}

fn nul(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..rng.size(1, 8) {
        let at = rng.below(out.len() + 1);
        out.insert(at, 0);
    }
    out
}

fn invalid_utf8(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let bad: [&[u8]; 6] = [
        b"\xff",
        b"\xc3",
        b"\xe2\x82",
        b"\xc0\xaf",
        b"\xed\xa0\x80",
        b"\xf8\x88\x80\x80\x80",
    ];
    let mut out = bytes.to_vec();
    let at = rng.below(out.len() + 1);
    let piece = rng.pick(&bad);
    out.splice(at..at, piece.iter().copied());
    out
}

fn at_line_start(rng: &mut Rng, bytes: &[u8], insert: &[u8]) -> Vec<u8> {
    let l = lines(bytes);
    let at = if l.is_empty() {
        0
    } else {
        l[rng.below(l.len())].0
    };
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(insert);
    out.extend_from_slice(&bytes[at..]);
    out
}

fn nesting(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let depth = rng.size(1, 100_000);
    let (open, close) = *rng.pick(&[("[", "]"), ("{ a = ", " }"), ("[{a=[", "]}]")]);
    let mut insert = b"deep = ".to_vec();
    insert.extend(open.repeat(depth).bytes());
    if rng.chance(80) {
        insert.extend(close.repeat(depth).bytes());
    }
    insert.push(b'\n');
    at_line_start(rng, bytes, &insert)
}

fn huge_string(rng: &mut Rng, bytes: &[u8], _: &[Vec<u8>]) -> Vec<u8> {
    let len = rng.size(1000, 6_000_000);
    let mut insert = b"huge = \"".to_vec();
    insert.extend(std::iter::repeat_n(b'x', len));
    insert.extend_from_slice(b"\"\n");
    if rng.chance(50) {
        // As the value of a real key instead: replace the start of a line.
        let l = lines(bytes);
        if let Some(&(s, e)) = l.get(rng.below(l.len().max(1))) {
            if let Some(eq) = bytes[s..e].iter().position(|&b| b == b'=') {
                let mut out = bytes[..s + eq + 1].to_vec();
                out.extend_from_slice(b" \"");
                out.extend(std::iter::repeat_n(b'y', len));
                out.extend_from_slice(b"\"\n");
                out.extend_from_slice(&bytes[e..]);
                return out;
            }
        }
    }
    at_line_start(rng, bytes, &insert)
}

fn swapped(rng: &mut Rng, _: &[u8], all: &[Vec<u8>]) -> Vec<u8> {
    all[rng.below(all.len())].clone()
}
