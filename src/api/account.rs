//! `sift.v1.AccountService`.

use tonic::{Request, Response, Status};

use super::RpcResult;
use super::convert::{account_draft, account_to_pb, contact_draft, contact_to_pb};
use crate::domain::Violations;
use crate::pb::{self, account_service_server::AccountService};
use crate::service::accounts::{AccountKey, Accounts, check_batch};

pub struct AccountApi {
    pub accounts: Accounts,
}

#[tonic::async_trait]
impl AccountService for AccountApi {
    async fn upsert_accounts(
        &self,
        request: Request<pb::UpsertAccountsRequest>,
    ) -> RpcResult<pb::UpsertAccountsResponse> {
        let pb::UpsertAccountsRequest { accounts } = request.into_inner();
        let config = self.accounts.ctx().config.clone();
        check_batch(accounts.len(), config.limits.max_batch, "accounts")?;
        let mut wire = Violations::default();
        let drafts = accounts
            .into_iter()
            .enumerate()
            .map(|(i, a)| account_draft(&mut wire, &format!("accounts[{i}]"), a))
            .collect();
        wire.into_result(()).map_err(crate::error::AppError::from)?;
        let stored = self.accounts.upsert_accounts(drafts).await?;
        Ok(Response::new(pb::UpsertAccountsResponse {
            accounts: stored
                .into_iter()
                .map(|a| account_to_pb(a, &config))
                .collect(),
        }))
    }

    async fn get_account(&self, request: Request<pb::GetAccountRequest>) -> RpcResult<pb::Account> {
        let key = match request.into_inner().key {
            Some(pb::get_account_request::Key::Id(id)) => AccountKey::Id(id),
            // Looked up in the form ids are stored in (NFKC): `ａｃｍｅ` finds `acme`.
            Some(pb::get_account_request::Key::ExternalId(ext)) if !ext.trim().is_empty() => {
                AccountKey::External(crate::domain::validation::identifier_form(&ext))
            }
            _ => {
                return Err(crate::error::AppError::invalid(
                    "key",
                    "id or external_id is required",
                )
                .into());
            }
        };
        let account = self.accounts.get_account(key).await?;
        Ok(Response::new(account_to_pb(
            account,
            &self.accounts.ctx().config,
        )))
    }

    async fn list_accounts(
        &self,
        request: Request<pb::ListAccountsRequest>,
    ) -> RpcResult<pb::ListAccountsResponse> {
        let pb::ListAccountsRequest {
            page_size,
            page_token,
        } = request.into_inner();
        let (rows, next) = self.accounts.list_accounts(page_size, &page_token).await?;
        let config = &self.accounts.ctx().config;
        Ok(Response::new(pb::ListAccountsResponse {
            accounts: rows.into_iter().map(|a| account_to_pb(a, config)).collect(),
            next_page_token: next.unwrap_or_default(),
        }))
    }

    async fn upsert_contacts(
        &self,
        request: Request<pb::UpsertContactsRequest>,
    ) -> Result<Response<pb::UpsertContactsResponse>, Status> {
        let pb::UpsertContactsRequest { contacts } = request.into_inner();
        let drafts = contacts.into_iter().map(contact_draft).collect();
        let stored = self.accounts.upsert_contacts(drafts).await?;
        Ok(Response::new(pb::UpsertContactsResponse {
            contacts: stored.into_iter().map(contact_to_pb).collect(),
        }))
    }
}
