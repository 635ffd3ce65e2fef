#!/bin/sh
# The image's entrypoint: runs `privclust` with the arguments given. The daemons (`dealer`, `party`) run for
# months: they also get DOTNET_ReadyToRun=0, so that the framework's code (Kestrel, HTTP/2, TLS) is compiled for
# this processor on its first call instead of running precompiled generic x64 code for their whole life
# (with DOTNET_TieredCompilation=0 nothing is ever re-compiled). Client commands and health checks keep the
# precompiled code: they start in a third of the time. docs/operations.md, "JIT". A value set by the caller wins.
case "$1" in
  dealer|party) export DOTNET_ReadyToRun="${DOTNET_ReadyToRun:-0}" ;;
esac
exec /opt/privclust/privclust "$@"
