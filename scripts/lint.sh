#!/usr/bin/env bash
# Lints every RTL module over a small matrix of parameter sets.
#   scripts/lint.sh            (from any directory; `make lint` calls it)
#
# 1. Verilator: `verilator --lint-only -Wall` with each module as top, once per
#    configuration below. A configuration reads only the rtl/rtl.f prefix that
#    ends with the module's own file, so a file that needs something listed
#    after it fails here. Any Verilator message fails the run.
# 2. yosys: one process reads all of rtl/rtl.f and elaborates the same
#    configurations (hierarchy -check, proc, check). Any line that mentions
#    "Warning", or an inferred latch, fails the run: yosys 0.23 reports most
#    misreads of SystemVerilog only as warnings (docs/rtl-subset.md).
# Exit status is non-zero if anything failed; every failure is printed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# ---------------------------------------------------------------------------
# Configurations: "<module> <param>=<value>,... [DEFINE]" ("-" = defaults).
# Every module in rtl/rtl.f needs at least one line; sizes follow the test
# matrix. A third field defines a macro for Verilator only: WSE_FAULTS adds
# the simulation-only fault hooks, which yosys must never see.
# ---------------------------------------------------------------------------
CONFIGS=(
  "wse_fifo Depth=1"
  "wse_fifo Depth=2"
  "wse_fifo Depth=8"
  "wse_rr_arbiter N=1"
  "wse_rr_arbiter N=3"
  "wse_rr_arbiter N=5"
  "wse_index_mux Width=10,N=1"
  "wse_index_mux Width=10,N=3"
  "wse_index_mux Width=10,N=24"
  "wse_index_mux Width=7,N=32"
  "wse_router NumColors=24,InFifoDepth=2"
  "wse_router NumColors=1,InFifoDepth=1"
  "wse_router NumColors=32,InFifoDepth=8"
  "wse_router NumColors=3,InFifoDepth=2"
  "wse_sram Words=12288"
  "wse_sram Words=64"
  "wse_sram Words=64 WSE_FAULTS"
  "wse_pe_rx NumColors=24"
  "wse_pe_rx NumColors=1"
  "wse_pe_div -"
  "wse_pe_tensor -"
  "wse_pe_tensor NumColors=32,Words=256"
  "wse_pe_core -"
  "wse_pe_core NumColors=1,Words=1024"
  "wse_pe_core Words=1024 WSE_FAULTS"
  "wse_mbist -"
  "wse_link_bist -"
  "wse_router_bist -"
  "wse_router_bist NumColors=1"
  "wse_router_bist NumColors=32"
  "wse_mbist Words=64"
  "wse_mbist Words=1000"
  "wse_pe -"
  "wse_pe NumColors=32,Words=256"
  "wse_pe Words=1024 WSE_FAULTS"
  "wse_cfg_node -"
  "wse_cfg_guard -"
  "wse_cfg_guard G=1"
  "wse_cfg_guard G=31"
  "wse_link_parity -"
  "wse_repair_shell -"
  "wse_tile_cfg HasPe=1 WSE_FAULTS"
  "wse_tile_cfg -"
  "wse_tile_cfg HasPe=1"
  "wse_tile_cfg NumColors=1"
  "wse_tile -"
  "wse_tile NumColors=1"
  "wse_tile HasPe=1"
  "wse_tile HasPe=1,NumColors=32,SramWords=256"
  "wse_tile HasPe=1,SramWords=1024 WSE_FAULTS"
  "wse_mesh Width=1,Height=1"
  "wse_mesh Width=2,Height=2,HasPe=1,SramWords=256"
  "wse_mesh Width=2,Height=2"
  "wse_mesh Width=3,Height=5"
  "wse_mesh Width=4,Height=4"
  "wse_mesh Width=2,Height=2,HasPe=1,SramWords=256 WSE_FAULTS"
)

mapfile -t files < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' rtl/rtl.f)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0
ok=0

# Module name -> index of its file in rtl.f. The file name must match the
# module (or package) it declares: Verilator looks modules up by file name.
declare -A file_index=()
for i in "${!files[@]}"; do
  f=${files[$i]}
  name=$(basename "$f" .sv)
  if grep -Eq "^[[:space:]]*module[[:space:]]+${name}\b" "$f"; then
    file_index[$name]=$i
  elif ! grep -Eq "^[[:space:]]*package[[:space:]]+${name}\b" "$f"; then
    echo "lint FAIL $f: declares no module or package named $name" >&2
    fail=$((fail + 1))
  fi
done

declare -A configured=()
for cfg in "${CONFIGS[@]}"; do
  configured[${cfg%% *}]=1
done
for m in "${!file_index[@]}"; do
  if [[ -z ${configured[$m]:-} ]]; then
    echo "lint FAIL $m: no configuration in scripts/lint.sh" >&2
    fail=$((fail + 1))
  fi
done

# ---------------------------------------------------------------------------
# Verilator, one run per configuration
# ---------------------------------------------------------------------------
ys="$tmp/lint.ys"
: >"$ys"
for cfg in "${CONFIGS[@]}"; do
  read -r m params defs <<<"$cfg"
  if [[ -z ${file_index[$m]:-} ]]; then
    echo "lint FAIL $m: not in rtl/rtl.f" >&2
    fail=$((fail + 1))
    continue
  fi
  gargs=()
  chparam=""
  if [[ $params != "-" ]]; then
    IFS=, read -ra kv <<<"$params"
    for p in "${kv[@]}"; do
      gargs+=("-G$p")
      chparam+=" -chparam ${p%%=*} ${p#*=}"
    done
  fi
  last=${file_index[$m]}
  srcs=("${files[@]:0:$((last + 1))}")
  dargs=()
  [[ -n ${defs:-} ]] && dargs=("+define+$defs")
  if out=$(verilator --lint-only -Wall --top-module "$m" "${gargs[@]}" "${dargs[@]}" "${srcs[@]}" 2>&1) &&
     [[ -z $out ]]; then
    echo "lint OK $m $params ${defs:-}"
    ok=$((ok + 1))
  else
    echo "lint FAIL $m $params (verilator)"
    echo "$out"
    fail=$((fail + 1))
  fi
  # The same configuration for the yosys pass below (never with fault hooks).
  [[ -n ${defs:-} ]] && continue
  echo "design -load rtl; hierarchy -check -top $m$chparam; proc; check" >>"$ys"
done

# ---------------------------------------------------------------------------
# yosys: read everything once, elaborate every configuration
# ---------------------------------------------------------------------------
log="$tmp/yosys.log"
{
  echo "read_verilog -sv ${files[*]}"
  echo "design -save rtl"
  cat "$ys"
} >"$tmp/all.ys"
if ! yosys -q -l "$log" -s "$tmp/all.ys" >/dev/null 2>&1; then
  echo "lint FAIL yosys (error)"
  grep -E 'ERROR|Error' "$log" || tail -n 20 "$log"
  fail=$((fail + 1))
elif bad=$(grep -E 'Warning|^Latch inferred' "$log"); then
  echo "lint FAIL yosys (warnings mean the RTL may be misread; see docs/rtl-subset.md)"
  echo "$bad" | sort -u
  fail=$((fail + 1))
else
  echo "lint OK yosys read_verilog -sv rtl/rtl.f; ${#CONFIGS[@]} configurations elaborated"
fi

echo "lint: $ok/${#CONFIGS[@]} verilator configurations OK, $fail failure(s)"
[[ $fail -eq 0 ]]
