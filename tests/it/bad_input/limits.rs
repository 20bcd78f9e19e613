//! Length limits: every string field of every request, found by reflection, and the console's
//! filters.

use super::wire::RawCodec;
use super::*;

/// One string field somewhere in an RPC's request: the fields leading to it, how the server
/// names it, and its declared limit in characters.
struct StringField {
    path: Vec<prost_reflect::FieldDescriptor>,
    name: String,
    limit: usize,
}

/// Every string field reachable from `message`, nested and repeated ones included, with the
/// limit its `.proto` declares (`max_chars`, or the configured text limit for `free_text`).
fn string_fields(
    message: &prost_reflect::MessageDescriptor,
    within: &[prost_reflect::FieldDescriptor],
    out: &mut Vec<StringField>,
) {
    use prost_reflect::Kind;
    let pool = message.parent_pool();
    let max_chars = pool
        .get_extension_by_name("sift.v1.max_chars")
        .expect("max_chars option");
    let free_text = pool
        .get_extension_by_name("sift.v1.free_text")
        .expect("free_text option");
    for field in message.fields() {
        let mut path = within.to_vec();
        path.push(field.clone());
        match field.kind() {
            Kind::String => {
                let options = field.options();
                let limit = if options.has_extension(&max_chars) {
                    options.get_extension(&max_chars).as_u32().expect("u32") as usize
                } else if options.has_extension(&free_text) {
                    sift::domain::validation::Limits::default().max_text_chars
                } else {
                    panic!("{} declares no length limit", field.full_name());
                };
                let name = path
                    .iter()
                    .map(|f| {
                        if f.is_list() {
                            format!("{}[0]", f.name())
                        } else {
                            f.name().to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(".");
                out.push(StringField { path, name, limit });
            }
            Kind::Message(nested) if path.len() < 8 => string_fields(&nested, &path, out),
            _ => {}
        }
    }
}

/// A message of type `message` with only the field at the end of `path` set (to `value`), and
/// the messages leading to it; repeated fields get one element.
fn with_only(
    message: &prost_reflect::MessageDescriptor,
    path: &[prost_reflect::FieldDescriptor],
    value: &str,
) -> prost_reflect::DynamicMessage {
    use prost_reflect::{DynamicMessage, Value};
    let mut out = DynamicMessage::new(message.clone());
    let (field, rest) = path.split_first().expect("a field");
    let inner = match field.kind().as_message() {
        Some(nested) if !rest.is_empty() => Value::Message(with_only(nested, rest, value)),
        _ => Value::String(value.to_owned()),
    };
    let inner = if field.is_list() {
        Value::List(vec![inner])
    } else {
        inner
    };
    out.set_field(field, inner);
    out
}

/// Calls `method` with `request` whatever its kind; a client stream sends it as its one item.
/// Returns the (first) answer as JSON, or the status.
async fn call_any(
    app: &TestApp,
    method: &prost_reflect::MethodDescriptor,
    request: Vec<u8>,
) -> Result<String, Status> {
    let path = http::uri::PathAndQuery::try_from(format!(
        "/{}/{}",
        method.parent_service().full_name(),
        method.name()
    ))
    .expect("a method path");
    let mut grpc = tonic::client::Grpc::new(app.channel.clone());
    grpc.ready()
        .await
        .map_err(|e| Status::unavailable(e.to_string()))?;
    let answer = match (method.is_client_streaming(), method.is_server_streaming()) {
        (false, false) => grpc
            .unary(tonic::Request::new(request), path, RawCodec)
            .await?
            .into_inner(),
        (true, false) => {
            let items = tokio_stream::iter(vec![request]);
            grpc.client_streaming(tonic::Request::new(items), path, RawCodec)
                .await?
                .into_inner()
        }
        (false, true) => {
            let mut stream = grpc
                .server_streaming(tonic::Request::new(request), path, RawCodec)
                .await?
                .into_inner();
            stream.message().await?.unwrap_or_default()
        }
        (true, true) => {
            let items = tokio_stream::iter(vec![request]);
            let mut stream = grpc
                .streaming(tonic::Request::new(items), path, RawCodec)
                .await?
                .into_inner();
            stream.message().await?.unwrap_or_default()
        }
    };
    let answer = prost_reflect::DynamicMessage::decode(method.output(), answer.as_slice())
        .expect("an answer of the output type");
    Ok(serde_json::to_string(&answer).expect("json"))
}

/// What a test can read back about the access side: tokens and audit events.
async fn access_snapshot(app: &TestApp) -> (usize, usize) {
    let mut admin = pb::admin_service_client::AdminServiceClient::new(app.channel.clone());
    let tokens = admin
        .list_tokens(pb::ListTokensRequest {
            include_revoked: true,
        })
        .await
        .expect("tokens")
        .into_inner()
        .tokens
        .len();
    let events = admin
        .list_audit_events(pb::ListAuditEventsRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("audit events")
        .into_inner()
        .events
        .len();
    (tokens, events)
}

/// Walks the descriptor set: every string field of every request message of every RPC (found
/// by reflection, so a new field or RPC is covered without touching this test) is sent alone,
/// one character past its declared limit and at 1 MB. Each must be refused with
/// INVALID_ARGUMENT naming the field (a client stream's item is rejected by position, naming
/// it), and nothing may be written.
#[tokio::test]
async fn every_string_field_of_every_request_has_a_length_limit() {
    each_backend(|app| async move {
        seed(&app).await;
        let before = (snapshot(&app).await, access_snapshot(&app).await);
        let pool = prost_reflect::DescriptorPool::decode(pb::FILE_DESCRIPTOR_SET).expect("pool");
        let mut failures = Vec::new();
        let (mut methods, mut cases) = (0, 0);
        for service in pool.services().filter(|s| s.package_name() == "sift.v1") {
            for method in service.methods() {
                methods += 1;
                let mut fields = Vec::new();
                string_fields(&method.input(), &[], &mut fields);
                for field in fields {
                    for value in ["é".repeat(field.limit + 1), "x".repeat(1 << 20)] {
                        cases += 1;
                        let label = format!(
                            "{}/{} {} ({} characters, limit {})",
                            service.name(),
                            method.name(),
                            field.name,
                            value.chars().count(),
                            field.limit
                        );
                        let request = with_only(&method.input(), &field.path, &value);
                        let outcome = call_any(&app, &method, request.encode_to_vec()).await;
                        let verdict = match outcome {
                            Err(s) if s.code() == Code::InvalidArgument => {
                                let named = violated_fields(&s);
                                let clear = s.message().contains(&field.name)
                                    && s.message().contains("is longer than");
                                (named != [field.name.clone()] || !clear)
                                    .then(|| format!("named {named:?}: {}", s.message()))
                            }
                            // Under --no-auth nothing mints a token, whatever its fields: that
                            // refusal comes first (and writes nothing, checked below).
                            Err(s)
                                if s.code() == Code::PermissionDenied
                                    && matches!(method.name(), "CreateToken" | "RotateToken")
                                    && s.message().contains("without authentication") =>
                            {
                                None
                            }
                            Err(s) => Some(format!("{:?}: {}", s.code(), s.message())),
                            Ok(answer) if method.is_client_streaming() => {
                                let rejected = answer.contains(&format!(
                                    "\"field\":\"{}\",\"reason\":\"is longer than",
                                    field.name
                                ));
                                (!rejected || !answer.contains("\"rejected\":\"1\""))
                                    .then(|| format!("not rejected: {answer}"))
                            }
                            Ok(answer) => Some(format!("accepted: {answer}")),
                        };
                        if let Some(verdict) = verdict {
                            failures.push(format!("{label}: {verdict}"));
                        }
                    }
                }
            }
        }
        assert!(methods >= 50, "{methods} methods found");
        assert!(cases >= 90, "{cases} string fields x 2 found");
        assert!(
            failures.is_empty(),
            "{} of {cases} cases failed on {:?}:\n{}",
            failures.len(),
            app.backend,
            failures.join("\n")
        );
        let after = (snapshot(&app).await, access_snapshot(&app).await);
        assert!(before == after, "data changed: {}", before.0.diff(&after.0));
    })
    .await;
}

/// The same limits seen from the web console: a 1 MB filter (issue 22's two examples) is
/// refused with 400 and the field named.
#[tokio::test]
async fn a_console_filter_past_its_length_limit_is_refused_naming_the_field() {
    use crate::console::http;
    use crate::harness::{Backend, fresh_database};
    use serde_json::{Value, json};
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = TestApp::start(Backend::Sqlite, &url, |c| {
        c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
    })
    .await;
    let console = app.console_addr.expect("console");
    for (rpc, field) in [
        ("sift.v1.AdminService/ListAuditEvents", "target"),
        ("sift.v1.PrioritizationService/GetRankedBacklog", "segment"),
    ] {
        let body = json!({ field: "s".repeat(1 << 20) }).to_string();
        let (status, _, answer) = http(
            console,
            "POST",
            &format!("/api/{rpc}"),
            &[("content-type", "application/json")],
            body.as_bytes(),
        )
        .await;
        let answer: Value = serde_json::from_slice(&answer).expect("json");
        assert_eq!(status, 400, "{rpc}: {answer}");
        assert_eq!(answer["code"], "INVALID_ARGUMENT");
        assert_eq!(answer["field_violations"][0]["field"], field, "{answer}");
        let description = answer["field_violations"][0]["description"]
            .as_str()
            .unwrap_or_default();
        assert!(description.starts_with("is longer than"), "{answer}");
    }
    server.stop().await;
    cleanup.run().await;
}
