# syntax=docker/dockerfile:1
# Sift's container image: built from source in one stage, run from a small Debian image as an
# unprivileged user. `docker build -t sift .`; `compose.yaml` runs PostgreSQL and two instances.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
# protoc is not needed (protox compiles the .proto files in pure Rust); SQLite is bundled.
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin sift \
    && cp target/release/sift /usr/local/bin/sift

FROM debian:bookworm-slim
# ca-certificates: for PostgreSQL over TLS. The user owns only its data folder.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/sift --shell /usr/sbin/nologin sift \
    && mkdir -p /var/lib/sift \
    && chown sift:sift /var/lib/sift
COPY --from=build /usr/local/bin/sift /usr/local/bin/sift
USER 10001:10001
WORKDIR /var/lib/sift
# Every flag has an environment variable (README, "Configuration"). Authentication stays on:
# make the first token with `docker compose exec sift-1 sift token create ...`.
ENV SIFT_LISTEN=0.0.0.0:50051 \
    SIFT_DATABASE_URL=sqlite:///var/lib/sift/sift.db \
    SIFT_LOG_FORMAT=json
VOLUME ["/var/lib/sift"]
EXPOSE 50051
# The gRPC health service (open, no token): SERVING once the database answers.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["sift", "health", "--server", "http://127.0.0.1:50051"]
ENTRYPOINT ["sift"]
CMD ["serve"]
