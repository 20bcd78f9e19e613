//! TelemetryService: bad input to each RPC is refused with a clear status and changes nothing.

use super::*;

fn cases(app: &TestApp, _seed: &Seed) -> Vec<Case> {
    let mut c = Vec::new();
    let t = &app.telemetry;

    // --- DefineSignal / ListSignals
    case!(
        c,
        "empty",
        t,
        define_signal,
        pb::DefineSignalRequest::default(),
        Expect::Invalid(&["key", "description"])
    );
    for key in ["has space", "nul\0", "\u{202e}rtl", "emoji🎉", "ключ"] {
        case!(
            c,
            format!("key {key:?}"),
            t,
            define_signal,
            pb::DefineSignalRequest {
                key: key.into(),
                description: "d".into()
            },
            Expect::Invalid(&["key"])
        );
    }
    case!(
        c,
        "key and description huge",
        t,
        define_signal,
        pb::DefineSignalRequest {
            key: "k".repeat(HUGE),
            description: "d".repeat(HUGE)
        },
        Expect::Invalid(&["key", "description"])
    );
    case!(
        c,
        "empty",
        t,
        list_signals,
        pb::ListSignalsRequest {},
        Expect::Ok
    );
    c
}

#[tokio::test]
async fn is_refused_and_changes_nothing() {
    each_backend(|app| async move {
        let seed = seed(&app).await;
        run(&app, cases(&app, &seed)).await;
    })
    .await;
}
