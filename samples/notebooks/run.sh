#!/usr/bin/env bash
# Runs the notebook top to bottom, headless, against the emulator, with the ModeSharp package
# built from this checkout. Prints "notebook: N passed, N failed" (one per code cell) and exits non-zero
# if any cell failed. Needs only the .NET SDK (dotnet-repl comes from the repo's tool manifest).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A version no earlier run used, so NuGet's cache can never hand the notebook a stale build.
version="0.1.0-local.$(date +%s)"
dotnet pack src/ModeSharp -c Release -o "$work/packages" -p:Version="$version" -p:IncludeSymbols=false --nologo -v quiet >/dev/null
dotnet tool restore >/dev/null

# A free loopback port for the emulator.
for _ in $(seq 1 50); do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
dotnet build src/ModeSharp.Emulator -c Release --nologo -v quiet >/dev/null
dotnet run --project src/ModeSharp.Emulator -c Release --no-build -- --urls "http://127.0.0.1:$port" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.2
done

# The notebook as committed loads ModeSharp from NuGet; here it loads the package just built.
sed -e "s|#r \\\\\"nuget: ModeSharp, \\*-\\*\\\\\"|#i \\\\\"nuget: $work/packages\\\\\"\\\\n\",\"#r \\\\\"nuget: ModeSharp, $version\\\\\"|" \
  samples/notebooks/latest-successful-run.ipynb >"$work/notebook.ipynb"
grep -q "$version" "$work/notebook.ipynb" || { echo "run.sh: could not point the notebook at the local package" >&2; exit 1; }

status=0
MODE_TOKEN=sample-token MODE_SECRET=sample-secret MODE_WORKSPACE=modeanalytics MODE_BASE_URL="http://127.0.0.1:$port" \
  dotnet dotnet-repl --run "$work/notebook.ipynb" --exit-after-run --output-format trx --output-path "$work/notebook.trx" \
  </dev/null >"$work/repl.log" 2>&1 || status=$?

# dotnet-repl reports every cell, markdown included; count the code cells only.
code_cells=$(grep -c '"cell_type": "code"' samples/notebooks/latest-successful-run.ipynb || true)
failed=$(grep -o '<UnitTestResult [^>]*outcome="Failed"' "$work/notebook.trx" 2>/dev/null | wc -l || true)
passed=$((code_cells - failed))
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "The notebook failed (dotnet-repl exit $status). Cell errors:" >&2
  grep -o '<Message>[^<]*' "$work/notebook.trx" 2>/dev/null | sed 's/<Message>/  /' >&2 || tail -n 40 "$work/repl.log" >&2
  [ "$failed" -ne 0 ] || failed=1
fi
echo "notebook: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
