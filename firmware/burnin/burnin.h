#pragma once
// The firmware's burn-in loop (docs/burnin.md): boot with the persisted
// repair, stress the logical grid with the workload mix and check every
// result, detect failures (wrong results, error counters, watchdogs,
// bounded waits), diagnose them with targeted tests, scrub transients or
// map tiles and links out with an incremental remap, and resume from the
// last checkpoint. Only through fw::WaferPort: what it reports, it found by
// testing the hardware.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "firmware/burnin/burnin_report.h"
#include "firmware/burnin/kernels.h"
#include "firmware/wafer_port.h"

namespace wse::fw {

struct BurnInOptions {
  /// Holds repair.json and defects.json: read at boot, rewritten atomically
  /// after every remap, so a run stopped at any point leaves a consistent pair.
  std::string state_dir;
  KernelPrograms programs;
  KernelLimits limits;
  /// The workload: the mix (kernel, weight), in sequence (each kernel
  /// `weight` iterations in a row, round and round) or drawn by weight.
  std::vector<std::pair<Kernel, int>> mix;
  bool sequence = false;
  uint64_t workload_seed = 1;
  uint64_t duration_cycles = 0;  // wafer cycles from boot to the final test
  int checkpoint_every = 4;      // iterations between checkpoints
  int spares = 1;
  /// Diagnosis: passes of the targeted test battery. A unit failing every
  /// pass is permanent, failing some is marginal.
  int diagnosis_passes = 2;
  /// Router loopback runs per pass (and per patrol).
  int router_runs = 4;
  /// A tile (or link) blamed alone for this many failures that no test
  /// reproduced is marginal and mapped out (docs/burnin.md, "Thresholds").
  int blame_threshold = 2;
  /// Known-answer reruns of a failing kernel when no test reproduced its
  /// failure; if it fails again, up to `substitution_candidates` suspects
  /// (the most often named first) are each mapped out on trial and the
  /// kernel rerun this many times: clean every time confirms the culprit.
  int known_answer_runs = 2;
  int substitution_candidates = 2;
  bool quick_scan_at_boot = true;
  /// At every checkpoint, one run of the known-answer and router loopback
  /// tests on the logical grid: the chance to catch a marginal unit the
  /// workloads happen not to trip on.
  bool patrol = true;
  bool final_test = true;
  /// Progress: the wafer cycle and a short line.
  std::function<void(uint64_t, const std::string&)> progress;
  /// Every result accepted at a checkpoint, for an independent check.
  std::function<void(const KernelData&)> on_commit;
};

/// Runs the burn-in. Throws RepairError / DefectMapError / util::JsonError
/// for an unreadable state_dir; everything the wafer does is in the report.
BurnInReport RunBurnIn(WaferPort& port, const BurnInOptions& options);

/// The kernel of iteration `i` and its operand seed: the same for a redone
/// iteration as for its first run.
Kernel KernelOf(const BurnInOptions& options, int i);
uint64_t SeedOf(const BurnInOptions& options, int i);

}  // namespace wse::fw
