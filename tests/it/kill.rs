//! Faults: the `sift` process is killed (SIGKILL) while it ships a release and while a
//! consumer takes delivery; after a restart no notification is lost or doubled. On SQLite and
//! PostgreSQL.

use std::collections::{BTreeSet, HashSet};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use sift::pb;
use sift::pb::feedback_service_client::FeedbackServiceClient;
use sift::pb::notification_service_client::NotificationServiceClient;
use sift::pb::request_service_client::RequestServiceClient;
use sift::pb::roadmap_service_client::RoadmapServiceClient;
use tonic::transport::Channel;

use crate::fixtures::{account, feedback};
use crate::harness::{backends, fresh_database};

/// Requesting contacts in the release: enough that shipping takes a while.
const CONTACTS: usize = 1_500;

struct Sift {
    child: Child,
    channel: Channel,
}

/// A test that fails must not leave its server running.
impl Drop for Sift {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sift {
    async fn start(url: &str, addr: SocketAddr) -> Sift {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sift"))
            .args([
                "serve",
                "--no-auth",
                "--listen",
                &addr.to_string(),
                "--database-url",
                url,
            ])
            .env("SIFT_NOTIFY_LEASE_SECS", "1")
            .env("SIFT_METRICS_LISTEN", "")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn sift");
        for _ in 0..600 {
            if let Ok(channel) = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
                .expect("endpoint")
                .connect()
                .await
            {
                return Sift { child, channel };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("sift did not start on {addr}");
    }

    /// SIGKILL: no shutdown, no drain.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }

    fn roadmap(&self) -> RoadmapServiceClient<Channel> {
        RoadmapServiceClient::new(self.channel.clone())
    }

    fn notifications(&self) -> NotificationServiceClient<Channel> {
        NotificationServiceClient::new(self.channel.clone())
    }
}

fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    listener.local_addr().expect("addr")
}

/// Accounts (one KEY, so CSM tasks too), CONTACTS contacts asking for a few things, every
/// resulting request planned into one release. Returns the release id.
async fn seed(channel: &Channel) -> i64 {
    let mut accounts = sift::pb::account_service_client::AccountServiceClient::new(channel.clone());
    accounts
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: (0..20)
                .map(|i| {
                    account(
                        &format!("acct-{i}"),
                        if i == 0 { 50_000_000 } else { 100_000 },
                    )
                })
                .collect(),
        })
        .await
        .expect("accounts");
    let asks = [
        "Please add PDF export for the weekly report",
        "Dark mode for the dashboard would be great",
        "Single sign-on with Okta for our team",
    ];
    let items: Vec<pb::ImportFeedbackRequest> = (0..CONTACTS)
        .map(|i| {
            let mut f = feedback(&format!("K-{i}"), &format!("acct-{}", i % 20), asks[i % 3]);
            f.contact = Some(pb::ContactRef {
                email: format!("person{i}@acct{}.example", i % 20),
                ..Default::default()
            });
            pb::ImportFeedbackRequest { feedback: Some(f) }
        })
        .collect();
    let imported = FeedbackServiceClient::new(channel.clone())
        .import_feedback(tokio_stream::iter(items))
        .await
        .expect("import")
        .into_inner();
    assert_eq!(imported.accepted as usize, CONTACTS);

    let mut roadmap = RoadmapServiceClient::new(channel.clone());
    let release = roadmap
        .create_release(pb::CreateReleaseRequest {
            version: "2026.48".into(),
            kind: pb::ReleaseKind::Minor as i32,
            planned_date: "2026-11-30".into(),
            summary: String::new(),
        })
        .await
        .expect("release")
        .into_inner();
    let requests = RequestServiceClient::new(channel.clone())
        .list_requests(pb::ListRequestsRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("requests")
        .into_inner()
        .requests;
    for r in requests {
        roadmap
            .plan_request(pb::PlanRequestRequest {
                request_id: r.id,
                target: Some(pb::plan_request_request::Target::ReleaseId(release.id)),
                actor: String::new(),
            })
            .await
            .expect("plan");
    }
    release.id
}

type Key = (i64, i64, i32);

fn key(n: &pb::Notification) -> Key {
    (n.contact_id, n.request_id, n.channel)
}

async fn notifications_of(sift: &Sift, release_id: i64) -> Vec<pb::Notification> {
    crate::roadmap::list_all(&mut sift.notifications(), release_id, 1000).await
}

fn keys_without_doubles(all: &[pb::Notification]) -> BTreeSet<Key> {
    let keys: BTreeSet<Key> = all.iter().map(key).collect();
    assert_eq!(
        keys.len(),
        all.len(),
        "a (contact, request, channel) appears twice"
    );
    keys
}

#[tokio::test]
async fn sigkill_during_shipping_and_delivery_loses_and_doubles_nothing() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let addr = free_addr();
        let sift = Sift::start(&url, addr).await;
        let release_id = seed(&sift.channel).await;
        let preview = sift
            .roadmap()
            .preview_release(pb::PreviewReleaseRequest { release_id })
            .await
            .expect("preview")
            .into_inner();
        let expected: BTreeSet<Key> = preview
            .requests
            .iter()
            .flat_map(|p| {
                let id = p.item.as_ref().unwrap().request.as_ref().unwrap().id;
                p.recipients
                    .iter()
                    .map(move |x| (x.contact_id, id, x.channel))
            })
            .collect();
        assert!(
            expected.len() > CONTACTS,
            "{backend:?}: contacts and CSM tasks"
        );

        // Kill while ShipRelease runs, at growing delays, until one kill lands after the
        // commit. After every restart the release is shipped with all its notifications or
        // not at all.
        let mut sift = sift;
        let mut interrupted = 0;
        for delay_ms in [5u64, 30, 100, 300, 1_000, 3_000] {
            let mut roadmap = sift.roadmap();
            let call = tokio::spawn(async move {
                roadmap
                    .ship_release(pb::ShipReleaseRequest {
                        release_id,
                        actor: "release-bot".into(),
                        accept_generated_titles: true,
                    })
                    .await
            });
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            sift.kill();
            let answered = call.await.expect("join").is_ok();
            if !answered {
                interrupted += 1;
            }
            sift = Sift::start(&url, addr).await;
            let stored = notifications_of(&sift, release_id).await;
            eprintln!(
                "{backend:?}: killed {delay_ms} ms into ShipRelease (answered: {answered}): {} notifications stored",
                stored.len()
            );
            if stored.is_empty() {
                continue;
            }
            assert_eq!(
                keys_without_doubles(&stored),
                expected,
                "{backend:?}: all or nothing"
            );
            break;
        }
        assert!(
            interrupted > 0,
            "{backend:?}: no kill landed during ShipRelease"
        );
        // Shipping (again) completes the release, exactly once.
        let shipped = sift
            .roadmap()
            .ship_release(pb::ShipReleaseRequest {
                release_id,
                actor: "release-bot".into(),
                accept_generated_titles: true,
            })
            .await
            .expect("ship")
            .into_inner();
        assert_eq!(shipped.notifications as usize, expected.len());
        assert_eq!(
            keys_without_doubles(&notifications_of(&sift, release_id).await),
            expected
        );

        // Delivery: a consumer follows the stream and acks what it sent, in batches; the server
        // is killed twice mid-way. The consumer (a named one) resumes from its last cursor and
        // sends its last acks again.
        let mut received: Vec<pb::Notification> = Vec::new();
        let mut unacked: Vec<i64> = Vec::new();
        let mut last_acks: Vec<i64> = Vec::new();
        let mut kills = 0;
        while received.len() < expected.len() {
            let cursor = received.last().map_or(0, |n| n.id);
            let mut client = sift.notifications();
            if !last_acks.is_empty() {
                // Resent after a restart: idempotent.
                ack_delivered(&mut client, &last_acks)
                    .await
                    .expect("re-ack");
            }
            let mut stream = client
                .stream_notifications(pb::StreamNotificationsRequest {
                    after_cursor: cursor,
                    lease_seconds: 30,
                    // Named, so after a restart it resumes what it held and had not received.
                    consumer: "kill-test".into(),
                })
                .await
                .expect("stream")
                .into_inner();
            let kill_at = match kills {
                0 => expected.len() / 3,
                1 => 2 * expected.len() / 3,
                _ => usize::MAX,
            };
            let mut broken = false;
            while received.len() < expected.len() {
                let item =
                    match tokio::time::timeout(Duration::from_secs(20), stream.message()).await {
                        Ok(Ok(Some(n))) => n,
                        _ => {
                            broken = true;
                            break;
                        }
                    };
                unacked.push(item.id);
                received.push(item);
                if unacked.len() == 100 || received.len() == expected.len() {
                    if ack_delivered(&mut client, &unacked).await.is_err() {
                        broken = true;
                        break;
                    }
                    last_acks = std::mem::take(&mut unacked);
                }
                if received.len() >= kill_at {
                    // Acks in flight and a stream open: kill.
                    let pending = unacked.clone();
                    let mut c = client.clone();
                    let late = tokio::spawn(async move { ack_delivered(&mut c, &pending).await });
                    sift.kill();
                    if matches!(late.await, Ok(Ok(()))) {
                        last_acks = std::mem::take(&mut unacked);
                    } else {
                        last_acks.append(&mut unacked);
                    }
                    kills += 1;
                    sift = Sift::start(&url, addr).await;
                    broken = true;
                    break;
                }
            }
            assert!(
                broken || received.len() == expected.len(),
                "{backend:?}: the stream ended early"
            );
        }
        assert_eq!(kills, 2);
        let mut client = sift.notifications();
        ack_delivered(&mut client, &last_acks)
            .await
            .expect("final acks");
        let ids: HashSet<i64> = received.iter().map(|n| n.id).collect();
        assert_eq!(
            ids.len(),
            received.len(),
            "{backend:?}: a notification streamed twice"
        );
        assert_eq!(
            keys_without_doubles(&received),
            expected,
            "{backend:?}: lost or doubled"
        );
        let stored = notifications_of(&sift, release_id).await;
        let delivered = stored
            .iter()
            .filter(|n| n.status == pb::NotificationStatus::Delivered as i32)
            .count();
        assert_eq!(
            delivered,
            expected.len(),
            "{backend:?}: every one delivered once"
        );
        let pending = client
            .list_pending_notifications(pb::ListPendingNotificationsRequest {
                limit: 10,
                lease_seconds: 0,
            })
            .await
            .expect("pending")
            .into_inner()
            .notifications;
        assert!(pending.is_empty(), "{backend:?}: nothing left to deliver");
        sift.kill();
        cleanup.run().await;
    }
}

async fn ack_delivered(
    client: &mut NotificationServiceClient<Channel>,
    ids: &[i64],
) -> Result<(), tonic::Status> {
    if ids.is_empty() {
        return Ok(());
    }
    let acks = ids
        .iter()
        .map(|id| pb::Ack {
            id: *id,
            outcome: pb::AckOutcome::Delivered as i32,
            reason: String::new(),
            attempt: 0,
        })
        .collect();
    client
        .ack_notifications(pb::AckNotificationsRequest { acks })
        .await
        .map(|_| ())
}

#[tokio::test]
async fn sigkill_during_ingest_loses_no_acknowledged_feedback() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let addr = free_addr();
        let sift = Sift::start(&url, addr).await;
        // Eight clients submit as fast as they can; each remembers what was acknowledged.
        let mut clients = Vec::new();
        for c in 0..8 {
            let mut client = FeedbackServiceClient::new(sift.channel.clone());
            clients.push(tokio::spawn(async move {
                let mut acked = Vec::new();
                for i in 0.. {
                    let input = feedback(
                        &format!("C{c}-{i}"),
                        &format!("acct-{}", i % 7),
                        "Please add PDF export for the weekly report",
                    );
                    match client
                        .submit_feedback(pb::SubmitFeedbackRequest {
                            feedback: Some(input),
                        })
                        .await
                    {
                        Ok(r) => acked.push((format!("C{c}-{i}"), r.into_inner().id)),
                        Err(_) => return acked,
                    }
                }
                acked
            }));
        }
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        sift.kill();
        let mut acked = Vec::new();
        for c in clients {
            acked.extend(c.await.expect("client"));
        }
        assert!(
            acked.len() > 50,
            "{backend:?}: only {} acknowledged",
            acked.len()
        );
        let sift = Sift::start(&url, addr).await;
        let mut client = FeedbackServiceClient::new(sift.channel.clone());
        for (source_ref, id) in &acked {
            let stored = client
                .get_feedback(pb::GetFeedbackRequest { id: *id })
                .await
                .unwrap_or_else(|e| panic!("{backend:?}: acknowledged {source_ref} lost: {e}"))
                .into_inner();
            assert_eq!(&stored.source_ref, source_ref);
        }
        sift.kill();
        cleanup.run().await;
    }
}
