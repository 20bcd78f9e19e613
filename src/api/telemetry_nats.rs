//! Telemetry events from NATS JetStream: a durable pull consumer on the stream that covers
//! `--telemetry-subject`. Each message is one event, the proto3 JSON of `sift.v1.TelemetryEvent`
//! (the message RecordTelemetry takes). Messages are taken in batches; a batch is counted in one
//! transaction and its messages are acked only after the commit, so a crash or a NATS outage
//! redelivers them, and the event ids (a message's stream sequence when the event has none)
//! make a redelivery count once. A malformed or invalid message is acked, logged and counted as
//! rejected: it is never redelivered, and never stops the stream.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::consumer::{AckPolicy, PullConsumer, pull};
use async_nats::jetstream::{self, Message};
use prost_reflect::{DescriptorPool, DeserializeOptions, DynamicMessage, MessageDescriptor};
use tokio::sync::watch;
use tokio_stream::StreamExt as _;
use tracing::{info, warn};

use super::convert::from_timestamp;
use super::lengths::Lengths;
use crate::domain::Violations;
use crate::error::AppError;
use crate::pb;
use crate::server::config::NatsTelemetry;
use crate::server::prometheus::Metrics;
use crate::service::telemetry::{EventDraft, Pushed, Telemetry};

/// Messages counted in one transaction at most.
const BATCH: usize = 1_000;
/// How long a batch waits for more messages once it has one (group commit).
const LINGER: Duration = Duration::from_millis(20);
/// Unacked messages the consumer may have out at once (all instances together).
const MAX_ACK_PENDING: i64 = 20_000;
/// After this long without an ack a message is delivered again.
const ACK_WAIT: Duration = Duration::from_secs(30);
/// How long one pull request waits on the server. Well under the ack wait: the pulls of an
/// instance that crashed take new messages only this long, and are gone when what they took
/// is delivered again (else a redelivery could go to a dead pull and wait another ack wait).
const PULL_EXPIRES: Duration = Duration::from_secs(10);

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A connected consumer, ready to run: made at start, so a wrong URL, subject or stream stops
/// the start with an error that names them.
pub struct NatsTelemetryConsumer {
    client: async_nats::Client,
    context: jetstream::Context,
    config: NatsTelemetry,
    stream: String,
    /// When the stream was created (nanoseconds): with the stream sequence, the id of an event
    /// that has none (a stream deleted and made anew starts its sequence again).
    created: i128,
    consumer: PullConsumer,
}

impl NatsTelemetryConsumer {
    /// Connects, finds the stream that covers the subject (Sift never creates streams: the
    /// deployment owns them) and binds the durable consumer, creating it if it is missing.
    pub async fn connect(config: &NatsTelemetry) -> Result<Self, BoxError> {
        let url = config.url.clone();
        let client = async_nats::ConnectOptions::new()
            .name("sift telemetry")
            .connection_timeout(Duration::from_secs(5))
            .event_callback(move |event| {
                let url = url.clone();
                async move {
                    match event {
                        async_nats::Event::Disconnected => {
                            warn!(%url, "NATS disconnected: reconnecting")
                        }
                        async_nats::Event::Connected => info!(%url, "NATS connected"),
                        other => info!(%url, event = %other, "NATS"),
                    }
                }
            })
            .connect(config.url.as_str())
            .await
            .map_err(|e| format!("--telemetry-nats {}: cannot connect: {e}", config.url))?;
        let context = jetstream::new(client.clone());
        let (stream, created, consumer) = bind(&context, config).await?;
        info!(
            url = %config.url,
            subject = %config.subject,
            %stream,
            durable = %config.durable,
            "consuming telemetry from NATS JetStream"
        );
        Ok(Self {
            client,
            context,
            config: config.clone(),
            stream,
            created,
            consumer,
        })
    }

    /// Takes messages until `stop` turns true; the batch in hand is counted and acked first.
    pub async fn run(
        mut self,
        telemetry: Telemetry,
        lengths: Arc<Lengths>,
        metrics: Metrics,
        mut stop: watch::Receiver<bool>,
    ) {
        let decoder = match Decoder::new(lengths) {
            Ok(decoder) => decoder,
            Err(error) => {
                warn!(%error, "telemetry from NATS off: no TelemetryEvent descriptor");
                return;
            }
        };
        let worker = Worker {
            telemetry,
            decoder,
            metrics,
        };
        'consume: while !*stop.borrow() {
            let messages = self
                .consumer
                .stream()
                .max_messages_per_batch(BATCH)
                .heartbeat(PULL_EXPIRES / 2)
                .expires(PULL_EXPIRES)
                .messages()
                .await;
            let mut messages = match messages {
                Ok(messages) => messages,
                Err(error) => {
                    warn!(%error, "NATS pull failed: trying again in 1 s");
                    if wait_or_stop(&mut stop, Duration::from_secs(1)).await {
                        break;
                    }
                    continue;
                }
            };
            loop {
                let first = tokio::select! {
                    _ = stop.changed() => break 'consume,
                    next = messages.next() => next,
                };
                let mut batch = match first {
                    // The pull stream ended (the consumer was deleted, a request limit): bind again.
                    None => break,
                    Some(Err(error)) => {
                        // Missed heartbeats while NATS restarts: the client reconnects and the
                        // stream pulls again by itself.
                        warn!(%error, "NATS pull");
                        continue;
                    }
                    Some(Ok(message)) => vec![message],
                };
                let linger = tokio::time::Instant::now() + LINGER;
                while batch.len() < BATCH {
                    match tokio::time::timeout_at(linger, messages.next()).await {
                        Ok(Some(Ok(message))) => batch.push(message),
                        Ok(Some(Err(error))) => {
                            warn!(%error, "NATS pull");
                            break;
                        }
                        Ok(None) | Err(_) => break,
                    }
                }
                worker
                    .count_and_ack(&self.stream, self.created, batch)
                    .await;
            }
            // Bind again, to a consumer made anew if it was deleted.
            if wait_or_stop(&mut stop, Duration::from_secs(1)).await {
                break;
            }
            match bind(&self.context, &self.config).await {
                Ok((stream, created, consumer)) => {
                    (self.stream, self.created, self.consumer) = (stream, created, consumer);
                }
                Err(error) => warn!(%error, "NATS consumer not bound: trying again"),
            }
        }
        // The acks of the last batch leave before the connection closes.
        if let Err(error) = self.client.flush().await {
            warn!(%error, "NATS acks not flushed at stop: those messages will be redelivered");
        }
    }
}

/// Waits `pause` unless asked to stop first; answers whether to stop.
async fn wait_or_stop(stop: &mut watch::Receiver<bool>, pause: Duration) -> bool {
    tokio::select! {
        _ = stop.changed() => true,
        () = tokio::time::sleep(pause) => *stop.borrow(),
    }
}

/// The stream covering the subject, its creation time, and the durable consumer on it.
async fn bind(
    context: &jetstream::Context,
    config: &NatsTelemetry,
) -> Result<(String, i128, PullConsumer), BoxError> {
    let name = context
        .stream_by_subject(config.subject.as_str())
        .await
        .map_err(|e| {
            format!(
                "--telemetry-subject {}: no JetStream stream covers it ({e}); create one, e.g. \
                 `nats stream add TELEMETRY --subjects '{}'`",
                config.subject, config.subject
            )
        })?;
    let mut stream = context
        .get_stream(&name)
        .await
        .map_err(|e| format!("JetStream stream {name}: {e}"))?;
    let created = stream
        .info()
        .await
        .map_err(|e| format!("JetStream stream {name}: {e}"))?
        .created
        .unix_timestamp_nanos();
    let consumer: PullConsumer = stream
        .get_or_create_consumer(
            &config.durable,
            pull::Config {
                durable_name: Some(config.durable.clone()),
                description: Some("Sift: telemetry events".into()),
                ack_policy: AckPolicy::Explicit,
                ack_wait: ACK_WAIT,
                max_ack_pending: MAX_ACK_PENDING,
                filter_subject: config.subject.clone(),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| {
            format!(
                "JetStream consumer {} on stream {name}: {e}",
                config.durable
            )
        })?;
    Ok((name, created, consumer))
}

struct Worker {
    telemetry: Telemetry,
    decoder: Decoder,
    metrics: Metrics,
}

impl Worker {
    /// Counts a batch in one transaction, then acks every message of it (rejected ones too).
    /// When the database fails nothing is acked: NATS delivers the batch again after the ack
    /// wait, and the ids already counted (none, the transaction rolled back) decide again.
    async fn count_and_ack(&self, stream: &str, created: i128, batch: Vec<Message>) {
        let mut pause = Duration::from_millis(200);
        loop {
            match self.count(stream, created, &batch).await {
                Ok(()) => break,
                Err(error) => {
                    warn!(%error, messages = batch.len(), "telemetry batch from NATS not counted: trying again");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(5));
                }
            }
        }
        for message in &batch {
            if let Err(error) = message.ack().await {
                // It comes again after the ack wait and counts as a duplicate.
                warn!(%error, "NATS ack failed");
            }
        }
    }

    async fn count(&self, stream: &str, created: i128, batch: &[Message]) -> Result<(), AppError> {
        let mut recorder = self.telemetry.recorder().await?;
        let mut rejected = 0;
        for message in batch {
            let sequence = message.info().map(|i| i.stream_sequence).unwrap_or(0);
            let draft = match self.decoder.decode(&message.payload) {
                Ok(mut draft) => {
                    if draft
                        .event_id
                        .as_deref()
                        .is_none_or(|id| id.trim().is_empty())
                    {
                        let mut id = format!("nats:{created}:{sequence}:{stream}");
                        id.truncate(200);
                        draft.event_id = Some(id);
                    }
                    draft
                }
                Err(violations) => {
                    rejected += 1;
                    warn!(
                        subject = %message.subject,
                        sequence,
                        reason = %violations,
                        "telemetry message from NATS rejected"
                    );
                    recorder.reject_item(violations);
                    continue;
                }
            };
            if let Pushed::Rejected { field, reason } = recorder.push(draft).await? {
                rejected += 1;
                warn!(
                    subject = %message.subject,
                    sequence,
                    reason = %format!("{field}: {reason}"),
                    "telemetry message from NATS rejected"
                );
            }
        }
        let report = recorder.finish().await?;
        self.metrics
            .telemetry_nats("counted", report.accepted.max(0) as u64);
        self.metrics
            .telemetry_nats("duplicate", report.duplicates.max(0) as u64);
        self.metrics.telemetry_nats("rejected", rejected);
        Ok(())
    }
}

/// A message's payload to an event: proto3 JSON of `sift.v1.TelemetryEvent`, field names in
/// either spelling (`signal_key` or `signalKey`), unknown fields ignored, strings within their
/// declared lengths.
struct Decoder {
    descriptor: MessageDescriptor,
    lengths: Arc<Lengths>,
}

impl Decoder {
    fn new(lengths: Arc<Lengths>) -> Result<Self, BoxError> {
        let pool = DescriptorPool::decode(crate::pb::FILE_DESCRIPTOR_SET)?;
        let descriptor = pool
            .get_message_by_name("sift.v1.TelemetryEvent")
            .ok_or("sift.v1.TelemetryEvent is not in the descriptor set")?;
        Ok(Self {
            descriptor,
            lengths,
        })
    }

    fn decode(&self, payload: &[u8]) -> Result<EventDraft, Violations> {
        let mut v = Violations::default();
        let mut json = serde_json::Deserializer::from_slice(payload);
        let message = DynamicMessage::deserialize_with_options(
            self.descriptor.clone(),
            &mut json,
            &DeserializeOptions::new().deny_unknown_fields(false),
        )
        .and_then(|m| json.end().map(|()| m));
        let event: pb::TelemetryEvent = match message.map(|m| m.transcode_to()) {
            Ok(Ok(event)) => event,
            Ok(Err(e)) => {
                v.push("payload", format!("not a TelemetryEvent: {e}"));
                return Err(v);
            }
            Err(e) => {
                v.push("payload", format!("not the JSON of a TelemetryEvent: {e}"));
                return Err(v);
            }
        };
        let too_long = self.lengths.check_item("sift.v1.TelemetryEvent", &event);
        if !too_long.is_empty() {
            return Err(too_long);
        }
        let pb::TelemetryEvent {
            signal_key,
            account_external_id,
            user_ref,
            count,
            occurred_at,
            event_id,
        } = event;
        let occurred_at = occurred_at.and_then(|t| from_timestamp(&mut v, "occurred_at", &t));
        if !v.is_empty() {
            return Err(v);
        }
        Ok(EventDraft {
            signal_key,
            account_external_id,
            user_ref,
            count,
            occurred_at,
            event_id: Some(event_id),
        })
    }
}
