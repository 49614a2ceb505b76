//! The BERT encoder's weights and sizes: `config.json` gives the sizes,
//! `model.safetensors` the weights, laid out for the forward pass (the
//! query, key and value projections fused into one matrix).

use std::path::Path;

use serde::Deserialize;

use super::safetensors::TensorFile;
use super::SemanticError;

/// The sizes from a Hugging Face BERT `config.json`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Dims {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub layer_norm_eps: f32,
}

#[derive(Deserialize)]
struct ConfigJson {
    #[serde(default)]
    model_type: String,
    #[serde(default)]
    hidden_act: String,
    #[serde(flatten)]
    dims: Dims,
}

impl Dims {
    /// Reads and checks `config.json`.
    pub fn load(path: &Path) -> Result<Dims, SemanticError> {
        let text = std::fs::read_to_string(path).map_err(|e| SemanticError::read(path, e))?;
        let config: ConfigJson = serde_json::from_str(&text)
            .map_err(|e| SemanticError::broken(path, format!("not a BERT config.json: {e}")))?;
        let d = config.dims;
        let problem = if config.model_type != "bert" {
            Some(format!(
                "model_type is {:?}, expected \"bert\"",
                config.model_type
            ))
        } else if config.hidden_act != "gelu" {
            Some(format!(
                "hidden_act is {:?}, expected \"gelu\"",
                config.hidden_act
            ))
        } else if d.num_attention_heads == 0 || !d.hidden_size.is_multiple_of(d.num_attention_heads)
        {
            Some(format!(
                "hidden_size {} is not a multiple of num_attention_heads {}",
                d.hidden_size, d.num_attention_heads
            ))
        } else if d.vocab_size == 0 || d.max_position_embeddings < 3 || d.num_hidden_layers == 0 {
            Some("vocab_size, max_position_embeddings and num_hidden_layers must be set".into())
        } else {
            None
        };
        match problem {
            Some(p) => Err(SemanticError::broken(path, p)),
            None => Ok(d),
        }
    }

    pub fn head_dim(&self) -> usize {
        self.hidden_size / self.num_attention_heads
    }
}

/// A linear layer `y = x Wᵀ + b`, `W` stored `[out, in]` row-major.
pub struct Linear {
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
    pub inputs: usize,
    pub outputs: usize,
}

/// Layer normalisation's scale and shift.
pub struct Norm {
    pub gamma: Vec<f32>,
    pub beta: Vec<f32>,
}

/// One transformer layer.
pub struct Layer {
    /// Query, key and value projections, fused: `[3 * hidden, hidden]`.
    pub qkv: Linear,
    pub attention_out: Linear,
    pub attention_norm: Norm,
    pub intermediate: Linear,
    pub output: Linear,
    pub output_norm: Norm,
}

/// Every weight of the encoder.
pub struct Weights {
    pub dims: Dims,
    /// `[vocab, hidden]`.
    pub words: Vec<f32>,
    /// `[max_position, hidden]`.
    pub positions: Vec<f32>,
    /// Token type 0 (the only one a single sentence uses): `[hidden]`.
    pub token_type: Vec<f32>,
    pub embedding_norm: Norm,
    pub layers: Vec<Layer>,
}

impl Weights {
    /// Reads the weights of a BERT model of size `dims` from `path`.
    pub fn load(path: &Path, dims: Dims) -> Result<Weights, SemanticError> {
        let mut file = TensorFile::open(path)?;
        let h = dims.hidden_size;
        let mut token_type = file.read_f32("embeddings.token_type_embeddings.weight", &[2, h])?;
        token_type.truncate(h);
        let embedding_norm = norm(&mut file, "embeddings.LayerNorm", h)?;
        let words = file.read_f32("embeddings.word_embeddings.weight", &[dims.vocab_size, h])?;
        let positions = file.read_f32(
            "embeddings.position_embeddings.weight",
            &[dims.max_position_embeddings, h],
        )?;
        let layers = (0..dims.num_hidden_layers)
            .map(|i| layer(&mut file, &format!("encoder.layer.{i}"), dims))
            .collect::<Result<_, _>>()?;
        Ok(Weights {
            dims,
            words,
            positions,
            token_type,
            embedding_norm,
            layers,
        })
    }
}

fn layer(file: &mut TensorFile, at: &str, dims: Dims) -> Result<Layer, SemanticError> {
    let (h, i) = (dims.hidden_size, dims.intermediate_size);
    let mut qkv = linear(file, &format!("{at}.attention.self.query"), h, h)?;
    for part in ["key", "value"] {
        let more = linear(file, &format!("{at}.attention.self.{part}"), h, h)?;
        qkv.weight.extend(more.weight);
        qkv.bias.extend(more.bias);
        qkv.outputs += h;
    }
    Ok(Layer {
        qkv,
        attention_out: linear(file, &format!("{at}.attention.output.dense"), h, h)?,
        attention_norm: norm(file, &format!("{at}.attention.output.LayerNorm"), h)?,
        intermediate: linear(file, &format!("{at}.intermediate.dense"), h, i)?,
        output: linear(file, &format!("{at}.output.dense"), i, h)?,
        output_norm: norm(file, &format!("{at}.output.LayerNorm"), h)?,
    })
}

fn linear(
    file: &mut TensorFile,
    at: &str,
    inputs: usize,
    outputs: usize,
) -> Result<Linear, SemanticError> {
    Ok(Linear {
        weight: file.read_f32(&format!("{at}.weight"), &[outputs, inputs])?,
        bias: file.read_f32(&format!("{at}.bias"), &[outputs])?,
        inputs,
        outputs,
    })
}

fn norm(file: &mut TensorFile, at: &str, h: usize) -> Result<Norm, SemanticError> {
    Ok(Norm {
        gamma: file.read_f32(&format!("{at}.weight"), &[h])?,
        beta: file.read_f32(&format!("{at}.bias"), &[h])?,
    })
}
