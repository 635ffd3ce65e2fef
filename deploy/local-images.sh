#!/usr/bin/env bash
# Builds, without any image registry, the two images deploy/Dockerfile needs, and prints their names:
#   privclust/base:bookworm    Debian 12 minbase (debootstrap) + what a self-contained .NET app needs:
#                              libc6, libgcc-s1, libstdc++6, libssl3, zlib1g, ca-certificates
#                              (no ICU: the project sets InvariantGlobalization). Stands in for
#                              mcr.microsoft.com/dotnet/runtime-deps:10.0.
#   privclust/sdk-local:TAG    that base + this machine's .NET SDK (/usr/share/dotnet) + a NuGet folder feed
#                              holding exactly the packages `dotnet restore` of src/PrivClust.Cli needs, with a
#                              NuGet.Config that clears every other source. Stands in for mcr.microsoft.com/dotnet/sdk:10.0.
#                              TAG = SDK version + a hash of the files that decide the package set.
# Each image is built only when missing. Needs root, debootstrap, docker, dotnet, and Debian's and NuGet's registries
# (on the host; no container needs the network). Usage: deploy/local-images.sh [--print-only]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=${PRIVCLUST_CACHE:-/var/cache/privclust}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE_IMAGE=privclust/base:bookworm
log() { printf '[local-images %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

DOTNET_ROOT_DIR=$(dirname "$(readlink -f "$(command -v dotnet)")")
SDK_VERSION=$(dotnet --version)
# The package set is decided by the SDK, the central versions, the props and the project files under src/.
PROJECTS=(src/*/*.csproj)
INPUTS_HASH=$( { echo "$SDK_VERSION"; cat global.json Directory.Build.props Directory.Packages.props "${PROJECTS[@]}"; } | sha256sum | cut -c1-12)
SDK_IMAGE=privclust/sdk-local:$SDK_VERSION-$INPUTS_HASH
if [[ "${1:-}" == "--print-only" ]]; then echo "$BASE_IMAGE $SDK_IMAGE"; exit 0; fi
mkdir -p "$CACHE"

# ---- base image: debootstrap --variant=minbase, then docker import ----
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "building $BASE_IMAGE with debootstrap"
  ROOTFS=$CACHE/rootfs-bookworm
  rm -rf "$ROOTFS"
  debootstrap --variant=minbase --include=ca-certificates,libssl3,zlib1g,libstdc++6,libgcc-s1 \
    bookworm "$ROOTFS" "$MIRROR" > "$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/apt/archives/*.deb \
         "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/locale/*
  tar -C "$ROOTFS" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$ROOTFS"
  log "built $BASE_IMAGE"
fi

# ---- SDK image: base + host SDK + offline NuGet feed ----
if ! docker image inspect "$SDK_IMAGE" >/dev/null 2>&1; then
  log "building $SDK_IMAGE (SDK $SDK_VERSION from $DOTNET_ROOT_DIR)"
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  # The feed: restore the CLI's project files (as the Dockerfile's restore layer does) into an empty packages folder;
  # a global-packages folder is a valid NuGet folder feed.
  mkdir -p "$WORK/src" "$WORK/ctx/feed"
  cp global.json Directory.Build.props Directory.Packages.props "$WORK/src/"
  for p in "${PROJECTS[@]}"; do mkdir -p "$WORK/src/$(dirname "$p")"; cp "$p" "$WORK/src/$p"; done
  ( cd "$WORK/src" && dotnet restore src/PrivClust.Cli/PrivClust.Cli.csproj -r linux-x64 -p:SelfContained=true \
      --packages "$WORK/ctx/feed" > "$WORK/restore.log" 2>&1 ) || { tail -20 "$WORK/restore.log" >&2; exit 1; }
  cp -a "$DOTNET_ROOT_DIR" "$WORK/ctx/dotnet"
  cat > "$WORK/ctx/NuGet.Config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local-feed" value="/nuget-feed" />
  </packageSources>
</configuration>
XML
  cat > "$WORK/ctx/Dockerfile" <<DOCKERFILE
FROM $BASE_IMAGE
COPY dotnet /usr/share/dotnet
COPY feed /nuget-feed
COPY NuGet.Config /root/.nuget/NuGet/NuGet.Config
# No ICU in the base: invariant globalization. Offline: no vulnerability data to ask for (the project treats
# NuGet warnings as errors).
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 NuGetAudit=false
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && dotnet --version
DOCKERFILE
  docker build -q -t "$SDK_IMAGE" "$WORK/ctx" >/dev/null
  log "built $SDK_IMAGE"
  # Older SDK images (another SDK or package set) are 1 GB each: keep only this one.
  docker images --format '{{.Repository}}:{{.Tag}}' privclust/sdk-local | grep -vx "$SDK_IMAGE" | xargs -r docker rmi >/dev/null 2>&1 || true
fi
echo "$BASE_IMAGE $SDK_IMAGE"
