#!/usr/bin/env bash
# Builds every PE program of tb/programs with scripts/wse-cc:
#   scripts/build-programs.sh OUTDIR
# tb/programs/<group>/<name>.c or .S -> OUTDIR/<group>/<name>.elf (groups:
# isa, c, workloads), one line per program, and OUTDIR/expected.txt (the
# exit code each program must end with). Stops at the first program that
# does not build, and fails if expected.txt names a program that has no
# source. Headers (*.h) beside the sources are included, not built.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -eq 1 && $1 != -* ]] || {
  echo "usage: scripts/build-programs.sh OUTDIR" >&2
  exit 2
}
out=$1
mkdir -p "$out"

n=0
for src in "$root"/tb/programs/*/*.c "$root"/tb/programs/*/*.S; do
  [[ -e $src ]] || continue
  group=$(basename "$(dirname "$src")")
  name=$(basename "${src%.*}")
  mkdir -p "$out/$group"
  if ! "$root/scripts/wse-cc" "$src" -o "$out/$group/$name.elf"; then
    echo "build-programs: FAILED to build ${src#"$root"/}" >&2
    exit 1
  fi
  echo "built $group/$name.elf"
  n=$((n + 1))
done

# The workloads again for the fault-injection tile's 4 KiB SRAM (the repair
# tests run them on a repaired wafer of that tile): smaller static buffers.
mkdir -p "$out/workloads_4k"
for name in gemv stencil allreduce; do
  src=$root/tb/programs/workloads/$name.c
  if ! "$root/scripts/wse-cc" "$src" -DWSE_SRAM_4K -Wl,--defsym=__sram_size=4096 -Wl,--defsym=__stack_size=512 \
      -o "$out/workloads_4k/$name.elf"; then
    echo "build-programs: FAILED to build ${src#"$root"/} for a 4 KiB SRAM" >&2
    exit 1
  fi
  echo "built workloads_4k/$name.elf"
  n=$((n + 1))
done

# Every program the runners will look for must exist.
while read -r prog code; do
  [[ -z $prog || $prog == \#* ]] && continue
  [[ -f $out/$prog ]] || {
    echo "build-programs: tb/programs/expected.txt names $prog ($code), which has no source" >&2
    exit 1
  }
done <"$root/tb/programs/expected.txt"
cp "$root/tb/programs/expected.txt" "$out/expected.txt"
echo "build-programs: $n program(s) in $out"
