#!/usr/bin/env bash
# Installs what AnHop's tests need, builds, runs every test (unit, integration, browser) inside a
# loopback-only network namespace, and ends with "N passed, N failed". Idempotent; run as root on Debian 12.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"

say() { printf '\n== %s\n' "$*"; }
die() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: it installs Debian packages and creates a network namespace"
command -v dotnet >/dev/null || die "the .NET 10 SDK is missing (dotnet not on PATH)"
command -v npm >/dev/null || die "Node.js and npm are missing"

say "Debian packages"
packages=(chromium libsrtp2-1 iproute2 fonts-dejavu-core python3-aiosmtpd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" || die "apt-get install failed"
else
  echo "all present: ${packages[*]}"
fi

say "npm ci (src/web)"
(cd src/web && npm ci --no-audit --no-fund) || die "npm ci failed"

say "dotnet restore and build"
dotnet restore AnHop.slnx || die "dotnet restore failed"
dotnet build AnHop.slnx -c Release --no-restore -nologo -clp:ErrorsOnly || die "build failed"

say "network namespace"
# The tests run in a private namespace whose only IPv4 address is 127.0.0.1, on a veth (not flagged loopback,
# so Chromium gathers host candidates on it). Nothing inside can reach or target any other address.
ns="anhop-test-$$"
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns" || die "cannot create network namespace $ns (need root and iproute2)"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip addr del 127.0.0.1/8 dev lo
ip netns exec "$ns" ip link add v0 type veth peer name v1
ip netns exec "$ns" ip addr add 127.0.0.1/8 dev v0
ip netns exec "$ns" ip link set v0 up
ip netns exec "$ns" ip link set v1 up
ip netns exec "$ns" ip -4 addr show | sed -n 's/^ *inet /  inet /p'

rm -rf "$results"; mkdir -p "$results"
# Browser tests save their screenshots under $ANHOP_ARTIFACTS/screenshots, kept with the results.
export ANHOP_ARTIFACTS="$results"
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  say "$name"
  ip netns exec "$ns" env ANHOP_TEST_NETNS="$ns" DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results" || status=1
done

say "summary"
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  printf '  %-28s %s passed, %s failed\n' "$(basename "$trx" .trx)" "${p:-0}" "${f:-0}"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# Name each failed test with the first lines of its message, so that the tail of a CI log says what failed.
if [ "$failed" -gt 0 ]; then
  echo "  failed tests:"
  python3 - "$results"/*.trx <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") != "Failed":
            continue
        message = result.findtext(".//t:Message", default="", namespaces=ns).strip().splitlines()
        print(f"    {result.get('testName')} ({result.get('duration')})")
        for line in message[:6]:
            print(f"      {line[:300]}")
PY
fi
expected=$(ls tests/*/*.csproj | wc -l)
found=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$found" -lt "$expected" ]; then
  echo "  only $found of $expected test projects produced results"
  failed=$((failed + expected - found)); status=1
fi
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed"
[ "$status" = 0 ] && [ "$failed" = 0 ]
