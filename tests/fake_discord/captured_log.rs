//! Capturing what factdesk logs, for tests that check the log lines.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// Collects everything written to it (a tracing writer).
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Returns everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|p| p.into_inner())).into_owned()
    }
}

/// Returns everything factdesk logged (at debug level) by any test of the
/// test binary so far, capturing it from the first call on.
pub fn logs() -> String {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::util::SubscriberInitExt;
        let c = Captured::default();
        let writer = c.clone();
        let output = tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(move || writer.clone());
        let _ = tracing_subscriber::registry()
            .with(tracing_subscriber::EnvFilter::new("factdesk=debug"))
            .with(output)
            .try_init();
        c
    })
    .text()
}
