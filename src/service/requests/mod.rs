//! Requests: reading the clusters (`reads`), a PM's corrections (`corrections`: merge, unmerge,
//! move, rename), status changes (`status`) and the suggestion queues (`suggestions`). Each
//! correction is applied to the database, the clustering event log and this instance's index
//! under the ingest lock, so automatic assignment never works against it.

mod corrections;
mod reads;
mod status;
mod suggestions;

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use super::Ctx;
use super::clustering::{Clustering, WhileChanging};
use super::kept::{Kept, kept};
use crate::domain::account::Account;
use crate::domain::feedback::Feedback;
use crate::domain::roadmap::Request;
use crate::domain::title::{KnownNames, neutral_title_shared, same_need, without_cut_sentence};
use crate::error::AppError;
use crate::store::backlog::ViewStamps;
use crate::store::{GlobalLock, WriteTx, requests};

pub use suggestions::SuggestionView;

#[derive(Debug, Clone)]
pub struct RequestView {
    pub request: Request,
    pub title: String,
    pub feedback_count: i64,
    pub account_count: i64,
}

pub struct RequestDetail {
    pub view: RequestView,
    pub feedback: Vec<Feedback>,
    /// Most feedback first.
    pub accounts: Vec<RequestAccount>,
}

/// An account behind a request, and how much of the request's feedback is its own.
pub struct RequestAccount {
    pub account: Account,
    pub feedback_count: i64,
}

/// A request near a text, and how near (0-1).
pub struct Similar {
    pub view: RequestView,
    pub similarity: f32,
}

#[derive(Clone)]
pub struct Requests {
    pub(crate) ctx: Ctx,
    pub(crate) clustering: Clustering,
    /// One consolidation run at a time in this instance (see `service::consolidation`).
    pub(crate) consolidating: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Generated titles by what they were made from (see [`TitleMemo`]).
    titles: std::sync::Arc<std::sync::Mutex<TitleMemo>>,
    /// Rows views are made from, kept while nothing they hold has changed.
    kept: std::sync::Arc<ViewRows>,
    /// The backlog's score inputs: counts of feedback and accounts per request, in memory.
    backlog: std::sync::Arc<super::backlog::SharedBacklog>,
}

/// The rows views are made from, by id, as read since a [`crate::store::VIEWS_VERSION`]:
/// the same top requests head every backlog page and similarity answer, and reading their
/// rows again was most of the database's work under a PM's mix. Every write to what they hold
/// moves the version in its own transaction, and a reader that read a newer version first
/// drops them all, so a rename, a status change, an erasure or a renamed account shows on the
/// next call on every instance.
#[derive(Default)]
struct ViewRows {
    requests: std::sync::Mutex<Kept<Request>>,
    sources: std::sync::Mutex<Kept<requests::TitleSource>>,
}

/// The names titles made from `sources` leave out.
fn known_names<'a>(sources: impl Iterator<Item = &'a requests::TitleSource>) -> KnownNames {
    let mut names = KnownNames::new();
    for s in sources {
        for company in &s.companies {
            names.add_company(company);
        }
        if let Some(person) = &s.person {
            names.add_person(person);
        }
    }
    names
}

/// A fingerprint of the names [`known_names`] gives for `sources` (equal names, equal
/// fingerprint, in one process), so a title made once from the same words and names can be
/// reused without making the names again.
fn names_key<'a>(sources: impl Iterator<Item = &'a requests::TitleSource>) -> u64 {
    let mut seen: Vec<(bool, &str)> = Vec::new();
    for s in sources {
        seen.extend(s.companies.iter().map(|c| (true, c.as_str())));
        seen.extend(s.person.as_deref().map(|p| (false, p)));
    }
    seen.sort_unstable();
    seen.dedup();
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&seen, &mut h);
    std::hash::Hasher::finish(&h)
}

/// Generated titles already made, by a hash of everything a title is made from (the stored
/// title, the central item's words, the names left out, what the corpus taught is furniture):
/// the same top requests head every
/// backlog page, and making a title (finding the need, taking names out) costs more than the
/// rest of the page. A request whose centre or words change hashes differently.
#[derive(Default)]
struct TitleMemo(HashMap<u64, String>);

/// Titles remembered at most; past it the memo starts again.
const TITLE_MEMO: usize = 50_000;

impl TitleMemo {
    /// `request`: its id and [`size_step`]; `learned`: the engine's generation and its
    /// [`crate::domain::cluster::Lexical::furniture_learned`].
    fn key(
        request: (i64, u32),
        stored: &str,
        words: &crate::store::feedback::Words,
        names: u64,
        learned: (u64, u64),
    ) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (request, stored, &words.title, &words.body, names, learned).hash(&mut h);
        h.finish()
    }
}

/// A request's size in steps of a tenth: which sentences its items share (and so its title)
/// is made again when it has grown or shrunk by about that much.
fn size_step(members: usize) -> u32 {
    ((members.max(1) as f64).ln() / 1.1f64.ln()) as u32
}

/// Items a request needs before its title leaves out what only its central item says.
const SHARED_EVIDENCE: usize = 5;

/// Longest generated title, in characters.
const TITLE_CHARS: usize = 100;

/// A request's generated title: the need of its most central item, without customer names or
/// contact details. It stays the title the request was created with (`stored`, neutralised
/// the same way) while the central item names the same need, so joins of near-duplicates do
/// not rename a request; only when the centre has moved to another need does the title follow.
/// Erased text (a forgotten contact's) leaves the stored title. Sentences the corpus taught
/// are furniture (`furniture`) are left out of both.
fn generated_title(
    stored: &str,
    central: Option<String>,
    names: &KnownNames,
    furniture: &dyn Fn(&str) -> u16,
    shared: &dyn Fn(&str) -> bool,
) -> String {
    let stored = neutral_title_shared(
        without_cut_sentence(stored),
        "",
        names,
        TITLE_CHARS,
        furniture,
        shared,
    );
    // A stored title that is furniture alone (its first item's opening, cut before the need:
    // "Chat transcript. Hi, thanks for contacting us! How can I help today?") names no need.
    let furniture_only = !stored.is_empty()
        && crate::domain::text::sentence_pieces(&stored)
            .iter()
            .filter(|s| s.chars().any(char::is_alphanumeric))
            .all(|s| furniture(s.trim()) > 0);
    match central {
        Some(c) if furniture_only && !c.is_empty() => c,
        // The central item's title is the stored one without something (furniture learned
        // since, a banner the stored one ran into: "Facebook Messenger message from I have
        // been double charged…"): the need is the same, and it is said better.
        Some(c)
            if !c.is_empty()
                && (stored.is_empty()
                    || !same_need(&stored, &c)
                    || (stored.len() > c.len() && stored.contains(c.trim_end_matches('…')))) =>
        {
            c
        }
        _ if stored.is_empty() => "untitled request".to_owned(),
        _ => stored,
    }
}

impl Requests {
    pub fn new(
        ctx: Ctx,
        clustering: Clustering,
        backlog: std::sync::Arc<super::backlog::SharedBacklog>,
    ) -> Self {
        Self {
            ctx,
            clustering,
            backlog,
            consolidating: Default::default(),
            titles: Default::default(),
            kept: Default::default(),
        }
    }

    /// Requests by id ([`requests::get_many`]), from memory where they were read since the
    /// views version the caller read after it began (`views_version`).
    pub(crate) async fn requests_by_id<C: ConnectionTrait>(
        &self,
        db: &C,
        ids: &[i64],
        views_version: Option<i64>,
    ) -> Result<HashMap<i64, Request>, AppError> {
        kept(&self.kept.requests, views_version, ids, |ids| async move {
            requests::get_many(db, &ids).await
        })
        .await
    }

    /// Counts and titles for a set of requests.
    pub async fn views<C: ConnectionTrait>(
        &self,
        db: &C,
        rows: Vec<Request>,
    ) -> Result<Vec<RequestView>, AppError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let counts = requests::counts(db, &ids).await?;
        self.views_counted(db, rows, &counts, None).await
    }

    /// Like [`Self::views`], with the (feedback, accounts) counts already known, and where the
    /// reads stood when the caller read them after it began (`read_at`): the titles then need
    /// the clustering no further than its newest event, and rows read since its views stamp
    /// may come from memory ([`ViewRows`]).
    pub async fn views_counted<C: ConnectionTrait>(
        &self,
        db: &C,
        rows: Vec<Request>,
        counts: &HashMap<i64, (i64, i64)>,
        read_at: Option<ViewStamps>,
    ) -> Result<Vec<RequestView>, AppError> {
        self.clustering
            .catch_up_for_read(db, read_at.map(|s| s.latest_event), WhileChanging::Skip)
            .await?;
        // Each generated title's central item, and its first (whose words the stored title
        // is): the names of both leave the title, so an account named after its ticket started
        // a request does not stay in it when another customer's ticket is the centre. A title
        // is made from its own request's items alone, so it reads the same on every page.
        let title_docs: HashMap<i64, (i64, Option<i64>)> = {
            let state = self.clustering.read();
            rows.iter()
                .filter(|r| r.pm_title.is_none())
                .filter_map(|r| {
                    let central = state.engine.title_doc(r.id as u64)?;
                    let first = state
                        .engine
                        .members(r.id as u64)
                        .first()
                        .filter(|d| **d != central)
                        .map(|d| *d as i64);
                    Some((r.id, (central as i64, first)))
                })
                .collect()
        };
        let mut docs: Vec<i64> = title_docs
            .values()
            .flat_map(|&(central, first)| std::iter::once(central).chain(first))
            .collect();
        docs.sort_unstable();
        docs.dedup();
        let sources = kept(
            &self.kept.sources,
            read_at.map(|s| s.views_version),
            &docs,
            |ids| async move { requests::title_sources(db, &ids).await },
        )
        .await?;
        // Every name of the page's items: a title is made from its own request's names (so it
        // can be reused on any page), and made again with these when it names another customer
        // on the page ("华为这边张伟反馈…" beside 张伟's own ticket).
        let page_names = known_names(sources.values());
        let mut memo = self.titles.lock().unwrap_or_else(|e| e.into_inner());
        if memo.0.len() > TITLE_MEMO {
            memo.0.clear();
        }
        // No await below: the index is read while the page's titles are made.
        let state = self.clustering.read();
        let lexical = state.engine.representation();
        let learned = (state.generation, lexical.furniture_learned());
        rows.into_iter()
            .map(|r| {
                // The title keeps the sentences of the central item that the request's
                // other items say too, when there are any
                // ([`crate::domain::cluster::Lexical::said_by_others`]); a few items are too
                // few to tell (four tickets joined on "FYI, see below" share only that).
                let members = state.engine.members(r.id as u64).len();
                let shared =
                    |s: &str| members < SHARED_EVIDENCE || lexical.said_by_others(r.id as u64, s);
                let furniture = |s: &str| lexical.furniture_count(s);
                // The title made from the central item's words (when the request has one) and
                // the stored title, without `names`.
                let make = |central: Option<&requests::TitleSource>, names: &KnownNames| {
                    let central = central.map(|c| {
                        neutral_title_shared(
                            &c.words.title,
                            &c.words.body,
                            names,
                            TITLE_CHARS,
                            &furniture,
                            &shared,
                        )
                    });
                    generated_title(&r.title, central, names, &furniture, &shared)
                };
                let central = title_docs
                    .get(&r.id)
                    .and_then(|(d, first)| Some((sources.get(d)?, first)));
                let title = match (&r.pm_title, central) {
                    // A PM's title is final.
                    (Some(t), _) => t.clone(),
                    (None, Some((central, first))) => {
                        let own =
                            || std::iter::once(central).chain(first.and_then(|f| sources.get(&f)));
                        memo.0
                            .entry(TitleMemo::key(
                                (r.id, size_step(members)),
                                &r.title,
                                &central.words,
                                names_key(own()),
                                learned,
                            ))
                            .or_insert_with(|| make(Some(central), &known_names(own())))
                            .clone()
                    }
                    (None, None) => make(None, &KnownNames::new()),
                };
                let title = if r.pm_title.is_none() && page_names.mentions(&title) {
                    make(central.map(|(c, _)| c), &page_names)
                } else {
                    title
                };
                let (feedback_count, account_count) = counts.get(&r.id).copied().unwrap_or((0, 0));
                Ok(RequestView {
                    request: r,
                    title,
                    feedback_count,
                    account_count,
                })
            })
            .collect()
    }

    /// Sets each row's `title` to the title a reader sees: a PM's, else the generated one.
    /// Reports show a request as the backlog does, never as one customer's stored words.
    pub async fn retitle<'a, C: ConnectionTrait>(
        &self,
        db: &C,
        rows: impl IntoIterator<Item = &'a mut Request>,
    ) -> Result<(), AppError> {
        let mut rows: Vec<&mut Request> = rows.into_iter().collect();
        let owned = rows.iter().map(|r| (**r).clone()).collect();
        // Titles only: no feedback counts needed.
        let views = self.views_counted(db, owned, &HashMap::new(), None).await?;
        for (row, view) in rows.iter_mut().zip(views) {
            row.title = view.title;
        }
        Ok(())
    }

    async fn view_of<C: ConnectionTrait>(&self, db: &C, id: i64) -> Result<RequestView, AppError> {
        let row = requests::get(db, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        let mut views = self.views(db, vec![row]).await?;
        views
            .pop()
            .ok_or_else(|| AppError::Internal("request view missing".into()))
    }

    /// Opens a clustering change: this instance's change lock, a write transaction with the
    /// ingest lock, and the index caught up with the log.
    pub(crate) async fn begin_change(
        &self,
    ) -> Result<(tokio::sync::OwnedMutexGuard<()>, WriteTx), AppError> {
        let guard = self.clustering.lock_changes().await;
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        self.clustering.catch_up(&*tx).await?;
        Ok((guard, tx))
    }

    /// Commits a change already applied to the index; on failure the index is rebuilt from the
    /// log before its next use.
    pub(crate) async fn commit_change(&self, tx: WriteTx, event: i64) -> Result<(), AppError> {
        tx.commit().await?;
        self.clustering.committed(Some(event));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::TitleMemo;

    use crate::store::feedback::Words;

    fn words(title: &str, body: &str) -> Words {
        Words {
            title: title.into(),
            body: body.into(),
        }
    }

    #[test]
    fn a_stored_title_of_furniture_alone_gives_way_to_the_central_items() {
        let stored = "Chat transcript. Hi, thanks for contacting us! How can I help today?";
        let furniture = |s: &str| u16::from(!s.contains("card")) * 300;
        let names = crate::domain::title::KnownNames::new();
        let central = Some("When will my card get here?".to_owned());
        assert_eq!(
            super::generated_title(stored, central, &names, &furniture, &|_| true),
            "When will my card get here?"
        );
        // With no central title it stays: something is better than nothing.
        assert_eq!(
            super::generated_title(stored, None, &names, &furniture, &|_| true),
            stored
        );
    }

    #[test]
    fn furniture_leaves_a_stored_title_cut_in_it_or_joined_to_the_need() {
        // Stored before titles were cut at a sentence end: its last sentence is half of the
        // team's sign-off, which the corpus learned is furniture but cannot recognise cut.
        let stored = "quick question from our side. Has there been any activity on my card \
                      today? Let me know if you need …";
        let furniture = |s: &str| {
            u16::from(
                s == "quick question from our side." || s == "Let me know if you need more info.",
            ) * 50
        };
        assert_eq!(
            super::generated_title(
                stored,
                Some("Has there been any activity on my card today?".into()),
                &crate::domain::title::KnownNames::new(),
                &furniture,
                &|_| true,
            ),
            "Has there been any activity on my card today?"
        );
        // Stored as the first item's need lines joined by a space: the learned sign-off that
        // was its own line has no sentence mark before it.
        let furniture = |s: &str| u16::from(s == "期待您的回复。") * 90;
        assert_eq!(
            super::generated_title(
                "设置闹钟在上午6点 期待您的回复。",
                Some("设置闹钟在上午6点".into()),
                &crate::domain::title::KnownNames::new(),
                &furniture,
                &|_| true,
            ),
            "设置闹钟在上午6点"
        );
        // The need itself asked in the same words often enough to recur: the sign-off recurs
        // far more, and it is the sign-off that goes.
        let recurs = |s: &str| match s {
            "期待您的回复。" => 90,
            "设置闹钟在上午6点" => 8,
            _ => 0,
        };
        let text = "各位好：\n设置闹钟在上午6点\n期待您的回复。\n刘洋 | 星河软件";
        let names = crate::domain::title::KnownNames::new();
        let central = crate::domain::title::neutral_title_recurring("", text, &names, 100, &recurs);
        assert_eq!(central, "设置闹钟在上午6点");
        assert_eq!(
            super::generated_title(
                "设置闹钟在上午6点 期待您的回复。",
                Some(central),
                &names,
                &recurs,
                &|_| true,
            ),
            "设置闹钟在上午6点"
        );
    }

    #[test]
    fn a_central_title_that_is_the_stored_one_without_its_furniture_replaces_it() {
        let names = crate::domain::title::KnownNames::new();
        let none = |_: &str| 0;
        assert_eq!(
            super::generated_title(
                "Facebook Messenger message from I have been double charged this week",
                Some("I have been double charged this week".into()),
                &names,
                &none,
                &|_| true,
            ),
            "I have been double charged this week"
        );
        // A near-duplicate at the centre does not rename the request.
        assert_eq!(
            super::generated_title(
                "Export the weekly report to PDF",
                Some("Please export the weekly report to PDF".into()),
                &names,
                &none,
                &|_| true,
            ),
            "Export the weekly report to PDF"
        );
    }

    #[test]
    fn a_remembered_title_is_found_only_from_the_same_words_and_names() {
        const R: (i64, u32) = (1, 0);
        let w = words("", "Please add SSO with Okta");
        let key = TitleMemo::key(R, "SSO", &w, 7, (0, 0));
        assert_eq!(
            key,
            TitleMemo::key(R, "SSO", &words("", "Please add SSO with Okta"), 7, (0, 0))
        );
        // Other names to leave out, other words, another stored title: made again.
        assert_ne!(key, TitleMemo::key(R, "SSO", &w, 8, (0, 0)));
        assert_ne!(
            key,
            TitleMemo::key(R, "SSO", &words("", "Please add SSO with Azure"), 7, (0, 0))
        );
        assert_ne!(key, TitleMemo::key(R, "Single sign-on", &w, 7, (0, 0)));
        // More furniture learned since: made again.
        assert_ne!(key, TitleMemo::key(R, "SSO", &w, 7, (0, 1)));
        // Another engine (rebuilt, or loaded from a snapshot) with as many learned: made again.
        assert_ne!(key, TitleMemo::key(R, "SSO", &w, 7, (1, 0)));
        // Another request, or this one grown by a tenth: made again (what its items share).
        assert_ne!(key, TitleMemo::key((2, 0), "SSO", &w, 7, (0, 0)));
        assert_ne!(
            key,
            TitleMemo::key((1, super::size_step(12)), "SSO", &w, 7, (0, 0))
        );
        assert!(super::size_step(11) > super::size_step(10));
        assert!(super::size_step(10) > super::size_step(9));
        // The title's and the body's words are told apart.
        assert_ne!(
            TitleMemo::key(R, "", &words("a", "b c"), 7, (0, 0)),
            TitleMemo::key(R, "", &words("a b", "c"), 7, (0, 0))
        );
    }
}
