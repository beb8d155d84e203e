#!/usr/bin/env bash
# Runs the browser tests (Debug build) for development, inside a private network namespace like scripts/test.sh.
# Usage: scripts/browser-test.sh [dotnet test --filter expression]   e.g. scripts/browser-test.sh "FullyQualifiedName~Chat"
set -uo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/AnHop.Browser.Tests -nologo -clp:ErrorsOnly || exit 1
ns="anhop-dev-$$"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns add "$ns" || { echo "cannot create network namespace $ns (need root and iproute2)" >&2; exit 1; }
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip addr del 127.0.0.1/8 dev lo
ip netns exec "$ns" ip link add v0 type veth peer name v1
ip netns exec "$ns" ip addr add 127.0.0.1/8 dev v0
ip netns exec "$ns" ip link set v0 up
ip netns exec "$ns" ip link set v1 up
filter=()
[ $# -gt 0 ] && filter=(--filter "$1")
ip netns exec "$ns" env ANHOP_TEST_NETNS="$ns" dotnet test tests/AnHop.Browser.Tests --no-build --nologo "${filter[@]}"
