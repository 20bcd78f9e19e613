//! gRPC transport: one file per service, conversions in `convert`, and the one mapping from
//! [`AppError`] to [`tonic::Status`].

pub mod account;
pub mod admin;
pub mod auth;
pub mod convert;
pub mod feedback;
pub mod lengths;
pub mod methods;
pub mod outcome;
pub mod prioritization;
pub mod request;
pub mod roadmap;
pub mod telemetry_nats;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation, StatusExt};

use crate::error::AppError;

impl From<AppError> for Status {
    fn from(err: AppError) -> Self {
        match err {
            AppError::Invalid(v) => {
                let violations: Vec<FieldViolation> =
                    v.0.iter()
                        .map(|x| FieldViolation::new(&x.field, &x.reason))
                        .collect();
                Status::with_error_details(
                    Code::InvalidArgument,
                    brief(v.to_string()),
                    ErrorDetails::with_bad_request(violations),
                )
            }
            AppError::NotFound(what) => Status::not_found(format!("{} not found", brief(what))),
            AppError::AlreadyExists(what) => {
                Status::already_exists(format!("{} already exists", brief(what)))
            }
            AppError::FailedPrecondition(msg) => Status::failed_precondition(brief(msg)),
            AppError::Unavailable(cause) => {
                tracing::warn!(%cause, "unavailable");
                Status::unavailable("storage is unavailable; retry later")
            }
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                Status::internal("internal error")
            }
        }
    }
}

/// Messages quote what the caller sent (`account "..." not found`); they travel in a response
/// header, so an unbounded quote (a 100,000-character id) makes the header too large and the
/// client sees an HTTP/2 error instead of the status. Keep the first 500 characters.
fn brief(msg: String) -> String {
    const MAX_CHARS: usize = 500;
    match msg.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &msg[..cut]),
        None => msg,
    }
}

/// Shorthand for handlers.
pub type RpcResult<T> = Result<tonic::Response<T>, Status>;
