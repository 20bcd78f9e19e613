//! Themes, alignments, effort, scoring profiles, settings, signals and telemetry aggregates.

use sea_orm::{ConnectionTrait, FromQueryResult};

use super::{Sql, sql::MAX_PARAMS};
use crate::domain::feedback::Signal;
use crate::domain::scoring::Theme;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, FromQueryResult)]
struct ThemeRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub weight: f64,
    pub active: bool,
}

pub async fn themes<C: ConnectionTrait>(db: &C) -> Result<Vec<Theme>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id, name, description, weight, active FROM themes ORDER BY id");
    Ok(ThemeRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|t| Theme {
            id: t.id,
            name: t.name,
            description: t.description,
            weight: t.weight,
            active: t.active,
        })
        .collect())
}

pub async fn theme<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Theme>, AppError> {
    Ok(themes(db).await?.into_iter().find(|t| t.id == id))
}

pub async fn theme_by_name<C: ConnectionTrait>(
    db: &C,
    name: &str,
) -> Result<Option<Theme>, AppError> {
    Ok(themes(db).await?.into_iter().find(|t| t.name == name))
}

pub async fn insert_theme<C: ConnectionTrait>(
    db: &C,
    t: &Theme,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "INSERT INTO themes (name, description, weight, active, created_at, updated_at) VALUES (",
    );
    q.bind(t.name.clone())
        .push(", ")
        .bind(t.description.clone())
        .push(", ")
        .bind(t.weight);
    q.push(", ")
        .bind(t.active)
        .push(", ")
        .bind(now_us)
        .push(", ")
        .bind(now_us)
        .push(")");
    db.execute_raw(q.build()).await?;
    Ok(())
}

pub async fn update_theme<C: ConnectionTrait>(
    db: &C,
    t: &Theme,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE themes SET name = ").bind(t.name.clone());
    q.push(", description = ").bind(t.description.clone());
    q.push(", weight = ")
        .bind(t.weight)
        .push(", active = ")
        .bind(t.active);
    q.push(", updated_at = ")
        .bind(now_us)
        .push(" WHERE id = ")
        .bind(t.id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct AlignmentRow {
    request_id: i64,
    theme_id: i64,
    alignment: f64,
}

/// (request, theme, alignment) of every alignment.
pub async fn alignments<C: ConnectionTrait>(db: &C) -> Result<Vec<(i64, i64, f64)>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT request_id, theme_id, alignment FROM request_themes");
    Ok(AlignmentRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.request_id, r.theme_id, r.alignment))
        .collect())
}

pub async fn set_alignment<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    theme_id: i64,
    alignment: f64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("DELETE FROM request_themes WHERE request_id = ")
        .bind(request_id);
    q.push(" AND theme_id = ").bind(theme_id);
    db.execute_raw(q.build()).await?;
    if alignment > 0.0 {
        let mut q = Sql::new(db.get_database_backend());
        q.push("INSERT INTO request_themes (request_id, theme_id, alignment) VALUES (");
        q.bind(request_id)
            .push(", ")
            .bind(theme_id)
            .push(", ")
            .bind(alignment)
            .push(")");
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

pub async fn set_effort<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    effort: Option<f64>,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE requests SET effort = ").bind(effort);
    q.push(" WHERE id = ").bind(request_id);
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct EffortRow {
    id: i64,
    effort: f64,
}

/// (request, effort) of every request with an effort.
pub async fn efforts<C: ConnectionTrait>(db: &C) -> Result<Vec<(i64, f64)>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id, effort FROM requests WHERE effort IS NOT NULL");
    Ok(EffortRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.effort))
        .collect())
}

/// A named counter in `settings`; 0 when unset.
pub async fn setting<C: ConnectionTrait>(db: &C, name: &str) -> Result<i64, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT value FROM settings WHERE name = ")
        .bind(name.to_owned());
    Ok(super::scalar(db, q.build(), "value").await?.unwrap_or(0))
}

pub async fn set_setting<C: ConnectionTrait>(
    db: &C,
    name: &str,
    value: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("INSERT INTO settings (name, value) VALUES (")
        .bind(name.to_owned())
        .push(", ");
    q.bind(value)
        .push(") ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Adds one to a counter (used as a version stamp that readers compare).
pub async fn bump<C: ConnectionTrait>(db: &C, name: &str) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("INSERT INTO settings (name, value) VALUES (")
        .bind(name.to_owned());
    q.push(", 1) ON CONFLICT (name) DO UPDATE SET value = settings.value + 1");
    db.execute_raw(q.build()).await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct ProfileRow {
    pub id: i64,
    pub name: String,
    pub version: i32,
    pub params: String,
    pub created_at: i64,
}

/// A scoring profile and the id of the active one.
#[derive(FromQueryResult)]
struct ProfileActiveRow {
    #[sea_orm(nested)]
    profile: ProfileRow,
    active: i64,
}

/// Every scoring profile, by id, and the id of the active one (0 when unset).
#[derive(Debug, Clone, PartialEq)]
pub struct ProfilesAndActive {
    pub profiles: Vec<ProfileRow>,
    pub active: i64,
}

/// Every scoring profile and the id in the setting `active` (0 when unset), in one round trip:
/// the backlog resolves its profile on every call.
pub async fn profiles_and_active<C: ConnectionTrait>(
    db: &C,
    active: &str,
) -> Result<ProfilesAndActive, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT id, name, version, params, created_at, \
         COALESCE((SELECT value FROM settings WHERE name = ",
    )
    .bind(active.to_owned())
    .push("), 0) AS active FROM scoring_profiles ORDER BY id");
    let mut out = Vec::new();
    let mut active = 0;
    for row in ProfileActiveRow::find_by_statement(q.build())
        .all(db)
        .await?
    {
        out.push(row.profile);
        active = row.active;
    }
    Ok(ProfilesAndActive {
        profiles: out,
        active,
    })
}

pub async fn profiles<C: ConnectionTrait>(db: &C) -> Result<Vec<ProfileRow>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id, name, version, params, created_at FROM scoring_profiles ORDER BY id");
    Ok(ProfileRow::find_by_statement(q.build()).all(db).await?)
}

pub async fn insert_profile<C: ConnectionTrait>(
    db: &C,
    name: &str,
    params: &str,
    now_us: i64,
) -> Result<ProfileRow, AppError> {
    let version = profiles(db)
        .await?
        .iter()
        .filter(|p| p.name == name)
        .map(|p| p.version)
        .max();
    let version = version.unwrap_or(0) + 1;
    let mut q = Sql::new(db.get_database_backend());
    q.push("INSERT INTO scoring_profiles (name, version, params, created_at) VALUES (");
    q.bind(name.to_owned())
        .push(", ")
        .bind(version)
        .push(", ")
        .bind(params.to_owned());
    q.push(", ").bind(now_us).push(")");
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    profiles(db)
        .await?
        .into_iter()
        .find(|p| p.name == name && p.version == version)
        .ok_or_else(|| AppError::Internal("profile not stored".into()))
}

#[derive(Debug, Clone, PartialEq, FromQueryResult)]
struct SignalRow {
    pub id: i64,
    #[sea_orm(alias = "signal_key")]
    pub key: String,
    pub description: String,
    pub request_id: Option<i64>,
}

pub async fn signals<C: ConnectionTrait>(db: &C) -> Result<Vec<Signal>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id, signal_key, description, request_id FROM signals ORDER BY id");
    Ok(SignalRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|s| Signal {
            id: s.id,
            key: s.key,
            description: s.description,
            request_id: s.request_id,
        })
        .collect())
}

/// Inserts or re-describes a signal; returns its id.
pub async fn upsert_signal<C: ConnectionTrait>(
    db: &C,
    key: &str,
    description: &str,
    request_id: i64,
    now_us: i64,
) -> Result<i64, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("INSERT INTO signals (signal_key, description, request_id, created_at, updated_at) VALUES (");
    q.bind(key.to_owned())
        .push(", ")
        .bind(description.to_owned())
        .push(", ")
        .bind(request_id);
    q.push(", ").bind(now_us).push(", ").bind(now_us).push(
        ") ON CONFLICT (signal_key) DO UPDATE SET description = excluded.description, \
         request_id = excluded.request_id, updated_at = excluded.updated_at",
    );
    db.execute_raw(q.build()).await?;
    signals(db)
        .await?
        .into_iter()
        .find(|s| s.key == key)
        .map(|s| s.id)
        .ok_or_else(|| AppError::Internal("signal not stored".into()))
}

/// One aggregate of telemetry: (signal, day, account, user) and its events.
pub type TelemetryRow = ((i64, i32, i64, String), i64);

/// Adds aggregated telemetry rows.
pub async fn add_telemetry<C: ConnectionTrait>(
    db: &C,
    rows: &[TelemetryRow],
) -> Result<(), AppError> {
    for chunk in rows.chunks(MAX_PARAMS / 5) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "INSERT INTO telemetry_users (signal_id, day, account_id, user_ref, events) VALUES ",
        );
        for (i, ((signal, day, account, user), events)) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(*signal)
                .push(", ")
                .bind(*day)
                .push(", ")
                .bind(*account);
            q.push(", ")
                .bind(user.clone())
                .push(", ")
                .bind(*events)
                .push(")");
        }
        q.push(
            " ON CONFLICT (signal_id, day, account_id, user_ref) DO UPDATE SET \
             events = telemetry_users.events + excluded.events",
        );
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

#[derive(FromQueryResult)]
struct UsersRow {
    request_id: i64,
    users: i64,
}

/// Distinct users per request (through its signals), for days in `[from_day, to_day)`.
pub async fn telemetry_users_by_request<C: ConnectionTrait>(
    db: &C,
    from_day: i32,
    to_day: i32,
) -> Result<Vec<(i64, i64)>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT s.request_id, COUNT(DISTINCT t.user_ref) AS users FROM telemetry_users t \
         JOIN signals s ON s.id = t.signal_id WHERE s.request_id IS NOT NULL AND t.day >= ",
    );
    q.bind(from_day)
        .push(" AND t.day < ")
        .bind(to_day)
        .push(" GROUP BY s.request_id");
    Ok(UsersRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.request_id, r.users))
        .collect())
}
