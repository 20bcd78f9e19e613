//! Generated request titles: neutral (no customer's name, company or contact details) and
//! stable (a join of a near-duplicate does not rename a request); a PM's title is final.

use sift::pb;

use crate::fixtures::{account, feedback};
use crate::harness::{TestApp, each_backend};

async fn submit(app: &mut TestApp, input: pb::FeedbackInput) -> i64 {
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(input),
        })
        .await
        .expect("submit")
        .into_inner()
        .request_id
}

async fn title(app: &mut TestApp, id: i64) -> String {
    app.requests
        .get_request(pb::GetRequestRequest {
            id,
            evidence_limit: 0,
        })
        .await
        .expect("get request")
        .into_inner()
        .request
        .expect("request")
        .title
}

async fn all_titles(app: &mut TestApp) -> Vec<String> {
    app.requests
        .list_requests(pb::ListRequestsRequest::default())
        .await
        .expect("list")
        .into_inner()
        .requests
        .into_iter()
        .map(|r| r.title)
        .collect()
}

/// An import keys accounts by the help desk's organization, and the CRM has not named them
/// yet: the organization, written under the writer's name in the signature, is a name all
/// the same.
#[tokio::test]
async fn a_placeholder_accounts_organization_leaves_the_title() {
    each_backend(|mut app| async move {
        for (i, (org, person, need)) in [
            (
                "Tessellate GmbH",
                "Ines Moreau",
                "Where can I change my PIN?",
            ),
            (
                "Harbor & Vine",
                "Sam Haddad",
                "My card is lost! Please help me!",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let body =
                format!("To whom it may concern,\n\n{need}\n\nMuch appreciated,\n{person} — {org}");
            let mut item = feedback(&format!("P-{i}"), org, &body);
            item.contact = Some(pb::ContactRef {
                external_id: String::new(),
                email: format!("p{i}@example.com"),
                name: person.into(),
            });
            submit(&mut app, item).await;
        }
        let titles = all_titles(&mut app).await;
        assert_eq!(titles.len(), 2, "{titles:?}");
        for t in &titles {
            for name in [
                "Tessellate",
                "Harbor",
                "Vine",
                "Ines",
                "Moreau",
                "Sam",
                "Haddad",
            ] {
                assert!(!t.contains(name), "{name} in {t:?}");
            }
        }
        assert!(
            titles
                .iter()
                .any(|t| t.starts_with("Where can I change my PIN?")),
            "{titles:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn generated_titles_leave_out_customer_names_and_contact_details() {
    each_backend(|mut app| async move {
        let mut initech = account("initech", 5_000_000);
        initech.name = Some("Initech Inc.".into());
        let mut globex = account("globex", 9_000_000);
        globex.name = Some("Globex Corporation".into());
        let mut acme = account("acme", 1_000_000);
        acme.name = Some("华为技术有限公司".into());
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![initech, globex, acme],
            })
            .await
            .expect("accounts");

        let mut sso = feedback(
            "T-1",
            "initech",
            "Initech wants single sign-on with Okta for every admin. Peter Gibbons, \
             peter.gibbons@initech.example, +1 555 010 2233, https://help.initech.example/t/88123 TKT-4821",
        );
        sso.contact = Some(pb::ContactRef {
            external_id: "c-peter".into(),
            email: "peter.gibbons@initech.example".into(),
            name: "Peter Gibbons".into(),
        });
        submit(&mut app, sso).await;
        // Another customer's company written inside the need.
        submit(
            &mut app,
            feedback(
                "T-2",
                "globex",
                "Like Globex's team we need a dark mode on the dashboard, call 555-0199-3344",
            ),
        )
        .await;
        submit(
            &mut app,
            feedback("T-3", "acme", "华为这边张伟反馈：希望支持导出PDF报表，电话13812345678"),
        )
        .await;
        let mut zhang = feedback("T-4", "acme", "张伟：需要离线模式，没有网络时也能用");
        zhang.contact = Some(pb::ContactRef {
            external_id: "c-zhang".into(),
            email: String::new(),
            name: "张伟".into(),
        });
        submit(&mut app, zhang).await;

        let titles = all_titles(&mut app).await;
        assert_eq!(titles.len(), 4, "{titles:?}");
        for t in &titles {
            for leak in [
                "Initech", "Peter", "Gibbons", "@", "555", "http", "88123", "4821", "Globex",
                "华为", "张伟", "138",
            ] {
                assert!(!t.contains(leak), "{leak:?} in title {t:?}");
            }
        }
        // The need is what is left.
        assert!(titles.iter().any(|t| t.contains("single sign-on with Okta")), "{titles:?}");
        assert!(titles.iter().any(|t| t.contains("dark mode on the dashboard")), "{titles:?}");
        assert!(titles.iter().any(|t| t.contains("导出PDF报表")), "{titles:?}");
    })
    .await;
}

#[tokio::test]
async fn joins_of_near_duplicates_keep_the_title_and_a_rename_is_final() {
    each_backend(|mut app| async move {
        let first = "Please add PDF export for the weekly report, finance asks for it";
        let request = submit(&mut app, feedback("P-0", "acct-0", first)).await;
        let generated = title(&mut app, request).await;
        assert_eq!(generated, first);
        let joins = [
            "We need to export the weekly report as PDF",
            "Export weekly report to PDF please",
            "PDF export of the weekly report is missing",
            "weekly report PDF export",
            "Export the weekly report to PDF",
        ];
        for (i, text) in joins.iter().enumerate() {
            let joined = submit(&mut app, feedback(&format!("P-{}", i + 1), "acct-1", text)).await;
            assert_eq!(joined, request, "{text:?} joins");
            assert_eq!(
                title(&mut app, request).await,
                generated,
                "after joining {text:?}"
            );
        }

        // A PM's title is final: joins do not touch it, and clearing it brings back the
        // generated one.
        app.requests
            .rename_request(pb::RenameRequestRequest {
                id: request,
                title: "Weekly report as PDF".into(),
            })
            .await
            .expect("rename");
        let joined = submit(
            &mut app,
            feedback("P-9", "acct-2", "export the weekly report into PDF"),
        )
        .await;
        assert_eq!(joined, request);
        assert_eq!(title(&mut app, request).await, "Weekly report as PDF");
        app.requests
            .rename_request(pb::RenameRequestRequest {
                id: request,
                title: String::new(),
            })
            .await
            .expect("clear the title");
        assert_eq!(title(&mut app, request).await, generated);
    })
    .await;
}

/// Every item starts its own request: the titles are the point of the tests below.
fn a_request_each(c: &mut sift::Config) {
    c.clustering.join_threshold = 0.99;
    c.clustering.suggest_threshold = 0.99;
}

/// A greeting in the first line before a pleasantry, an introduction, and a sign-off on its own
/// line: the stored titles were made before any of it had recurred, and the titles read later
/// must leave it out all the same.
#[tokio::test]
async fn chinese_ticket_furniture_leaves_the_titles_made_when_the_requests_were() {
    crate::harness::each_backend_with(a_request_each, |mut app| async move {
        let needs = [
            "设置闹钟在上午6点",
            "取消我的提醒",
            "预订一张桌子在9点",
            "在Itunes上播放音乐",
            "明天会下雨吗",
            "显示所有的提醒",
            "查找附近电影的时间表",
            "给这本书打五分",
            "明早七点叫醒我",
            "播放周杰伦的新专辑",
            "帮我找一家川菜馆",
            "把这首歌加到跑步歌单",
        ];
        for (i, need) in needs.iter().enumerate() {
            let body = format!(
                "您好，麻烦看一下下面的问题。我是客户这边的对接人。\n{need}\n期待您的回复。"
            );
            submit(&mut app, feedback(&format!("Z-{i}"), "acme", &body)).await;
        }
        // One need asked again in the same words, until it recurs as a sentence too: the
        // sign-off around it recurs far more, and it is the sign-off that leaves the title.
        for i in 0..6 {
            let body = format!(
                "您好，麻烦看一下下面的问题。我是客户这边的对接人。\n{}\n期待您的回复。",
                needs[0]
            );
            submit(&mut app, feedback(&format!("Z-again-{i}"), "acme", &body)).await;
        }
        let titles = all_titles(&mut app).await;
        // (The repeated asks may form a request of their own: what matters is their titles.)
        assert!(
            titles.iter().all(|t| needs.contains(&t.as_str())),
            "{titles:?}"
        );
        for need in needs {
            assert!(
                titles.iter().any(|t| t == need),
                "{need:?} is a title: {titles:?}"
            );
        }
    })
    .await;
}

/// Furniture no rule knows (a team's own pleasantries) is learned as it recurs across items;
/// from then on it leaves every generated title, including those of requests started before it
/// was learned.
#[tokio::test]
async fn furniture_the_corpus_learned_leaves_the_titles() {
    crate::harness::each_backend_with(a_request_each, |mut app| async move {
        let needs = [
            "Export the monthly report to PDF",
            "Dark mode for the dashboard",
            "Single sign-on with Okta",
            "Bulk upload of customers from a spreadsheet",
            "Webhooks when an invoice is paid",
            "Two-factor login by SMS",
            "Filter the audit log by user",
            "Share a dashboard by link",
        ];
        for (i, need) in needs.iter().enumerate() {
            let body = format!(
                "Our ops crew flagged this during the standup.\n{need}.\n\
                 We reviewed this with the purple team on Monday."
            );
            submit(&mut app, feedback(&format!("F-{i}"), "acme", &body)).await;
        }
        let titles = all_titles(&mut app).await;
        assert_eq!(titles.len(), needs.len(), "{titles:?}");
        for need in needs {
            assert!(
                titles.iter().any(|t| t.starts_with(need)),
                "{need:?} heads a title: {titles:?}"
            );
        }
        for t in &titles {
            assert!(
                !t.contains("standup") && !t.contains("purple"),
                "furniture in {t:?}"
            );
        }
    })
    .await;
}

/// A sentence only one item says, too rare for the corpus to learn (a help desk's "Reply on
/// the original channel.", a writer's aside), leaves the title of a request whose other items
/// share the need.
#[tokio::test]
async fn a_sentence_only_the_central_item_says_leaves_the_title() {
    each_backend(|mut app| async move {
        let items = [
            (
                "Export the weekly report to PDF.",
                "Our Leeds office closes at five.",
            ),
            (
                "Please export the weekly report to PDF.",
                "Reply on the original channel.",
            ),
            (
                "Weekly report export to PDF, please.",
                "Marta is away until Thursday.",
            ),
            (
                "We need the weekly report as a PDF export.",
                "The auditors visit in spring.",
            ),
            (
                "Export of the weekly report to PDF.",
                "Ticket raised by the night shift.",
            ),
            (
                "The weekly report should export to PDF.",
                "Budget season starts soon.",
            ),
        ];
        let mut requests = Vec::new();
        for (i, (need, aside)) in items.iter().enumerate() {
            let body = format!("{need} {aside}");
            requests.push(
                submit(
                    &mut app,
                    feedback(&format!("S-{i}"), &format!("a-{i}"), &body),
                )
                .await,
            );
        }
        requests.dedup();
        assert_eq!(requests.len(), 1, "one need, one request");
        let t = title(&mut app, requests[0]).await;
        assert!(t.to_lowercase().contains("weekly report"), "{t:?}");
        for (_, aside) in items {
            assert!(!t.contains(aside), "{aside:?} in {t:?}");
        }
    })
    .await;
}

/// Outcome reports name requests as the backlog does: a request whose first item is signed by
/// its customer shows the neutral title in the churn exposure, the adoption curve and the
/// release impact, not the customer's stored words.
#[tokio::test]
async fn outcome_reports_show_the_neutral_title() {
    each_backend(|mut app| async move {
        let mut initech = account("initech", 5_000_000);
        initech.name = Some("Initech Inc.".into());
        initech.health = Some(30);
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![initech],
            })
            .await
            .expect("accounts");
        let signed = |source_ref: &str, need: &str| {
            let mut item = feedback(
                source_ref,
                "initech",
                &format!("{need}\n\nThanks,\nPeter Gibbons\npeter.gibbons@initech.example"),
            );
            item.contact = Some(pb::ContactRef {
                external_id: "c-peter".into(),
                email: "peter.gibbons@initech.example".into(),
                name: "Peter Gibbons".into(),
            });
            item
        };
        let sso = submit(
            &mut app,
            signed("T-1", "Initech wants single sign-on with Okta SAML."),
        )
        .await;
        let pdf = submit(
            &mut app,
            signed(
                "T-2",
                "Peter at Initech asks for PDF export of the weekly report.",
            ),
        )
        .await;
        assert_ne!(sso, pdf);

        let date = (chrono::Utc::now().date_naive() + chrono::Days::new(7)).to_string();
        let release = crate::roadmap::release(&mut app, "2026.50", &date).await;
        crate::roadmap::plan(&mut app, pdf, release.id).await;
        crate::roadmap::ship(&mut app, release.id).await;

        let mut outcomes = crate::outcomes_impact::client(&app);
        let today = chrono::Utc::now().date_naive().to_string();
        crate::outcomes_impact::renewal(
            &app,
            "R-1",
            "initech",
            0,
            pb::RenewalOutcome::Contracted,
            5_000_000,
            4_000_000,
        )
        .await;
        let exposure = outcomes
            .get_churn_exposure(pb::GetChurnExposureRequest {
                from: today.clone(),
                to: today,
                renewal_window_days: 0,
            })
            .await
            .expect("exposure")
            .into_inner();
        let adoption = outcomes
            .get_adoption(pb::GetAdoptionRequest {
                request_id: pdf,
                days: 0,
            })
            .await
            .expect("adoption")
            .into_inner();
        let impact = outcomes
            .get_release_impact(pb::GetReleaseImpactRequest {
                release_id: release.id,
                renewal_window_days: 0,
            })
            .await
            .expect("impact")
            .into_inner();

        let mut titles: Vec<(i64, String)> = Vec::new();
        titles.extend(
            exposure
                .requests
                .iter()
                .map(|r| (r.request_id, r.title.clone())),
        );
        titles.extend(
            exposure
                .at_risk
                .iter()
                .map(|r| (r.request_id, r.title.clone())),
        );
        titles.push((adoption.request_id, adoption.title));
        titles.extend(
            impact
                .requests
                .iter()
                .map(|r| (r.request_id, r.title.clone())),
        );
        let ids: std::collections::BTreeSet<i64> = titles.iter().map(|t| t.0).collect();
        assert_eq!(ids, [sso, pdf].into(), "{titles:?}");
        for (id, t) in &titles {
            assert_eq!(
                t,
                &title(&mut app, *id).await,
                "the backlog's title of {id}"
            );
            for leak in ["Initech", "Peter", "Gibbons", "@", "555"] {
                assert!(!t.contains(leak), "{leak:?} in {t:?}");
            }
        }
        assert!(
            titles.iter().any(|t| t.1.contains("PDF export")),
            "{titles:?}"
        );
    })
    .await;
}

/// Help desks and CRMs write names where no account or contact record says them: a thread's
/// author line, a ticket's event line, a requester field, a phone note's caller, a meeting's
/// customer in brackets, Chinese signatures and addressees on lines of their own. None of
/// these names is known to Sift, and none reaches a title.
#[tokio::test]
async fn names_a_help_desk_writes_around_the_need_leave_the_title() {
    each_backend(|mut app| async move {
        let tickets = [
            "##- Please type your reply above this line -##\n\nYour request (324430) has been \
             updated. To add additional comments, reply to this email.\n\nAbigail Tanaka (Helix \
             Biotech)\nThu, Jun 18, 2026 at 12:23 PM\n\nCan I get an update on my replacement \
             card?\n\nAnya (Help Desk)\nMon, Jun 15, 2026 at 3:09 AM\n\nThanks for reaching out.",
            "[JIRA] (SD-82703) (no subject)\nIngrid Brown raised SD-82703\n\nRequest type: Get \
             help\nReporter: Ingrid Brown\nPriority: Low\n\nDescription:\nHow do I export the \
             audit log as CSV?\n\nView request · Turn off this request's notifications",
            "Ticket TKT-944038: Support request\nStatus: Open\nRequester: Priya Williams \
             <priya.williams@oakleaf.example>\n\nDescription:\nWe need single sign-on with \
             Okta for our admins.",
            "Harper Patel, Mon, Nov 17, 2025 at 4:26 PM\n\nThe dashboard needs a dark mode for \
             night shifts.",
            "Internal note (Sofia, 18/05/2025 17:42):\nEvelyn called in from Maple Street Bakery. \
             Verified ID.\nCustomer's words: \"Please add two-factor login by SMS\"",
            "请相关同事看一下。\n\n林磊\n\n-------- 转发邮件信息 --------\n发件人：\"胡俊杰\" \
             <3021969404@qq.com>\n主题：跟进\n\n下午好，\n希望报表能导出为PDF。\n\n小胡",
            "内部备注（马嘉怡，2026年1月25日 08:28）：\n客户唐佳琪来电，已核实身份。\n来电内容：\
             希望支持离线模式，没有网络时也能录入订单。\n工单保持打开状态。",
            "会议纪要 —— 周例会（石家庄冀商连锁超市有限公司）\n客户原话：希望增加批量导入客户的功能",
            "韩涛，你好！\n请问能不能把发票按月合并开具？\n\n韩文博",
        ];
        for (i, body) in tickets.iter().enumerate() {
            submit(&mut app, feedback(&format!("H-{i}"), &format!("acct-{i}"), body)).await;
        }
        let titles = all_titles(&mut app).await;
        assert_eq!(titles.len(), tickets.len(), "{titles:?}");
        for t in &titles {
            for name in [
                "Abigail", "Tanaka", "Helix", "Anya", "Ingrid", "Brown", "Priya", "Williams",
                "Harper", "Patel", "Evelyn", "Maple", "Sofia", "林磊", "胡俊杰", "小胡", "马嘉怡",
                "唐佳琪", "冀商", "韩涛", "韩文博",
            ] {
                assert!(!t.contains(name), "{name:?} in title {t:?}");
            }
        }
        for need in [
            "replacement card",
            "audit log as CSV",
            "single sign-on with Okta",
            "dark mode",
            "two-factor login",
            "导出为PDF",
            "离线模式",
            "批量导入客户",
            "按月合并开具",
        ] {
            assert!(titles.iter().any(|t| t.contains(need)), "{need:?} in none of {titles:?}");
        }
    })
    .await;
}
