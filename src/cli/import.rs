//! Feedback from help-desk and CRM exports: `sift import FILE.csv` and the console's upload.
//!
//! A CSV file's columns are mapped onto a feedback item's fields, by a preset for a known
//! export (Zendesk, Intercom, Salesforce) and/or `--map field=Column,...`. Rows are streamed
//! through the `ImportFeedback` RPC in batches, so the server judges each row exactly as it
//! judges any import, and a row already imported (same source and source reference) is a
//! duplicate that changes nothing: importing the same file twice writes nothing new. What is
//! refused, here (a date that is not one) or by the server (an empty text), is reported by
//! spreadsheet row, column and reason.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use tonic::codegen::{Body, Bytes, StdError};
use tonic::metadata::{Ascii, MetadataValue};

use crate::pb::feedback_service_client::FeedbackServiceClient;
use crate::pb::{self, account_service_client::AccountServiceClient};

/// A feedback field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The row's id in the source system: what makes a re-import a no-op.
    SourceRef,
    Title,
    Body,
    /// The account's CRM id, or its name as the CRM has it.
    Account,
    ContactEmail,
    ContactName,
    ContactId,
    OccurredAt,
    Importance,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::SourceRef,
        Field::Title,
        Field::Body,
        Field::Account,
        Field::ContactEmail,
        Field::ContactName,
        Field::ContactId,
        Field::OccurredAt,
        Field::Importance,
    ];

    /// The name used in `--map` and in refusals (the API's field name where there is one).
    pub fn name(self) -> &'static str {
        match self {
            Field::SourceRef => "source_ref",
            Field::Title => "title",
            Field::Body => "body",
            Field::Account => "account",
            Field::ContactEmail => "contact_email",
            Field::ContactName => "contact_name",
            Field::ContactId => "contact_id",
            Field::OccurredAt => "occurred_at",
            Field::Importance => "importance",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        let name = name.trim().to_ascii_lowercase();
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The field the server names in a rejection (`feedback.title`, `feedback.contact.email`).
    fn of_server_field(field: &str) -> Option<Field> {
        let f = field.strip_prefix("feedback.").unwrap_or(field);
        Some(match f {
            "source_ref" => Field::SourceRef,
            "title" => Field::Title,
            "body" => Field::Body,
            "account_external_id" => Field::Account,
            "contact.email" => Field::ContactEmail,
            "contact.name" => Field::ContactName,
            "contact.external_id" => Field::ContactId,
            "occurred_at" => Field::OccurredAt,
            "importance" => Field::Importance,
            _ => return None,
        })
    }
}

/// The columns of a known export. Each field lists the header names it is found under, in
/// order of preference; a row takes the first of them that is not empty there.
#[derive(Debug)]
pub struct Preset {
    pub name: &'static str,
    pub about: &'static str,
    pub source: pb::Source,
    /// Put before each row's id, so ids of different systems cannot collide.
    pub ref_prefix: &'static str,
    /// The account column holds a comma-separated list (Intercom's companies): the first is
    /// taken.
    pub account_is_list: bool,
    pub columns: &'static [(Field, &'static [&'static str])],
}

// Zendesk Support's ticket export (Admin Center > Account > Tools > Reports > Export, CSV).
// Column headers as in that export: "Id", "Requester", "Requester id", "Requester external id",
// "Requester email", "Requester domain", "Subject", "Priority", "Created at", "Organization", ...
// (sources: Zendesk help center, "Exporting data to a JSON, CSV, or XML file"
// (support.zendesk.com/hc/en-us/articles/4408886165402); a public script reproducing the
// export's header row, first_row in a zendesk_api Ruby export script). That CSV has no ticket
// description (only the JSON/XML exports do): "Description" is taken when a file has it, and
// the subject alone is the text otherwise. "Organization" is the organization's name; tickets
// without one fall back to the requester's email domain.
const ZENDESK: Preset = Preset {
    name: "zendesk",
    about: "Zendesk Support ticket export (Id, Subject, Requester email, Organization, Created at, Priority)",
    source: pb::Source::Support,
    ref_prefix: "zendesk:",
    account_is_list: false,
    columns: &[
        (Field::SourceRef, &["Id", "Ticket ID"]),
        (Field::Title, &["Subject"]),
        (Field::Body, &["Description"]),
        (
            Field::Account,
            &["Organization", "Organization Name", "Requester domain"],
        ),
        (Field::ContactEmail, &["Requester email"]),
        (Field::ContactName, &["Requester"]),
        (Field::ContactId, &["Requester external id"]),
        (Field::OccurredAt, &["Created at"]),
        (Field::Importance, &["Priority"]),
    ],
};

// Intercom conversations, one row per conversation: the conversation export's columns
// conversation_id, message_body, message_author_email, message_author_name,
// message_author_user_id, message_author_companies (comma-separated company names),
// conversation_created_at / message_created_at ("2017-11-14 21:45:08", UTC) (source: the
// Intercom conversation export's column list, prodsight.ai help center, "What does the
// Intercom conversation export contain"). Intercom's own Reports CSV names some of these
// "Conversation ID", "Company name", "User email": those are accepted too.
const INTERCOM: Preset = Preset {
    name: "intercom",
    about: "Intercom conversation export (conversation_id, message_body, message_author_email, message_author_companies, conversation_created_at)",
    source: pb::Source::Support,
    ref_prefix: "intercom:",
    account_is_list: true,
    columns: &[
        (
            Field::SourceRef,
            &["conversation_id", "Conversation ID", "id"],
        ),
        (
            Field::Title,
            &["conversation_subject", "Subject", "source.subject"],
        ),
        (
            Field::Body,
            &["message_body", "Conversation body", "source.body", "body"],
        ),
        (
            Field::Account,
            &[
                "message_author_companies",
                "Company name",
                "Company",
                "company",
            ],
        ),
        (
            Field::ContactEmail,
            &["message_author_email", "User email", "email"],
        ),
        (
            Field::ContactName,
            &["message_author_name", "User name", "name"],
        ),
        (
            Field::ContactId,
            &["message_author_user_id", "User ID", "user_id"],
        ),
        (
            Field::OccurredAt,
            &[
                "conversation_created_at",
                "message_created_at",
                "Conversation started at",
                "created_at",
            ],
        ),
        (Field::Importance, &["conversation_priority", "priority"]),
    ],
};

// Salesforce Cases: a Cases report exported as CSV uses the field labels ("Case Number",
// "Subject", "Description", "Account Name", "Contact Name", "Contact Email",
// "Date/Time Opened", "Priority"); a Data Loader export uses the API names (CaseNumber,
// Subject, Description, AccountId, SuppliedEmail / ContactEmail, SuppliedName, CreatedDate,
// Priority). Both are accepted (sources: Salesforce Help, "Case Fields"
// (help.salesforce.com, service.cases_fields.htm); the Object Reference for Case
// (developer.salesforce.com, sforce_api_objects_case.htm)). Report dates are in the
// exporting user's locale: the US form "11/30/2026 9:05 AM" is read, others need
// --date-format.
const SALESFORCE: Preset = Preset {
    name: "salesforce",
    about: "Salesforce Cases report or Data Loader export (Case Number, Subject, Description, Account Name, Contact Email, Date/Time Opened, Priority)",
    source: pb::Source::Support,
    ref_prefix: "salesforce:",
    account_is_list: false,
    columns: &[
        (
            Field::SourceRef,
            &["Case Number", "CaseNumber", "Case ID", "Id"],
        ),
        (Field::Title, &["Subject"]),
        (Field::Body, &["Description"]),
        (
            Field::Account,
            &["Account Name", "AccountId", "Account ID", "SuppliedCompany"],
        ),
        (
            Field::ContactEmail,
            &[
                "Contact Email",
                "ContactEmail",
                "SuppliedEmail",
                "Web Email",
            ],
        ),
        (
            Field::ContactName,
            &["Contact Name", "SuppliedName", "Web Name"],
        ),
        (Field::ContactId, &["Contact ID", "ContactId"]),
        (
            Field::OccurredAt,
            &[
                "Date/Time Opened",
                "CreatedDate",
                "Opened Date",
                "Created Date",
            ],
        ),
        (Field::Importance, &["Priority"]),
    ],
};

pub const PRESETS: [&Preset; 3] = [&ZENDESK, &INTERCOM, &SALESFORCE];

pub fn preset(name: &str) -> Option<&'static Preset> {
    let name = name.trim().to_ascii_lowercase();
    PRESETS.into_iter().find(|p| p.name == name)
}

/// A mapping the file cannot be read with: named field and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingError {
    pub field: String,
    pub reason: String,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for MappingError {}

fn mapping_error(field: impl Into<String>, reason: impl Into<String>) -> MappingError {
    MappingError {
        field: field.into(),
        reason: reason.into(),
    }
}

/// `--map title=Subject,body=Description,account=Organization|Requester domain`: each field
/// and the header(s) it is read from (`|` separates fallbacks).
pub fn parse_map(spec: &str) -> Result<Vec<(Field, Vec<String>)>, MappingError> {
    let mut out: Vec<(Field, Vec<String>)> = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((field, columns)) = part.split_once('=') else {
            return Err(mapping_error(
                "map",
                format!("{part:?} is not FIELD=Column (fields: {})", field_names()),
            ));
        };
        let field = Field::parse(field).ok_or_else(|| {
            mapping_error(
                "map",
                format!(
                    "{:?} is not a field (fields: {})",
                    field.trim(),
                    field_names()
                ),
            )
        })?;
        let columns: Vec<String> = columns
            .split('|')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect();
        if columns.is_empty() {
            return Err(mapping_error(
                "map",
                format!("{} has no column name", field.name()),
            ));
        }
        if out.iter().any(|(f, _)| *f == field) {
            return Err(mapping_error(
                "map",
                format!("{} is mapped twice", field.name()),
            ));
        }
        out.push((field, columns));
    }
    Ok(out)
}

fn field_names() -> String {
    Field::ALL.map(Field::name).join(", ")
}

/// What a user chose: a preset, a mapping on top of it, and how to read the rows.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub preset: Option<&'static Preset>,
    pub map: Vec<(Field, Vec<String>)>,
    /// Overrides the preset's source (SUPPORT without a preset).
    pub source: Option<pb::Source>,
    /// Overrides the preset's prefix ("" without a preset).
    pub ref_prefix: Option<String>,
    /// A chrono format for dates the built-in forms do not read (`%d/%m/%Y %H:%M`).
    pub date_format: Option<String>,
}

/// How each row of one file becomes a feedback item.
#[derive(Debug, Clone)]
pub struct Mapping {
    headers: Vec<String>,
    columns: Vec<(Field, Vec<usize>)>,
    source: pb::Source,
    ref_prefix: String,
    account_is_list: bool,
    date_format: Option<String>,
}

fn norm(header: &str) -> String {
    header.trim_start_matches('\u{feff}').trim().to_lowercase()
}

impl Mapping {
    /// The mapping of a file with these headers. Fails, naming the field, when a required
    /// field (source_ref, account, occurred_at, and title or body) has no column, or a column
    /// named in `--map` is not in the file.
    pub fn new(headers: &[String], options: &Options) -> Result<Mapping, MappingError> {
        let index: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .rev()
            .map(|(i, h)| (norm(h), i))
            .collect();
        let mut columns: Vec<(Field, Vec<usize>)> = Vec::new();
        for field in Field::ALL {
            let chosen = options.map.iter().find(|(f, _)| *f == field);
            let found: Vec<usize> = match chosen {
                Some((_, names)) => {
                    let mut found = Vec::new();
                    for name in names {
                        match index.get(&norm(name)) {
                            Some(&i) => found.push(i),
                            None => {
                                return Err(mapping_error(
                                    "map",
                                    format!(
                                        "{}: the file has no column {name:?} (its columns: {})",
                                        field.name(),
                                        headers
                                            .iter()
                                            .map(|h| h.trim_start_matches('\u{feff}'))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    ),
                                ));
                            }
                        }
                    }
                    found
                }
                None => options
                    .preset
                    .and_then(|p| p.columns.iter().find(|(f, _)| *f == field))
                    .map(|(_, names)| {
                        names
                            .iter()
                            .filter_map(|n| index.get(&norm(n)).copied())
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            if !found.is_empty() {
                columns.push((field, found));
            }
        }
        let has = |f: Field| columns.iter().any(|(c, _)| *c == f);
        let hint = match options.preset {
            Some(p) => format!("the {} preset found none of its columns for it", p.name),
            None => "choose a --preset or map it".to_owned(),
        };
        for required in [Field::SourceRef, Field::Account, Field::OccurredAt] {
            if !has(required) {
                return Err(mapping_error(
                    required.name(),
                    format!("no column: {hint} (--map {}=COLUMN)", required.name()),
                ));
            }
        }
        if !has(Field::Title) && !has(Field::Body) {
            return Err(mapping_error(
                "title",
                format!("no column for title or body: {hint} (--map title=COLUMN or body=COLUMN)"),
            ));
        }
        Ok(Mapping {
            headers: headers.to_vec(),
            columns,
            source: options
                .source
                .or(options.preset.map(|p| p.source))
                .unwrap_or(pb::Source::Support),
            ref_prefix: options
                .ref_prefix
                .clone()
                .or(options.preset.map(|p| p.ref_prefix.to_owned()))
                .unwrap_or_default(),
            account_is_list: options.preset.is_some_and(|p| p.account_is_list),
            date_format: options.date_format.clone().filter(|f| !f.trim().is_empty()),
        })
    }

    fn header(&self, i: usize) -> &str {
        self.headers
            .get(i)
            .map(|h| h.trim_start_matches('\u{feff}'))
            .unwrap_or("?")
    }

    /// The column(s) a field is read from, as a user names them: `Created at`.
    pub fn column_of(&self, field: Field) -> String {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, cols)| {
                cols.iter()
                    .map(|&i| self.header(i))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .unwrap_or_default()
    }

    /// `source_ref <- Id, title <- Subject, ...`, for the user to check.
    pub fn describe(&self) -> String {
        self.columns
            .iter()
            .map(|(f, _)| format!("{} <- {}", f.name(), self.column_of(*f)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The first non-empty value of `field` in `record`, with the column it came from.
    fn value<'r>(&self, record: &'r [String], field: Field) -> Option<(&'r str, usize)> {
        let (_, cols) = self.columns.iter().find(|(f, _)| *f == field)?;
        cols.iter().find_map(|&i| {
            let v = record.get(i).map(|s| s.trim()).unwrap_or_default();
            (!v.is_empty()).then_some((v, i))
        })
    }

    fn refusal(&self, row: u64, field: Field, reason: impl Into<String>) -> Refusal {
        Refusal {
            row,
            field: field.name().to_owned(),
            column: self.column_of(field),
            reason: reason.into(),
        }
    }

    /// The feedback item of one row (`row` as a spreadsheet counts: the header is row 1), or
    /// why it cannot be one. The server judges the rest (lengths, empty text, future dates).
    pub fn feedback(
        &self,
        record: &[String],
        row: u64,
        accounts: &AccountNames,
    ) -> Result<pb::FeedbackInput, Refusal> {
        let source_ref = match self.value(record, Field::SourceRef) {
            Some((v, _)) => format!("{}{v}", self.ref_prefix),
            None => {
                return Err(self.refusal(
                    row,
                    Field::SourceRef,
                    "is empty: every row needs its id in the source, so a re-import finds it",
                ));
            }
        };
        let account = match self.value(record, Field::Account) {
            Some((v, _)) => {
                let v = if self.account_is_list {
                    v.split(',')
                        .map(str::trim)
                        .find(|s| !s.is_empty())
                        .unwrap_or(v)
                } else {
                    v
                };
                accounts.resolve(v)
            }
            None => {
                return Err(self.refusal(
                    row,
                    Field::Account,
                    "is empty: feedback counts for an account",
                ));
            }
        };
        let occurred_at = match self.value(record, Field::OccurredAt) {
            Some((v, _)) => parse_time(v, self.date_format.as_deref()).ok_or_else(|| {
                self.refusal(
                    row,
                    Field::OccurredAt,
                    format!(
                        "{v:?} is not a date and time Sift reads (2026-11-30 09:05:00, \
                         2026-11-30T09:05:00Z, 11/30/2026 9:05 AM, 2026-11-30; give a date format \
                         for others)"
                    ),
                )
            })?,
            None => {
                return Err(self.refusal(
                    row,
                    Field::OccurredAt,
                    "is empty: when the customer said it is required",
                ));
            }
        };
        let importance = match self.value(record, Field::Importance) {
            None => pb::Importance::Unspecified,
            Some((v, _)) => parse_importance(v).ok_or_else(|| {
                self.refusal(
                    row,
                    Field::Importance,
                    format!(
                        "{v:?} is not a priority Sift knows (low, normal, medium, high, urgent, \
                         critical, nice to have, important)"
                    ),
                )
            })?,
        };
        let text = |f: Field| {
            self.value(record, f)
                .map(|(v, _)| v.to_owned())
                .unwrap_or_default()
        };
        let email = text(Field::ContactEmail);
        let contact_id = text(Field::ContactId);
        let contact = (!email.is_empty() || !contact_id.is_empty()).then(|| pb::ContactRef {
            external_id: contact_id,
            email,
            name: text(Field::ContactName),
        });
        Ok(pb::FeedbackInput {
            source: self.source as i32,
            source_ref,
            account_external_id: account,
            contact,
            title: text(Field::Title),
            body: text(Field::Body),
            importance: importance as i32,
            occurred_at: Some(prost_types::Timestamp {
                seconds: occurred_at.timestamp(),
                nanos: occurred_at.timestamp_subsec_nanos() as i32,
            }),
        })
    }
}

/// A row that was not stored, and why: `row 7, Created at (occurred_at): "soon" is not a date`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Refusal {
    /// As a spreadsheet counts: the header is row 1, the first data row is row 2.
    pub row: u64,
    /// The feedback field (`occurred_at`), or the server's name for it.
    pub field: String,
    /// The file's column(s) it was read from.
    pub column: String,
    pub reason: String,
}

/// A help desk's priority as an importance. The help desk's default priority ("normal",
/// "medium") says nothing about how much the customer cares, so it stays unspecified rather
/// than counting as a stated importance.
pub fn parse_importance(value: &str) -> Option<pb::Importance> {
    let v = value.trim().to_lowercase().replace(['_', '-'], " ");
    Some(match v.as_str() {
        "" | "normal" | "medium" | "none" | "unspecified" => pb::Importance::Unspecified,
        "low" | "lowest" | "minor" | "nice to have" | "p4" | "p3" => pb::Importance::NiceToHave,
        "high" | "important" | "major" | "p2" => pb::Importance::Important,
        "urgent" | "critical" | "highest" | "blocker" | "p1" | "p0" => pb::Importance::Critical,
        _ => return None,
    })
}

/// A date and time in the forms exports use; times without an offset are UTC (Zendesk and
/// Intercom export UTC). `format`, when given, is tried first (chrono's `%Y-%m-%d %H:%M`).
pub fn parse_time(value: &str, format: Option<&str>) -> Option<DateTime<Utc>> {
    let v = value.trim();
    if let Some(format) = format {
        if let Ok(t) = DateTime::parse_from_str(v, format) {
            return Some(t.with_timezone(&Utc));
        }
        if let Ok(t) = NaiveDateTime::parse_from_str(v, format) {
            return Some(Utc.from_utc_datetime(&t));
        }
        if let Ok(d) = NaiveDate::parse_from_str(v, format) {
            return d.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t));
        }
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M %z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(v, f) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%m/%d/%Y %I:%M %p",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v, f) {
            return Some(Utc.from_utc_datetime(&t));
        }
    }
    for f in ["%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(v, f) {
            return d.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t));
        }
    }
    // Unix seconds (API-made exports).
    if v.len() >= 9 && v.len() <= 11 && v.bytes().all(|b| b.is_ascii_digit()) {
        return v
            .parse::<i64>()
            .ok()
            .and_then(|s| Utc.timestamp_opt(s, 0).single());
    }
    None
}

/// The accounts Sift knows, so a file that names accounts as the CRM names them (Zendesk's
/// organization, Salesforce's account name) counts for the same account as the CRM sync's
/// external id. A value that is neither an id nor a known name is used as an id (the server
/// keeps a placeholder account until the CRM describes it).
#[derive(Debug, Clone, Default)]
pub struct AccountNames {
    ids: HashSet<String>,
    /// Lower-case name -> external id; `None` when two accounts share the name.
    names: HashMap<String, Option<String>>,
}

impl AccountNames {
    pub fn new(accounts: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut out = AccountNames::default();
        for (external_id, name) in accounts {
            let key = name.trim().to_lowercase();
            if !key.is_empty() {
                out.names
                    .entry(key)
                    .and_modify(|e| {
                        if e.as_deref() != Some(external_id.as_str()) {
                            *e = None;
                        }
                    })
                    .or_insert_with(|| Some(external_id.clone()));
            }
            out.ids.insert(external_id);
        }
        out
    }

    pub fn resolve(&self, value: &str) -> String {
        if self.ids.contains(value) {
            return value.to_owned();
        }
        match self.names.get(&value.to_lowercase()) {
            Some(Some(id)) => id.clone(),
            _ => value.to_owned(),
        }
    }

    /// Every account of the server (`None` when the caller may not read them: the file's
    /// values are then used as account ids as they are).
    pub async fn fetch<T>(
        mut client: AccountServiceClient<T>,
        auth: Option<&MetadataValue<Ascii>>,
    ) -> Result<Option<AccountNames>, tonic::Status>
    where
        T: tonic::client::GrpcService<tonic::body::Body>,
        T::Error: Into<StdError>,
        T::ResponseBody: Body<Data = Bytes> + Send + 'static,
        <T::ResponseBody as Body>::Error: Into<StdError> + Send,
    {
        let mut all = Vec::new();
        let mut page_token = String::new();
        loop {
            let mut request = tonic::Request::new(pb::ListAccountsRequest {
                page_size: 1000,
                page_token: page_token.clone(),
            });
            if let Some(auth) = auth {
                request.metadata_mut().insert("authorization", auth.clone());
            }
            let page = match client.list_accounts(request).await {
                Ok(page) => page.into_inner(),
                Err(status) if status.code() == tonic::Code::PermissionDenied => return Ok(None),
                Err(status) => return Err(status),
            };
            all.extend(page.accounts.into_iter().map(|a| (a.external_id, a.name)));
            if page.next_page_token.is_empty() {
                break;
            }
            page_token = page.next_page_token;
        }
        Ok(Some(AccountNames::new(all)))
    }
}

/// Where an import stands, after each batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub rows: u64,
    pub bytes: u64,
    pub accepted: i64,
    pub duplicates: i64,
    pub refused: u64,
}

/// What an import did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Data rows read (the header not counted).
    pub rows: u64,
    /// New feedback items stored.
    pub accepted: i64,
    /// Rows whose (source, source reference) was stored already: nothing changed for them.
    pub duplicates: i64,
    pub refused: Vec<Refusal>,
    /// Requests the stored rows are in.
    pub requests: usize,
    /// Rows that were not UTF-8 and were read as Latin-1 (Windows exports).
    pub latin1_rows: u64,
    pub mapping: String,
    /// Batches sent (one ImportFeedback call each).
    pub batches: u64,
}

/// Why an import stopped before the end of the file.
#[derive(Debug)]
pub enum ImportError {
    /// The file cannot be mapped (no header, a required column missing).
    Mapping(MappingError),
    /// The file is not CSV the reader can follow.
    Csv(String),
    /// The server refused a call (after `stored` rows of earlier batches were committed).
    Server { status: tonic::Status, stored: i64 },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Mapping(e) => write!(f, "{e}"),
            ImportError::Csv(e) => write!(f, "csv: {e}"),
            ImportError::Server { status, stored } => write!(
                f,
                "{} (the {stored} rows of earlier batches are stored; importing the file \
                 again skips them)",
                crate::cli::client::status_line(status)
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// A field's text: UTF-8 as it is, anything else read as Latin-1 (a byte per character).
fn decode(bytes: &[u8], latin1: &mut bool) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            *latin1 = true;
            bytes.iter().map(|&b| char::from(b)).collect()
        }
    }
}

/// The CSV reader Sift uses: headers on the first line, rows of any length (a short row's
/// missing cells are empty), quotes as RFC 4180.
pub fn reader<R: std::io::Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(input)
}

/// The headers of a file opened with [`reader`].
pub fn headers<R: std::io::Read>(reader: &mut csv::Reader<R>) -> Result<Vec<String>, ImportError> {
    let raw = reader
        .byte_headers()
        .map_err(|e| ImportError::Csv(e.to_string()))?
        .clone();
    let mut latin1 = false;
    let headers: Vec<String> = raw.iter().map(|h| decode(h, &mut latin1)).collect();
    if headers.iter().all(|h| norm(h).is_empty()) {
        return Err(ImportError::Mapping(mapping_error(
            "csv",
            "the file has no header row (the first line names the columns)",
        )));
    }
    Ok(headers)
}

/// Reads every row of `reader` (headers already read), maps it with `mapping`, and streams
/// the items through `ImportFeedback`, `batch` rows per call; `progress` is told after each
/// call. Stops at a CSV error or a refused call; rows of earlier calls stay stored.
#[allow(clippy::too_many_arguments)]
pub async fn run<T, R>(
    mut client: FeedbackServiceClient<T>,
    auth: Option<&MetadataValue<Ascii>>,
    reader: &mut csv::Reader<R>,
    mapping: &Mapping,
    accounts: &AccountNames,
    batch: usize,
    mut progress: impl FnMut(Progress),
) -> Result<Summary, ImportError>
where
    T: tonic::client::GrpcService<tonic::body::Body>,
    T::Error: Into<StdError>,
    T::ResponseBody: Body<Data = Bytes> + Send + 'static,
    <T::ResponseBody as Body>::Error: Into<StdError> + Send,
    R: std::io::Read,
{
    let batch = batch.clamp(1, 10_000);
    let mut summary = Summary {
        mapping: mapping.describe(),
        ..Default::default()
    };
    let mut requests = BTreeSet::new();
    let mut record = csv::ByteRecord::new();
    let mut done = false;
    while !done {
        // One batch: (spreadsheet row, item) in stream order.
        let mut rows: Vec<u64> = Vec::with_capacity(batch);
        let mut items: Vec<pb::ImportFeedbackRequest> = Vec::with_capacity(batch);
        while items.len() < batch {
            match reader.read_byte_record(&mut record) {
                Ok(false) => {
                    done = true;
                    break;
                }
                Ok(true) => {}
                Err(e) => return Err(ImportError::Csv(e.to_string())),
            }
            summary.rows += 1;
            let row = summary.rows + 1;
            let mut latin1 = false;
            let cells: Vec<String> = record.iter().map(|c| decode(c, &mut latin1)).collect();
            if latin1 {
                summary.latin1_rows += 1;
            }
            if cells.iter().all(|c| c.trim().is_empty()) {
                // A blank line: nothing to import, nothing to refuse.
                summary.rows -= 1;
                continue;
            }
            match mapping.feedback(&cells, row, accounts) {
                Ok(item) => {
                    rows.push(row);
                    items.push(pb::ImportFeedbackRequest {
                        feedback: Some(item),
                    });
                }
                Err(refusal) => summary.refused.push(refusal),
            }
        }
        if !items.is_empty() {
            let mut request = tonic::Request::new(tokio_stream::iter(items));
            if let Some(auth) = auth {
                request.metadata_mut().insert("authorization", auth.clone());
            }
            let report = client
                .import_feedback(request)
                .await
                .map_err(|status| ImportError::Server {
                    status,
                    stored: summary.accepted,
                })?
                .into_inner();
            summary.batches += 1;
            summary.accepted += report.accepted;
            summary.duplicates += report.duplicates;
            requests.extend(
                report
                    .items
                    .iter()
                    .map(|i| i.request_id)
                    .filter(|&id| id > 0),
            );
            // One refusal per row and field (the server may name a row more than once).
            let mut seen = HashSet::new();
            for r in report.rejections {
                let row = usize::try_from(r.position)
                    .ok()
                    .and_then(|p| rows.get(p).copied())
                    .unwrap_or(0);
                if !seen.insert((row, r.field.clone())) {
                    continue;
                }
                let (field, column) = match Field::of_server_field(&r.field) {
                    // "title and body are both empty" names the body; a file without a body
                    // column is told about its title column.
                    Some(Field::Body) if mapping.column_of(Field::Body).is_empty() => (
                        Field::Body.name().to_owned(),
                        mapping.column_of(Field::Title),
                    ),
                    Some(f) => (f.name().to_owned(), mapping.column_of(f)),
                    None => (
                        r.field.trim_start_matches("feedback.").to_owned(),
                        String::new(),
                    ),
                };
                summary.refused.push(Refusal {
                    row,
                    field,
                    column,
                    reason: r.reason,
                });
            }
        }
        progress(Progress {
            rows: summary.rows,
            bytes: reader.position().byte(),
            accepted: summary.accepted,
            duplicates: summary.duplicates,
            refused: summary.refused.len() as u64,
        });
    }
    summary.refused.sort_by_key(|r| r.row);
    summary.requests = requests.len();
    Ok(summary)
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// One line of the terminal progress bar: `[#######.............]  35%  7,000 rows ...`.
pub fn progress_line(p: &Progress, total_bytes: u64) -> String {
    let share = if total_bytes == 0 {
        1.0
    } else {
        (p.bytes as f64 / total_bytes as f64).clamp(0.0, 1.0)
    };
    let width = 24;
    let filled = (share * width as f64).round() as usize;
    format!(
        "[{}{}] {:>3}%  {} rows: {} new, {} already imported, {} refused",
        "#".repeat(filled),
        ".".repeat(width - filled),
        (share * 100.0).round() as u32,
        thousands(p.rows),
        thousands(p.accepted),
        thousands(p.duplicates),
        thousands(p.refused)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    fn cells(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_zendesk_preset_reads_a_zendesk_export_header() {
        let h = headers(&[
            "\u{feff}Summation column",
            "Id",
            "Requester",
            "Requester id",
            "Requester external id",
            "Requester email",
            "Requester domain",
            "Submitter",
            "Assignee",
            "Group",
            "Subject",
            "Tags",
            "Status",
            "Priority",
            "Via",
            "Ticket type",
            "Created at",
            "Updated at",
            "Assigned at",
            "Organization",
        ]);
        let options = Options {
            preset: preset("Zendesk"),
            ..Default::default()
        };
        let m = Mapping::new(&h, &options).expect("maps");
        assert_eq!(
            m.describe(),
            "source_ref <- Id, title <- Subject, account <- Organization|Requester domain, \
             contact_email <- Requester email, contact_name <- Requester, contact_id <- \
             Requester external id, occurred_at <- Created at, importance <- Priority"
        );
        let mut row = vec![String::new(); h.len()];
        row[1] = "1042".into();
        row[2] = "Lee Chen".into();
        row[5] = "lee@acme.example".into();
        row[6] = "acme.example".into();
        row[10] = "PDF export of the monthly report".into();
        row[13] = "Urgent".into();
        row[16] = "2026-11-02 09:15:00 +0000".into();
        let names = AccountNames::new([("crm-acme".to_owned(), "Acme Corp".to_owned())]);
        // No organization: the requester's domain stands in.
        let f = m.feedback(&row, 2, &names).expect("a feedback item");
        assert_eq!(f.source_ref, "zendesk:1042");
        assert_eq!(f.account_external_id, "acme.example");
        assert_eq!(f.importance, pb::Importance::Critical as i32);
        assert_eq!(f.occurred_at.map(|t| t.seconds), Some(1_793_610_900));
        let contact = f.contact.expect("contact");
        assert_eq!(contact.email, "lee@acme.example");
        assert_eq!(contact.name, "Lee Chen");
        // The organization named as the CRM names it counts for the CRM's account.
        row[19] = "ACME corp".into();
        let f = m.feedback(&row, 2, &names).expect("a feedback item");
        assert_eq!(f.account_external_id, "crm-acme");
    }

    #[test]
    fn salesforce_report_and_data_loader_headers_both_map() {
        let options = Options {
            preset: preset("salesforce"),
            ..Default::default()
        };
        let report = headers(&[
            "Case Number",
            "Subject",
            "Description",
            "Account Name",
            "Contact Name",
            "Contact Email",
            "Date/Time Opened",
            "Priority",
        ]);
        let m = Mapping::new(&report, &options).expect("report maps");
        let f = m
            .feedback(
                &cells(&[
                    "00001026",
                    "SSO",
                    "We need SAML single sign-on",
                    "Globex",
                    "Ana",
                    "ana@globex.example",
                    "11/30/2026 9:05 AM",
                    "High",
                ]),
                2,
                &AccountNames::default(),
            )
            .expect("row");
        assert_eq!(f.source_ref, "salesforce:00001026");
        assert_eq!(f.importance, pb::Importance::Important as i32);
        assert_eq!(
            f.occurred_at.map(|t| t.seconds),
            Some(
                Utc.with_ymd_and_hms(2026, 11, 30, 9, 5, 0)
                    .unwrap()
                    .timestamp()
            )
        );
        let loader = headers(&[
            "Id",
            "CaseNumber",
            "Subject",
            "Description",
            "AccountId",
            "SuppliedEmail",
            "CreatedDate",
            "Priority",
        ]);
        let m = Mapping::new(&loader, &options).expect("data loader maps");
        assert!(
            m.describe().starts_with("source_ref <- CaseNumber|Id"),
            "{}",
            m.describe()
        );
        assert!(m.describe().contains("occurred_at <- CreatedDate"));
    }

    #[test]
    fn the_intercom_preset_takes_the_first_company_of_the_list() {
        let options = Options {
            preset: preset("intercom"),
            ..Default::default()
        };
        let h = headers(&[
            "message_id",
            "message_body",
            "message_author_email",
            "message_author_companies",
            "conversation_id",
            "conversation_created_at",
        ]);
        let m = Mapping::new(&h, &options).expect("maps");
        let f = m
            .feedback(
                &cells(&[
                    "m1",
                    "Dark mode please",
                    "kim@initech.example",
                    "Initech, Initrode",
                    "c-77",
                    "2017-11-14 21:45:08",
                ]),
                2,
                &AccountNames::default(),
            )
            .expect("row");
        assert_eq!(f.account_external_id, "Initech");
        assert_eq!(f.source_ref, "intercom:c-77");
        assert_eq!(f.body, "Dark mode please");
    }

    #[test]
    fn a_mapping_names_what_is_missing_or_wrong() {
        let h = headers(&["Ticket", "Text", "When"]);
        let none = Options::default();
        let e = Mapping::new(&h, &none).expect_err("nothing mapped");
        assert_eq!(e.field, "source_ref");
        assert!(e.reason.contains("--map source_ref=COLUMN"), "{e}");

        let e = parse_map("titel=Text").expect_err("a typo");
        assert!(e.reason.contains("\"titel\" is not a field"), "{e}");
        let e = parse_map("title").expect_err("no column");
        assert!(e.reason.contains("FIELD=Column"), "{e}");

        let options = Options {
            map: parse_map("source_ref=Ticket,title=Text,account=Org,occurred_at=When")
                .expect("parses"),
            ..Default::default()
        };
        let e = Mapping::new(&h, &options).expect_err("Org is not a column");
        assert!(e.reason.contains("no column \"Org\""), "{e}");
        assert!(e.reason.contains("Ticket, Text, When"), "{e}");

        let options = Options {
            map: parse_map("source_ref=Ticket,body=Text,account=Ticket,occurred_at=When")
                .expect("parses"),
            ..Default::default()
        };
        let m = Mapping::new(&h, &options).expect("maps");
        let e = m
            .feedback(
                &cells(&["T-1", "x", "next tuesday"]),
                5,
                &AccountNames::default(),
            )
            .expect_err("not a date");
        assert_eq!(
            (e.row, e.field.as_str(), e.column.as_str()),
            (5, "occurred_at", "When")
        );
        assert!(
            e.reason.starts_with("\"next tuesday\" is not a date"),
            "{e:?}"
        );
        let e = m
            .feedback(
                &cells(&["", "x", "2026-01-01"]),
                6,
                &AccountNames::default(),
            )
            .expect_err("no id");
        assert_eq!(e.field, "source_ref");
    }

    #[test]
    fn priorities_and_dates_of_the_usual_exports_are_read() {
        assert_eq!(parse_importance("Urgent"), Some(pb::Importance::Critical));
        assert_eq!(
            parse_importance("normal"),
            Some(pb::Importance::Unspecified)
        );
        assert_eq!(
            parse_importance("Nice-to-have"),
            Some(pb::Importance::NiceToHave)
        );
        assert_eq!(parse_importance("whenever"), None);
        let at = |s: &str| parse_time(s, None).map(|t| t.to_rfc3339());
        let nine = Some("2026-11-30T09:05:00+00:00".to_owned());
        for s in [
            "2026-11-30 09:05:00",
            "2026-11-30T09:05:00Z",
            "2026-11-30T10:05:00+01:00",
            "2026-11-30 09:05:00 +0000",
            "11/30/2026 9:05 AM",
            "2026-11-30 09:05",
            "1796029500",
        ] {
            assert_eq!(at(s), nine, "{s}");
        }
        assert_eq!(
            at("2026-11-30"),
            Some("2026-11-30T00:00:00+00:00".to_owned())
        );
        assert_eq!(at("30.11.2026"), None);
        assert_eq!(
            parse_time("30.11.2026 09:05", Some("%d.%m.%Y %H:%M")).map(|t| t.to_rfc3339()),
            nine
        );
    }

    #[test]
    fn counts_read_with_thousands_separators_and_the_bar_fills() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(-1_234_567), "-1,234,567");
        let p = Progress {
            rows: 1500,
            bytes: 50,
            accepted: 1400,
            duplicates: 90,
            refused: 10,
        };
        assert_eq!(
            progress_line(&p, 100),
            "[############............]  50%  1,500 rows: 1,400 new, 90 already imported, 10 refused"
        );
    }

    #[test]
    fn latin1_cells_are_read_not_refused() {
        let mut latin1 = false;
        assert_eq!(decode(b"Caf\xe9", &mut latin1), "Café");
        assert!(latin1);
        let mut latin1 = false;
        assert_eq!(decode("Café".as_bytes(), &mut latin1), "Café");
        assert!(!latin1);
    }
}
