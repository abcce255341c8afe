#!/usr/bin/env bash
# The short benchmark run: every reader on every dataset (diamonds, a generated 1M-row mixed table, a text-heavy
# table) and end to end over loopback (100k and 1M rows, gzip on), all in one run, ending in tables of ratios.
# Under two minutes on a 2-core machine. The full reader run is BenchmarkDotNet:
#   dotnet run -c Release --project bench/ModeSharp.Benchmarks -- --filter '*'
# and the full end-to-end run (adds 5M rows):
#   dotnet run -c Release --project bench/ModeSharp.Benchmarks -- e2e
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/ModeSharp.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly
dotnet bench/ModeSharp.Benchmarks/bin/Release/net10.0/ModeSharp.Benchmarks.dll quick "$@"
