//! How documents and requests are represented and compared: the [`Representation`] trait the
//! engine ([`super::Clusterer`]) is generic over, and the heap size of a stored doc.

/// How documents and requests are represented and compared.
///
/// Implementations must be deterministic: the same sequence of calls gives the
/// same results. `nearest*` results are sorted by similarity (desc) then id (asc).
pub trait Representation {
    /// Stored per-document representation.
    type Doc: PartialEq;
    /// Encodes text for a doc that will be stored (may intern vocabulary, but
    /// must not change similarity results by itself).
    fn encode(&mut self, text: &str) -> Self::Doc;
    /// Encodes a stored doc's text again with what the corpus has learned since it was
    /// encoded (e.g. sentences that turned out to be boilerplate stop counting), without
    /// counting the text as a new observation. Equal to the stored doc when nothing changed.
    fn reencode(&mut self, text: &str) -> Self::Doc;
    /// True when [`Representation::reencode`] may now give a different doc than the stored one.
    fn stale(&self, doc: &Self::Doc) -> bool;
    /// Encodes text read-only (for queries).
    fn encode_query(&self, text: &str) -> Self::Doc;
    /// Adds the doc to corpus statistics (e.g. document frequencies).
    fn observe(&mut self, doc: &Self::Doc);
    /// Removes the doc from corpus statistics.
    fn forget(&mut self, doc: &Self::Doc);
    /// Adds the doc to a request's aggregate (creating the request if needed).
    fn add_to_request(&mut self, request: u64, doc: &Self::Doc);
    /// Removes the doc from a request's aggregate (dropping it when empty).
    fn remove_from_request(&mut self, request: u64, doc: &Self::Doc);
    /// Best matching requests for the doc, at most `limit`.
    fn nearest(&self, doc: &Self::Doc, limit: usize) -> Vec<(u64, f32)>;
    /// Requests nearest to `request` as a whole ([`Representation::request_doc`]), itself
    /// included, at most `limit`.
    fn nearest_requests(&self, request: u64, limit: usize) -> Vec<(u64, f32)> {
        self.request_doc(request)
            .map_or_else(Vec::new, |q| self.nearest(&q, limit))
    }
    /// Similarity of a doc to a request (0 if unknown).
    fn similarity(&self, doc: &Self::Doc, request: u64) -> f32;
    /// How central a member doc is in its request (used to pick the
    /// representative). Defaults to [`Representation::similarity`].
    fn centrality(&self, doc: &Self::Doc, request: u64) -> f32 {
        self.similarity(doc, request)
    }
    /// A query doc standing for a request as a whole (its centroid's heaviest terms), to
    /// compare requests with each other; `None` for an unknown request.
    fn request_doc(&self, request: u64) -> Option<Self::Doc>;
    /// Similarity of a member doc to its request without the doc itself (leave-one-out), on
    /// the same scale as [`Representation::similarity`] to another request.
    fn similarity_without(&self, doc: &Self::Doc, request: u64) -> f32;
    /// Approximate heap bytes used.
    fn heap_bytes(&self) -> usize;
}

/// Heap size of a stored doc representation.
pub trait HeapSize {
    fn heap_size(&self) -> usize;
}
