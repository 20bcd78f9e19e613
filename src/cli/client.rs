//! A gRPC client of a running Sift, with its bearer token on every call: used by the command
//! line (`sift backlog`, `sift release ship`, ...) and the demo loader.

use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, Endpoint};

/// Sends `authorization: Bearer <secret>` on every call (nothing when the secret is empty).
#[derive(Clone)]
pub struct Bearer(Option<MetadataValue<Ascii>>);

impl Interceptor for Bearer {
    fn call(&mut self, mut r: tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(value) = &self.0 {
            r.metadata_mut().insert("authorization", value.clone());
        }
        Ok(r)
    }
}

/// A channel that authenticates every call.
pub type Ch = InterceptedService<Channel, Bearer>;

/// Connects to `server` (`http://host:port`, or `host:port`) with `token`.
pub async fn connect(
    server: &str,
    token: &str,
) -> Result<Ch, Box<dyn std::error::Error + Send + Sync>> {
    let url = if server.contains("://") {
        server.to_owned()
    } else {
        format!("http://{server}")
    };
    let channel = Endpoint::from_shared(url)?
        .tcp_nodelay(true)
        .connect()
        .await
        .map_err(|e| format!("cannot reach {server}: {e}"))?;
    let bearer = match token.trim() {
        "" => Bearer(None),
        t => {
            Bearer(Some(format!("Bearer {t}").parse().map_err(
                |_| "the token has characters a header cannot carry",
            )?))
        }
    };
    Ok(InterceptedService::new(channel, bearer))
}

/// A server's refusal as one readable line: `NOT_FOUND: request 9 not found`.
pub fn status_line(status: &tonic::Status) -> String {
    let name = format!("{:?}", status.code());
    let mut code = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            code.push('_');
        }
        code.push(c.to_ascii_uppercase());
    }
    format!("{code}: {}", status.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_one_line_with_the_grpc_code() {
        let s = tonic::Status::not_found("request 9 not found");
        assert_eq!(status_line(&s), "NOT_FOUND: request 9 not found");
        let s = tonic::Status::permission_denied("needs `plan`");
        assert_eq!(status_line(&s), "PERMISSION_DENIED: needs `plan`");
    }
}
