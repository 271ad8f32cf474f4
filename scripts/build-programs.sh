#!/usr/bin/env bash
# Builds every PE program of tb/programs with scripts/wse-cc:
#   scripts/build-programs.sh OUTDIR
# tb/programs/<group>/<name>.{c,S} -> OUTDIR/<group>/<name>.elf, plus
# OUTDIR/expected.txt (program -> expected exit code). Stops at the first
# program that does not build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: scripts/build-programs.sh OUTDIR}
mkdir -p "$out"
n=0
for src in "$root"/tb/programs/*/*.c "$root"/tb/programs/*/*.S; do
  [[ -e $src ]] || continue
  group=$(basename "$(dirname "$src")")
  name=$(basename "${src%.*}")
  mkdir -p "$out/$group"
  "$root/scripts/wse-cc" "$src" -o "$out/$group/$name.elf"
  echo "built $group/$name.elf"
  n=$((n + 1))
done
cp "$root/tb/programs/expected.txt" "$out/expected.txt"
echo "build-programs: $n program(s) in $out"
