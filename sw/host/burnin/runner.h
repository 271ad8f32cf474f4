#pragma once
// Runs a burn-in scenario on the simulated wafer (docs/burnin.md): builds the
// fault-injection mesh, injects the manufacturing faults and the timed
// events, runs the manufacturing scan and remap, then hands the wafer to the
// firmware's burn-in loop (fw::RunBurnIn) through fw::WaferPort only. After
// the run the harness judges the firmware's report against the injector's
// ground truth, which the firmware never sees, and checks every accepted
// result with its own references.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "burnin/scenario.h"
#include "firmware/burnin/burnin_report.h"
#include "util/json.h"

namespace wse::burnin {

struct RunOptions {
  std::string out_dir;       // report.json, summary.txt, the SVGs and state/ go here
  std::string programs_dir;  // build/programs (the 4 KiB workload builds are under workloads_4k/)
  uint64_t seed_offset = 0;  // added to both seeds (campaigns)
  /// 0 = the scenario's duration; else the workload phase is this many cycles
  /// (events after it never appear; the short runs of `make test`).
  uint64_t duration_override = 0;
  int threads = 1;
  bool quiet = false;
  std::function<void(const std::string&)> progress;  // one line at a time
};

/// The harness's verdict.
struct Judgement {
  struct Count {
    int injected = 0;  // appeared during the run
    int required = 0;  // of them, ones that must end outside the grid
    int out = 0;       // of the required, ones outside the final grid
    int detected = 0;  // of the appeared, ones a firmware failure record names the tile of
  };
  std::map<std::string, Count> per_class;  // by fault class name
  int accepted = 0;          // data results (GEMV, stencil, all-reduce) the firmware accepted
  int traffic_accepted = 0;  // traffic runs accepted (no data to check)
  int wrong_accepted = 0;    // of them, ones the harness's reference disagrees with (SDC)
  int transients = 0,
      transients_scrubbed = 0;  // cfg_flips on grid tiles; detected or wiped by a reset
  int sram_flips = 0, sram_flips_detected = 0;
  int stalls = 0,
      stalls_recovered = 0;  // a consistency check: every stall the firmware recorded resumed
  int false_mapouts = 0;     // failures charged to a tile with no injected fault on it or its links
  std::vector<std::string> problems;  // empty: pass
  bool Pass() const { return problems.empty(); }
};

struct RunResult {
  fw::BurnInReport report;
  Judgement judge;
  double use_hours = 0;
  double seconds = 0;
  util::Json doc;  // what report.json holds
};

/// Runs `s`. Throws ScenarioError / std::runtime_error for setup problems
/// (programs missing, a scenario the injector refuses).
RunResult RunScenario(const Scenario& s, const RunOptions& options);

util::Json ToJson(const Judgement& j);

}  // namespace wse::burnin
