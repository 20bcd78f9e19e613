//! How long each string of a request may be, declared next to the field in the `.proto` files
//! (`[(max_chars) = 200]` or `[(free_text) = true]`, see `proto/sift/v1/limits.proto`) and
//! checked here for every RPC, before a handler sees the request.
//!
//! The rules are read from the descriptor set at start; a string field of a request message
//! without a declared limit stops the start ([`Lengths::from_descriptors`]), so a new field
//! cannot be unbounded by omission. [`LengthLayer`] checks the request of every unary and
//! server-streaming call on the wire (the raw protobuf, before tonic decodes it) and answers
//! INVALID_ARGUMENT naming each field past its limit; the handler never runs. Client streams
//! judge each item on its own (a bad item is rejected by position, the others are stored), so
//! their handlers call [`Lengths::check_item`] per item instead.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use bytes::{Buf, Bytes, BytesMut};
use hyper::body::Frame;
use prost_reflect::{
    DescriptorPool, ExtensionDescriptor, FieldDescriptor, Kind, MessageDescriptor,
};
use tonic::Status;
use tonic::body::Body;
use tower::{Layer, Service};

use crate::domain::Violations;
use crate::error::AppError;

/// Nesting deeper than this is refused by prost too (its recursion limit).
const MAX_DEPTH: usize = 100;

/// The declared limit of every string field reachable from an RPC's request.
#[derive(Debug)]
pub struct Lengths {
    messages: Vec<Rules>,
    by_name: HashMap<String, usize>,
    /// `/sift.v1.Service/Method` -> its request message.
    methods: HashMap<String, Rpc>,
}

#[derive(Debug, Clone, Copy)]
struct Rpc {
    input: usize,
    client_streaming: bool,
}

/// One message's strings and nested messages, sorted by field number; other fields are skipped.
#[derive(Debug, Default)]
struct Rules {
    fields: Vec<(u32, Rule)>,
}

impl Rules {
    fn get(&self, number: u32) -> Option<&Rule> {
        self.fields
            .binary_search_by_key(&number, |(n, _)| *n)
            .ok()
            .map(|at| &self.fields[at].1)
    }
}

/// One step of the path to a field: its name, and its position when repeated.
#[derive(Clone, Copy)]
struct Step<'a> {
    name: &'a str,
    position: Option<usize>,
}

/// `feedback.contact.name`, `accounts[3].external_id`.
fn path_name(path: &[Step]) -> String {
    let mut out = String::new();
    for (i, step) in path.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(step.name);
        if let Some(position) = step.position {
            out.push_str(&format!("[{position}]"));
        }
    }
    out
}

#[derive(Debug)]
struct Rule {
    name: String,
    repeated: bool,
    kind: RuleKind,
}

#[derive(Debug, Clone, Copy)]
enum RuleKind {
    /// At most this many characters.
    Text(usize),
    /// A nested message, checked with these rules.
    Message(usize),
}

impl Lengths {
    /// Reads the rules of every method of every `sift.v1` service in `descriptor_set`. Free-text
    /// fields get `max_text_chars`. Fails naming each string field that declares no limit.
    pub fn from_descriptors(descriptor_set: &[u8], max_text_chars: usize) -> Result<Self, String> {
        let pool = DescriptorPool::decode(descriptor_set).map_err(|e| e.to_string())?;
        let extension = |name: &str| {
            pool.get_extension_by_name(name)
                .ok_or_else(|| format!("the descriptor set lacks the {name} option"))
        };
        let options = Options {
            max_chars: extension("sift.v1.max_chars")?,
            free_text: extension("sift.v1.free_text")?,
            max_text_chars,
        };
        let mut lengths = Self {
            messages: Vec::new(),
            by_name: HashMap::new(),
            methods: HashMap::new(),
        };
        let mut undeclared = Vec::new();
        for service in pool.services() {
            if service.package_name() != "sift.v1" {
                continue;
            }
            for method in service.methods() {
                let input = lengths.add(&method.input(), &options, &mut undeclared);
                lengths.methods.insert(
                    format!("/{}/{}", service.full_name(), method.name()),
                    Rpc {
                        input,
                        client_streaming: method.is_client_streaming(),
                    },
                );
            }
        }
        if undeclared.is_empty() {
            Ok(lengths)
        } else {
            undeclared.sort();
            undeclared.dedup();
            Err(format!(
                "string fields of requests need a length limit in the .proto \
                 ([(max_chars) = N] or [(free_text) = true]): {}",
                undeclared.join(", ")
            ))
        }
    }

    /// The index of `message`'s rules, adding them (and those of nested messages) once.
    fn add(
        &mut self,
        message: &MessageDescriptor,
        options: &Options,
        undeclared: &mut Vec<String>,
    ) -> usize {
        if let Some(&index) = self.by_name.get(message.full_name()) {
            return index;
        }
        let index = self.messages.len();
        self.messages.push(Rules::default());
        self.by_name.insert(message.full_name().to_owned(), index);
        let mut fields = Vec::new();
        for field in message.fields() {
            let kind = match field.kind() {
                Kind::String => match options.limit(&field) {
                    Ok(max) => RuleKind::Text(max),
                    Err(problem) => {
                        undeclared.push(format!("{} ({problem})", field.full_name()));
                        continue;
                    }
                },
                Kind::Message(nested) => RuleKind::Message(self.add(&nested, options, undeclared)),
                _ => continue,
            };
            fields.push((
                field.number(),
                Rule {
                    name: field.name().to_owned(),
                    repeated: field.is_list() || field.is_map(),
                    kind,
                },
            ));
        }
        fields.sort_by_key(|(number, _)| *number);
        self.messages[index].fields = fields;
        index
    }

    /// The request message of `path` (`/sift.v1.Service/Method`), if it is a Sift RPC.
    fn rpc(&self, path: &str) -> Option<Rpc> {
        self.methods.get(path).copied()
    }

    /// Every string past its limit in `encoded`, an encoded `message` (full name, e.g.
    /// `sift.v1.ListAuditEventsRequest`). Bytes that are not a valid encoding are left to the
    /// decoder, which refuses them; an unknown message name is refused here.
    pub fn check(&self, message: &str, encoded: &[u8]) -> Violations {
        match self.by_name.get(message) {
            Some(&index) => self.check_index(index, encoded),
            None => {
                let mut out = Violations::default();
                out.push(
                    "request",
                    format!("{message} has no declared length limits"),
                );
                out
            }
        }
    }

    fn check_index(&self, index: usize, encoded: &[u8]) -> Violations {
        let mut out = Violations::default();
        // A broken encoding ends the walk; the decoder then refuses the request.
        let _ = self.walk(index, encoded, &mut Vec::new(), &mut out);
        out
    }

    /// [`Lengths::check`] for an item of a client stream, already decoded.
    pub fn check_item(&self, message: &str, item: &impl prost::Message) -> Violations {
        self.check(message, &item.encode_to_vec())
    }

    /// Walks one encoded message; `Err` when the encoding is broken (the decoder refuses it).
    /// `path` leads to this message; the field names are built only for a violation.
    fn walk<'a>(
        &'a self,
        index: usize,
        mut buf: &[u8],
        path: &mut Vec<Step<'a>>,
        out: &mut Violations,
    ) -> Result<(), Malformed> {
        let depth = path.len();
        if depth > MAX_DEPTH {
            return Err(Malformed);
        }
        let rules = &self.messages[index];
        // Occurrences so far of each repeated field, for `name[i]`.
        let mut seen: Vec<(u32, usize)> = Vec::new();
        while !buf.is_empty() {
            let (number, wire_type) = key(&mut buf)?;
            let Some(rule) = rules.get(number) else {
                skip(&mut buf, number, wire_type, depth)?;
                continue;
            };
            // Strings and messages are length-delimited; anything else fails to decode.
            if wire_type != 2 {
                return Err(Malformed);
            }
            let value = length_delimited(&mut buf)?;
            let position = if rule.repeated {
                let at = match seen.iter_mut().find(|(n, _)| *n == number) {
                    Some((_, count)) => count,
                    None => {
                        seen.push((number, 0));
                        &mut seen.last_mut().ok_or(Malformed)?.1
                    }
                };
                *at += 1;
                Some(*at - 1)
            } else {
                None
            };
            path.push(Step {
                name: &rule.name,
                position,
            });
            match rule.kind {
                RuleKind::Text(max) => {
                    // A character is at least one byte: most values need no counting.
                    if value.len() > max && chars(value) > max {
                        out.push(path_name(path), format!("is longer than {max} characters"));
                    }
                }
                RuleKind::Message(nested) => self.walk(nested, value, path, out)?,
            }
            path.pop();
        }
        Ok(())
    }
}

/// The two limit options and the configured text limit.
struct Options {
    max_chars: ExtensionDescriptor,
    free_text: ExtensionDescriptor,
    max_text_chars: usize,
}

impl Options {
    /// The declared limit of a string field, or why there is none.
    fn limit(&self, field: &FieldDescriptor) -> Result<usize, &'static str> {
        let options = field.options();
        let max = options
            .has_extension(&self.max_chars)
            .then(|| options.get_extension(&self.max_chars).as_u32())
            .flatten();
        let free = options.has_extension(&self.free_text)
            && options
                .get_extension(&self.free_text)
                .as_bool()
                .unwrap_or(false);
        match (max, free) {
            (Some(0), _) => Err("max_chars must be positive"),
            (Some(max), false) => Ok(max as usize),
            (None, true) => Ok(self.max_text_chars),
            (Some(_), true) => Err("declares both max_chars and free_text"),
            (None, false) => Err("declares no limit"),
        }
    }
}

/// The encoding is not valid protobuf.
#[derive(Debug)]
struct Malformed;

/// Characters of UTF-8 text: the bytes that start one. (Invalid UTF-8 is refused by the decoder.)
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A varint as prost reads it: at most ten bytes, the tenth at most 1.
fn varint(buf: &mut &[u8]) -> Result<u64, Malformed> {
    let mut value = 0u64;
    for i in 0..10 {
        let (&byte, rest) = buf.split_first().ok_or(Malformed)?;
        *buf = rest;
        if i == 9 && byte > 1 {
            return Err(Malformed);
        }
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte < 0x80 {
            return Ok(value);
        }
    }
    Err(Malformed)
}

/// A field's number and wire type.
fn key(buf: &mut &[u8]) -> Result<(u32, u8), Malformed> {
    let key = varint(buf)?;
    let number = u32::try_from(key >> 3).map_err(|_| Malformed)?;
    if number == 0 {
        return Err(Malformed);
    }
    Ok((number, (key & 7) as u8))
}

fn length_delimited<'a>(buf: &mut &'a [u8]) -> Result<&'a [u8], Malformed> {
    let len = usize::try_from(varint(buf)?).map_err(|_| Malformed)?;
    if len > buf.len() {
        return Err(Malformed);
    }
    let (value, rest) = buf.split_at(len);
    *buf = rest;
    Ok(value)
}

/// Skips a field this walk does not look into, groups included (as prost does for unknown ones).
fn skip(buf: &mut &[u8], number: u32, wire_type: u8, depth: usize) -> Result<(), Malformed> {
    let fixed = |buf: &mut &[u8], n: usize| {
        if buf.len() < n {
            return Err(Malformed);
        }
        buf.advance(n);
        Ok(())
    };
    match wire_type {
        0 => varint(buf).map(drop),
        1 => fixed(buf, 8),
        2 => length_delimited(buf).map(drop),
        3 => {
            if depth > MAX_DEPTH {
                return Err(Malformed);
            }
            loop {
                let (inner, inner_type) = key(buf)?;
                if inner_type == 4 {
                    return if inner == number {
                        Ok(())
                    } else {
                        Err(Malformed)
                    };
                }
                skip(buf, inner, inner_type, depth + 1)?;
            }
        }
        5 => fixed(buf, 4),
        _ => Err(Malformed),
    }
}

/// Checks the request of every unary and server-streaming Sift RPC against [`Lengths`].
#[derive(Clone)]
pub struct LengthLayer {
    lengths: Arc<Lengths>,
    /// Frames longer than this are left to tonic, which refuses them whole.
    max_message_bytes: usize,
}

impl LengthLayer {
    pub fn new(lengths: Arc<Lengths>, max_message_bytes: usize) -> Self {
        Self {
            lengths,
            max_message_bytes,
        }
    }
}

impl<S> Layer<S> for LengthLayer {
    type Service = LengthChecked<S>;

    fn layer(&self, inner: S) -> LengthChecked<S> {
        LengthChecked {
            inner,
            layer: self.clone(),
        }
    }
}

#[derive(Clone)]
pub struct LengthChecked<S> {
    inner: S,
    layer: LengthLayer,
}

impl<S> Service<http::Request<Body>> for LengthChecked<S>
where
    S: Service<http::Request<Body>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        match self.layer.lengths.rpc(request.uri().path()) {
            Some(rpc) if !rpc.client_streaming => {
                let lengths = self.layer.lengths.clone();
                let max = self.layer.max_message_bytes;
                self.inner.call(request.map(|body| {
                    Body::new(CheckedBody {
                        inner: body,
                        lengths,
                        message: rpc.input,
                        max_message_bytes: max,
                        pending: BytesMut::new(),
                        trailers: None,
                        ended: false,
                        unchecked: false,
                    })
                }))
            }
            _ => self.inner.call(request),
        }
    }
}

/// A request body that hands on each gRPC message only once it is whole and within its limits,
/// and fails with INVALID_ARGUMENT instead when it is not (tonic then answers with that status).
struct CheckedBody {
    inner: Body,
    lengths: Arc<Lengths>,
    message: usize,
    max_message_bytes: usize,
    /// Received, not yet handed on: at most one incomplete message after the complete ones.
    pending: BytesMut,
    trailers: Option<http::HeaderMap>,
    ended: bool,
    /// Past a frame tonic refuses anyway (too large): the rest passes as it comes.
    unchecked: bool,
}

impl CheckedBody {
    /// How many bytes of `pending` are whole, checked messages; an error for one past a limit.
    fn checked_prefix(&mut self) -> Result<usize, Status> {
        let mut at = 0;
        loop {
            if self.unchecked {
                return Ok(self.pending.len());
            }
            let Some(header) = self.pending.get(at..at + 5) else {
                return Ok(at);
            };
            let compressed = header[0] != 0;
            let len = u32::from_be_bytes([header[1], header[2], header[3], header[4]]) as usize;
            if len > self.max_message_bytes {
                self.unchecked = true;
                continue;
            }
            if compressed {
                // Sift accepts no compressed requests (tonic refuses them the same way); were
                // that to change, this check would have to decompress first, not wave them by.
                return Err(Status::unimplemented(
                    "compressed requests are not accepted",
                ));
            }
            let Some(encoded) = self.pending.get(at + 5..at + 5 + len) else {
                return Ok(at);
            };
            let violations = self.lengths.check_index(self.message, encoded);
            if !violations.is_empty() {
                return Err(AppError::Invalid(violations).into());
            }
            at += 5 + len;
        }
    }
}

impl hyper::body::Body for CheckedBody {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        loop {
            let ready = this.checked_prefix()?;
            if ready > 0 {
                return Poll::Ready(Some(Ok(Frame::data(this.pending.split_to(ready).freeze()))));
            }
            if this.ended {
                // An incomplete last message goes on as it is: the decoder reports it.
                if !this.pending.is_empty() {
                    let rest = this.pending.split().freeze();
                    return Poll::Ready(Some(Ok(Frame::data(rest))));
                }
                return Poll::Ready(this.trailers.take().map(|t| Ok(Frame::trailers(t))));
            }
            match ready!(Pin::new(&mut this.inner).poll_frame(cx)) {
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(data) => this.pending.extend_from_slice(&data),
                    Err(frame) => {
                        if let Ok(trailers) = frame.into_trailers() {
                            this.trailers = Some(trailers);
                        }
                        this.ended = true;
                    }
                },
                Some(Err(status)) => return Poll::Ready(Some(Err(status))),
                None => this.ended = true,
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.ended && self.pending.is_empty() && self.trailers.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pb;
    use prost::Message;

    fn lengths() -> Lengths {
        Lengths::from_descriptors(crate::pb::FILE_DESCRIPTOR_SET, 20_000).expect("limits")
    }

    #[test]
    fn every_string_of_every_request_declares_a_limit() {
        let lengths = lengths();
        assert!(lengths.methods.len() >= 50, "{}", lengths.methods.len());
        assert!(
            lengths
                .rpc("/sift.v1.AdminService/ListAuditEvents")
                .is_some()
        );
        let import = lengths
            .rpc("/sift.v1.FeedbackService/ImportFeedback")
            .expect("import");
        assert!(import.client_streaming);
    }

    #[test]
    fn a_string_without_a_limit_stops_the_start() {
        use prost_reflect::{DynamicMessage, Value};
        // The real descriptor set with the limit of ListAuditEventsRequest.target removed
        // (edited as a dynamic message: prost's own types would drop every custom option).
        let set_type = DescriptorPool::global()
            .get_message_by_name("google.protobuf.FileDescriptorSet")
            .expect("descriptor.proto");
        let mut set =
            DynamicMessage::decode(set_type, crate::pb::FILE_DESCRIPTOR_SET).expect("decodes");
        let named = |m: &DynamicMessage, name: &str| {
            m.get_field_by_name("name")
                .is_some_and(|v| v.as_str() == Some(name))
        };
        let items = |m: &mut DynamicMessage, field: &str| -> Vec<DynamicMessage> {
            match m.get_field_by_name_mut(field) {
                Some(Value::List(items)) => items
                    .iter()
                    .filter_map(|v| v.as_message().cloned())
                    .collect(),
                _ => Vec::new(),
            }
        };
        let mut files = items(&mut set, "file");
        let admin = files
            .iter_mut()
            .find(|f| named(f, "sift/v1/admin.proto"))
            .expect("admin.proto");
        let mut messages = items(admin, "message_type");
        let request = messages
            .iter_mut()
            .find(|m| named(m, "ListAuditEventsRequest"))
            .expect("the message");
        let mut fields = items(request, "field");
        fields[0].clear_field_by_name("options");
        let list =
            |v: Vec<DynamicMessage>| Value::List(v.into_iter().map(Value::Message).collect());
        request.set_field_by_name("field", list(fields));
        admin.set_field_by_name("message_type", list(messages));
        set.set_field_by_name("file", list(files));

        let err = Lengths::from_descriptors(&set.encode_to_vec(), 100).expect_err("refused");
        assert!(
            err.ends_with("): sift.v1.ListAuditEventsRequest.target (declares no limit)"),
            "{err}"
        );
    }

    #[test]
    fn names_each_field_past_its_limit_with_its_path() {
        let lengths = Lengths::from_descriptors(crate::pb::FILE_DESCRIPTOR_SET, 10).expect("ok");
        let request = pb::UpsertAccountsRequest {
            accounts: vec![
                pb::AccountInput {
                    external_id: "a".into(),
                    ..Default::default()
                },
                pb::AccountInput {
                    external_id: "x".repeat(201),
                    segment: Some("é".repeat(200)),
                    ..Default::default()
                },
            ],
        };
        let v = lengths.check_item("sift.v1.UpsertAccountsRequest", &request);
        assert_eq!(
            v.to_string(),
            "accounts[1].external_id: is longer than 200 characters"
        );
        // Free text takes the configured limit, counted in characters.
        let submit = pb::SubmitFeedbackRequest {
            feedback: Some(pb::FeedbackInput {
                title: "设置".repeat(5),
                body: "设置".repeat(6),
                contact: Some(pb::ContactRef {
                    name: "n".repeat(501),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        };
        let v = lengths.check_item("sift.v1.SubmitFeedbackRequest", &submit);
        assert_eq!(
            v.to_string(),
            "feedback.contact.name: is longer than 500 characters; \
             feedback.body: is longer than 10 characters"
        );
        let tokens = pb::CreateTokenRequest {
            name: "ops".into(),
            scopes: vec!["read".into(), "s".repeat(65)],
            expires_in: None,
        };
        let v = lengths.check_item("sift.v1.CreateTokenRequest", &tokens);
        assert_eq!(v.to_string(), "scopes[1]: is longer than 64 characters");
        let v = lengths.check("sift.v1.NoSuchMessage", &[]);
        assert_eq!(v.0.len(), 1);
    }

    #[test]
    fn broken_encodings_are_left_to_the_decoder() {
        let lengths = lengths();
        for bytes in [
            &[0x0a, 0x40, 0x0a][..],
            &[0x0b][..],
            &[
                0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ][..],
            &[0x00, 0x01][..],
        ] {
            assert!(
                lengths
                    .check("sift.v1.ListAuditEventsRequest", bytes)
                    .is_empty()
            );
        }
        // Unknown fields, groups among them, are skipped as prost skips them.
        let mut bytes = vec![0x9b, 0x01, 0x08, 0x01, 0x9c, 0x01]; // group 19 { 1: 1 }
        bytes.extend(
            pb::ListAuditEventsRequest {
                target: "t".repeat(301),
                ..Default::default()
            }
            .encode_to_vec(),
        );
        assert_eq!(
            lengths
                .check("sift.v1.ListAuditEventsRequest", &bytes)
                .to_string(),
            "target: is longer than 300 characters"
        );
    }

    /// Raw bytes the walk must agree with prost on: valid requests (some with strings past
    /// their limits), then bytes inserted, replaced or cut, and unknown fields of every wire
    /// type (groups too) spliced in.
    fn mangled() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let seed = (0usize..3, 0usize..400, 0usize..3).prop_map(|(which, n, at)| {
            let long = "é".repeat(n);
            match which {
                0 => pb::ListAuditEventsRequest {
                    target: long,
                    page_size: 5,
                    page_token: "ab".into(),
                }
                .encode_to_vec(),
                1 => pb::SubmitFeedbackRequest {
                    feedback: Some(pb::FeedbackInput {
                        source_ref: "T-1".into(),
                        contact: Some(pb::ContactRef {
                            name: long,
                            ..Default::default()
                        }),
                        ..Default::default()
                    }),
                }
                .encode_to_vec(),
                _ => pb::UpsertAccountsRequest {
                    accounts: (0..3)
                        .map(|i| pb::AccountInput {
                            external_id: if i == at { long.clone() } else { "a".into() },
                            ..Default::default()
                        })
                        .collect(),
                }
                .encode_to_vec(),
            }
        });
        let unknown = prop_oneof![
            Just(vec![0xa8, 0x02, 0x07]),                   // 37: varint 7
            Just(vec![0xa9, 0x02, 1, 2, 3, 4, 5, 6, 7, 8]), // 37: fixed64
            Just(vec![0xad, 0x02, 1, 2, 3, 4]),             // 37: fixed32
            Just(vec![0xaa, 0x02, 0x02, 0x08, 0x01]),       // 37: 2 bytes
            Just(vec![0xab, 0x02, 0x08, 0x01, 0xac, 0x02]), // group 37 { 1: 1 }
            prop::collection::vec(any::<u8>(), 1..6),
        ];
        let edit = (0u8..4, any::<prop::sample::Index>(), unknown);
        (seed, prop::collection::vec(edit, 0..4)).prop_map(|(mut bytes, edits)| {
            for (kind, at, insert) in edits {
                let at = at.index(bytes.len() + 1);
                match kind {
                    0 | 1 => {
                        bytes.splice(at..at, insert);
                    }
                    2 => bytes.truncate(at),
                    _ => {
                        if let (Some(b), Some(&x)) = (bytes.get_mut(at), insert.first()) {
                            *b = x;
                        }
                    }
                }
            }
            bytes
        })
    }

    proptest::proptest! {
        /// No bypass: whatever prost decodes, the walk reads to the end (it never gives up on
        /// bytes prost accepts) and finds every string past its limit that prost would hand on.
        #[test]
        fn the_walk_reads_whatever_prost_decodes(bytes in mangled()) {
            static LENGTHS: std::sync::LazyLock<Lengths> = std::sync::LazyLock::new(lengths);
            let lengths = &*LENGTHS;
            for name in [
                "sift.v1.ListAuditEventsRequest",
                "sift.v1.SubmitFeedbackRequest",
                "sift.v1.UpsertAccountsRequest",
            ] {
                let decoded = match name {
                    "sift.v1.ListAuditEventsRequest" => {
                        pb::ListAuditEventsRequest::decode(bytes.as_slice()).map(|m| m.encode_to_vec())
                    }
                    "sift.v1.SubmitFeedbackRequest" => {
                        pb::SubmitFeedbackRequest::decode(bytes.as_slice()).map(|m| m.encode_to_vec())
                    }
                    _ => pb::UpsertAccountsRequest::decode(bytes.as_slice()).map(|m| m.encode_to_vec()),
                };
                let Ok(decoded) = decoded else { continue };
                let mut raw = Violations::default();
                let walked = lengths.walk(lengths.by_name[name], &bytes, &mut Vec::new(), &mut raw);
                proptest::prop_assert!(walked.is_ok(), "{name}: prost decodes {bytes:?}, the walk gave up");
                for v in lengths.check(name, &decoded).0 {
                    proptest::prop_assert!(raw.0.contains(&v), "{name}: missed {v} in {bytes:?}");
                }
            }
        }
    }
}
