//! Bytes no client library would send: invalid UTF-8 in a string field.

use super::*;

/// Passes bytes through untouched, so a test can put any bytes on the wire.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RawCodec;

#[derive(Debug)]
pub(super) struct RawEncoder;

#[derive(Debug)]
pub(super) struct RawDecoder;

impl Codec for RawCodec {
    type Encode = Vec<u8>;
    type Decode = Vec<u8>;
    type Encoder = RawEncoder;
    type Decoder = RawDecoder;

    fn encoder(&mut self) -> RawEncoder {
        RawEncoder
    }

    fn decoder(&mut self) -> RawDecoder {
        RawDecoder
    }
}

impl Encoder for RawEncoder {
    type Item = Vec<u8>;
    type Error = Status;

    fn encode(&mut self, item: Vec<u8>, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for RawDecoder {
    type Item = Vec<u8>;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Vec<u8>>, Status> {
        let n = src.remaining();
        Ok(Some(src.copy_to_bytes(n).to_vec()))
    }
}

async fn raw_call(app: &TestApp, path: &'static str, body: Vec<u8>) -> Result<Vec<u8>, Status> {
    let mut grpc = tonic::client::Grpc::new(app.channel.clone());
    grpc.ready()
        .await
        .map_err(|e| Status::unavailable(e.to_string()))?;
    grpc.unary(
        tonic::Request::new(body),
        http::uri::PathAndQuery::from_static(path),
        RawCodec,
    )
    .await
    .map(tonic::Response::into_inner)
}

/// A length-delimited protobuf field.
fn field(number: u8, bytes: &[u8]) -> Vec<u8> {
    assert!(bytes.len() < 128 && number < 16);
    let mut out = vec![(number << 3) | 2, bytes.len() as u8];
    out.extend_from_slice(bytes);
    out
}

#[tokio::test]
async fn invalid_utf8_on_the_wire_is_refused_and_the_server_stays_up() {
    each_backend(|app| async move {
        let seed = seed(&app).await;
        let before = snapshot(&app).await;
        // The raw path works: GetFeedback { id } by hand gives the stored item.
        let mut get = vec![0x08];
        prost::encoding::encode_varint(seed.feedback_id as u64, &mut get);
        let got = raw_call(&app, "/sift.v1.FeedbackService/GetFeedback", get)
            .await
            .expect("hand-encoded GetFeedback");
        let got = pb::Feedback::decode(got.as_slice()).expect("a Feedback");
        assert_eq!(got.source_ref, "T-1");

        let valid_feedback = submit(feedback("W-1", "acme", "wire"))
            .feedback
            .expect("input")
            .encode_to_vec();
        let cases: Vec<(&str, &'static str, Vec<u8>)> = vec![
            (
                "source_ref 0xff 0xfe",
                "/sift.v1.FeedbackService/SubmitFeedback",
                field(1, &field(2, b"\xff\xfe")),
            ),
            (
                // A valid item whose body (field 6) is appended again, as a lone continuation
                // byte and a truncated 3-byte sequence: the last value wins, and it is bad.
                "body after valid fields",
                "/sift.v1.FeedbackService/SubmitFeedback",
                field(
                    1,
                    &[valid_feedback.as_slice(), &field(6, b"ok \x80 \xe2\x82")].concat(),
                ),
            ),
            (
                "external_id overlong encoding",
                "/sift.v1.AccountService/UpsertAccounts",
                field(1, &field(1, b"\xc0\xaf-acme")),
            ),
            (
                "account name surrogate half",
                "/sift.v1.AccountService/UpsertAccounts",
                field(
                    1,
                    &[field(1, b"wire").as_slice(), &field(2, b"\xed\xa0\x80")].concat(),
                ),
            ),
            (
                "truncated message",
                "/sift.v1.AccountService/UpsertAccounts",
                vec![0x0a, 0x40, 0x0a],
            ),
            (
                "find similar text",
                "/sift.v1.RequestService/FindSimilar",
                field(1, b"pdf \xf8\x88\x80\x80\x80"),
            ),
        ];
        for (label, path, body) in cases {
            let status = raw_call(&app, path, body).await.expect_err(label);
            // gRPC's status code table assigns a request that does not parse to INTERNAL, and
            // tonic-prost follows it; the message says what happened, nothing reached Sift.
            assert_eq!(status.code(), Code::Internal, "{label}: {status:?}");
            assert!(
                status
                    .message()
                    .contains("failed to decode Protobuf message"),
                "{label}: {status:?}"
            );
        }
        // Still up, on the same channel, and nothing changed.
        assert_eq!(snapshot(&app).await, before);
        let mut feedback_client = app.feedback.clone();
        feedback_client
            .submit_feedback(submit(feedback("W-2", "acme", "still up")))
            .await
            .expect("server still serves");
    })
    .await;
}
