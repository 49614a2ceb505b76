//! Phrasing embeddings kept on disk between runs, keyed by the model's
//! SHA-256 and the phrasing's exact text, so a restart or `/reload`
//! embeds only the phrasings that changed.
//!
//! The file is little-endian binary: the magic `factdesk-embeddings-1\n`,
//! the model's SHA-256 (64 hex bytes), the dimension (u32) and count (u32),
//! then per phrasing its UTF-8 length (u32), its text and `dim` f32s. A file
//! for another model, or one that is damaged, is ignored and rewritten.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

const MAGIC: &[u8] = b"factdesk-embeddings-1\n";

/// Embeddings by phrasing text, all from one model.
pub struct EmbeddingCache {
    sha256: String,
    dim: usize,
    vectors: HashMap<String, Vec<f32>>,
}

impl EmbeddingCache {
    /// Returns an empty cache for the model `sha256` with vectors of `dim`.
    pub fn new(sha256: &str, dim: usize) -> EmbeddingCache {
        EmbeddingCache {
            sha256: sha256.to_string(),
            dim,
            vectors: HashMap::new(),
        }
    }

    /// Reads the cache at `path` for the model `sha256`.
    ///
    /// Returns an empty cache when the file is missing, is for another model
    /// or dimension, or is damaged (said in the log: it is rebuilt anyway).
    pub fn load(path: &Path, sha256: &str, dim: usize) -> EmbeddingCache {
        let mut cache = EmbeddingCache::new(sha256, dim);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return cache,
            Err(e) => {
                tracing::warn!("{}: cannot read the embedding cache: {e}", path.display());
                return cache;
            }
        };
        match parse(&bytes, sha256, dim) {
            Ok(vectors) => cache.vectors = vectors,
            Err(why) => tracing::info!(
                "{}: embedding cache not used ({why}); it will be rebuilt",
                path.display()
            ),
        }
        cache
    }

    /// Returns the cached embedding of `text`, if any.
    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.vectors.get(text).map(Vec::as_slice)
    }

    /// Stores the embedding of `text`.
    pub fn insert(&mut self, text: &str, vector: Vec<f32>) {
        debug_assert_eq!(vector.len(), self.dim);
        self.vectors.insert(text.to_string(), vector);
    }

    /// Drops every phrasing for which `keep` is false.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.vectors.retain(|text, _| keep(text));
    }

    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// Writes the cache to `path` (through a temporary file renamed into
    /// place, so a crash never leaves half a cache).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut out = Vec::with_capacity(MAGIC.len() + 72 + self.len() * (4 * self.dim + 64));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(self.sha256.as_bytes());
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        out.extend_from_slice(&(self.vectors.len() as u32).to_le_bytes());
        let mut texts: Vec<&String> = self.vectors.keys().collect();
        texts.sort();
        for text in texts {
            out.extend_from_slice(&(text.len() as u32).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
            for v in &self.vectors[text] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&out)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    }
}

/// Reads the cache file's content.
fn parse(bytes: &[u8], sha256: &str, dim: usize) -> Result<HashMap<String, Vec<f32>>, String> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err("not an embedding cache".into());
    }
    if r.take(64)? != sha256.as_bytes() {
        return Err("made with another model".into());
    }
    if r.u32()? as usize != dim {
        return Err("another dimension".into());
    }
    let count = r.u32()? as usize;
    let mut vectors = HashMap::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let len = r.u32()? as usize;
        let text = std::str::from_utf8(r.take(len)?).map_err(|_| "a text is not UTF-8")?;
        let vector: Vec<f32> = r
            .take(4 * dim)?
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        if vector.iter().any(|v| !v.is_finite()) {
            return Err("a vector holds NaN or infinity".into());
        }
        vectors.insert(text.to_string(), vector);
    }
    if r.at != bytes.len() {
        return Err("trailing bytes".into());
    }
    Ok(vectors)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("truncated")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";
    const OTHER: &str = "0000000000000000000000000000000000000000000000000000000000000000";

    fn saved(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("cache.bin");
        let mut cache = EmbeddingCache::new(HASH, 3);
        cache.insert("who recognised the taliban", vec![0.6, 0.8, 0.0]);
        cache.insert("when", vec![1.0, 0.0, 0.0]);
        cache.save(&path).expect("cache saves");
        path
    }

    #[test]
    fn round_trip_keeps_every_vector() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = EmbeddingCache::load(&saved(dir.path()), HASH, 3);
        assert_eq!(cache.len(), 2, "both phrasings come back");
        assert_eq!(cache.get("when"), Some(&[1.0, 0.0, 0.0][..]));
        assert_eq!(
            cache.get("who recognised the taliban"),
            Some(&[0.6, 0.8, 0.0][..])
        );
        assert_eq!(cache.get("who"), None, "only exact texts hit");
    }

    #[test]
    fn a_cache_that_does_not_fit_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = saved(dir.path());
        let bytes = std::fs::read(&path).expect("read back");
        let truncated = dir.path().join("truncated.bin");
        std::fs::write(&truncated, &bytes[..bytes.len() - 3]).expect("write");
        let garbage = dir.path().join("garbage.bin");
        std::fs::write(&garbage, b"not a cache at all").expect("write");
        // (why, path, model hash, dim)
        let table = [
            ("another model", &path, OTHER, 3),
            ("another dimension", &path, HASH, 4),
            ("truncated file", &truncated, HASH, 3),
            ("not a cache", &garbage, HASH, 3),
            ("missing file", &dir.path().join("none.bin"), HASH, 3),
        ];
        for (why, path, hash, dim) in table {
            let cache = EmbeddingCache::load(path, hash, dim);
            assert!(cache.is_empty(), "{why}: the cache should be ignored");
        }
    }
}
