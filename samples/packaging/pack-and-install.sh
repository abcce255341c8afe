#!/usr/bin/env bash
# Packs the library and the tool, checks what the packages carry, installs the tool from the local folder
# into a temporary tool path, and runs `modesharp demo` from it. Prints "packaging: N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version="0.1.0-local.$(date +%s)"
passed=0
failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }

pack() {
  dotnet pack src/ModeSharp -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet >"$work/pack.log" 2>&1 &&
  dotnet pack src/ModeSharp.Cli -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet >>"$work/pack.log" 2>&1 ||
  { cat "$work/pack.log" >&2; return 1; }
}
contents() { dotnet run "$here/check-packages.cs" -- "$work/packages" "$version"; }
tool_demo() {
  dotnet tool install ModeSharp.Cli --tool-path "$work/tool" --add-source "$work/packages" --version "$version" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; return 1; }
  "$work/tool/modesharp" demo >"$work/demo.log" 2>&1 && grep -q "integer (4): year, sets, parts, themes" "$work/demo.log" ||
    { cat "$work/demo.log" >&2; return 1; }
}

check pack
check contents
check tool_demo
echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
