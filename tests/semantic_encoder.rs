//! The encoder against the model card's reference similarities. Needs the
//! model (scripts/fetch-model, or FACTDESK_MODEL_DIR); without it each test
//! says it skipped, unless FACTDESK_REQUIRE_MODEL is set (CI), which makes
//! a missing model a failure.
#![cfg(feature = "semantic")]

use std::path::Path;

use factdesk::semantic::{cosine, Encoder};

const MODEL_DIR: &str = "models/all-MiniLM-L6-v2";
const SHA256: &str = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";

/// Returns the encoder, or `None` after saying which test skipped and why.
fn encoder(test: &str) -> Option<Encoder> {
    let dir = std::env::var("FACTDESK_MODEL_DIR").unwrap_or_else(|_| MODEL_DIR.to_string());
    match Encoder::load(Path::new(&dir), SHA256) {
        Ok(Some(e)) => Some(e),
        Ok(None) if std::env::var_os("FACTDESK_REQUIRE_MODEL").is_some() => {
            panic!("{test}: FACTDESK_REQUIRE_MODEL is set but there is no model at {dir}")
        }
        Ok(None) => {
            // Written to stderr itself, not through eprintln!, which the
            // test harness captures and shows only for failing tests.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: no model at {dir} (run scripts/fetch-model)"
            );
            None
        }
        Err(e) => panic!("{test}: the model at {dir} does not load: {e}"),
    }
}

#[test]
fn model_card_similarities() {
    let Some(encoder) = encoder("model_card_similarities") else {
        return;
    };
    let sentences = [
        "The weather is lovely today.",
        "It's so sunny outside!",
        "He drove to the stadium.",
    ];
    let v: Vec<Vec<f32>> = sentences.iter().map(|s| encoder.embed(s)).collect();
    // (a, b, cosine) from the all-MiniLM-L6-v2 model card.
    let table = [(0, 1, 0.6660), (0, 2, 0.1046), (1, 2, 0.1411)];
    for (a, b, want) in table {
        let got = cosine(&v[a], &v[b]);
        assert!(
            (got - want).abs() <= 0.002,
            "cosine({:?}, {:?}) = {got:.4}, the model card says {want:.4}: \
             the forward pass or tokenizer differs from sentence-transformers",
            sentences[a],
            sentences[b]
        );
    }
}
