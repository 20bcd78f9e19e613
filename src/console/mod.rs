//! The PM's web console, served by `sift serve` on its own HTTP port (`--console-listen`).
//!
//! Two parts, no build step: static pages compiled into the binary, and a JSON gateway
//! (`POST /api/sift.v1.Service/Method`) that turns proto3 JSON into the gRPC request, calls the
//! gRPC services in-process through the same layers a network call passes (authentication and
//! scopes, limits, logging, metrics, audit), and turns the answer back into JSON. The page thus
//! sees exactly what the API answers, with the caller's own token.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::{Buf, Bytes};
use http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use prost::Message;
use prost_reflect::{
    DescriptorPool, DeserializeOptions, DynamicMessage, MessageDescriptor, SerializeOptions,
};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::{Code, Status};
use tonic_types::StatusExt;
use tower::util::BoxCloneSyncService;
use tracing::{debug, info, warn};

use crate::api::auth::AuthLayer;
use crate::server::connections::{Limits, Listener, accept, serve_http1};
use crate::server::prometheus::Metrics;

const INDEX_HTML: &str = include_str!("index.html");
const APP_JS: &str = include_str!("app.js");
const STYLE_CSS: &str = include_str!("style.css");
/// How scores are computed: the page behind the console's "how is this computed" links.
const SCORING_MD: &str = include_str!("../../docs/scoring.md");

/// The most a request body may take to arrive: a client that trickles one holds a connection.
const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The gRPC services with their layers, callable in-process.
pub type InProcess = BoxCloneSyncService<
    http::Request<tonic::body::Body>,
    http::Response<tonic::body::Body>,
    Infallible,
>;

/// Everything a console request needs; cheap to clone.
#[derive(Clone)]
pub struct Console {
    inner: Arc<Inner>,
}

struct Inner {
    pool: DescriptorPool,
    grpc: InProcess,
    auth: AuthLayer,
    max_body: usize,
    hosts: HostPolicy,
}

/// Which `Host` (and `Origin`) names this console answers to. A page on another site whose
/// name is rebound to this address (DNS rebinding) reaches the console with its own name in
/// `Host`; answering only to our own names keeps such a page from reading or calling anything.
#[derive(Debug, Clone)]
pub struct HostPolicy {
    /// The console's listen address: an IP literal naming it is always ours.
    pub listen: SocketAddr,
    /// DNS names the console is reached by (`--console-allowed-hosts`), lower case.
    pub names: Vec<String>,
}

impl HostPolicy {
    pub fn new(listen: SocketAddr, names: &[String]) -> Self {
        Self {
            listen,
            names: names
                .iter()
                .map(|n| n.trim().trim_end_matches('.').to_ascii_lowercase())
                .filter(|n| !n.is_empty())
                .collect(),
        }
    }

    /// Whether `authority` (`host`, `host:port`, `[v6]:port`) names this console: an IP
    /// literal of the listen address (any address when it listens on all of them; any loopback
    /// address when it listens on loopback), `localhost`, or a configured name. A name cannot
    /// be rebound to us by a stranger only if it is one of these.
    pub fn allows(&self, authority: &str) -> bool {
        let host = host_of(authority);
        if host.is_empty() {
            return false;
        }
        if let Ok(ip) = host.parse::<std::net::IpAddr>() {
            let listen = self.listen.ip();
            return ip == listen
                || listen.is_unspecified()
                || (listen.is_loopback() && ip.is_loopback());
        }
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        host == "localhost" || host.ends_with(".localhost") || self.names.contains(&host)
    }

    /// Whether an `Origin` header names a page of this console (`null` and other sites do not).
    fn allows_origin(&self, origin: &str) -> bool {
        let Some((scheme, authority)) = origin.split_once("://") else {
            return false;
        };
        matches!(scheme, "http" | "https") && !authority.contains('/') && self.allows(authority)
    }
}

/// The host part of an authority, without port or IPv6 brackets.
fn host_of(authority: &str) -> &str {
    let authority = authority.trim();
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split_once(']').map_or("", |(host, _)| host);
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    }
}

type Reply = http::Response<Full<Bytes>>;

impl Console {
    pub fn new(
        grpc: InProcess,
        auth: AuthLayer,
        max_body: usize,
        hosts: HostPolicy,
    ) -> Result<Self, prost_reflect::DescriptorError> {
        let pool = DescriptorPool::decode(crate::pb::FILE_DESCRIPTOR_SET)?;
        Ok(Self {
            inner: Arc::new(Inner {
                pool,
                grpc,
                auth,
                max_body,
                hosts,
            }),
        })
    }

    /// Serves until `stop` turns true; then open connections finish their request and close.
    pub async fn serve(
        self,
        listener: TcpListener,
        limits: Limits,
        metrics: Metrics,
        stop: watch::Receiver<bool>,
    ) {
        if let Ok(addr) = listener.local_addr() {
            info!(addr = %addr, "web console at http://{addr}/");
        }
        accept(
            listener,
            Listener::Console,
            limits,
            metrics,
            stop,
            move |socket, conn| {
                let console = self.clone();
                let peer = conn.peer();
                serve_http1(socket, conn, true, move |request| {
                    let console = console.clone();
                    async move { console.handle(request, peer).await }
                })
            },
        )
        .await;
    }

    async fn handle(&self, request: http::Request<Incoming>, peer: SocketAddr) -> Reply {
        let path = request.uri().path().to_owned();
        let method = request.method().clone();
        if let Err(refusal) = self.check_origin(&request) {
            warn!(%peer, path, "console: {}", refusal.message());
            return error_reply(StatusCode::FORBIDDEN, &refusal);
        }
        match (method, path.as_str()) {
            (Method::GET, "/" | "/index.html") => asset(INDEX_HTML, "text/html; charset=utf-8"),
            (Method::GET, "/app.js") => asset(APP_JS, "text/javascript; charset=utf-8"),
            (Method::GET, "/style.css") => asset(STYLE_CSS, "text/css; charset=utf-8"),
            (Method::GET, "/scoring.md") => asset(SCORING_MD, "text/markdown; charset=utf-8"),
            (Method::GET, "/api/whoami") => self.whoami(request.headers()).await,
            (Method::POST, api) if api.starts_with("/api/") => {
                let rpc = api.trim_start_matches("/api/").to_owned();
                let authorization = request.headers().get(AUTHORIZATION).cloned();
                let json = request
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("application/json"));
                if !json {
                    return error_reply(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        &Status::invalid_argument("send the request as application/json"),
                    );
                }
                let body = tokio::time::timeout(
                    BODY_TIMEOUT,
                    read_body(request.into_body(), self.inner.max_body),
                );
                let Ok(body) = body.await else {
                    return error_reply(
                        StatusCode::REQUEST_TIMEOUT,
                        &Status::deadline_exceeded(format!(
                            "request body: not received within {BODY_TIMEOUT:?}"
                        )),
                    );
                };
                let Some(body) = body else {
                    return error_reply(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        &Status::out_of_range(format!(
                            "request body: larger than {} bytes",
                            self.inner.max_body
                        )),
                    );
                };
                debug!(%peer, rpc, "console call");
                if rpc == "import" {
                    return self.import(authorization, body).await;
                }
                self.call(&rpc, authorization, body).await
            }
            (_, "/" | "/index.html" | "/app.js" | "/style.css" | "/scoring.md" | "/api/whoami") => {
                error_reply(
                    StatusCode::METHOD_NOT_ALLOWED,
                    &Status::unimplemented("method not allowed"),
                )
            }
            _ => error_reply(
                StatusCode::NOT_FOUND,
                &Status::not_found(format!("{path}: no such page")),
            ),
        }
    }

    /// Refuses a request whose `Host` is not one of the console's names (DNS rebinding), and a
    /// call whose `Origin` is another site's page. Requests without `Origin` (curl, the CLI)
    /// are not cross-site and pass.
    fn check_origin<B>(&self, request: &http::Request<B>) -> Result<(), Status> {
        let hosts = &self.inner.hosts;
        let host = request
            .headers()
            .get(http::header::HOST)
            .and_then(|v| v.to_str().ok())
            .or_else(|| request.uri().authority().map(|a| a.as_str()))
            .unwrap_or_default();
        if !hosts.allows(host) {
            return Err(Status::permission_denied(format!(
                "host {host:?} is not a name of this console; reach it by its address, \
                 localhost, or a name given to --console-allowed-hosts"
            )));
        }
        if let Some(origin) = request.headers().get(http::header::ORIGIN) {
            let origin = origin.to_str().unwrap_or_default();
            if !hosts.allows_origin(origin) {
                return Err(Status::permission_denied(format!(
                    "origin {origin:?} is another site: the console answers its own pages only"
                )));
            }
        }
        Ok(())
    }

    /// Who the token belongs to and what it may do, so the page shows only what it allows.
    async fn whoami(&self, headers: &http::HeaderMap) -> Reply {
        let secret = crate::api::auth::bearer_secret(headers);
        match self.inner.auth.identify(secret).await {
            Ok(caller) => {
                let body = serde_json::json!({
                    "auth": self.inner.auth.enabled(),
                    "name": caller.name,
                    "scopes": caller.scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                });
                json_reply(StatusCode::OK, body.to_string())
            }
            Err(status) => error_reply(http_status(status.code()), &status),
        }
    }

    /// `POST /api/import`: a CSV export (`{"csv": "...", "preset": "zendesk", "map": "..."}`)
    /// mapped and streamed through `ImportFeedback` in-process, with the caller's token, as
    /// `sift import` does; answers with the summary (rows, new, duplicates, refused rows).
    async fn import(&self, authorization: Option<HeaderValue>, body: Bytes) -> Reply {
        use crate::cli::import::{self as csv_import, ImportError};
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ImportBody {
            csv: String,
            #[serde(default)]
            preset: String,
            #[serde(default)]
            map: String,
            #[serde(default)]
            source: String,
            #[serde(default)]
            ref_prefix: Option<String>,
            #[serde(default)]
            date_format: String,
        }
        let bad = |field: &str, reason: &str| {
            error_reply(
                StatusCode::BAD_REQUEST,
                &Status::with_error_details(
                    Code::InvalidArgument,
                    format!("{field}: {reason}"),
                    tonic_types::ErrorDetails::with_bad_request_violation(field, reason),
                ),
            )
        };
        let request: ImportBody = match serde_json::from_slice(&body) {
            Ok(r) => r,
            Err(e) => return bad("request body", &e.to_string()),
        };
        let preset = match request.preset.trim() {
            "" => None,
            name => match csv_import::preset(name) {
                Some(p) => Some(p),
                None => return bad("preset", "must be zendesk, intercom or salesforce"),
            },
        };
        let map = match csv_import::parse_map(&request.map) {
            Ok(map) => map,
            Err(e) => return bad("map", &e.reason),
        };
        let source = match request.source.trim().to_ascii_uppercase().as_str() {
            "" => None,
            s => match crate::pb::Source::from_str_name(&format!(
                "SOURCE_{}",
                s.trim_start_matches("SOURCE_")
            )) {
                Some(crate::pb::Source::Unspecified) | None => {
                    return bad("source", "must be SUPPORT, CSM, SALES or RESEARCH");
                }
                Some(s) => Some(s),
            },
        };
        let options = csv_import::Options {
            preset,
            map,
            source,
            ref_prefix: request.ref_prefix,
            date_format: Some(request.date_format),
        };
        let auth =
            authorization.and_then(|v| tonic::metadata::MetadataValue::try_from(v.as_bytes()).ok());
        let mut reader = csv_import::reader(request.csv.as_bytes());
        let headers = match csv_import::headers(&mut reader) {
            Ok(h) => h,
            Err(e) => return bad("csv", &e.to_string()),
        };
        let mapping = match csv_import::Mapping::new(&headers, &options) {
            Ok(m) => m,
            Err(e) => return bad(&e.field, &e.reason),
        };
        let accounts =
            crate::pb::account_service_client::AccountServiceClient::new(self.inner.grpc.clone());
        let names = match csv_import::AccountNames::fetch(accounts, auth.as_ref()).await {
            Ok(names) => names.unwrap_or_default(),
            Err(status) => return error_reply(http_status(status.code()), &status),
        };
        let feedback =
            crate::pb::feedback_service_client::FeedbackServiceClient::new(self.inner.grpc.clone());
        match csv_import::run(
            feedback,
            auth.as_ref(),
            &mut reader,
            &mapping,
            &names,
            500,
            |_| {},
        )
        .await
        {
            Ok(summary) => match serde_json::to_vec(&summary) {
                Ok(json) => json_reply(StatusCode::OK, json),
                Err(e) => error_reply(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &Status::internal(format!("summary to JSON: {e}")),
                ),
            },
            Err(ImportError::Server { status, stored }) => {
                let message = if stored > 0 {
                    format!(
                        "{} (the {stored} rows of earlier batches are stored; importing the \
                         file again skips them)",
                        status.message()
                    )
                } else {
                    status.message().to_owned()
                };
                error_reply(
                    http_status(status.code()),
                    &Status::new(status.code(), message),
                )
            }
            Err(e) => bad("csv", &e.to_string()),
        }
    }

    /// `rpc` is `sift.v1.Service/Method`; only unary methods of `sift.v1` are offered.
    async fn call(&self, rpc: &str, authorization: Option<HeaderValue>, body: Bytes) -> Reply {
        let Some((service_name, method_name)) = rpc.split_once('/') else {
            return error_reply(
                StatusCode::NOT_FOUND,
                &Status::not_found(format!("{rpc}: expected Service/Method")),
            );
        };
        let method = service_name
            .starts_with("sift.v1.")
            .then(|| self.inner.pool.get_service_by_name(service_name))
            .flatten()
            .and_then(|service| service.methods().find(|m| m.name() == method_name));
        let Some(method) = method else {
            return error_reply(
                StatusCode::NOT_FOUND,
                &Status::not_found(format!("{rpc}: no such method")),
            );
        };
        if method.is_client_streaming() || method.is_server_streaming() {
            return error_reply(
                StatusCode::NOT_FOUND,
                &Status::unimplemented(format!(
                    "{rpc}: streaming methods are not offered to the console"
                )),
            );
        }
        let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &body
        };
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let message = match DynamicMessage::deserialize_with_options(
            method.input(),
            &mut deserializer,
            &DeserializeOptions::new().deny_unknown_fields(true),
        )
        .and_then(|m| deserializer.end().map(|()| m))
        {
            Ok(message) => message,
            Err(error) => {
                return error_reply(
                    StatusCode::BAD_REQUEST,
                    &Status::invalid_argument(format!("request body: {error}")),
                );
            }
        };

        let mut request = tonic::Request::new(message);
        if let Some(value) = authorization
            && let Ok(value) = tonic::metadata::MetadataValue::try_from(value.as_bytes())
        {
            request.metadata_mut().insert("authorization", value);
        }
        let path = match http::uri::PathAndQuery::try_from(format!("/{rpc}")) {
            Ok(path) => path,
            Err(_) => {
                return error_reply(
                    StatusCode::NOT_FOUND,
                    &Status::not_found(format!("{rpc}: not a method path")),
                );
            }
        };
        let mut grpc = tonic::client::Grpc::new(self.inner.grpc.clone());
        if let Err(error) = grpc.ready().await {
            warn!(%error, "console: in-process service not ready");
            return error_reply(
                StatusCode::SERVICE_UNAVAILABLE,
                &Status::unavailable("the server is stopping"),
            );
        }
        let codec = DynamicCodec {
            output: method.output(),
        };
        match grpc.unary(request, path, codec).await {
            Ok(response) => {
                let mut out = Vec::new();
                let mut serializer = serde_json::Serializer::new(&mut out);
                let options = SerializeOptions::new()
                    .use_proto_field_name(true)
                    .skip_default_fields(false)
                    .stringify_64_bit_integers(false);
                match response
                    .into_inner()
                    .serialize_with_options(&mut serializer, &options)
                {
                    Ok(()) => json_reply(StatusCode::OK, out),
                    Err(error) => error_reply(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        &Status::internal(format!("answer to JSON: {error}")),
                    ),
                }
            }
            Err(status) => error_reply(http_status(status.code()), &status),
        }
    }
}

/// gRPC codec for messages known only by their descriptor.
struct DynamicCodec {
    output: MessageDescriptor,
}

struct DynamicEncoder;

struct DynamicDecoder(MessageDescriptor);

impl Codec for DynamicCodec {
    type Encode = DynamicMessage;
    type Decode = DynamicMessage;
    type Encoder = DynamicEncoder;
    type Decoder = DynamicDecoder;

    fn encoder(&mut self) -> DynamicEncoder {
        DynamicEncoder
    }

    fn decoder(&mut self) -> DynamicDecoder {
        DynamicDecoder(self.output.clone())
    }
}

impl Encoder for DynamicEncoder {
    type Item = DynamicMessage;
    type Error = Status;

    fn encode(&mut self, item: DynamicMessage, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.reserve(item.encoded_len());
        item.encode(dst)
            .map_err(|e| Status::internal(format!("encode: {e}")))
    }
}

impl Decoder for DynamicDecoder {
    type Item = DynamicMessage;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<DynamicMessage>, Status> {
        let bytes = src.copy_to_bytes(src.remaining());
        DynamicMessage::decode(self.0.clone(), bytes)
            .map(Some)
            .map_err(|e| Status::internal(format!("decode: {e}")))
    }
}

fn asset(body: &'static str, content_type: &'static str) -> Reply {
    let mut response = http::Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    secure(response)
}

fn json_reply(status: StatusCode, body: impl Into<Bytes>) -> Reply {
    let mut response = http::Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    secure(response)
}

/// Headers every answer carries: no framing, no sniffing, scripts and styles only from here.
fn secure(mut response: Reply) -> Reply {
    let headers = response.headers_mut();
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    response
}

/// The error as JSON: the gRPC code's name, its message, and the fields it names.
fn error_reply(http: StatusCode, status: &Status) -> Reply {
    let fields: Vec<_> = status
        .get_details_bad_request()
        .map(|bad| {
            bad.field_violations
                .into_iter()
                .map(|v| serde_json::json!({"field": v.field, "description": v.description}))
                .collect()
        })
        .unwrap_or_default();
    let body = serde_json::json!({
        "code": code_name(status.code()),
        "message": status.message(),
        "field_violations": fields,
    });
    json_reply(http, body.to_string())
}

/// The gRPC code's canonical name, as the command line prints it.
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

/// The HTTP status of a gRPC code, as Google's HTTP mapping has it.
fn http_status(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
            StatusCode::BAD_REQUEST
        }
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The request body, or `None` when it is larger than `max` bytes (or breaks off). An oversized
/// body is still read and discarded (up to four times `max`, for at most 5 s) before the caller
/// answers: closing a connection with unread data resets it, and the client could lose the 413.
async fn read_body(mut body: Incoming, max: usize) -> Option<Bytes> {
    let mut out = Vec::new();
    let mut seen = 0usize;
    // Set when the body goes over the limit: discarding the rest stops at this time.
    let mut deadline = None;
    loop {
        let next = match deadline {
            None => body.frame().await,
            Some(at) => tokio::time::timeout_at(at, body.frame())
                .await
                .ok()
                .flatten(),
        };
        let frame = match next {
            Some(Ok(frame)) => frame,
            Some(Err(_)) => return None,
            None => break,
        };
        if let Ok(data) = frame.into_data() {
            seen = seen.saturating_add(data.len());
            if seen <= max {
                out.extend_from_slice(&data);
            } else if seen > max.saturating_mul(4) {
                return None;
            } else if deadline.is_none() {
                out = Vec::new();
                deadline = Some(tokio::time::Instant::now() + std::time::Duration::from_secs(5));
            }
        }
    }
    (seen <= max).then(|| Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_maps_to_an_error_status_except_ok() {
        for n in 1..=16 {
            let code = Code::from(n);
            assert!(http_status(code).as_u16() >= 400, "{code:?}");
            assert_eq!(code_name(code).len(), code_name(code).trim().len());
        }
    }

    #[test]
    fn the_console_answers_to_its_own_names_only() {
        let loopback = HostPolicy::new("127.0.0.1:8080".parse().expect("addr"), &[]);
        for ours in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "127.0.0.2:8080",
            "[::1]:8080",
            "localhost:8080",
            "LOCALHOST",
            "app.localhost:8080",
        ] {
            assert!(loopback.allows(ours), "{ours}");
        }
        for theirs in [
            "attacker.rebind.example",
            "attacker.rebind.example:8080",
            "localhost.attacker.example",
            "10.0.0.5:8080",
            "",
            "[::1",
        ] {
            assert!(!loopback.allows(theirs), "{theirs}");
        }

        let named = HostPolicy::new(
            "10.0.0.5:443".parse().expect("addr"),
            &["Sift.Example.com.".into()],
        );
        assert!(named.allows("sift.example.com"));
        assert!(named.allows("sift.example.com.:443"));
        assert!(named.allows("10.0.0.5"));
        assert!(!named.allows("10.0.0.6"));
        assert!(!named.allows("127.0.0.1"), "not listening on loopback");
        assert!(!named.allows("evil.example.com"));

        let everywhere = HostPolicy::new("0.0.0.0:80".parse().expect("addr"), &[]);
        assert!(everywhere.allows("192.168.1.20"));
        assert!(!everywhere.allows("attacker.rebind.example"));

        assert!(loopback.allows_origin("http://127.0.0.1:8080"));
        assert!(loopback.allows_origin("http://localhost:8080"));
        for origin in [
            "null",
            "http://attacker.rebind.example:8080",
            "file://",
            "http://127.0.0.1:8080/path",
        ] {
            assert!(!loopback.allows_origin(origin), "{origin}");
        }
    }

    #[test]
    fn the_descriptor_set_knows_every_console_method() {
        let pool = DescriptorPool::decode(crate::pb::FILE_DESCRIPTOR_SET).expect("descriptors");
        for (service, method) in [
            ("sift.v1.PrioritizationService", "GetRankedBacklog"),
            ("sift.v1.RequestService", "MergeRequests"),
            ("sift.v1.RoadmapService", "ShipRelease"),
            ("sift.v1.OutcomeService", "GetChurnExposure"),
            ("sift.v1.OutcomeService", "GetReleaseImpact"),
            ("sift.v1.OutcomeService", "GetAdoption"),
            ("sift.v1.OutcomeService", "BacktestProfile"),
        ] {
            let service = pool.get_service_by_name(service).expect(service);
            assert!(service.methods().any(|m| m.name() == method), "{method}");
        }
    }
}
