//! Wiring: store, use cases, gRPC services, and the server's life from bind to graceful stop.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;
use tracing::{info, warn};

use crate::api::account::AccountApi;
use crate::api::admin::AdminApi;
use crate::api::auth::AuthLayer;
use crate::api::feedback::FeedbackApi;
use crate::api::lengths::{LengthLayer, Lengths};
use crate::api::outcome::OutcomeApi;
use crate::api::prioritization::{PrioritizationApi, TelemetryApi};
use crate::api::request::RequestApi;
use crate::api::roadmap::{NotificationApi, RoadmapApi};
use crate::api::telemetry_nats::NatsTelemetryConsumer;
use crate::console::{Console, HostPolicy, InProcess};
use crate::pb::account_service_server::AccountServiceServer;
use crate::pb::admin_service_server::AdminServiceServer;
use crate::pb::feedback_service_server::FeedbackServiceServer;
use crate::pb::notification_service_server::NotificationServiceServer;
use crate::pb::outcome_service_server::OutcomeServiceServer;
use crate::pb::prioritization_service_server::PrioritizationServiceServer;
use crate::pb::request_service_server::RequestServiceServer;
use crate::pb::roadmap_service_server::RoadmapServiceServer;
use crate::pb::telemetry_service_server::TelemetryServiceServer;
use crate::server::config::{Config, TlsFiles};
use crate::server::connections::{self, Listener, TlsAcceptor};
use crate::server::load_shedding::LimitLayer;
use crate::server::logging::RpcLogLayer;
use crate::server::prometheus::Metrics;
use crate::service::Ctx;
use crate::service::Spawned;
use crate::service::access::Tokens;
use crate::service::accounts::Accounts;
use crate::service::backlog::SharedBacklog;
use crate::service::clock::Clock;
use crate::service::clustering::Clustering;
use crate::service::feedback::Feedback;
use crate::service::ingest::Ingestor;
use crate::service::notifications::Notifications;
use crate::service::outcomes::Outcomes;
use crate::service::prioritization::Prioritization;
use crate::service::requests::Requests;
use crate::service::roadmap::Roadmap;
use crate::service::snapshot::StartFrom;
use crate::service::telemetry::Telemetry;
use crate::store::Store;

pub type StartError = Box<dyn std::error::Error + Send + Sync>;

/// Loads the embedding model when one is configured (before taking calls, so a missing or
/// broken model stops the start with a clear error).
#[cfg(feature = "embeddings")]
async fn with_embedding_model(
    clustering: Clustering,
    config: &Config,
) -> Result<Clustering, StartError> {
    let Some(dir) = config.embedding_model.clone() else {
        return Ok(clustering);
    };
    let started = std::time::Instant::now();
    let model =
        tokio::task::spawn_blocking(move || crate::embedding::Embedder::load(&dir)).await??;
    info!(
        seconds = started.elapsed().as_secs_f64(),
        weights_mb = model.weight_bytes() / 1_000_000,
        "embedding model loaded: new feedback is placed by semantic similarity"
    );
    Ok(clustering.with_model(Arc::new(model))?)
}

#[cfg(not(feature = "embeddings"))]
async fn with_embedding_model(
    clustering: Clustering,
    config: &Config,
) -> Result<Clustering, StartError> {
    match &config.embedding_model {
        Some(_) => Err("--embedding-model needs a build with `--features embeddings`".into()),
        None => Ok(clustering),
    }
}

/// A migrated store and a bound listener, ready to serve.
pub struct App {
    listener: TcpListener,
    addr: SocketAddr,
    ctx: Ctx,
    clustering: Clustering,
    clustering_start: StartFrom,
    /// The backlog's score inputs, loaded at build (beside the clustering index).
    backlog: Arc<SharedBacklog>,
    internal_secret: Arc<str>,
    metrics_listener: Option<TcpListener>,
    console_listener: Option<TcpListener>,
    /// Telemetry from NATS JetStream, when configured (connected and bound at build).
    nats: Option<NatsTelemetryConsumer>,
}

impl App {
    /// Connects, applies pending migrations and binds `config.listen` (port 0 allowed).
    pub async fn build(config: Config) -> Result<Self, StartError> {
        // Fail closed before anything else: every RPC must declare the scope it needs.
        crate::api::methods::scopes()?;
        let store = Store::connect(&config.database_url, config.db_max_connections).await?;
        store.migrate().await?;
        info!(
            database = %crate::store::describe_database(&config.database_url),
            "database schema up to date"
        );
        if config.auth && !store.has_tokens().await? {
            warn!(
                "no access token exists yet, so every call will be refused (UNAUTHENTICATED). \
                 Make the first one on this machine: sift token create --name admin \
                 --scope admin,read,plan,release,ingest --database-url {}",
                crate::store::describe_database(&config.database_url)
            );
        }
        // Rebuild the clustering index from the event log before taking calls.
        let clustering = Clustering::new(config.clustering.clone());
        let clustering = with_embedding_model(clustering, &config).await?;
        // The backlog's score inputs load while the clustering index does (they are
        // independent), so the first backlog call after SERVING answers from memory. On a task
        // of its own: a full replay keeps its task busy between round trips for long
        // stretches, and a load polled only between them would time out on the pool.
        let backlog = Arc::new(SharedBacklog::new(config.tiers, Clock::system()));
        let warm_up = {
            let (backlog, store) = (backlog.clone(), store.clone());
            Spawned::new(async move {
                let started = std::time::Instant::now();
                backlog
                    .refresh_since(store.bulk_db(), std::time::Instant::now())
                    .await?;
                info!(
                    seconds = started.elapsed().as_secs_f64(),
                    "backlog score inputs loaded"
                );
                Ok::<_, crate::error::AppError>(())
            })
        };
        let clustering_start =
            crate::service::snapshot::start(&store, &clustering, config.load_snapshot).await?;
        warm_up.join().await??;
        let listener = bind(config.listen, "--listen").await?;
        let metrics_listener = match config.metrics_listen {
            Some(addr) => Some(bind(addr, "--metrics-listen").await?),
            None => None,
        };
        let console_listener = match config.console_listen {
            Some(addr) => Some(bind(addr, "--console-listen").await?),
            None => None,
        };
        check_open_files(&config)?;
        let nats = match &config.telemetry.nats {
            Some(nats) => Some(NatsTelemetryConsumer::connect(nats).await?),
            None => None,
        };
        let addr = listener.local_addr()?;
        let ctx = Ctx {
            store,
            config: Arc::new(config),
            outbox: Arc::default(),
            metrics: Metrics::default(),
            clock: Clock::system(),
        };
        let internal_secret: Arc<str> = crate::service::access::new_secret()?.into();
        Ok(Self {
            listener,
            addr,
            ctx,
            clustering,
            clustering_start,
            backlog,
            internal_secret,
            metrics_listener,
            console_listener,
            nats,
        })
    }

    /// A bearer secret with every scope, valid only for this process's life: for callers
    /// inside the process (the demo loader).
    pub fn internal_token(&self) -> Arc<str> {
        self.internal_secret.clone()
    }

    /// Serves with `clock` as the time of leases and retries (tests move it forward).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.backlog.set_clock(clock.clone());
        self.ctx.clock = clock;
        self
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where `GET /metrics` is served, if it is.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    /// Where the web console is served, if it is.
    pub fn console_addr(&self) -> Option<SocketAddr> {
        self.console_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    /// Whether the clustering index came from a snapshot or the whole log.
    pub fn clustering_start(&self) -> &StartFrom {
        &self.clustering_start
    }

    /// The clustering index this instance serves from (benches write snapshots of it).
    pub fn clustering(&self) -> &Clustering {
        &self.clustering
    }

    pub fn store(&self) -> &Store {
        &self.ctx.store
    }

    /// See [`Store::observe_statements`]: every statement the server runs once serving.
    pub fn observe_statements(
        &mut self,
        observer: impl Fn(&sea_orm::Statement) + Send + Sync + 'static,
    ) {
        self.ctx.store.observe_statements(observer);
    }

    /// See [`Store::observe_statement_times`].
    pub fn observe_statement_times(
        &mut self,
        observer: impl Fn(&sea_orm::Statement, std::time::Duration) + Send + Sync + 'static,
    ) {
        self.ctx.store.observe_statement_times(observer);
    }

    /// Serves until `shutdown` resolves, then stops taking calls, lets calls in flight finish,
    /// and waits for queued writes to commit.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Result<(), StartError> {
        let (ingestor, writer): (Ingestor, JoinHandle<()>) =
            Ingestor::start(self.ctx.clone(), self.clustering.clone());
        #[cfg(feature = "embeddings")]
        let placer: Option<JoinHandle<()>> = self.clustering.model().map(|model| {
            crate::service::placement::Placer::new(self.ctx.clone(), self.clustering.clone(), model)
                .start()
        });
        #[cfg(not(feature = "embeddings"))]
        let placer: Option<JoinHandle<()>> = None;

        let (health, health_service) = tonic_health::server::health_reporter();
        // The database answered the migrations a moment ago: every service starts SERVING.
        for name in service_names() {
            health
                .set_service_status(name, ServingStatus::Serving)
                .await;
        }
        let prober = tokio::spawn(probe_database(
            self.ctx.store.clone(),
            health,
            self.ctx.config.server.health_probe,
        ));

        let reflection_v1 = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(crate::pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
            .build_v1()?;
        let reflection_v1alpha = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(crate::pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
            .build_v1alpha()?;

        let accounts = Accounts::new(self.ctx.clone());
        let feedback = Feedback::new(self.ctx.clone(), ingestor);
        let requests = Requests::new(
            self.ctx.clone(),
            self.clustering.clone(),
            self.backlog.clone(),
        );
        let consolidation: Option<JoinHandle<()>> = self
            .ctx
            .config
            .consolidate_every
            .map(|every| tokio::spawn(requests.clone().consolidate_every(every)));
        let snapshots: Option<JoinHandle<()>> = self.ctx.config.snapshot_every.map(|every| {
            tokio::spawn(crate::service::snapshot::write_every(
                self.ctx.store.clone(),
                self.clustering.clone(),
                every,
            ))
        });
        // Its score inputs were loaded at build, before the port answers (health included):
        // the first backlog call is a warm one.
        let prioritization = Prioritization::new(self.ctx.clone(), requests.clone(), self.backlog);
        prioritization.seed_default_profile().await?;
        // And the active profile's scores, so that call ranks from the cache.
        let scoring = std::time::Instant::now();
        prioritization.current_scores(&[]).await?;
        tracing::debug!(
            seconds = scoring.elapsed().as_secs_f64(),
            "backlog scored with the active profile"
        );
        let telemetry = Telemetry::new(self.ctx.clone(), self.clustering.clone());
        let roadmap = Roadmap::new(self.ctx.clone(), requests.clone(), prioritization.clone());
        let notifications = Notifications::new(self.ctx.clone(), self.clustering.clone());
        let outcomes = Outcomes::new(self.ctx.clone(), prioritization.clone(), requests.clone());
        let currency = self.ctx.config.currency.clone();
        let tokens = Tokens::with_clock(self.ctx.store.clone(), self.ctx.clock.clone());
        let config = self.ctx.config.clone();
        let metrics = self.ctx.metrics.clone();
        let auth = AuthLayer::new(
            config.auth.then(|| tokens.clone()),
            self.internal_secret.clone(),
            config.stream_token_recheck,
        );
        // Every string of every request has a declared limit, or the server does not start.
        let lengths = Arc::new(Lengths::from_descriptors(
            crate::pb::FILE_DESCRIPTOR_SET,
            config.limits.max_text_chars,
        )?);
        let (stop_nats, nats_stopped) = watch::channel(false);
        let nats: Option<JoinHandle<()>> = self.nats.map(|consumer| {
            tokio::spawn(consumer.run(
                telemetry.clone(),
                lengths.clone(),
                metrics.clone(),
                nats_stopped,
            ))
        });
        let max = config.server.max_message_bytes;
        let layers = tower::ServiceBuilder::new()
            .layer(RpcLogLayer::new(metrics.clone()).quiet_for(&self.internal_secret))
            .layer(LimitLayer::new(
                config.server.max_concurrent_calls,
                config.server.call_timeout,
                metrics.clone(),
            ))
            .layer(auth.clone())
            .layer(LengthLayer::new(lengths.clone(), max))
            .into_inner();
        let tls = config.tls.as_ref().map(tls_acceptor).transpose()?;
        macro_rules! limited {
            ($server:expr) => {
                $server
                    .max_decoding_message_size(max)
                    .max_encoding_message_size(max)
            };
        }
        let routes = tonic::service::Routes::builder()
            .add_service(health_service)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha)
            .add_service(limited!(AccountServiceServer::new(AccountApi { accounts })))
            .add_service(limited!(FeedbackServiceServer::new(FeedbackApi {
                feedback,
                lengths: lengths.clone(),
            })))
            .add_service(limited!(RoadmapServiceServer::new(RoadmapApi {
                roadmap,
                requests: requests.clone(),
            })))
            .add_service(limited!(NotificationServiceServer::new(NotificationApi {
                notifications,
            })))
            .add_service(limited!(RequestServiceServer::new(RequestApi { requests })))
            .add_service(limited!(PrioritizationServiceServer::new(
                PrioritizationApi {
                    prioritization,
                    currency,
                }
            )))
            .add_service(limited!(TelemetryServiceServer::new(TelemetryApi {
                telemetry,
                lengths,
            })))
            .add_service(limited!(AdminServiceServer::new(AdminApi { tokens })))
            .add_service(limited!(OutcomeServiceServer::new(OutcomeApi { outcomes })))
            .clone()
            .routes()
            .prepare();

        // One service, the layers around the routes: the gRPC port serves it, and the web
        // console calls it in-process, so both pass the same authentication and limits.
        let grpc: InProcess =
            tower::util::BoxCloneSyncService::new(tower::Layer::layer(&layers, routes));

        let (stop, stopped) = watch::channel(false);
        let mut listeners = Vec::new();
        if let Some(listener) = self.metrics_listener {
            info!(addr = %listener.local_addr()?, "metrics at GET /metrics");
            listeners.push(tokio::spawn(crate::server::prometheus::serve(
                listener,
                metrics.clone(),
                self.ctx.store.clone(),
                config.metrics_token.clone(),
                config.server.connections(Listener::Metrics),
                stopped.clone(),
            )));
        }
        if let Some(listener) = self.console_listener {
            let hosts = HostPolicy::new(listener.local_addr()?, &config.console_allowed_hosts);
            let console = Console::new(grpc.clone(), auth, max, hosts)?;
            listeners.push(tokio::spawn(console.serve(
                listener,
                config.server.connections(Listener::Console),
                metrics.clone(),
                stopped.clone(),
            )));
        }

        info!(addr = %self.addr, "sift serving");
        let serving = connections::accept(
            self.listener,
            Listener::Grpc,
            config.server.connections(Listener::Grpc),
            metrics,
            stopped,
            move |socket, conn| connections::serve_grpc(socket, conn, grpc.clone(), tls.clone()),
        );
        tokio::pin!(serving);
        tokio::select! {
            () = &mut serving => {}
            () = shutdown => {
                let _ = stop.send(true);
                serving.await;
            }
        }
        for listener in listeners {
            listener.await?;
        }
        prober.abort();
        if let Some(nats) = nats {
            // The batch in hand is counted and acked; the rest stays in the stream.
            let _ = stop_nats.send(true);
            let _ = nats.await;
        }
        // The services (and their queue handles) are gone: the writer drains and stops.
        writer.await?;
        if let Some(consolidation) = consolidation {
            // Each step commits on its own: stopping between steps loses nothing.
            consolidation.abort();
            let _ = consolidation.await;
        }
        if let Some(snapshots) = snapshots {
            snapshots.abort();
            let _ = snapshots.await;
            // The writes are in: the next start replays nothing after this snapshot.
            if let Err(error) =
                crate::service::snapshot::write(&self.ctx.store, &self.clustering).await
            {
                warn!(%error, "clustering snapshot not written at stop");
            }
        }
        // Items still queued for placement stay queued in the database for the next start.
        if let Some(placer) = placer {
            placer.abort();
            let _ = placer.await;
        }
        info!("sift stopped");
        Ok(())
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    info!("shutdown requested: finishing calls in flight");
}

/// The gRPC port's TLS from PEM files: its identity, and a client CA when clients must present
/// certificates. HTTP/2 is the only protocol offered (ALPN `h2`).
fn tls_acceptor(files: &TlsFiles) -> Result<TlsAcceptor, StartError> {
    use tokio_rustls::rustls::pki_types::pem::PemObject as _;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use tokio_rustls::rustls::server::WebPkiClientVerifier;
    use tokio_rustls::rustls::{RootCertStore, ServerConfig, crypto};

    let read = |path: &std::path::Path| {
        std::fs::read(path).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))
    };
    let named = |path: &std::path::Path, e: &dyn std::fmt::Display| {
        std::io::Error::other(format!("{}: {e}", path.display()))
    };
    let certs = CertificateDer::pem_slice_iter(&read(&files.cert)?)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| named(&files.cert, &e))?;
    let key =
        PrivateKeyDer::from_pem_slice(&read(&files.key)?).map_err(|e| named(&files.key, &e))?;
    let provider = Arc::new(crypto::ring::default_provider());
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;
    let builder = match &files.client_ca {
        None => builder.with_no_client_auth(),
        Some(ca) => {
            let mut roots = RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(&read(ca)?) {
                roots.add(cert.map_err(|e| named(ca, &e))?)?;
            }
            let verifier =
                WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider).build()?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let mut tls = builder.with_single_cert(certs, key)?;
    tls.alpn_protocols = vec![b"h2".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(tls)))
}

/// Refuses to start when the listeners' connection bounds, the database pool and a reserve do
/// not fit the process's limit on open files: a flood on one listener must not leave the others
/// (and the health checks on the gRPC port) without descriptors.
/// Listens on `addr`, the address of the option `flag`. A refusal names both: a bare "Address
/// already in use" leaves an operator guessing which of the server's ports is taken, and the
/// usual cause is a second instance on the same host with the default metrics port.
async fn bind(addr: SocketAddr, flag: &str) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr).await.map_err(|err| {
        let hint = if err.kind() == std::io::ErrorKind::AddrInUse {
            "; another process listens there (a second Sift on this host needs its own --listen \
             and --metrics-listen, or --metrics-listen \"\" to serve no metrics)"
        } else {
            ""
        };
        format!("{flag} {addr}: cannot listen: {err}{hint}").into()
    })
}

fn check_open_files(config: &Config) -> Result<(), StartError> {
    let Some(limit) = connections::open_files_limit() else {
        return Ok(());
    };
    let server = &config.server;
    let mut needed = u64::from(server.grpc_connections)
        + u64::from(config.db_max_connections)
        + connections::RESERVED_FILES;
    if config.console_listen.is_some() {
        needed += u64::from(server.console_connections);
    }
    if config.metrics_listen.is_some() {
        needed += u64::from(server.metrics_connections);
    }
    if needed > limit {
        return Err(format!(
            "the connection bounds need {needed} open files (--max-connections \
             {}, --console-max-connections {}, --metrics-max-connections {}, \
             --db-max-connections {}, and {} in reserve) but the process may open {limit}: \
             lower them or raise the limit (ulimit -n)",
            server.grpc_connections,
            server.console_connections,
            server.metrics_connections,
            config.db_max_connections,
            connections::RESERVED_FILES
        )
        .into());
    }
    Ok(())
}

/// Every `sift.v1` service's name, from the descriptor set: health answers for each.
fn service_names() -> Vec<String> {
    prost_reflect::DescriptorPool::decode(crate::pb::FILE_DESCRIPTOR_SET)
        .map(|pool| {
            pool.services()
                .map(|s| s.full_name().to_owned())
                .filter(|name| name.starts_with("sift.v1."))
                .collect()
        })
        .unwrap_or_default()
}

/// Keeps health in step with the database: every `sift.v1` service (and the server as a whole,
/// the empty name) is SERVING while the database answers and NOT_SERVING while it does not,
/// checked every `every`.
async fn probe_database(store: Store, health: HealthReporter, every: std::time::Duration) {
    let services = service_names();
    let mut last = ServingStatus::Serving;
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let answer =
            tokio::time::timeout(every.max(std::time::Duration::from_secs(2)), store.probe())
                .await
                .unwrap_or_else(|_| Err(sea_orm::DbErr::Custom("no answer in time".into())));
        let status = match &answer {
            Ok(()) => ServingStatus::Serving,
            Err(_) => ServingStatus::NotServing,
        };
        if last == status {
            continue;
        }
        match &answer {
            Ok(()) => info!("database answers again: health SERVING"),
            Err(error) => warn!(%error, "database unreachable: health NOT_SERVING"),
        }
        health.set_service_status("", status).await;
        for name in &services {
            health.set_service_status(name, status).await;
        }
        last = status;
    }
}
