//! The scope of every RPC, read from the descriptor set: each `sift.v1` RPC declares it next to
//! itself in the `.proto` files (`option (sift.v1.scope) = "read";`, `proto/sift/v1/options.proto`).

use std::sync::LazyLock;

use prost_reflect::{DescriptorPool, Value};

use crate::domain::access::{Access, DeclaredMethod, MethodScopes};

/// The package whose services are served, each RPC with a declared scope.
const PACKAGE: &str = "sift.v1";
/// The method option that declares an RPC's scope.
const SCOPE_OPTION: &str = "sift.v1.scope";

static SCOPES: LazyLock<Result<MethodScopes, String>> =
    LazyLock::new(|| load(crate::pb::FILE_DESCRIPTOR_SET));

/// The table of this build's RPCs, or why it cannot be made (an RPC without a scope): the
/// server refuses to start then.
pub fn scopes() -> Result<&'static MethodScopes, String> {
    SCOPES.as_ref().map_err(Clone::clone)
}

/// The access a gRPC path needs; [`Access::Unknown`] (refused) for a method without a declared
/// scope, and for every method if the table could not be made.
pub fn required(path: &str) -> Access {
    match &*SCOPES {
        Ok(table) => table.required(path),
        Err(_) => Access::Unknown,
    }
}

/// Reads the scope of every method of every `sift.v1` service in an encoded descriptor set.
pub fn load(descriptor_set: &[u8]) -> Result<MethodScopes, String> {
    let pool = DescriptorPool::decode(descriptor_set)
        .map_err(|e| format!("the descriptor set does not decode: {e}"))?;
    let option = pool.get_extension_by_name(SCOPE_OPTION).ok_or_else(|| {
        format!("the descriptor set has no `{SCOPE_OPTION}` method option (options.proto)")
    })?;
    let mut declared = Vec::new();
    for service in pool.services().filter(|s| s.package_name() == PACKAGE) {
        for m in service.methods() {
            let options = m.options();
            let scope = match options
                .has_extension(&option)
                .then(|| options.get_extension(&option))
                .as_deref()
            {
                Some(Value::String(s)) => Some(s.clone()),
                _ => None,
            };
            declared.push(DeclaredMethod {
                service: service.full_name().to_owned(),
                method: m.name().to_owned(),
                scope,
                server_streaming: m.is_server_streaming(),
                client_streaming: m.is_client_streaming(),
            });
        }
    }
    if declared.is_empty() {
        return Err(format!("the descriptor set has no {PACKAGE} service"));
    }
    MethodScopes::new(declared).map_err(|problems| {
        format!(
            "every {PACKAGE} RPC must declare its scope: {}",
            problems.join("; ")
        )
    })
}

#[cfg(test)]
mod tests {
    use prost::Message;

    use super::*;
    use crate::domain::access::{Access, Scope};

    #[test]
    fn every_rpc_of_every_service_declares_a_scope() {
        let table = load(crate::pb::FILE_DESCRIPTOR_SET).expect("every RPC has a scope");
        let pool = DescriptorPool::decode(crate::pb::FILE_DESCRIPTOR_SET).expect("decodes");
        let mut count = 0;
        for service in pool.services().filter(|s| s.package_name() == PACKAGE) {
            for m in service.methods() {
                let path = format!("/{}/{}", service.full_name(), m.name());
                assert!(
                    matches!(table.required(&path), Access::Needs(_)),
                    "{path} has no scope"
                );
                count += 1;
            }
        }
        assert_eq!(table.methods().len(), count);
        assert!(count >= 50, "{count} methods");
        // Spot checks against the scopes the API documents.
        let scope = |path: &str| match table.required(path) {
            Access::Needs(m) => Some(m.scope),
            _ => None,
        };
        assert_eq!(
            scope("/sift.v1.FeedbackService/SubmitFeedback"),
            Some(Scope::Ingest)
        );
        assert_eq!(
            scope("/sift.v1.PrioritizationService/GetRankedBacklog"),
            Some(Scope::Read)
        );
        assert_eq!(
            scope("/sift.v1.RequestService/MergeRequests"),
            Some(Scope::Plan)
        );
        assert_eq!(
            scope("/sift.v1.RoadmapService/ShipRelease"),
            Some(Scope::Release)
        );
        assert_eq!(
            scope("/sift.v1.NotificationService/ForgetContact"),
            Some(Scope::Admin)
        );
        assert_eq!(
            scope("/sift.v1.AdminService/CreateToken"),
            Some(Scope::Admin)
        );
        assert!(matches!(
            table.required("/sift.v1.NotificationService/StreamNotifications"),
            Access::Needs(m) if m.server_streaming && !m.client_streaming
        ));
        assert!(matches!(
            table.required("/sift.v1.FeedbackService/ImportFeedback"),
            Access::Needs(m) if m.client_streaming && !m.server_streaming
        ));
        assert!(scopes().is_ok());
    }

    #[test]
    fn a_descriptor_set_without_the_scopes_is_refused_naming_each_rpc() {
        // prost-types keeps no extension options: the same set, re-encoded through it, has RPCs
        // without scopes (and, with options.proto dropped too, no option at all).
        let plain = prost_types::FileDescriptorSet::decode(crate::pb::FILE_DESCRIPTOR_SET)
            .expect("decodes")
            .encode_to_vec();
        let err = load(&plain).unwrap_err();
        assert!(
            err.contains("/sift.v1.FeedbackService/SubmitFeedback: no `option (sift.v1.scope)"),
            "{err}"
        );
        assert!(err.contains("/sift.v1.AdminService/CreateToken"), "{err}");
    }
}
