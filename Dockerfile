# The scaletest image: the release archive (module dist) on a Debian base, nothing else added.
# Build it with bin/build-image (after ./mvnw -B package), which passes the build arguments below.
#
#   docker run --rm scaletest:latest create-workspaces --embedded --count 100
#   docker run --rm -v "$PWD/results:/results" -e CODER_URL -e CODER_SESSION_TOKEN \
#     scaletest:latest run --template kubernetes --output json:report.json
#
# Results: the working directory is /results, a volume owned by the image's user (uid 10001);
# relative --output and --journal-dir paths land there (the journal's default, scaletest-runs/, too).
# The base needs a POSIX sh for the launcher (and for the Kubernetes merge Job) and tar for
# `kubectl cp`; Debian's base images have both. The Java runtime is the archive's own.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}

# A numeric user, so Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin scaletest \
 && mkdir /results && chown scaletest:scaletest /results

# Declared after the user's layer, so a new version or revision rebuilds only what follows.
ARG BASE_IMAGE
ARG VERSION
ARG REVISION=unknown
ARG CREATED=unknown

# ADD unpacks the local archive into /opt/scaletest-VERSION/; root owns it, the user only runs it.
ADD dist/target/scaletest-${VERSION}-linux-x64.tar.gz /opt/
ENV PATH=/opt/scaletest-${VERSION}/bin:${PATH}

USER 10001:10001
WORKDIR /results
VOLUME ["/results"]
ENTRYPOINT ["scaletest"]
CMD ["--help"]

LABEL org.opencontainers.image.title="scaletest" \
      org.opencontainers.image.description="Load tests for Coder deployments: workspaces, web terminals, SSH and apps." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"
