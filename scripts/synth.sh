#!/usr/bin/env bash
# yosys synthesis of wse_router, wse_tile and a 2x2 wse_mesh to yosys's
# generic gate library: cell counts, gate-level netlists and a timing estimate.
#   scripts/synth.sh [--out DIR] [--flat-mesh]     (`make synth` calls it)
#
#   --out DIR     outputs (default <repo>/build/synth; a relative DIR is taken
#                 from the caller's working directory)
#   --flat-mesh   synthesize the mesh with `synth -flatten` like the others
#                 (about 2 minutes and 1.6 GB on its own). Default: bottom-up,
#                 each distinct module synthesized once, then flattened (35 s)
#
# Outputs in DIR: cells.json, timing.json, wse_router_gl.v, wse_tile_gl.v,
# per module <m>.ys (the yosys script), <m>.log, <m>.stat, <m>.ltp, <m>.json.
# Fails on any yosys warning not in ALLOW below, on an inferred latch, and if a
# netlist changes the module's name or ports or does not verilate.
# Method and assumptions: docs/synthesis.md.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

out="$root/build/synth"
flat_mesh=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    --flat-mesh) flat_mesh=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "synth.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

# ---------------------------------------------------------------------------
# Assumptions of the timing estimate (docs/synthesis.md). The SDC gives the
# period and I/O delays; these give the cost of logic, in picoseconds.
# ---------------------------------------------------------------------------
GATE_PS=25       # one generic gate level ($_AND_, $_MUX_, $_NOT_ ...), rough 7 nm-class
CLK_TO_Q_PS=30   # flop clock-to-q
SETUP_PS=20      # flop setup
SDC=constraints/wse_tile.sdc

# Verilator flags that verilate the netlists without a message (documented in
# docs/synthesis.md). VL_GL_FLAGS is for Verilator's default warnings; the
# check runs the -Wall set, which implies it: the extra warnings it turns off
# are lint/style warnings, off by default.
VL_GL_FLAGS=(-Wno-UNOPTFLAT)
VL_GL_WALL_FLAGS=(-Wall "${VL_GL_FLAGS[@]}" -Wno-DECLFILENAME -Wno-UNDRIVEN -Wno-UNUSEDSIGNAL)

# ---------------------------------------------------------------------------
# Warning policy: every yosys line matching /Warning/ fails the run unless it
# matches an entry here (an extended regex). yosys 0.23 reports misreads of
# SystemVerilog only as warnings ("is implicitly declared", "has no driver",
# "Range select out of bounds", "Resizing cell port", "Replacing memory ...
# with list of registers"). Each entry needs a comment saying why it is
# harmless. Empty: no warning is harmless so far.
# ---------------------------------------------------------------------------
ALLOW=(
)

mapfile -t files < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' rtl/rtl.f)

t_start=$SECONDS
fail=0

# ---------------------------------------------------------------------------
# Report helper (Python 3, standard library only)
#   sdc <sdc> <out.json>                 -> prints "period_ps abc_delay_levels"
#   report <out> <module>...             -> cells.json, timing.json, tables
# ---------------------------------------------------------------------------
report_py() {
  GATE_PS=$GATE_PS CLK_TO_Q_PS=$CLK_TO_Q_PS SETUP_PS=$SETUP_PS python3 - "$@" <<'PY'
import fnmatch, json, os, re, sys

GATE = int(os.environ["GATE_PS"])
CLKQ = int(os.environ["CLK_TO_Q_PS"])
SETUP = int(os.environ["SETUP_PS"])


def parse_sdc(path):
    """create_clock, set_input/output_delay, set_false_path -from/-to; ns -> ps."""
    text = open(path).read().replace("\\\n", " ")
    sdc = {"file": path, "period_ps": None, "clock_port": None,
           "input_delay_ps": [], "output_delay_ps": [], "false_from": [], "false_to": []}
    for raw in text.splitlines():
        line = raw.split(";#")[0].strip()
        if not line or line.startswith("#"):
            continue
        ports = []
        for m in re.finditer(r"\[get_ports\s+(\{[^}]*\}|\S+?)\]", line):
            ports += m.group(1).strip("{}").split()
        rest = re.sub(r"\[get_ports[^\]]*\]", " ", line)
        toks = rest.split()
        cmd = toks[0]
        if cmd == "create_clock":
            sdc["period_ps"] = round(float(toks[toks.index("-period") + 1]) * 1000)
            sdc["clock_port"] = ports[0] if ports else None
        elif cmd in ("set_input_delay", "set_output_delay"):
            vals = [t for i, t in enumerate(toks[1:], 1)
                    if not t.startswith("-") and toks[i - 1] not in ("-clock",)]
            entry = {"delay_ps": round(float(vals[0]) * 1000), "ports": ports}
            key = "input_delay_ps" if cmd == "set_input_delay" else "output_delay_ps"
            sdc[key].append(entry)
        elif cmd == "set_false_path":
            key = "false_from" if "-from" in line.split("[")[0] else "false_to"
            sdc[key] += ports
        else:
            sys.exit(f"synth.sh: {path}: unsupported SDC command '{cmd}'")
    if sdc["period_ps"] is None:
        sys.exit(f"synth.sh: {path}: no create_clock -period")
    return sdc


def match(name, patterns):
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def port_delay(name, entries):
    ds = [e["delay_ps"] for e in entries if match(name, e["ports"])]
    return max(ds) if ds else None


def is_ff(t):
    return re.match(r"^\$_(S?DFF|DFFSR|ALDFF|FF_)", t) is not None


def is_latch(t):
    return re.match(r"^\$_(DLATCH|SR_)", t) is not None


def analyse(netlist, sdc):
    """Cell counts and a unit-delay longest-path analysis of a flat netlist."""
    mods = json.load(open(netlist))["modules"]
    tops = [n for n, m in mods.items() if m.get("attributes", {}).get("top")]
    mod = mods[tops[0] if tops else next(iter(mods))]
    cells = mod["cells"]

    by_type = {}
    for c in cells.values():
        by_type[c["type"]] = by_type.get(c["type"], 0) + 1
    flops = sum(n for t, n in by_type.items() if is_ff(t))
    latches = sum(n for t, n in by_type.items() if is_latch(t))
    counts = {"cells": len(cells), "flops": flops,
              "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))}

    # Readable names for bits: of the public nets carrying a bit, prefer a
    # flop's own name (..._q), then the shortest.
    best = {}
    for n, nn in mod["netnames"].items():
        if nn.get("hide_name"):
            continue
        bits = nn["bits"]
        key = (not n.split(".")[-1].endswith("_q"), len(n))
        for i, b in enumerate(bits):
            if isinstance(b, int) and (b not in best or key < best[b][0]):
                best[b] = (key, f"{n}[{i}]" if len(bits) > 1 else n)
    bitname = {b: v[1] for b, v in best.items()}

    # Drivers: input ports, flop outputs and combinational cell outputs.
    port_src = {}          # bit -> port name
    out_ports = []         # (port, index, bit)
    unconstrained_in, unconstrained_out = [], []
    for pn, p in mod["ports"].items():
        if p["direction"] == "input":
            for b in p["bits"]:
                if isinstance(b, int):
                    port_src[b] = pn
        else:
            for i, b in enumerate(p["bits"]):
                out_ports.append((pn, i, b))
    ff_q, comb_drv = {}, {}
    for cn, c in cells.items():
        dirs = c["port_directions"]
        for pin, bits in c["connections"].items():
            if dirs.get(pin) != "output":
                continue
            for b in bits:
                if isinstance(b, int):
                    (ff_q if is_ff(c["type"]) else comb_drv)[b] = cn

    in_delay = {}
    for pn, p in mod["ports"].items():
        if p["direction"] != "input" or pn == sdc["clock_port"] or match(pn, sdc["false_from"]):
            continue
        d = port_delay(pn, sdc["input_delay_ps"])
        if d is None:   # not in the SDC: treated as driven by a flop at the edge
            unconstrained_in.append(pn)
            in_delay[pn] = (CLKQ, "reg")
        else:
            in_delay[pn] = (d, "in")

    # arrival(bit) = {kind: (time_ps, levels, start)}: the latest path from
    # each kind of startpoint ("in": a constrained input port, "reg": a flop or
    # an input not in the SDC), so each path class keeps its own worst path.
    sys.setrecursionlimit(100000)
    memo, depth_memo = {}, {}

    def arrival(b):
        if not isinstance(b, int):
            return {}
        if b in memo:
            return memo[b]
        r = {}
        if b in comb_drv:
            c = cells[comb_drv[b]]
            for pin, bits in c["connections"].items():
                if c["port_directions"].get(pin) != "input":
                    continue
                for ib in bits:
                    for kind, a in arrival(ib).items():
                        if kind not in r or (a[0], a[1]) > (r[kind][0], r[kind][1]):
                            r[kind] = a
            r = {k: (a[0] + GATE, a[1] + 1, a[2]) for k, a in r.items()}
        elif b in ff_q:
            r = {"reg": (CLKQ, 0, bitname.get(b, ff_q[b]))}
        elif b in port_src and port_src[b] in in_delay:
            pn = port_src[b]
            idx = mod["ports"][pn]["bits"].index(b)
            d, kind = in_delay[pn]
            r = {kind: (d, 0, f"{pn}[{idx}]")}
        memo[b] = r
        return r

    def depth(b):  # gate levels ignoring constraints (what `ltp -noff` counts)
        if not isinstance(b, int) or b not in comb_drv:
            return 0
        if b not in depth_memo:
            c = cells[comb_drv[b]]
            depth_memo[b] = 1 + max([depth(ib) for pin, bits in c["connections"].items()
                                     if c["port_directions"].get(pin) == "input" for ib in bits] or [0])
        return depth_memo[b]

    worst = {}

    def endpoint(b, required, end, kind):
        for start_kind, a in arrival(b).items():
            cls = f"{start_kind}->{kind}"
            slack = required - a[0]
            start_offset = a[0] - a[1] * GATE
            path = {"levels": a[1], "logic_ps": a[1] * GATE,
                    "budget_ps": required - start_offset, "slack_ps": slack,
                    "arrival_ps": a[0], "required_ps": required, "start": a[2], "end": end}
            if cls not in worst or (slack, -a[1]) < (worst[cls]["slack_ps"], -worst[cls]["levels"]):
                worst[cls] = path

    max_depth = 0
    for cn, c in cells.items():
        if not is_ff(c["type"]):
            continue
        q = [b for pin, bits in c["connections"].items()
             if c["port_directions"].get(pin) == "output" for b in bits]
        qname = bitname.get(q[0], cn) if q else cn
        for pin, bits in c["connections"].items():
            if c["port_directions"].get(pin) != "input" or pin == "C":
                continue
            for b in bits:
                endpoint(b, sdc["period_ps"] - SETUP, f"{qname} ({pin})", "reg")
                max_depth = max(max_depth, depth(b))
    out_seen = set()
    for pn, i, b in out_ports:
        max_depth = max(max_depth, depth(b))
        if match(pn, sdc["false_to"]):
            continue
        d = port_delay(pn, sdc["output_delay_ps"])
        if d is None:   # not in the SDC: treated as captured by a flop at the edge
            if pn not in out_seen:
                unconstrained_out.append(pn)
            d = SETUP
        out_seen.add(pn)
        endpoint(b, sdc["period_ps"] - d, f"{pn}[{i}]", "out")

    order = ["reg->reg", "in->reg", "reg->out", "in->out"]
    paths = {k: worst[k] for k in order if k in worst}
    crit = min(paths.items(), key=lambda kv: (kv[1]["slack_ps"], -kv[1]["levels"])) if paths else None
    timing = {"max_levels": max_depth, "paths": paths,
              "worst": dict(crit[1], path=crit[0]) if crit else None,
              "unconstrained_inputs": sorted(set(unconstrained_in)),
              "unconstrained_outputs": sorted(set(unconstrained_out))}
    return counts, timing, latches


def main():
    mode = sys.argv[1]
    if mode == "sdc":
        sdc = parse_sdc(sys.argv[2])
        json.dump(sdc, open(sys.argv[3], "w"), indent=2)
        budget = sdc["period_ps"] - CLKQ - SETUP
        print(sdc["period_ps"], budget // GATE)
        return
    out, names = sys.argv[2], sys.argv[3:]
    sdc = json.load(open(f"{out}/sdc.json"))
    meta = json.load(open(f"{out}/modules.json"))
    cells_json, timing_json, bad = {}, {}, False
    for name in names:
        counts, timing, latches = analyse(f"{out}/{name}.json", sdc)
        if latches:
            print(f"synth.sh: {name}: {latches} latch cell(s) in the netlist", file=sys.stderr)
            bad = True
        m = re.search(r"length=(\d+)", open(f"{out}/{name}.ltp").read())
        timing["ltp_levels"] = int(m.group(1)) if m else None
        if timing["ltp_levels"] != timing["max_levels"]:
            print(f"synth.sh: note: {name}: ltp says {timing['ltp_levels']} levels, "
                  f"the path analysis {timing['max_levels']}", file=sys.stderr)
        cells_json[name] = dict(counts, **meta[name])
        timing_json[name] = dict(timing, **meta[name])
    json.dump(cells_json, open(f"{out}/cells.json", "w"), indent=2)
    json.dump({"assumptions": {"gate_ps": GATE, "clk_to_q_ps": CLKQ, "setup_ps": SETUP,
                               "model": "every generic gate level costs gate_ps; no wire, "
                                        "fanout or drive-strength modelling"},
               "sdc": sdc, "modules": timing_json},
              open(f"{out}/timing.json", "w"), indent=2)

    # Cell table: one column per module, one row per cell type.
    types = sorted({t for c in cells_json.values() for t in c["by_type"]},
                   key=lambda t: (not is_ff(t), -sum(c["by_type"].get(t, 0) for c in cells_json.values()), t))
    w = max(12, *(len(n) for n in names)) + 2
    print()
    print("cells".ljust(16) + "".join(n.rjust(w) for n in names))
    print("  total".ljust(16) + "".join(str(cells_json[n]["cells"]).rjust(w) for n in names))
    print("  flops".ljust(16) + "".join(str(cells_json[n]["flops"]).rjust(w) for n in names))
    for t in types:
        print(f"  {t}".ljust(16) + "".join(str(cells_json[n]["by_type"].get(t, 0)).rjust(w) for n in names))

    print()
    print(f"timing: period {sdc['period_ps']} ps ({sdc['file']}), {GATE} ps per gate level, "
          f"clk-to-q {CLKQ} ps, setup {SETUP} ps")
    print(f"  {'module':<12}{'path':<10}{'levels':>7}{'logic_ps':>10}{'budget_ps':>11}{'slack_ps':>10}  start -> end")
    for n in names:
        t = timing_json[n]
        for cls, p in t["paths"].items():
            print(f"  {n:<12}{cls:<10}{p['levels']:>7}{p['logic_ps']:>10}{p['budget_ps']:>11}"
                  f"{p['slack_ps']:>10}  {p['start']} -> {p['end']}")
        if t["unconstrained_inputs"] or t["unconstrained_outputs"]:
            print(f"  {'':<12}not in the SDC, taken as flop-to-flop: "
                  + " ".join(t["unconstrained_inputs"] + t["unconstrained_outputs"]))
    print("  budget = period - (input delay or clk-to-q) - (output delay or setup); "
          "logic = levels x gate delay")
    sys.exit(1 if bad else 0)


main()
PY
}

# ---------------------------------------------------------------------------
# Constraints
# ---------------------------------------------------------------------------
read -r period_ps abc_d < <(report_py sdc "$SDC" "$out/sdc.json") || true
if [[ -z ${abc_d:-} ]]; then
  echo "synth: FAIL: could not read the clock period from $SDC" >&2
  exit 1
fi
echo "synth: $SDC: period $period_ps ps; abc -D $abc_d" \
     "(gate levels: ($period_ps - $CLK_TO_Q_PS - $SETUP_PS) ps / $GATE_PS ps)"

# ---------------------------------------------------------------------------
# yosys runs
# ---------------------------------------------------------------------------
# check_log <log> <name>: fails on warnings not allowed and on inferred latches.
check_log() {
  local log=$1 name=$2 bad re
  bad=$(grep -E 'Warning' "$log" | grep -Ev '^Warnings: [0-9]+ unique messages' || true)
  for re in "${ALLOW[@]}"; do
    bad=$(grep -Ev -- "$re" <<<"$bad" || true)
  done
  bad+=$'\n'$(grep -E 'Latch inferred for' "$log" | grep -v '^No latch' || true)
  bad=$(grep -v '^$' <<<"$bad" || true)
  if [[ -n $bad ]]; then
    echo "synth: FAIL $name: yosys warnings (the design may be misread; docs/rtl-subset.md):" >&2
    sort -u <<<"$bad" >&2
    return 1
  fi
}

# run_synth <name> <top> <flow: flat|bottomup> <netlist: 0|1> [<param> <value>]...
declare -A meta=()
run_synth() {
  local name=$1 top=$2 flow=$3 netlist=$4
  shift 4
  local chparam="" params_json="" t0=$SECONDS
  while [[ $# -gt 0 ]]; do
    chparam+=" -chparam $1 $2"
    params_json+="${params_json:+, }\"$1\": $2"
    shift 2
  done
  local ys="$out/$name.ys"
  {
    echo "read_verilog -sv ${files[*]}"
    echo "hierarchy -check -top $top$chparam"
    if [[ $netlist == 1 ]]; then
      echo "tee -q -o $out/$name.rtl_ports portlist"
    fi
    if [[ $flow == flat ]]; then
      echo "synth -top $top -flatten -noabc"
      echo "abc -fast -D $abc_d"
      echo "opt -fast"
    else
      # Bottom-up: each distinct module is synthesized once, then flattened.
      echo "synth -top $top -noabc"
      echo "abc -fast -D $abc_d"
      echo "opt -fast"
      echo "flatten"
      echo "hierarchy -top $top"
      echo "opt -fast"
    fi
    echo "check"
    echo "tee -q -o $out/$name.stat stat"
    echo "tee -q -o $out/$name.ltp ltp -noff"
    echo "write_json $out/$name.json"
    if [[ $netlist == 1 ]]; then
      echo "write_verilog -noattr $out/${name}_gl.v"
    fi
  } >"$ys"
  rm -f "$out/${name}_gl.v"
  if ! yosys -q -l "$out/$name.log" -s "$ys" >/dev/null 2>&1; then
    echo "synth: FAIL $name: yosys error (log: $out/$name.log)" >&2
    grep -E 'ERROR' "$out/$name.log" >&2 || tail -n 20 "$out/$name.log" >&2
    return 1
  fi
  check_log "$out/$name.log" "$name" || return 1
  meta[$name]="{\"top\": \"$top\", \"params\": {$params_json}, \"flow\": \"$flow\"}"
  echo "synth: $name ($top${chparam:+,$chparam}) $flow flow: $((SECONDS - t0)) s"
}

# check_netlist <name> <top>: name and ports as in the RTL, and it verilates.
check_netlist() {
  local name=$1 top=$2 gl="$out/${1}_gl.v" mods msg
  mods=$(grep -E '^module ' "$gl" | sed -E 's/^module ([^ (]+).*/\1/')
  if [[ $mods != "$top" ]]; then
    echo "synth: FAIL $gl: modules '$mods', expected exactly '$top'" >&2
    return 1
  fi
  yosys -q -p "read_verilog $gl; tee -q -o $out/$name.gl_ports portlist" >/dev/null 2>&1
  if ! diff -u "$out/$name.rtl_ports" "$out/$name.gl_ports" >&2; then
    echo "synth: FAIL $gl: ports differ from the RTL (above)" >&2
    return 1
  fi
  if ! msg=$(verilator --lint-only "${VL_GL_WALL_FLAGS[@]}" --top-module "$top" "$gl" 2>&1) ||
     [[ -n $msg ]]; then
    echo "synth: FAIL $gl does not verilate cleanly with: verilator ${VL_GL_WALL_FLAGS[*]}" >&2
    grep -E '^%' <<<"$msg" | head -n 20 >&2
    return 1
  fi
  echo "synth: $gl: module $top, ports match the RTL, verilates with ${VL_GL_FLAGS[*]}"
}

mesh_flow=bottomup
if [[ $flat_mesh == 1 ]]; then
  mesh_flow=flat
fi

run_synth wse_router wse_router flat 1 || fail=1
run_synth wse_tile wse_tile flat 1 || fail=1
run_synth wse_mesh wse_mesh $mesh_flow 0 Width 2 Height 2 || fail=1
# The PE with a 256-byte SRAM: the SRAM becomes flops here (a real chip uses a
# macro), so its cells are the core, engine and buffers plus 2 Kbit of storage.
run_synth wse_pe wse_pe flat 0 Words 64 || fail=1
if [[ $fail != 0 ]]; then
  echo "synth: FAILED ($((SECONDS - t_start)) s)" >&2
  exit 1
fi

check_netlist wse_router wse_router || fail=1
check_netlist wse_tile wse_tile || fail=1
# Fault-injection hooks are simulation-only (WSE_FAULTS): nothing of them may
# reach a netlist.
if grep -l 'flt_' "$out"/*_gl.v "$out"/*.json >/dev/null 2>&1; then
  echo "synth: FAIL fault-injection hooks (flt_*) in: $(grep -l 'flt_' "$out"/*_gl.v "$out"/*.json | tr '\n' ' ')" >&2
  fail=1
else
  echo "synth: no fault-injection hook (flt_*) in any netlist"
fi

{
  echo "{"
  sep=""
  for n in wse_router wse_tile wse_mesh wse_pe; do
    echo "$sep  \"$n\": ${meta[$n]}"
    sep=","
  done
  echo "}"
} >"$out/modules.json"
report_py report "$out" wse_router wse_tile wse_mesh wse_pe || fail=1

echo
if [[ $fail != 0 ]]; then
  echo "synth: FAILED ($((SECONDS - t_start)) s)" >&2
  exit 1
fi
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
c = json.load(open(f"{out}/cells.json"))
t = json.load(open(f"{out}/timing.json"))["modules"]
for n in c:
    w = t[n]["worst"]
    print(f"synth: {n:<11} {c[n]['cells']:>6} cells {c[n]['flops']:>5} flops; worst {w['path']} "
          f"{w['levels']} levels, slack {w['slack_ps']} ps")
PY
echo "synth: OK, no yosys warnings; outputs in $out ($((SECONDS - t_start)) s)"
