#!/usr/bin/env bash
# Containers end to end (docs/deployment.md): builds the image without any image registry and runs the compose demo.
#
#  1. installs docker.io, docker-compose, debootstrap (and curl) with apt-get when missing;
#  2. starts dockerd when none answers (and stops it again at the end);
#  3. builds the local base and SDK images (deploy/local-images.sh; cached: skipped when they exist);
#  4. builds the privclust image from deploy/Dockerfile with BASE_IMAGE/SDK_IMAGE pointing at them;
#  5. `docker-compose up -d` (Debian's 1.29; PRIVCLUST_COMPOSE="docker compose" for v2): certs, dealer, party-a,
#     party-b start in health order, the one-shot demo submits a k-means job to party-a;
#  6. checks: the demo succeeded; its result.json centroids equal the embedded demo's (privclust demo) and the
#     in-process engine's on the same split and spec
#     (deploy/e2e-reference.cs); each container is healthy and answers /healthz and /readyz with 200 on loopback;
#     after `stop party-b`, party-a's /readyz answers 503 while its /healthz stays 200;
#  7. tears everything down (containers, network, volumes) on any exit.
#
# Needs root on Debian 12 with dotnet on PATH. Prints "e2e: N passed, M failed" and exits non-zero on a failure.
# Knobs: PRIVCLUST_COMPOSE, PRIVCLUST_E2E_PROJECT (compose project name), PRIVCLUST_E2E_KEEP=1 (leave it running),
# PRIVCLUST_CACHE (debootstrap work folder, default /var/cache/privclust).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
T0=$(date +%s)
PROJECT=${PRIVCLUST_E2E_PROJECT:-privclust-e2e}
IMAGE=privclust:e2e
LOGS=$(mktemp -d /tmp/privclust-e2e.XXXXXX)
PASSED=0
FAILED=0
STARTED_DOCKERD=""
COMPOSE_UP=""

log() { printf '[e2e %4ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
pass() { PASSED=$((PASSED + 1)); log "ok   $*"; }
fail() { FAILED=$((FAILED + 1)); log "FAIL $*"; }
die() { fail "$*"; exit 1; }

cleanup() {
  local rc=$?
  set +e
  if [[ -n "$COMPOSE_UP" ]]; then
    if [[ $rc -ne 0 || $FAILED -ne 0 ]]; then
      log "logs of the compose services (last 40 lines each):"
      $COMPOSE logs --no-color --tail=40 2>&1 | sed 's/^/    /'
    fi
    if [[ "${PRIVCLUST_E2E_KEEP:-}" == 1 ]]; then
      log "PRIVCLUST_E2E_KEEP=1: left running; stop with: $COMPOSE down -v"
    else
      $COMPOSE down -v --remove-orphans >"$LOGS/down.log" 2>&1 || cat "$LOGS/down.log"
      log "torn down"
    fi
  fi
  if [[ -n "$STARTED_DOCKERD" && "${PRIVCLUST_E2E_KEEP:-}" != 1 ]]; then
    kill "$STARTED_DOCKERD" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$STARTED_DOCKERD" 2>/dev/null || break; sleep 0.5; done
    log "stopped the dockerd this run started"
  fi
  echo "e2e: $PASSED passed, $FAILED failed"
  log "took $(($(date +%s) - T0)) s; logs in $LOGS"
  [[ $rc -eq 0 && $FAILED -ne 0 ]] && rc=1
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. packages ----
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >"$LOGS/apt-update.log" 2>&1 || { tail -5 "$LOGS/apt-update.log"; die "apt-get update"; }
  apt-get install -y -q "${missing[@]}" >"$LOGS/apt-install.log" 2>&1 || { tail -20 "$LOGS/apt-install.log"; die "apt-get install ${missing[*]}"; }
fi
command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH"

# ---- 2. dockerd ----
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  if ! pgrep -x dockerd >/dev/null 2>&1; then rm -f /var/run/docker.pid; fi
  dockerd >"$LOGS/dockerd.log" 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$STARTED_DOCKERD" 2>/dev/null || { tail -20 "$LOGS/dockerd.log"; die "dockerd exited"; }
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { tail -20 "$LOGS/dockerd.log"; die "dockerd did not answer within 60 s"; }
fi
log "docker engine $(docker version -f '{{.Server.Version}}' 2>/dev/null), $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"

# ---- 3. local base and SDK images ----
IMAGES=$(deploy/local-images.sh | tail -1) || die "deploy/local-images.sh"
read -r BASE_IMAGE SDK_IMAGE <<<"$IMAGES"
log "images: BASE_IMAGE=$BASE_IMAGE SDK_IMAGE=$SDK_IMAGE"

# ---- 4. the privclust image ----
log "docker build (deploy/Dockerfile)"
OLD_IMAGE_ID=$(docker image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
if ! docker build -f deploy/Dockerfile --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "SDK_IMAGE=$SDK_IMAGE" \
     -t "$IMAGE" . >"$LOGS/build.log" 2>&1; then
  tail -40 "$LOGS/build.log"
  die "docker build"
fi
NEW_IMAGE_ID=$(docker image inspect -f '{{.Id}}' "$IMAGE")
if [[ -n "$OLD_IMAGE_ID" && "$OLD_IMAGE_ID" != "$NEW_IMAGE_ID" ]]; then docker rmi "$OLD_IMAGE_ID" >/dev/null 2>&1 || true; fi
pass "image $IMAGE built ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'); user $(docker image inspect -f '{{.Config.User}}' "$IMAGE"))"

# ---- 5. compose ----
# Free loopback ports (other engineers' daemons may hold the defaults).
free_port() {
  local p=$1
  while ss -Htln "sport = :$p" | grep -q . || [[ " ${TAKEN:-} " == *" $p "* ]]; do p=$((p + 1)); done
  TAKEN="${TAKEN:-} $p"
  echo "$p"
}
export PRIVCLUST_IMAGE=$IMAGE
PRIVCLUST_DEALER_HTTP_PORT=$(free_port 28080); export PRIVCLUST_DEALER_HTTP_PORT
PRIVCLUST_A_HTTP_PORT=$(free_port 28081); export PRIVCLUST_A_HTTP_PORT
PRIVCLUST_B_HTTP_PORT=$(free_port 28082); export PRIVCLUST_B_HTTP_PORT
PRIVCLUST_A_GRPC_PORT=$(free_port 27101); export PRIVCLUST_A_GRPC_PORT
COMPOSE="${PRIVCLUST_COMPOSE:-docker-compose} -p $PROJECT -f $REPO/docker-compose.yml"
$COMPOSE down -v --remove-orphans >/dev/null 2>&1 || true
COMPOSE_UP=1
log "compose up ($PROJECT; HTTP ports dealer $PRIVCLUST_DEALER_HTTP_PORT, a $PRIVCLUST_A_HTTP_PORT, b $PRIVCLUST_B_HTTP_PORT)"
# up -d returns once every service has started, each after its dependencies were healthy (or completed).
if ! timeout 300 $COMPOSE up -d --no-build >"$LOGS/up.log" 2>&1; then
  cat "$LOGS/up.log"
  die "compose up"
fi
pass "compose up: certs, dealer, party-a, party-b, demo started in health order"

# ---- 6. checks ----
cid() { $COMPOSE ps -q "$1"; }
DEMO=$(cid demo)
[[ -n "$DEMO" ]] || die "no demo container"
DEMO_RC=$(timeout 300 docker wait "$DEMO") || die "the demo did not end within 300 s"
$COMPOSE logs --no-color demo >"$LOGS/demo.log" 2>&1
[[ "$DEMO_RC" == 0 ]] || { tail -20 "$LOGS/demo.log"; die "demo exited with $DEMO_RC"; }
pass "demo job succeeded (privclust kmeans against party-a)"
sed 's/^/    /' "$LOGS/demo.log" | tail -12

docker cp "$DEMO:/var/lib/privclust/results/kmeans/result.json" "$LOGS/result.json" || die "the demo wrote no result.json"
COLUMNS_CSV='Annual Income (k$),Spending Score (1-100)'
log "reference 1: the embedded demo (privclust demo: dealer and both parties in one process) in the same image"
if docker run --rm --network none -v "$REPO/data:/data:ro" --entrypoint /bin/sh "$IMAGE" -c \
     'privclust demo --data-a /data/mall-a.csv --data-b /data/mall-b.csv --columns "$1" --k 5 --seed 1 --out /tmp/demo >&2 && cat /tmp/demo/result.json' \
     sh "$COLUMNS_CSV" >"$LOGS/embedded.json" 2>"$LOGS/embedded.log"; then
  if dotnet run deploy/e2e-reference.cs -- --compare "$LOGS/result.json" "$LOGS/embedded.json" >"$LOGS/compare.log" 2>&1; then
    sed 's/^/    /' "$LOGS/compare.log"
    pass "demo centroids equal the embedded demo's"
  else
    cat "$LOGS/compare.log"
    fail "demo centroids differ from the embedded demo's"
  fi
else
  tail -20 "$LOGS/embedded.log"
  fail "privclust demo (embedded) failed"
fi
log "reference 2: the in-process engine on the same split and spec (dotnet run deploy/e2e-reference.cs)"
if dotnet run deploy/e2e-reference.cs -- "$LOGS/result.json" data/mall-a.csv data/mall-b.csv 5 1 \
     'Annual Income (k$)' 'Spending Score (1-100)' >"$LOGS/reference.log" 2>&1; then
  sed 's/^/    /' "$LOGS/reference.log"
  pass "demo centroids equal the in-process engine's"
else
  cat "$LOGS/reference.log"
  fail "demo centroids differ from the in-process engine's"
fi

http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true; }
expect_code() { # NAME URL CODE
  local code
  code=$(http_code "$2")
  if [[ "$code" == "$3" ]]; then pass "$1 $2 -> $code"; else fail "$1 $2 -> $code (expected $3)"; fi
}
for svc in dealer party-a party-b; do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$(cid "$svc")")
  [[ "$status" == healthy ]] && pass "$svc: docker health $status" || fail "$svc: docker health $status"
done
# The daemons run with full JIT of the framework too (deploy/entrypoint.sh); commands run beside them do not.
svc_role() { [[ "$1" == dealer ]] && echo dealer || echo party; }
for svc in dealer party-a party-b; do
  # The daemon's own environment (compose runs it under an init process, so it is not PID 1).
  daemon=$(docker exec "$(cid "$svc")" sh -c 'for p in /proc/[0-9]*; do
      case "$(tr "\0" " " <"$p/cmdline" 2>/dev/null)" in "/opt/privclust/privclust $0 "*) tr "\0" "\n" <"$p/environ";; esac
    done' "$(svc_role "$svc")" | grep -E '^DOTNET_(TieredCompilation|ReadyToRun)=' | sort | tr '\n' ' ')
  beside=$(docker exec "$(cid "$svc")" sh -c 'echo "${DOTNET_ReadyToRun:-unset}"')
  if [[ "$daemon" == "DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 " && "$beside" == unset ]]; then
    pass "$svc: the daemon runs with full JIT ($daemon); a command beside it keeps ReadyToRun"
  else
    fail "$svc: JIT settings: daemon '$daemon', beside it DOTNET_ReadyToRun=$beside"
  fi
done
for pair in "dealer:$PRIVCLUST_DEALER_HTTP_PORT" "party-a:$PRIVCLUST_A_HTTP_PORT" "party-b:$PRIVCLUST_B_HTTP_PORT"; do
  svc=${pair%%:*} port=${pair##*:}
  expect_code "$svc" "http://127.0.0.1:$port/healthz" 200
  expect_code "$svc" "http://127.0.0.1:$port/readyz" 200
done
if curl -s -m 5 "http://127.0.0.1:$PRIVCLUST_A_HTTP_PORT/metrics" | grep -q '^privclust_jobs_succeeded_total 1$'; then
  pass "party-a /metrics counts the demo job"
else
  fail "party-a /metrics: no privclust_jobs_succeeded_total 1"
fi

# Mutual TLS: the certs service made the certificates, no daemon runs insecure-dev, a plaintext client gets nowhere,
# the operator certificate lists the job.
$COMPOSE logs --no-color certs dealer party-a party-b >"$LOGS/daemons.log" 2>&1
if grep -q "made a demo CA" "$LOGS/daemons.log" && ! grep -q "INSECURE" "$LOGS/daemons.log"; then
  pass "certs made; dealer and parties run mutual TLS"
else
  fail "certs not made, or a daemon runs insecure-dev (see $LOGS/daemons.log)"
fi
if docker run --rm --network host "$IMAGE" jobs --party "http://127.0.0.1:$PRIVCLUST_A_GRPC_PORT" --insecure-dev >"$LOGS/plaintext.log" 2>&1; then
  fail "a plaintext control client was answered by party-a"
else
  pass "a plaintext control client is refused by party-a ($(tail -1 "$LOGS/plaintext.log"))"
fi
if $COMPOSE run --rm --no-deps demo jobs --party https://party-a:7101 --certs /certs --party-identity party-a >"$LOGS/jobs.log" 2>&1 \
   && grep -q succeeded "$LOGS/jobs.log"; then
  pass "the operator certificate lists the job at party-a: $(grep succeeded "$LOGS/jobs.log" | tr -s ' ' | cut -c1-60)"
else
  cat "$LOGS/jobs.log"
  fail "privclust jobs with the operator certificate"
fi

log "stopping party-b"
$COMPOSE stop party-b >"$LOGS/stop.log" 2>&1 || { cat "$LOGS/stop.log"; die "compose stop party-b"; }
code=""
for _ in $(seq 1 30); do
  code=$(http_code "http://127.0.0.1:$PRIVCLUST_A_HTTP_PORT/readyz")
  [[ "$code" == 503 ]] && break
  sleep 0.5
done
if [[ "$code" == 503 ]]; then
  pass "party-a /readyz -> 503 with party-b stopped ($(curl -s -m 5 "http://127.0.0.1:$PRIVCLUST_A_HTTP_PORT/readyz"))"
else
  fail "party-a /readyz -> $code with party-b stopped (expected 503)"
fi
expect_code "party-a (peer stopped)" "http://127.0.0.1:$PRIVCLUST_A_HTTP_PORT/healthz" 200
