//! gRPC transport: one file per service, conversions in `convert`, and the one mapping from
//! [`AppError`] to [`tonic::Status`].

pub mod account;
pub mod admin;
pub mod auth;
pub mod convert;
pub mod feedback;
pub mod prioritization;
pub mod request;
pub mod roadmap;

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
                    v.to_string(),
                    ErrorDetails::with_bad_request(violations),
                )
            }
            AppError::NotFound(what) => Status::not_found(format!("{what} not found")),
            AppError::AlreadyExists(what) => {
                Status::already_exists(format!("{what} already exists"))
            }
            AppError::FailedPrecondition(msg) => Status::failed_precondition(msg),
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

/// Shorthand for handlers.
pub type RpcResult<T> = Result<tonic::Response<T>, Status>;
