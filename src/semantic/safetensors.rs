//! A reader for the safetensors format (an 8-byte little-endian header
//! length, a JSON header naming each tensor's dtype, shape and byte range,
//! then the raw data) that reads one tensor at a time straight into `f32`s,
//! so loading never holds the file and the weights in memory at once.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::SemanticError;

/// Larger headers are not a model this encoder can use.
const MAX_HEADER: u64 = 16 << 20;

#[derive(Debug, Deserialize)]
struct TensorInfo {
    dtype: String,
    shape: Vec<usize>,
    data_offsets: [u64; 2],
}

/// An open safetensors file whose header has been read and checked.
pub struct TensorFile {
    path: PathBuf,
    file: File,
    data_start: u64,
    tensors: HashMap<String, TensorInfo>,
}

impl TensorFile {
    /// Opens `path` and reads its header.
    ///
    /// Returns an error naming the file when the header is not valid JSON or
    /// a tensor's bytes lie outside the file.
    pub fn open(path: &Path) -> Result<TensorFile, SemanticError> {
        let mut file = File::open(path).map_err(|e| SemanticError::read(path, e))?;
        let len = file
            .metadata()
            .map_err(|e| SemanticError::read(path, e))?
            .len();
        let broken = |reason: String| SemanticError::broken(path, reason);
        let mut n = [0u8; 8];
        file.read_exact(&mut n)
            .map_err(|_| broken(format!("too short ({len} bytes) for a safetensors file")))?;
        let header_len = u64::from_le_bytes(n);
        if header_len > MAX_HEADER || 8 + header_len > len {
            return Err(broken(format!(
                "not a safetensors file (header length {header_len}, file length {len})"
            )));
        }
        let mut header = vec![0u8; header_len as usize];
        file.read_exact(&mut header)
            .map_err(|e| SemanticError::read(path, e))?;
        let mut raw: HashMap<String, serde_json::Value> = serde_json::from_slice(&header)
            .map_err(|e| broken(format!("safetensors header is not valid JSON: {e}")))?;
        raw.remove("__metadata__");
        let data_start = 8 + header_len;
        let mut tensors = HashMap::with_capacity(raw.len());
        for (name, value) in raw {
            let info: TensorInfo = serde_json::from_value(value)
                .map_err(|e| broken(format!("tensor {name}: bad header entry: {e}")))?;
            let [begin, end] = info.data_offsets;
            if begin > end || data_start + end > len {
                return Err(broken(format!(
                    "tensor {name}: bytes {begin}..{end} lie outside the file ({len} bytes); \
                     the file is truncated"
                )));
            }
            tensors.insert(name, info);
        }
        Ok(TensorFile {
            path: path.to_path_buf(),
            file,
            data_start,
            tensors,
        })
    }

    /// Reads the `F32` tensor `name`, which must have shape `shape`.
    ///
    /// Returns its values in row-major order.
    pub fn read_f32(&mut self, name: &str, shape: &[usize]) -> Result<Vec<f32>, SemanticError> {
        let broken = |reason: String| SemanticError::broken(&self.path, reason);
        let info = self
            .tensors
            .get(name)
            .ok_or_else(|| broken(format!("tensor {name} is missing")))?;
        if info.dtype != "F32" || info.shape != shape {
            return Err(broken(format!(
                "tensor {name} is {} {:?}, expected F32 {shape:?}",
                info.dtype, info.shape
            )));
        }
        let count: usize = shape.iter().product();
        let [begin, end] = info.data_offsets;
        if end - begin != 4 * count as u64 {
            return Err(broken(format!(
                "tensor {name}: {} bytes for {count} values",
                end - begin
            )));
        }
        self.file
            .seek(SeekFrom::Start(self.data_start + begin))
            .map_err(|e| SemanticError::read(&self.path, e))?;
        let mut values = Vec::with_capacity(count);
        let mut chunk = vec![0u8; 1 << 16];
        let mut left = 4 * count;
        while left > 0 {
            let take = left.min(chunk.len());
            self.file
                .read_exact(&mut chunk[..take])
                .map_err(|e| SemanticError::read(&self.path, e))?;
            values.extend(
                chunk[..take]
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
            left -= take;
        }
        if values.iter().any(|v| !v.is_finite()) {
            return Err(broken(format!(
                "tensor {name} holds NaN or infinite values"
            )));
        }
        Ok(values)
    }
}
