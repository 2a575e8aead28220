#!/usr/bin/env bash
# Builds both images from deploy/docker/Dockerfile with buildah (no Docker engine, no registry), runs the
# API image against a local PostgreSQL until /health/ready answers 200, then the worker image until it has
# joined the API's cluster and, stopped with SIGTERM, leaves it gracefully. Slow (a first run debootstraps
# a base: about 8 minutes on 2 cores) and root only; not part of scripts/test.sh, but CI runs it after it (.ci/run).
#
# No base image can be pulled here, so the official .NET images are stood in for by local ones built
# from a debootstrapped Debian and this machine's .NET install: SDK_IMAGE = base + the SDK,
# RUNTIME_IMAGE = base + the shared runtimes, ICU and CA certificates. The Dockerfile itself is unchanged.
#
# Environment: REMINDERS_IMAGE_WORK (default /var/tmp/reminders-image), REMINDERS_IMAGE_HTTP_PORT (18080),
# REMINDERS_IMAGE_SILO_PORT (21111), REMINDERS_PG_PORT (54339: a server of its own, data under the work folder).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${REMINDERS_IMAGE_WORK:-/var/tmp/reminders-image}
http_port=${REMINDERS_IMAGE_HTTP_PORT:-18080}
silo_port=${REMINDERS_IMAGE_SILO_PORT:-21111}
dotnet_root=${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}
base=localhost/reminders-base:bookworm
log() { printf 'test-image: %s\n' "$*" >&2; }

[ "$(id -u)" -eq 0 ] || { log "run as root (buildah with chroot isolation, debootstrap)"; exit 1; }
for tool in buildah debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah debootstrap >&2; }
done
mkdir -p "$work"

if ! buildah inspect --type image "$base" >/dev/null 2>&1; then
  if [ ! -x "$work/rootfs/bin/bash" ]; then
    log "debootstrapping Debian bookworm (minbase) into $work/rootfs"
    debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >&2
  fi
  tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
  c=$(buildah from scratch)
  buildah add "$c" "$work/rootfs.tar" / >/dev/null
  buildah run --isolation chroot "$c" -- sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates libicu72 libssl3 && rm -rf /var/lib/apt/lists/*' >&2
  buildah commit --rm "$c" "$base" >/dev/null
  rm -f "$work/rootfs.tar"
fi

# Stand-ins for mcr.microsoft.com/dotnet/sdk:10.0 and aspnet:10.0, from this machine's .NET.
stand_in() { # image, then the parts of the .NET folder it gets
  local image=$1 c part; shift
  buildah inspect --type image "$image" >/dev/null 2>&1 && return 0
  log "building $image from $dotnet_root ($*)"
  c=$(buildah from "$base")
  for part in "$@"; do
    buildah copy "$c" "$dotnet_root/$part" "/usr/share/dotnet/$part" >/dev/null
  done
  buildah run --isolation chroot "$c" -- ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
  # The SDK restores from NuGet through this machine's network, which may present its own CA: trust what
  # the machine trusts.
  [[ " $* " == *" sdk "* ]] && buildah copy "$c" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt >/dev/null
  buildah config --env DOTNET_ROOT=/usr/share/dotnet --env DOTNET_NOLOGO=1 --env DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    --env NUGET_CERT_REVOCATION_MODE=offline "$c"
  buildah commit --rm "$c" "$image" >/dev/null
}
stand_in localhost/reminders-sdk:10.0 dotnet host shared sdk packs sdk-manifests templates
stand_in localhost/reminders-aspnet:10.0 dotnet host shared

for target in api worker; do
  log "building the $target target of deploy/docker/Dockerfile"
  buildah bud --isolation chroot --format docker --layers -f deploy/docker/Dockerfile --target "$target" \
    --build-arg SDK_IMAGE=localhost/reminders-sdk:10.0 --build-arg RUNTIME_IMAGE=localhost/reminders-aspnet:10.0 \
    -t "localhost/reminders-$target:test" "$repo" >&2
done

# A PostgreSQL of its own, so that this never touches the test suite's server.
pg_port=${REMINDERS_PG_PORT:-54339}
connection=$(REMINDERS_PG_PORT=$pg_port REMINDERS_PG_DATA=$work/postgres "$repo/scripts/local-postgres.sh" start)
cluster="image-test-$$"
c=$(buildah from localhost/reminders-api:test)
w=$(buildah from localhost/reminders-worker:test)
cleanup() {
  local pid
  for pid in ${worker_pid:-} ${run_pid:-}; do
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  buildah rm "$c" "$w" >/dev/null 2>&1 || true
  REMINDERS_PG_PORT=$pg_port REMINDERS_PG_DATA=$work/postgres "$repo/scripts/local-postgres.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "running the image: the API silo in Production, one API key, on http://127.0.0.1:$http_port"
# The host's network is shared, so the ports are chosen not to collide with other silos on this machine.
# buildah run ignores the image's entrypoint, so it is named here, as the image names it.
setsid buildah run --isolation chroot \
  --env ASPNETCORE_ENVIRONMENT=Production --env "ASPNETCORE_HTTP_PORTS=$http_port" \
  --env "ConnectionStrings__Reminders=$connection" \
  --env "Reminders__Cluster__ClusterId=$cluster" --env "Reminders__Cluster__SiloPort=$silo_port" \
  --env Reminders__Cluster__GatewayPort=0 --env Reminders__Cluster__AdvertisedAddress=127.0.0.1 \
  --env Reminders__Auth__Keys__0__Name=image-test --env Reminders__Auth__Keys__0__Scopes=admin \
  --env Reminders__Auth__Keys__0__Sha256=c9bf068e8ad0697b0fa4a7022b2f79ef8204165540694a8831b96be0f1410a00 \
  "$c" -- reminders-entrypoint dotnet Reminders.Api.dll >"$work/api.log" 2>&1 &
run_pid=$!

for i in $(seq 1 180); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/health/ready")" = 200 ]; then
    user=$(buildah run --isolation chroot "$c" -- id -u)
    log "ready: /health/ready answered 200; the image runs as uid $user"
    [ "$user" = 1654 ] || { log "expected uid 1654"; exit 1; }
    # The image's own HEALTHCHECK command (CMD bash -c '...'), run inside the image against the running API.
    check=$(buildah inspect --type image --format '{{index .Docker.Config.Healthcheck.Test 3}}' localhost/reminders-api:test)
    buildah run --isolation chroot --env "HTTP_PORT=$http_port" "$c" -- bash -c "$check" \
      || { log "the image's HEALTHCHECK failed against a ready API"; exit 1; }
    log "the image's HEALTHCHECK passes"
    break
  fi
  kill -0 "$run_pid" 2>/dev/null || { log "the API exited; its log:"; tail -n 40 "$work/api.log" >&2; exit 1; }
  [ "$i" -lt 180 ] || { log "no 200 from /health/ready within 3 minutes; the API's log:"; tail -n 40 "$work/api.log" >&2; exit 1; }
  sleep 1
done

log "running the worker image; it delivers to the API's development receiver"
setsid buildah run --isolation chroot \
  --env "ConnectionStrings__Reminders=$connection" \
  --env "Reminders__Cluster__ClusterId=$cluster" --env "Reminders__Cluster__SiloPort=$((silo_port + 1))" \
  --env Reminders__Cluster__GatewayPort=0 --env Reminders__Cluster__AdvertisedAddress=127.0.0.1 \
  --env "Reminders__Delivery__WebhookUrl=http://127.0.0.1:$http_port/dev/webhook" \
  "$w" -- reminders-entrypoint dotnet Reminders.Silo.dll >"$work/worker.log" 2>&1 &
worker_pid=$!
psql=("$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d reminders -X -q -t -A)
for _ in $(seq 1 120); do
  # Orleans membership: status 3 is Active.
  active=$("${psql[@]}" -c "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '$cluster' AND status = 3")
  [ "$active" = 2 ] && break
  kill -0 "$worker_pid" 2>/dev/null || { log "the worker exited; its log:"; tail -n 40 "$work/worker.log" >&2; exit 1; }
  sleep 1
done
if [ "$active" != 2 ]; then
  log "the worker did not join within 2 minutes ($active active silos); its log:"
  tail -n 40 "$work/worker.log" >&2
  exit 1
fi
log "the worker joined: 2 active silos in cluster $cluster"

# A graceful stop, as a container runtime does it: SIGTERM to the silo process (PID 1 in a container;
# here the dotnet process in the group this script started, as buildah itself would answer with SIGKILL).
# Within the 45-second grace the manifests give, the worker must leave the membership table as Dead (6).
dotnet_pid=$(pgrep -g "$worker_pid" -x dotnet)
kill -TERM "$dotnet_pid"
for i in $(seq 1 45); do
  dead=$("${psql[@]}" -c "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '$cluster' AND port = $((silo_port + 1)) AND status = 6")
  if [ "$dead" = 1 ] && ! kill -0 "$dotnet_pid" 2>/dev/null; then
    log "the worker stopped gracefully in ${i} s: marked Dead and exited"
    exit 0
  fi
  sleep 1
done
log "the worker did not stop gracefully within 45 s; its log:"
tail -n 40 "$work/worker.log" >&2
exit 1
