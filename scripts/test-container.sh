#!/usr/bin/env bash
# Proves the image rather than assuming it: builds the Dockerfile with podman, runs it on a named volume,
# queries it over a port on 127.0.0.1, stops it, then starts a new container on the same volume and checks
# that the data is still there. `npm run test:container`; needs root (apt-get, rootful podman).
#
# Self-sufficient on a machine without a Docker engine or a registry: it installs podman, runc, catatonit and
# debootstrap when missing, and when the Dockerfile's base image (node:<major>-<suite>-slim) is not in
# podman's store, builds a stand-in once (Debian minbase from the apt mirror, plus this host's node and npm)
# and tags it with the base's name; later runs reuse it and podman's layer cache.
#   DEBIAN_MIRROR  mirror for debootstrap (default: the Debian mirror apt uses)
#   CA_BUNDLE      CA file mounted into the build for npm behind a TLS-intercepting proxy
#                  (default /etc/ssl/certs/ca-certificates.crt when it exists; empty to skip)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=localhost/delegation-graph:test
READY_PATH=/readyz
STOP_TIMEOUT=10      # seconds `podman stop` waits before SIGKILL (the app exits by SHUTDOWN_GRACE_MS + 2 s)
STOP_WITHIN=5        # a graceful stop must take less than this
READY_WITHIN=90      # seconds from `podman run` to a 200 on READY_PATH
QUERY='{"query":"{ delegations { totalCount } }"}'
EXPECTED='{"data":{"delegations":{"totalCount":2}}}'

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then exec sudo -E bash "$0" "$@"; fi
  echo "test-container: FAILED: needs root (apt-get and rootful podman)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/delegation-graph-container.XXXXXX")
tag="delegation-graph-test-$$"
volume="$tag-data"
containers=()
log_file=""

say() { echo "test-container: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
fail() {
  echo "test-container: FAILED: $*" >&2
  if [ -n "$log_file" ] && [ -s "$log_file" ]; then
    echo "--- last lines of $(basename "$log_file")" >&2
    tail -n 40 "$log_file" >&2
  fi
  local c
  for c in "${containers[@]}"; do
    echo "--- logs of container $c" >&2
    podman logs "$c" 2>&1 | tail -n 40 >&2 || true
  done
  exit 1
}
cleanup() {
  local c
  for c in "${containers[@]}"; do podman rm -f -t 0 "$c" >/dev/null 2>&1 || true; done
  if command -v podman >/dev/null; then podman volume rm -f "$volume" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# Runs a command with its output in $work/<name>.log, shown by fail() when the command fails.
logged() {
  local name=$1
  shift
  log_file="$work/$name.log"
  "$@" >"$log_file" 2>&1
}
free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# ---------------------------------------------------------------------------------------------------------
# Podman, set up for this kind of machine: runc and cgroupfs (crun fails on hybrid cgroups), explicit ulimits
# (the defaults cannot be raised here), and events in a file (there is no journald).
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
[ -x /usr/libexec/podman/catatonit ] || command -v catatonit >/dev/null || missing+=(catatonit)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} with apt-get"
  t=$(now)
  logged apt bash -c "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" \
    || fail "apt-get install ${missing[*]}"
  say "installed in $(since "$t") s"
fi

cat >"$work/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=10000:10000"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF="$work/containers.conf"
podman info >/dev/null 2>&1 || { logged podman-info podman info; fail "podman does not work here"; }

# ---------------------------------------------------------------------------------------------------------
# The base image: the one in podman's store, or a stand-in made once from Debian and this host's node.
from=$(awk 'toupper($1) == "FROM" { print $2; exit }' Dockerfile)
case $from in */*) base=$from ;; *) base=docker.io/library/$from ;; esac
if podman image exists "$base"; then
  say "base image $base: in podman's store"
else
  [[ $from =~ ^node:([0-9]+)-([a-z]+)-slim$ ]] || fail "cannot make a stand-in for the base image $from"
  major=${BASH_REMATCH[1]}
  suite=${BASH_REMATCH[2]}
  node_bin=$(readlink -f "$(command -v node)")
  node_version=$(node -p process.versions.node)
  [ "${node_version%%.*}" = "$major" ] || fail "the base is Node $major but this host's node is $node_version"
  npm_dir=$(npm root -g)/npm
  headers=$(dirname "$(dirname "$node_bin")")/include/node
  { [ -d "$npm_dir" ] && [ -d "$headers" ]; } || fail "npm ($npm_dir) or Node's headers ($headers) not found"

  rootfs_image=localhost/debian-minbase:$suite
  if ! podman image exists "$rootfs_image"; then
    mirror=${DEBIAN_MIRROR:-$(grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null | head -n 1 | tr -d ' ' || true)}
    mirror=${mirror:-http://deb.debian.org/debian}
    say "making $rootfs_image with debootstrap from $mirror"
    t=$(now)
    logged debootstrap debootstrap --variant=minbase "$suite" "$work/rootfs" "$mirror" || fail "debootstrap $suite"
    rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
    logged import bash -c "tar -C '$work/rootfs' -c . | podman import - '$rootfs_image'" || fail "podman import"
    rm -rf "$work/rootfs"
    say "made $rootfs_image in $(since "$t") s"
  fi

  say "making a stand-in for $base: $rootfs_image with this host's node $node_version"
  t=$(now)
  mkdir -p "$work/node-base"
  cp "$node_bin" "$work/node-base/node"
  cp -r "$npm_dir" "$work/node-base/npm"
  cp -r "$headers" "$work/node-base/include"
  # As in the official image: node, npm and npx in /usr/local, Node's headers for node-gyp, the node user (1000).
  cat >"$work/node-base/Containerfile" <<EOF
FROM $rootfs_image
LABEL org.opencontainers.image.description="stand-in for $from: Debian $suite minbase and node $node_version, made by scripts/test-container.sh"
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY include /usr/local/include/node
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node \\
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
CMD ["node"]
EOF
  logged base-build podman build --pull=never --format docker -t "$base" "$work/node-base" || fail "building the stand-in base"
  rm -rf "$work/node-base"
  got=$(podman run --rm "$base" node -v 2>&1) || fail "node does not run in the stand-in base: $got"
  [ "$got" = "v$node_version" ] || fail "node in the stand-in base says $got"
  say "made the stand-in in $(since "$t") s"
fi

# ---------------------------------------------------------------------------------------------------------
# The project's image, from the working tree as .dockerignore filters it.
build_args=()
ca=${CA_BUNDLE-/etc/ssl/certs/ca-certificates.crt}
if [ -n "$ca" ] && [ -f "$ca" ]; then
  build_args=(-v "$ca:/etc/ssl/certs/extra-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/etc/ssl/certs/extra-ca.crt)
fi
say "building $IMAGE"
t=$(now)
# The build stage is tagged too, so that pruning this project's untagged images (earlier builds) keeps the
# layers the next build can reuse; the second build takes the first one's stage from the cache.
logged build podman build --pull=never --format docker "${build_args[@]}" --target build -t "$IMAGE-build" . \
  || fail "podman build (build stage)"
logged build podman build --pull=never --format docker "${build_args[@]}" -t "$IMAGE" . || fail "podman build"
log_file=""
build_s=$(since "$t")
podman image prune -f --filter "label=org.opencontainers.image.title=delegation-graph" >/dev/null
image_mb=$(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1000000 }')
say "built in $build_s s; image size $image_mb MB"

healthcheck=$(podman image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE" 2>/dev/null || true)
case $healthcheck in *"$READY_PATH"*) ;; *) fail "the image has no HEALTHCHECK on $READY_PATH (found: $healthcheck)" ;; esac
stop_signal=$(podman image inspect --format '{{.Config.StopSignal}}' "$IMAGE")
[ "$stop_signal" = SIGTERM ] || fail "the image's stop signal is '$stop_signal', not SIGTERM"

# ---------------------------------------------------------------------------------------------------------
# Runs a container on the volume, waits for readiness, queries it; sets $port, $ready_s.
start() {
  local name=$1 t code
  shift # the rest: extra arguments for `podman run`
  port=$(free_port)
  containers+=("$name")
  t=$(now)
  # Without systemd podman cannot schedule the periodic health check (it says so on stderr, kept in the log);
  # `podman healthcheck run` below runs it once.
  logged "run-$name" podman run -d --init --name "$name" -p "127.0.0.1:$port:4000" -v "$volume:/data" "$@" "$IMAGE" \
    || fail "podman run $name"
  log_file=""
  for _ in $(seq 1 $((READY_WITHIN * 5))); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$READY_PATH" || true)
    [ "$code" = 200 ] && break
    [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] || fail "$name exited before it was ready"
    sleep 0.2
  done
  [ "$code" = 200 ] || fail "$name: $READY_PATH answered $code, not 200, within $READY_WITHIN s"
  ready_s=$(since "$t")
  say "$name ready on 127.0.0.1:$port in $ready_s s"

  local answer
  answer=$(curl -s "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$QUERY")
  [ "$answer" = "$EXPECTED" ] || fail "$name answered $answer, expected $EXPECTED"
  local uid
  uid=$(podman exec "$name" id -u) || fail "podman exec $name id -u"
  [ "$uid" != 0 ] || fail "$name runs as root"
  local health
  health=$(podman healthcheck run "$name" 2>&1) || fail "$name: the HEALTHCHECK does not report healthy: $health"
  say "$name: query answered, runs as uid $uid, healthcheck healthy"
}

# Whether a container's log has a line containing $2 (through a file: grep -q would cut the pipe short).
logs_have() {
  podman logs "$1" >"$work/$1.log" 2>&1
  grep -qF "$2" "$work/$1.log"
}

# Stops a container and checks it went gracefully; sets $stop_s.
stop() {
  local name=$1 t exit_code
  t=$(now)
  logged "stop-$name" podman stop -t "$STOP_TIMEOUT" "$name" || fail "podman stop $name"
  log_file=""
  stop_s=$(since "$t")
  exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
  [ "$exit_code" = 0 ] || fail "$name exited with $exit_code after SIGTERM"
  awk -v s="$stop_s" -v m="$STOP_WITHIN" 'BEGIN { exit !(s < m) }' || fail "$name took $stop_s s to stop (limit $STOP_WITHIN s)"
  logs_have "$name" '"msg":"stopped"' || fail "$name did not log its graceful shutdown"
  say "$name stopped in $stop_s s, exit code 0"
}

podman volume create "$volume" >/dev/null
start "$tag-1"
ready1_s=$ready_s
logs_have "$tag-1" '"msg":"applied database migrations"' || fail "$tag-1 did not migrate the new volume"
logs_have "$tag-1" '"status":"CREATED"' || fail "$tag-1 did not seed the new volume"
# The review page is on with the explorer off (production's default); the service would not start without its bundled files.
review=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "http://127.0.0.1:$port/review")
[[ "$review" =~ ^200\ text/html ]] || fail "$tag-1: /review answered $review"
stop "$tag-1"
stop1_s=$stop_s

# A new container on the same volume finds the database as the first one left it. This one turns the explorer on
# (production's default is off): the image has no GraphiQL package, only the files the build bundled.
start "$tag-2" -e EXPLORER=graphiql
page=$(curl -s -H 'accept: text/html' "http://127.0.0.1:$port/graphql")
asset=$(grep -oE 'explorer/[^"]*/graphiql\.min\.js' <<<"$page" | head -1)
[ -n "$asset" ] || fail "$tag-2: no GraphiQL page at /graphql with EXPLORER=graphiql"
asset_bytes=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$port/$asset")
[[ "$asset_bytes" =~ ^200\ [0-9]{6,}$ ]] || fail "$tag-2: $asset answered $asset_bytes"
say "$tag-2 serves GraphiQL from the bundled files ($asset: $asset_bytes bytes)"
ready2_s=$ready_s
! logs_have "$tag-2" '"msg":"applied database migrations"' || fail "$tag-2 re-applied migrations: the data did not survive"
logs_have "$tag-2" '"status":"UNCHANGED"' || fail "$tag-2 did not find the seed already loaded"
! logs_have "$tag-2" '"status":"CREATED"' || fail "$tag-2 seeded again: the data did not survive"
say "$tag-2 found the data on the volume (no migration applied, seed unchanged)"
stop "$tag-2"

say "timings: build $build_s s; ready $ready1_s s (new volume), $ready2_s s (existing); stop $stop1_s s, $stop_s s"
say "image $IMAGE: $image_mb MB"
say "ok"
