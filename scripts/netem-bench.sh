#!/usr/bin/env bash
# Runs `privclust bench` over a link with added delay (default 10 ms each way = 20 ms round trip), on this machine,
# with network namespaces + a veth pair + tc netem. Needs root and iproute2 (apt-get install iproute2).
#
#   scripts/netem-bench.sh [--delay-ms 10] [--privclust PATH] [-- BENCH ARGS...]
#   default bench args: --workload mall-kmeans
#
# If the kernel has no netem (CONFIG_NET_SCH_NETEM unset, e.g. the Firecracker kernel of our 2-core machine, where
# `tc qdisc add ... netem` says "Specified qdisc kind is unknown"), the same namespaces are used and the delay is
# added by `privclust bench --link-delay-ms` instead: TCP relays in the bench process (in namespace a) that hold
# every chunk for the delay before forwarding it, on every connection across the link. The script says which.
#
# Topology (all traffic stays inside the two namespaces this script creates, removed on exit whatever happens):
#
#   netns pc-a-$$ (10.77.0.1): `privclust bench` itself, party a           netem delay on veth egress
#          | veth  <--- 10 ms each way --->  veth |
#   netns pc-b-$$ (10.77.0.2): dealer, party b, the link probe's echo server
#
# So party a <-> party b (the peer stream, every round) crosses the delayed link, party b <-> dealer (corrections)
# does not, and the probe (bench -> echo server beside b) measures the same link for the floor.
set -euo pipefail

DELAY_MS=10
PRIVCLUST=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --delay-ms) DELAY_MS="$2"; shift 2 ;;
    --privclust) PRIVCLUST="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "netem-bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
BENCH_ARGS=("$@")
[[ ${#BENCH_ARGS[@]} -gt 0 ]] || BENCH_ARGS=(--workload mall-kmeans)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z "$PRIVCLUST" ]]; then
  PRIVCLUST="$ROOT/src/PrivClust.Cli/bin/Release/net10.0/privclust"
  [[ -x "$PRIVCLUST" ]] || dotnet build "$ROOT/src/PrivClust.Cli" -c Release -v q >&2
fi
[[ $EUID -eq 0 ]] || { echo "netem-bench.sh: needs root (network namespaces, tc)" >&2; exit 2; }
command -v ip >/dev/null && command -v tc >/dev/null || { echo "netem-bench.sh: needs iproute2 (apt-get install iproute2)" >&2; exit 2; }

NS_A="pc-a-$$"; NS_B="pc-b-$$"; VETH_A="pcva$$"; VETH_B="pcvb$$"
cleanup() {
  ip netns pids "$NS_A" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns pids "$NS_B" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del "$NS_A" 2>/dev/null || true   # deleting a namespace deletes its end of the veth pair, and the pair
  ip netns del "$NS_B" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

ip netns add "$NS_A"
ip netns add "$NS_B"
ip link add "$VETH_A" type veth peer name "$VETH_B"
ip link set "$VETH_A" netns "$NS_A"
ip link set "$VETH_B" netns "$NS_B"
ip -n "$NS_A" addr add 10.77.0.1/24 dev "$VETH_A"
ip -n "$NS_B" addr add 10.77.0.2/24 dev "$VETH_B"
for ns in "$NS_A" "$NS_B"; do ip -n "$ns" link set lo up; done
ip -n "$NS_A" link set "$VETH_A" up
ip -n "$NS_B" link set "$VETH_B" up
DELAY_ARGS=()
if tc -n "$NS_A" qdisc add dev "$VETH_A" root netem delay "${DELAY_MS}ms" limit 100000 2>/dev/null; then
  tc -n "$NS_B" qdisc add dev "$VETH_B" root netem delay "${DELAY_MS}ms" limit 100000
  echo "netem-bench: tc netem: ${DELAY_MS} ms each way on the veth pair 10.77.0.1 <-> 10.77.0.2" >&2
else
  DELAY_ARGS=(--link-delay-ms "$DELAY_MS")
  echo "netem-bench: this kernel has no netem qdisc; adding ${DELAY_MS} ms each way with privclust bench --link-delay-ms (relays in namespace a)" >&2
fi
echo "netem-bench: $(uptime)" >&2

ip netns exec "$NS_A" "$PRIVCLUST" bench "${BENCH_ARGS[@]}" "${DELAY_ARGS[@]}" \
  --a-site 10.77.0.1 \
  --b-site "10.77.0.2=ip netns exec $NS_B" \
  --dealer-site "10.77.0.2=ip netns exec $NS_B"
