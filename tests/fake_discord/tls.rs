//! The fake's https://discord.com: an HTTP CONNECT proxy on 127.0.0.1 that
//! opens each tunnel into a TLS server holding a certificate for
//! discord.com, issued by a test-only authority (`tls/ca.pem`; its key was
//! thrown away after signing). With it, serenity runs as in production,
//! its ratelimiter on (which ignores serenity's own proxy setting and
//! always calls https://discord.com), and the client trusts the test
//! authority through `[discord] ca_file` and reaches the proxy through
//! HTTPS_PROXY.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{crypto, ServerConfig};
use tokio_rustls::TlsAcceptor;

use super::{rest, Shared};

/// The test authority's certificate, which the client must trust.
pub fn ca_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fake_discord/tls/ca.pem")
}

fn acceptor() -> TlsAcceptor {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fake_discord/tls");
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(dir.join("discord.com.pem"))
            .expect("tls/discord.com.pem")
            .collect::<Result<_, _>>()
            .expect("a PEM certificate");
    let key =
        PrivateKeyDer::from_pem_file(dir.join("discord.com.key")).expect("tls/discord.com.key");
    let config = ServerConfig::builder_with_provider(Arc::new(crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("a usable certificate and key");
    TlsAcceptor::from(Arc::new(config))
}

/// Accepts CONNECT tunnels to discord.com:443 and serves the fake REST
/// API inside each over TLS.
pub async fn serve(listener: TcpListener, shared: Shared) {
    let acceptor = acceptor();
    while let Ok((stream, _)) = listener.accept().await {
        let (acceptor, shared) = (acceptor.clone(), shared.clone());
        tokio::spawn(async move {
            let Some(stream) = tunnel(stream, &shared).await else {
                return;
            };
            match acceptor.accept(stream).await {
                Ok(tls) => rest::connection(tls, shared).await,
                Err(e) => shared.problem(format!("TLS handshake with the client failed: {e}")),
            }
        });
    }
}

/// Reads the CONNECT request and answers 200; returns the raw stream.
async fn tunnel(stream: TcpStream, shared: &Shared) -> Option<TcpStream> {
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    reader.read_line(&mut first).await.ok()?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).await.ok()? == 0 || header.trim_end().is_empty() {
            break;
        }
    }
    if !first.starts_with("CONNECT discord.com:443 ") {
        shared.problem(format!(
            "the proxy got {:?}, not a CONNECT to discord.com:443",
            first.trim_end()
        ));
        return None;
    }
    // The client sends nothing more before this answer, so nothing is buffered.
    let mut stream = reader.into_inner();
    stream
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .await
        .ok()?;
    Some(stream)
}
