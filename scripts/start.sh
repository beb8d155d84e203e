#!/usr/bin/env bash
# Starts AnHop with embedded defaults: SQLite in ./data, the in-process SFU, HTTPS on :8443 with a
# self-signed certificate kept in ./data, and plain HTTP on 127.0.0.1:8080. Extra arguments are passed
# to AnHop, e.g. --AnHop:Https:Port=9443.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "start.sh: the .NET 10 SDK is missing (dotnet not on PATH)" >&2; exit 1; }
command -v npm >/dev/null || { echo "start.sh: Node.js and npm are missing (needed to build the web client)" >&2; exit 1; }
dotnet build src/AnHop.Server -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet src/AnHop.Server/bin/Release/net10.0/AnHop.Server.dll --AnHop:DataDirectory="$(pwd)/data" "$@"
