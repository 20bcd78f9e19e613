//! A compact binary image of the lexical clustering engine, so a start can load it instead of
//! replaying the whole clustering log (issue 19).
//!
//! The image holds the engine's state exactly (every weight, norm, posting and count bit for
//! bit), not the text it came from: a decoded engine answers as the encoded one did. What the
//! configuration decides (thresholds, analyzer options) is not stored; the caller checks that
//! the configuration is the one the image was made with (see `fingerprint` in
//! `service::snapshot`). Each struct below is destructured without `..`, so a field added to
//! the engine fails to build here until it is stored too (and [`FORMAT`] bumped).
//!
//! Layout: `MAGIC`, the format (u32 LE), the body's length (u64 LE) and checksum (u64 LE), then
//! the body: LEB128 integers, sorted lists as ascending deltas, f32 as their bits.

use std::collections::{BTreeMap, BTreeSet};

use super::lexical::{Centroid, LexDoc, Lexical, ReqSlot};
use super::{ClusterConfig, Clusterer, DocEntry, FastMap, Representation};
use crate::domain::recurring::Recurring;

/// Bump on any change of what is stored or how. 3: the recurrence sketch counts shingles and
/// the sentences under where the line rules stopped reading, with conservative updates.
pub const FORMAT: u32 = 3;
const MAGIC: &[u8; 8] = b"SIFTCLU\0";
const HEADER: usize = 8 + 4 + 8 + 8;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    #[error("not a clustering snapshot")]
    Magic,
    #[error("snapshot format {found}, this build reads {FORMAT}")]
    Format { found: u32 },
    #[error("snapshot truncated or corrupt (checksum)")]
    Checksum,
    #[error("snapshot corrupt: {0}")]
    Corrupt(&'static str),
}

/// A 64-bit checksum (not cryptographic): catches truncation and changed bytes at memory speed.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (h >> 32)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u(&mut self, mut x: u64) {
        while x >= 0x80 {
            self.0.push((x as u8) | 0x80);
            x >>= 7;
        }
        self.0.push(x as u8);
    }
    fn f(&mut self, x: f32) {
        self.0.extend_from_slice(&x.to_bits().to_le_bytes());
    }
    /// Pairs sorted by their first element: deltas of the first, the second as is.
    fn sorted_pairs(&mut self, v: &[(u32, u32)]) {
        self.u(v.len() as u64);
        let mut prev = 0u32;
        for &(a, b) in v {
            self.u(u64::from(a.wrapping_sub(prev)));
            self.u(u64::from(b));
            prev = a;
        }
    }
    /// Pairs in their own order (postings are in append order).
    fn pairs(&mut self, v: &[(u32, u32)]) {
        self.u(v.len() as u64);
        for &(a, b) in v {
            self.u(u64::from(a));
            self.u(u64::from(b));
        }
    }
    fn sorted_u64s(&mut self, v: &[u64]) {
        self.u(v.len() as u64);
        let mut prev = 0u64;
        for &x in v {
            self.u(x.wrapping_sub(prev));
            prev = x;
        }
    }
    fn u64s(&mut self, v: &[u64]) {
        self.u(v.len() as u64);
        for &x in v {
            self.u(x);
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

type R<T> = Result<T, DecodeError>;

impl Reader<'_> {
    fn u(&mut self) -> R<u64> {
        let mut x = 0u64;
        let mut shift = 0;
        loop {
            let &byte = self
                .b
                .get(self.at)
                .ok_or(DecodeError::Corrupt("ends early"))?;
            self.at += 1;
            if shift > 63 {
                return Err(DecodeError::Corrupt("integer too long"));
            }
            x |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(x);
            }
            shift += 7;
        }
    }
    fn u32(&mut self) -> R<u32> {
        u32::try_from(self.u()?).map_err(|_| DecodeError::Corrupt("u32 out of range"))
    }
    /// A length, bounded by what is left (each element takes at least a byte).
    fn len(&mut self) -> R<usize> {
        let n = self.u()? as usize;
        if n > self.b.len() - self.at {
            return Err(DecodeError::Corrupt("length beyond the end"));
        }
        Ok(n)
    }
    fn f(&mut self) -> R<f32> {
        let bytes = self
            .b
            .get(self.at..self.at + 4)
            .ok_or(DecodeError::Corrupt("ends early"))?;
        self.at += 4;
        Ok(f32::from_bits(u32::from_le_bytes([
            bytes[0], bytes[1], bytes[2], bytes[3],
        ])))
    }
    fn sorted_pairs(&mut self) -> R<Vec<(u32, u32)>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let a = prev.wrapping_add(self.u32()?);
            v.push((a, self.u32()?));
            prev = a;
        }
        Ok(v)
    }
    fn pairs(&mut self) -> R<Vec<(u32, u32)>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push((self.u32()?, self.u32()?));
        }
        Ok(v)
    }
    fn sorted_u64s(&mut self) -> R<Vec<u64>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            let x = prev.wrapping_add(self.u()?);
            v.push(x);
            prev = x;
        }
        Ok(v)
    }
    fn u64s(&mut self) -> R<Vec<u64>> {
        let n = self.len()?;
        (0..n).map(|_| self.u()).collect()
    }
}

fn encode_doc(w: &mut Writer, doc: &LexDoc) {
    let LexDoc {
        terms,
        oov,
        kept,
        dropped_below,
        kept_young,
    } = doc;
    w.sorted_pairs(terms);
    w.u(oov.len() as u64);
    for &x in oov.iter() {
        w.u(u64::from(x));
    }
    w.u64s(kept);
    w.u(u64::from(*dropped_below));
    w.u(u64::from(*kept_young));
}

fn decode_doc(r: &mut Reader<'_>) -> R<LexDoc> {
    let terms = r.sorted_pairs()?.into_boxed_slice();
    let n = r.len()?;
    let oov = (0..n)
        .map(|_| r.u32())
        .collect::<R<Vec<u32>>>()?
        .into_boxed_slice();
    let kept = r.u64s()?.into_boxed_slice();
    let dropped_below = u16::try_from(r.u()?).map_err(|_| DecodeError::Corrupt("doc"))?;
    let kept_young = match r.u()? {
        0 => false,
        1 => true,
        _ => return Err(DecodeError::Corrupt("doc")),
    };
    Ok(LexDoc {
        terms,
        oov,
        kept,
        dropped_below,
        kept_young,
    })
}

impl Lexical {
    fn encode_into(&self, w: &mut Writer) {
        // Every field named: a new one must be stored (or said to come from the configuration).
        let Lexical {
            opts: _,
            bigram_weight: _,
            max_query_terms: _,
            max_postings: _,
            rerank: _,
            idf_power: _,
            centroid_power: _,
            vocab,
            df,
            idf,
            postings,
            heavy,
            n_docs,
            epoch_n,
            slots,
            slot_norm,
            slot_of,
            free,
            recurring,
        } = self;
        // Term ids are dense (a new term gets the next id), so the vocabulary is its hashes
        // in id order.
        let mut hashes = vec![0u64; vocab.len()];
        for (&h, &id) in vocab {
            hashes[id as usize] = h;
        }
        w.u64s(&hashes);
        for &d in df {
            w.u(u64::from(d));
        }
        w.u(idf.len() as u64);
        for &x in idf {
            w.f(x);
        }
        for p in postings {
            w.pairs(p);
        }
        for h in heavy {
            w.pairs(h);
        }
        w.u(u64::from(*n_docs));
        w.u(u64::from(*epoch_n));
        w.u(slots.len() as u64);
        for (slot, &norm) in slots.iter().zip(slot_norm) {
            let ReqSlot {
                id,
                terms,
                norm2,
                ndocs,
            } = slot;
            w.u(*id);
            match terms {
                Centroid::Small(v) => {
                    w.u(0);
                    w.sorted_pairs(v);
                }
                Centroid::Large(m) => {
                    w.u(1);
                    let mut v: Vec<(u32, u32)> = m.iter().map(|(&t, &x)| (t, x)).collect();
                    v.sort_unstable();
                    w.sorted_pairs(&v);
                }
            }
            w.u(*norm2);
            w.u(u64::from(*ndocs));
            w.f(norm);
        }
        let mut of: Vec<(u64, u32)> = slot_of.iter().map(|(&r, &s)| (r, s)).collect();
        of.sort_unstable();
        w.u(of.len() as u64);
        for (r, s) in of {
            w.u(r);
            w.u(u64::from(s));
        }
        w.u(free.len() as u64);
        for &s in free {
            w.u(u64::from(s));
        }
        // The sketch is mostly zeros on a small corpus: its non-zero cells as (gap, count).
        let cells = recurring.cells();
        w.u(cells.len() as u64);
        let nonzero = cells.iter().filter(|&&c| c != 0).count();
        w.u(nonzero as u64);
        let mut next = 0usize;
        for (i, &c) in cells.iter().enumerate().filter(|(_, c)| **c != 0) {
            w.u((i - next) as u64);
            w.u(u64::from(c));
            next = i + 1;
        }
        w.u(recurring.items());
    }

    fn decode_from(config: &ClusterConfig, r: &mut Reader<'_>) -> R<Self> {
        let mut lex = Lexical::new(config);
        let hashes = r.u64s()?;
        let n = hashes.len();
        let mut vocab: FastMap<u64, u32> = FastMap::default();
        vocab.reserve(n);
        for (id, h) in hashes.into_iter().enumerate() {
            if vocab.insert(h, id as u32).is_some() {
                return Err(DecodeError::Corrupt("a term twice in the vocabulary"));
            }
        }
        let df = (0..n).map(|_| r.u32()).collect::<R<Vec<u32>>>()?;
        if r.len()? != n {
            return Err(DecodeError::Corrupt("idf length"));
        }
        let idf = (0..n).map(|_| r.f()).collect::<R<Vec<f32>>>()?;
        let postings = (0..n).map(|_| r.pairs()).collect::<R<Vec<_>>>()?;
        let heavy = (0..n).map(|_| r.pairs()).collect::<R<Vec<_>>>()?;
        let n_docs = r.u32()?;
        let epoch_n = r.u32()?;
        let n_slots = r.len()?;
        let mut slots = Vec::with_capacity(n_slots);
        let mut slot_norm = Vec::with_capacity(n_slots);
        for _ in 0..n_slots {
            let id = r.u()?;
            let terms = match r.u()? {
                0 => Centroid::Small(r.sorted_pairs()?),
                1 => Centroid::Large(r.sorted_pairs()?.into_iter().collect()),
                _ => return Err(DecodeError::Corrupt("centroid kind")),
            };
            let norm2 = r.u()?;
            let ndocs = r.u32()?;
            slots.push(ReqSlot {
                id,
                terms,
                norm2,
                ndocs,
            });
            slot_norm.push(r.f()?);
        }
        let n_of = r.len()?;
        let mut slot_of: FastMap<u64, u32> = FastMap::default();
        slot_of.reserve(n_of);
        for _ in 0..n_of {
            let (req, s) = (r.u()?, r.u32()?);
            if s as usize >= n_slots {
                return Err(DecodeError::Corrupt("slot out of range"));
            }
            slot_of.insert(req, s);
        }
        let n_free = r.len()?;
        let free = (0..n_free).map(|_| r.u32()).collect::<R<Vec<u32>>>()?;
        let n_cells = r.u()? as usize;
        if n_cells > 1 << 24 {
            return Err(DecodeError::Corrupt("recurring sentence counts"));
        }
        let mut cells = vec![0u16; n_cells];
        let mut next = 0usize;
        for _ in 0..r.len()? {
            let i = next.saturating_add(r.u()? as usize);
            let c = u16::try_from(r.u()?).map_err(|_| DecodeError::Corrupt("cell"))?;
            *cells.get_mut(i).ok_or(DecodeError::Corrupt("cell"))? = c;
            next = i + 1;
        }
        let items = r.u()?;
        let bad_term = |v: &[(u32, u32)]| v.iter().any(|&(x, _)| x as usize >= n_slots);
        if postings.iter().any(|p| bad_term(p)) || heavy.iter().any(|h| bad_term(h)) {
            return Err(DecodeError::Corrupt("posting slot out of range"));
        }
        lex.vocab = vocab;
        lex.df = df;
        lex.idf = idf;
        lex.postings = postings;
        lex.heavy = heavy;
        lex.n_docs = n_docs;
        lex.epoch_n = epoch_n;
        lex.slots = slots;
        lex.slot_norm = slot_norm;
        lex.slot_of = slot_of;
        lex.free = free;
        lex.recurring = Recurring::from_cells(config.recurring_sentences, items, cells)
            .ok_or(DecodeError::Corrupt("recurring sentence counts"))?;
        Ok(lex)
    }
}

/// A copy of the engine, so a snapshot is encoded from the copy while the engine goes on taking
/// changes: copying is several times faster than encoding, and only the copy needs the engine
/// held still. Destructured without `..`, so a new field is copied too.
impl<R: Representation + Clone> Clone for Clusterer<R>
where
    R::Doc: Clone,
{
    fn clone(&self) -> Self {
        let Clusterer {
            config,
            rep,
            docs,
            members,
            merged_into,
            forbidden,
            central: _,
        } = self;
        Clusterer {
            config: config.clone(),
            rep: rep.clone(),
            docs: docs.clone(),
            members: members.clone(),
            merged_into: merged_into.clone(),
            forbidden: forbidden.clone(),
            central: Default::default(),
        }
    }
}

impl Clusterer<Lexical> {
    /// The engine's state as bytes (see the module's doc).
    pub fn encode_snapshot(&self) -> Vec<u8> {
        let Clusterer {
            config: _,
            rep,
            docs,
            members,
            merged_into,
            forbidden,
            central: _,
        } = self;
        let mut w = Writer(Vec::with_capacity(docs.len() * 64 + (1 << 20)));
        rep.encode_into(&mut w);
        let mut ids: Vec<u64> = docs.keys().copied().collect();
        ids.sort_unstable();
        w.sorted_u64s(&ids);
        for id in &ids {
            let DocEntry { request, vec } = &docs[id];
            w.u(*request);
            encode_doc(&mut w, vec);
        }
        let mut requests: Vec<u64> = members.keys().copied().collect();
        requests.sort_unstable();
        w.sorted_u64s(&requests);
        for r in &requests {
            w.sorted_u64s(&members[r]);
        }
        w.u(merged_into.len() as u64);
        for (&a, &b) in merged_into {
            w.u(a);
            w.u(b);
        }
        w.u(forbidden.len() as u64);
        for &(a, b) in forbidden {
            w.u(a);
            w.u(b);
        }
        let body = w.0;
        let mut out = Vec::with_capacity(HEADER + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// The engine `bytes` hold, with `config` (which must be the one it was made with).
    pub fn decode_snapshot(config: ClusterConfig, bytes: &[u8]) -> Result<Self, DecodeError> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(DecodeError::Magic);
        }
        let word = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(b)
        };
        let found = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if found != FORMAT {
            return Err(DecodeError::Format { found });
        }
        let (len, sum) = (word(12), word(20));
        let body = &bytes[HEADER..];
        if body.len() as u64 != len || checksum(body) != sum {
            return Err(DecodeError::Checksum);
        }
        let r = &mut Reader { b: body, at: 0 };
        let rep = Lexical::decode_from(&config, r)?;
        let vocab = rep.df.len();
        let ids = r.sorted_u64s()?;
        let mut docs: FastMap<u64, DocEntry<LexDoc>> = FastMap::default();
        docs.reserve(ids.len());
        for id in ids {
            let request = r.u()?;
            let vec = decode_doc(r)?;
            if vec.terms.iter().any(|&(t, _)| t as usize >= vocab) {
                return Err(DecodeError::Corrupt("doc term out of range"));
            }
            docs.insert(id, DocEntry { request, vec });
        }
        let requests = r.sorted_u64s()?;
        let mut members: FastMap<u64, Vec<u64>> = FastMap::default();
        members.reserve(requests.len());
        for req in requests {
            members.insert(req, r.sorted_u64s()?);
        }
        let mut merged_into = BTreeMap::new();
        for _ in 0..r.len()? {
            merged_into.insert(r.u()?, r.u()?);
        }
        let mut forbidden = BTreeSet::new();
        for _ in 0..r.len()? {
            forbidden.insert((r.u()?, r.u()?));
        }
        if r.at != body.len() {
            return Err(DecodeError::Corrupt("bytes after the end"));
        }
        let mut engine = Clusterer::with_representation(config, rep);
        engine.docs = docs;
        engine.members = members;
        engine.merged_into = merged_into;
        engine.forbidden = forbidden;
        Ok(engine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(i: usize) -> String {
        let needs = [
            "Please add dark mode to the dashboard",
            "Export the report as PDF",
            "Single sign-on with Okta for our staff",
            "The mobile app crashes when uploading photos",
            "导出报表为PDF格式",
            "Bulk edit of tickets in the queue",
        ];
        let furniture = "Looking forward to hearing from you.";
        format!(
            "{} (ticket {i}, word w{}). {furniture}\nKind regards, Sam",
            needs[i % needs.len()],
            i % 37
        )
    }

    /// An engine that went through every kind of change, with a centroid large enough to be
    /// stored as a map and recurring furniture learned.
    fn busy_engine() -> Clusterer {
        let mut c = Clusterer::new(ClusterConfig::default());
        for i in 0..400u64 {
            c.assign(i, &text(i as usize), 10_000 + i);
        }
        let big: String = (0..150).map(|k| format!("term{k} ")).collect();
        c.assign(1_000, &big, 20_000);
        let requests = c.request_ids();
        c.merge(requests[1], requests[0]);
        let moved = c.members(requests[2])[0];
        c.move_doc(moved, requests[3]);
        c.forbid_pair(requests[3], requests[4]);
        for id in c.stale_docs() {
            c.refresh_doc(id, &text(id as usize));
        }
        c.add_existing(5, c.request_of(5).unwrap_or(0), "");
        c
    }

    #[test]
    fn a_decoded_engine_is_the_encoded_one_and_decides_the_same() {
        let mut a = busy_engine();
        let bytes = a.encode_snapshot();
        let mut b = Clusterer::decode_snapshot(ClusterConfig::default(), &bytes).expect("decodes");
        assert_eq!(b.encode_snapshot(), bytes, "encoding is stable");
        assert_eq!(a.assignments(), b.assignments());
        for i in 400..600u64 {
            let t = text(i as usize * 7);
            assert_eq!(a.find_similar(&t, 5), b.find_similar(&t, 5));
            assert_eq!(a.assign(i, &t, 30_000 + i), b.assign(i, &t, 30_000 + i));
        }
        for r in a.request_ids() {
            assert_eq!(a.similar_requests(r, 5), b.similar_requests(r, 5));
            assert_eq!(a.representative(r), b.representative(r));
        }
        assert_eq!(a.encode_snapshot(), b.encode_snapshot());
    }

    /// A snapshot is encoded from a copy: the copy encodes to the engine's bytes, and the
    /// engine's later changes do not reach it.
    #[test]
    fn a_copy_encodes_as_the_engine_did_and_stays_put() {
        let mut a = busy_engine();
        let bytes = a.encode_snapshot();
        let copy = a.clone();
        for i in 400..450u64 {
            a.assign(i, &text(i as usize * 3), 40_000 + i);
        }
        assert_ne!(a.encode_snapshot(), bytes);
        assert_eq!(copy.encode_snapshot(), bytes);
    }

    #[test]
    fn an_empty_engine_round_trips() {
        let a = Clusterer::new(ClusterConfig::default());
        let bytes = a.encode_snapshot();
        let b = Clusterer::decode_snapshot(ClusterConfig::default(), &bytes).expect("decodes");
        assert_eq!(b.num_docs(), 0);
        assert_eq!(b.encode_snapshot(), bytes);
    }

    #[test]
    fn a_changed_truncated_or_foreign_snapshot_is_refused() {
        let bytes = busy_engine().encode_snapshot();
        let config = ClusterConfig::default;
        let mut flipped = bytes.clone();
        let at = flipped.len() / 2;
        flipped[at] ^= 0x40;
        assert_eq!(
            Clusterer::decode_snapshot(config(), &flipped).err(),
            Some(DecodeError::Checksum)
        );
        assert_eq!(
            Clusterer::decode_snapshot(config(), &bytes[..bytes.len() - 3]).err(),
            Some(DecodeError::Checksum)
        );
        let mut newer = bytes.clone();
        newer[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        assert_eq!(
            Clusterer::decode_snapshot(config(), &newer).err(),
            Some(DecodeError::Format { found: FORMAT + 1 })
        );
        assert_eq!(
            Clusterer::decode_snapshot(config(), b"hello").err(),
            Some(DecodeError::Magic)
        );
    }
}
