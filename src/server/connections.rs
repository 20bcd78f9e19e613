//! How every listener (gRPC, console, metrics) takes connections: at most so many at once per
//! listener, a deadline for the first request, a deadline for connections without calls, the
//! HTTP/2 settings that let a client stream small messages at full speed, and a log line with
//! the reason whenever the server closes a connection.
//!
//! Each listener has its own bound, so a flood of idle connections on one (the console, say)
//! cannot take the file descriptors the gRPC port and its health checks need; `App::build`
//! checks that the bounds together fit the process's descriptor limit with a reserve.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tower::ServiceExt;
use tracing::{debug, info, warn};

use crate::console::InProcess;
use crate::server::prometheus::Metrics;

/// Which listener a connection came to, as logs and metrics name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listener {
    Grpc,
    Console,
    Metrics,
}

impl Listener {
    pub fn as_str(self) -> &'static str {
        match self {
            Listener::Grpc => "grpc",
            Listener::Console => "console",
            Listener::Metrics => "metrics",
        }
    }
}

/// Bounds of one listener's connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once; more are closed at accept and counted as refused.
    pub max_connections: usize,
    /// Time from accept to the first request's headers (TLS handshake included). A connection
    /// that sends nothing, or half a request, is closed then.
    pub header_timeout: Duration,
    /// Time a connection may stay open with no call in flight before the server closes it
    /// (HTTP/2: GOAWAY, so a client's next call opens a new connection without failing).
    pub idle_timeout: Duration,
}

impl Limits {
    pub const fn new(max_connections: usize) -> Self {
        Self {
            max_connections,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(300),
        }
    }
}

/// HTTP/2 flow-control windows of the gRPC port.
///
/// h2 closes a connection (GOAWAY ENHANCE_YOUR_CALM, `too_many_data_frames`) when the DATA
/// frames it holds unread cost more than half the connection window, counting each frame under
/// 256 bytes as 256 minus its length. A client that sends one small message per frame (Python
/// grpcio does) while the handler waits for a commit fills the stream window with such frames:
/// with hyper's 1 MiB windows, 60-byte items cost about 2.7 times their bytes, and the budget ran
/// out after some 2,900 frames while flow control still allowed 14,000. A small stream window
/// and a large connection window keep what one stream can leave unread well inside the budget:
/// 64 KiB of 5-byte frames (the smallest gRPC message) cost 3.3 MB against a 4 MiB budget, and
/// 60-byte items cost 190 KB, so twenty such imports can stall on one connection at once. The
/// client is then held back by flow control, never cut off. Bandwidth per stream is the window
/// per round trip: 64 KiB per millisecond on a LAN is 64 MB/s, far above what an import commits.
pub const STREAM_WINDOW: u32 = 64 * 1024;
pub const CONNECTION_WINDOW: u32 = 8 * 1024 * 1024;

/// The most the accept loop waits for an evicted connection to give up its slot.
const EVICTION_WAIT: Duration = Duration::from_secs(1);

/// After a graceful close (GOAWAY, or an HTTP/1 connection told to finish), how long calls
/// still running may take before the connection is dropped.
const CLOSE_GRACE: Duration = Duration::from_secs(10);

/// What a connection is doing: calls in flight, whether any request arrived, and since when it
/// has had nothing to do.
struct Activity {
    calls: AtomicUsize,
    requested: AtomicBool,
    idle_since: Mutex<Instant>,
    /// Set when a newcomer to a full listener takes this connection's place.
    evicted: AtomicBool,
    changed: Notify,
}

impl Activity {
    fn new() -> Self {
        Self {
            calls: AtomicUsize::new(0),
            requested: AtomicBool::new(false),
            idle_since: Mutex::new(Instant::now()),
            evicted: AtomicBool::new(false),
            changed: Notify::new(),
        }
    }

    fn idle_since(&self) -> Instant {
        *self
            .idle_since
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn begin(self: &Arc<Self>) -> CallGuard {
        self.requested.store(true, Ordering::Release);
        self.calls.fetch_add(1, Ordering::AcqRel);
        self.changed.notify_waiters();
        CallGuard(self.clone())
    }

    /// When the connection is due to be closed for idleness, or `None` while a call runs.
    fn deadline(&self, limits: &Limits) -> Option<(Instant, Timeout)> {
        if self.calls.load(Ordering::Acquire) > 0 {
            return None;
        }
        let since = self.idle_since();
        Some(if self.requested.load(Ordering::Acquire) {
            (since + limits.idle_timeout, Timeout::Idle)
        } else {
            (since + limits.header_timeout, Timeout::Header)
        })
    }
}

/// The open connections of one listener, so a newcomer to a full listener can take the place
/// of one that is doing nothing.
#[derive(Default)]
struct Registry {
    next: AtomicUsize,
    open: Mutex<std::collections::HashMap<usize, Arc<Activity>>>,
}

impl Registry {
    fn add(&self, activity: Arc<Activity>) -> usize {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id, activity);
        id
    }

    fn remove(&self, id: usize) {
        self.lock().remove(&id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<usize, Arc<Activity>>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Asks the connection doing least to close at once: one that never sent a request before
    /// one that did, the longest idle first; never one with a call in flight. False when every
    /// connection is busy.
    fn evict_one(&self) -> bool {
        let open = self.lock();
        let victim = open
            .values()
            .filter(|a| a.calls.load(Ordering::Acquire) == 0 && !a.evicted.load(Ordering::Acquire))
            .min_by_key(|a| (a.requested.load(Ordering::Acquire), a.idle_since()));
        match victim {
            Some(activity) => {
                activity.evicted.store(true, Ordering::Release);
                activity.changed.notify_waiters();
                true
            }
            None => false,
        }
    }
}

/// A call in flight on a connection; dropped when its response has been sent (or abandoned).
struct CallGuard(Arc<Activity>);

impl Drop for CallGuard {
    fn drop(&mut self) {
        if self.0.calls.fetch_sub(1, Ordering::AcqRel) == 1 {
            *self
                .0
                .idle_since
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Instant::now();
        }
        self.0.changed.notify_waiters();
    }
}

/// Why the server closed a connection on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeout {
    /// No complete request within the header timeout.
    Header,
    /// No call for the idle timeout.
    Idle,
}

impl Timeout {
    pub fn as_str(self) -> &'static str {
        match self {
            Timeout::Header => "header",
            Timeout::Idle => "idle",
        }
    }
}

/// An admitted connection: its slot in the listener's bound (freed on drop) and its activity.
pub struct Conn {
    listener: Listener,
    peer: SocketAddr,
    limits: Limits,
    metrics: Metrics,
    activity: Arc<Activity>,
    stop: watch::Receiver<bool>,
    registry: Arc<Registry>,
    id: usize,
    _slot: OwnedSemaphorePermit,
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.registry.remove(self.id);
        self.metrics.connection_closed(self.listener.as_str());
    }
}

/// A response body that keeps its call counted until it has been sent or dropped.
pub struct Tracked<B> {
    body: B,
    _call: CallGuard,
}

impl<B: Body + Unpin> Body for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Conn {
    pub fn peer(&self) -> SocketAddr {
        self.peer
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Resolves once a newcomer has taken this connection's place.
    async fn evicted(&self) {
        loop {
            let notified = self.activity.changed.notified();
            let mut notified = std::pin::pin!(notified);
            notified.as_mut().enable();
            if self.activity.evicted.load(Ordering::Acquire) {
                return;
            }
            notified.await;
        }
    }

    /// Drives `connection` to its end: closes it gracefully when the server stops or when it
    /// has had no call for the idle timeout, drops it when it sent no complete request within
    /// the header timeout or outlives the grace after a graceful close, and logs why.
    pub async fn supervise<C>(mut self, connection: C, graceful: fn(Pin<&mut C>))
    where
        C: Future<Output = Result<(), hyper::Error>>,
    {
        let mut connection = std::pin::pin!(connection);
        let mut stopping = false;
        // Set once the server has asked the connection to close: dropped at this instant.
        let mut drop_at: Option<Instant> = None;
        let listener = self.listener.as_str();
        let peer = self.peer;
        loop {
            let notified = self.activity.changed.notified();
            let mut notified = std::pin::pin!(notified);
            notified.as_mut().enable();
            if self.activity.evicted.load(Ordering::Acquire) {
                debug!(listener, %peer, "closed an idle connection to make room for a new one");
                return;
            }
            let due = if drop_at.is_none() {
                self.activity.deadline(&self.limits)
            } else {
                None
            };
            tokio::select! {
                result = connection.as_mut() => {
                    self.log_end(result);
                    return;
                }
                _ = self.stop.changed(), if !stopping => {
                    stopping = true;
                    if !self.activity.requested.load(Ordering::Acquire) {
                        // Nothing to finish, and a silent peer would hold the stop up.
                        return;
                    }
                    graceful(connection.as_mut());
                }
                () = &mut notified => {}
                () = sleep_until(due.map(|(at, _)| at)) => {
                    let Some((_, why)) = due else { continue };
                    self.metrics.connection_timed_out(listener, why.as_str());
                    if why == Timeout::Header {
                        // Nothing to finish: a connection that never completed a request.
                        debug!(listener, %peer, "closed a connection that sent no complete request \
                            within {:?}", self.limits.header_timeout);
                        return;
                    }
                    debug!(listener, %peer, "closing a connection idle for {:?}", self.limits.idle_timeout);
                    graceful(connection.as_mut());
                    drop_at = Some(Instant::now() + CLOSE_GRACE);
                }
                () = sleep_until(drop_at) => {
                    info!(listener, %peer, "dropped a connection still open {CLOSE_GRACE:?} after \
                        the server asked it to close");
                    return;
                }
            }
        }
    }

    fn log_end(&self, result: Result<(), hyper::Error>) {
        let listener = self.listener.as_str();
        let peer = self.peer;
        let Err(error) = result else {
            debug!(listener, %peer, "connection closed");
            return;
        };
        if error.is_timeout() {
            self.metrics
                .connection_timed_out(listener, Timeout::Header.as_str());
            // Also how an idle HTTP/1.1 keep-alive connection ends: routine, so not above debug.
            debug!(listener, %peer, "closed a connection whose request headers did not arrive in time");
            return;
        }
        match h2_error(&error) {
            // We ended the connection: say why, loudly, since a client's calls died with it.
            Some(h2) if h2.is_go_away() && !h2.is_remote() => {
                let reason = h2
                    .reason()
                    .map_or_else(|| "unknown".to_owned(), |r| format!("{r:?}"));
                self.metrics.connection_closed_by_server(listener, &reason);
                warn!(listener, %peer, reason, error = %error, "closed the connection (HTTP/2 GOAWAY)");
            }
            Some(h2) if h2.is_io() => debug!(listener, %peer, error = %error, "connection lost"),
            Some(_) => {
                info!(listener, %peer, error = %error, "connection ended with an HTTP/2 error")
            }
            None if error.is_parse() || error.is_parse_status() => {
                info!(listener, %peer, error = %error, "closed a connection that sent a malformed request")
            }
            None => debug!(listener, %peer, error = %error, "connection ended"),
        }
    }
}

/// The h2 error behind a hyper error, if it is one.
fn h2_error(error: &hyper::Error) -> Option<&h2::Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(e) = source {
        if let Some(h2) = e.downcast_ref::<h2::Error>() {
            return Some(h2);
        }
        source = e.source();
    }
    None
}

/// Sleeps until `at`, or forever.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Accepts connections on `listener` until `stop` turns true, admitting at most
/// `limits.max_connections` at once and handing each to `serve`; then waits for the admitted
/// connections to finish. When the listener is full, a newcomer takes the place of the
/// connection doing least (silent ones first, then the longest idle); only when every
/// connection has a call in flight is it refused. So idle connections, however many, cannot
/// keep a health check or a client out.
pub async fn accept<F, Fut>(
    listener: TcpListener,
    kind: Listener,
    limits: Limits,
    metrics: Metrics,
    mut stop: watch::Receiver<bool>,
    serve: F,
) where
    F: Fn(TcpStream, Conn) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let registry = Arc::new(Registry::default());
    let mut connections = JoinSet::new();
    let name = kind.as_str();
    // Refusals and accept errors come in floods: logged at most once a second.
    let mut quiet_until = Instant::now();
    let mut unlogged = 0u64;
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => break,
        };
        while connections.try_join_next().is_some() {}
        let (socket, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors (EMFILE) or similar: back off instead of spinning.
                metrics.accept_failed(name);
                if Instant::now() >= quiet_until {
                    warn!(listener = name, %error, "cannot accept connections");
                    quiet_until = Instant::now() + Duration::from_secs(1);
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => Some(slot),
            // Full: a connection doing nothing gives its place to this one (it closes at
            // once, and its slot comes free as its task ends).
            Err(_) if registry.evict_one() => {
                match tokio::time::timeout(EVICTION_WAIT, slots.clone().acquire_owned()).await {
                    Ok(Ok(slot)) => {
                        metrics.connection_evicted(name);
                        Some(slot)
                    }
                    _ => None,
                }
            }
            Err(_) => None,
        };
        let Some(slot) = slot else {
            metrics.connection_refused(name);
            unlogged += 1;
            if Instant::now() >= quiet_until {
                warn!(
                    listener = name,
                    %peer,
                    refused = unlogged,
                    max = limits.max_connections,
                    "connection refused: the listener is full of connections with calls in flight"
                );
                unlogged = 0;
                quiet_until = Instant::now() + Duration::from_secs(1);
            }
            refuse(socket, kind);
            continue;
        };
        let _ = socket.set_nodelay(true);
        metrics.connection_opened(name);
        let activity = Arc::new(Activity::new());
        let conn = Conn {
            listener: kind,
            peer,
            limits,
            metrics: metrics.clone(),
            id: registry.add(activity.clone()),
            registry: registry.clone(),
            activity,
            stop: stop.clone(),
            _slot: slot,
        };
        connections.spawn(serve(socket, conn));
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

/// Closes a connection the listener has no room for; HTTP/1 clients get a 503 first when the
/// socket takes it at once (never waiting on a client that does not read).
fn refuse(socket: TcpStream, kind: Listener) {
    if kind != Listener::Grpc {
        let _ = socket.try_write(
            b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\ncontent-length: 0\r\n\
              connection: close\r\n\r\n",
        );
    }
    drop(socket);
}

/// Serves HTTP/1.1 on one connection with `service`, within the connection's limits; with
/// `keep_alive` off the connection closes after one response.
pub async fn serve_http1<S, Fut, B>(socket: TcpStream, conn: Conn, keep_alive: bool, service: S)
where
    S: Fn(http::Request<Incoming>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = http::Response<B>> + Send + 'static,
    B: Body + Unpin + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let service = Arc::new(service);
    let started = conn.activity.clone();
    let hyper_service = hyper::service::service_fn(move |request| {
        let service = service.clone();
        let call = started.begin();
        async move {
            let response = service(request).await;
            Ok::<_, Infallible>(response.map(|body| Tracked { body, _call: call }))
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(conn.limits.header_timeout)
        .keep_alive(keep_alive)
        .max_buf_size(64 * 1024);
    let connection = builder.serve_connection(TokioIo::new(socket), hyper_service);
    conn.supervise(connection, |c| c.graceful_shutdown()).await;
}

/// TLS for the gRPC port, from the server's PEM identity and an optional client CA.
pub type TlsAcceptor = tokio_rustls::TlsAcceptor;

/// Serves gRPC over HTTP/2 (TLS first when configured) on one connection.
pub async fn serve_grpc(socket: TcpStream, conn: Conn, grpc: InProcess, tls: Option<TlsAcceptor>) {
    match tls {
        None => serve_h2(socket, conn, grpc).await,
        Some(acceptor) => {
            let handshake =
                tokio::time::timeout(conn.limits.header_timeout, acceptor.accept(socket));
            let handshake = tokio::select! {
                handshake = handshake => handshake,
                () = conn.evicted() => return,
            };
            match handshake {
                Ok(Ok(stream)) => serve_h2(stream, conn, grpc).await,
                Ok(Err(error)) => {
                    info!(listener = "grpc", peer = %conn.peer, %error, "TLS handshake failed");
                }
                Err(_) => {
                    conn.metrics
                        .connection_timed_out("grpc", Timeout::Header.as_str());
                    debug!(listener = "grpc", peer = %conn.peer, "closed a connection whose TLS \
                        handshake did not finish within {:?}", conn.limits.header_timeout);
                }
            }
        }
    }
}

async fn serve_h2<IO>(io: IO, conn: Conn, grpc: InProcess)
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity = conn.activity.clone();
    let service = hyper::service::service_fn(move |request: http::Request<Incoming>| {
        let grpc = grpc.clone();
        let call = activity.begin();
        async move {
            let response = grpc.oneshot(request.map(tonic::body::Body::new)).await?;
            Ok::<_, Infallible>(response.map(|body| Tracked { body, _call: call }))
        }
    });
    let mut builder = hyper::server::conn::http2::Builder::new(TokioExecutor::new());
    builder
        .timer(TokioTimer::new())
        .initial_stream_window_size(STREAM_WINDOW)
        .initial_connection_window_size(CONNECTION_WINDOW)
        // Finds peers that vanished without closing, so they do not hold a slot for ever.
        .keep_alive_interval(Duration::from_secs(60))
        .keep_alive_timeout(Duration::from_secs(20));
    let connection = builder.serve_connection(TokioIo::new(io), service);
    conn.supervise(connection, |c| c.graceful_shutdown()).await;
}

/// The process's limit on open files (the soft `RLIMIT_NOFILE`), where the OS tells it.
pub fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    parse_open_files_limit(&limits)
}

fn parse_open_files_limit(limits: &str) -> Option<u64> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line
        .trim_start_matches("Max open files")
        .split_whitespace()
        .next()?;
    match soft {
        "unlimited" => Some(u64::MAX),
        n => n.parse().ok(),
    }
}

/// Descriptors kept free of every listener's bound: the listening sockets, log and database
/// files, the runtime's own, and room for a health check to be answered.
pub const RESERVED_FILES: u64 = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_soft_open_files_limit() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max cpu time              unlimited            unlimited            seconds\n\
                      Max open files            1024                 524288               files\n";
        assert_eq!(parse_open_files_limit(limits), Some(1024));
        assert_eq!(
            parse_open_files_limit("Max open files  unlimited  unlimited  files"),
            Some(u64::MAX)
        );
        assert_eq!(parse_open_files_limit("nothing here"), None);
    }

    /// The window arithmetic in `STREAM_WINDOW`'s comment, checked: one stream of the smallest
    /// gRPC messages, each in its own frame, cannot exhaust h2's budget of half the connection
    /// window, and twenty stalled streams of 60-byte items cannot either.
    #[test]
    fn one_stalled_stream_of_tiny_frames_fits_h2s_frame_budget() {
        const THRESHOLD: u64 = 256;
        let budget = u64::from(CONNECTION_WINDOW) / 2;
        let charge = |payload: u64, streams: u64| {
            streams * (u64::from(STREAM_WINDOW) / payload) * (THRESHOLD - payload)
        };
        assert!(charge(5, 1) <= budget, "{} > {budget}", charge(5, 1));
        assert!(charge(65, 20) <= budget, "{} > {budget}", charge(65, 20));
        // hyper's defaults (1 MiB both) fail the first: that was the bug.
        let old_budget = 512 * 1024;
        assert!((1024 * 1024 / 65) * (THRESHOLD - 65) > old_budget);
    }
}
