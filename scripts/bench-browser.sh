#!/usr/bin/env bash
# Join → first decoded remote frame in Chromium through AnHop's SFU, inside a loopback-only network namespace
# (as scripts/test.sh makes). Run as root after scripts/test.sh has installed Chromium. Usage: bench-browser.sh [trials]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/AnHop.BrowserBench -c Release -nologo -v quiet -clp:ErrorsOnly
ns="anhop-bench-$$"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip addr del 127.0.0.1/8 dev lo
ip netns exec "$ns" ip link add v0 type veth peer name v1
ip netns exec "$ns" ip addr add 127.0.0.1/8 dev v0
ip netns exec "$ns" ip link set v0 up
ip netns exec "$ns" ip link set v1 up
ip netns exec "$ns" env ANHOP_TEST_NETNS="$ns" dotnet bench/AnHop.BrowserBench/bin/Release/net10.0/AnHop.BrowserBench.dll --trials "${1:-20}"
