#!/usr/bin/env bash
# Writes the yosys gate-level netlist of one RTL module, keeping its name and
# ports, for gate-level simulation under Verilator (the build uses it for the
# router, into build/gl/). Same recipe as scripts/synth.sh (synth -flatten);
# this one does only the netlist, so a build does not pay for the full report.
#   scripts/netlist.sh <top-module> <out.v>
set -euo pipefail
top=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
files=$(sed "s|^|$root/|" "$root/rtl/rtl.f" | tr '\n' ' ')
mkdir -p "$(dirname "$out")"
log="$out.log"
yosys -q -l "$log" -p "read_verilog -sv $files; synth -top $top -flatten; write_verilog -noattr $out.tmp" >/dev/null
if grep -q "Warning" "$log"; then
  echo "netlist.sh: yosys warnings for $top (design may be misread):" >&2
  grep "Warning" "$log" >&2
  rm -f "$out.tmp"
  exit 1
fi
mv "$out.tmp" "$out"
