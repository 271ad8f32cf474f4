#pragma once
// What a burn-in run did (docs/burnin.md, "Report"): the timeline, every
// failure with its evidence and class, the repairs before and after, and
// the cost of each reintegration. Written as JSON and as a readable
// summary; drawn by firmware/report/burnin_svg.h.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "firmware/defect_map.h"
#include "firmware/repair/repair.h"
#include "util/json.h"

namespace wse::fw {

/// The failure taxonomy (docs/burnin.md, "Failure taxonomy").
enum class FailureClass {
  kPermanent,  // a targeted test fails every time it runs
  kMarginal,   // a targeted test fails some of the times, or the tile is blamed past the threshold
  kTransient,  // an upset a rewrite clears: CFG_CHECK, one SRAM parity event, a wrong result not
               // reproduced
  kLink,       // a logical link fails its link test or keeps counting parity errors
  kStall,      // a kernel stopped making progress; cause named in the evidence
};
inline constexpr int kNumFailureClasses = 5;
const char* FailureClassName(FailureClass c);

/// One line of the timeline. Kinds: "boot", "checkpoint", "detect",
/// "diagnose", "scrub", "map_out", "remap", "resume", "final_test", "done".
struct TimelineEntry {
  uint64_t cycle = 0;
  std::string kind;
  std::string text;
};

/// One workload iteration.
struct IterationRecord {
  int index = 0;       // position in the workload sequence (redone iterations repeat it)
  std::string kernel;  // "gemv", "stencil", "allreduce", "traffic"
  uint64_t start_cycle = 0, end_cycle = 0;
  bool ok = false;         // result matched the reference and every counter was clean
  bool committed = false;  // accepted at a checkpoint (false: failed, or discarded by a rollback)
};

/// One failure, from its detection to the workload's resumption.
struct FailureRecord {
  int id = 0;
  uint64_t detected_cycle = 0;
  std::string
      symptom;         // "wrong_result", "stall", "watchdog", "trap", "sram_parity", "link_parity",
                       // "cfg_check", "unrouted", "link_test", "boot_test", "final_test"
  std::string kernel;  // running when detected; empty outside a kernel
  std::vector<std::pair<int, int>> suspects;  // physical tiles the symptom pointed at
  FailureClass cls = FailureClass::kTransient;
  int x = -1, y = -1;     // physical tile charged; -1 when none could be localised
  int dir = -1;           // link class: the side whose wires leave (x, y)
  std::string diagnosis;  // how it was localised, e.g. "pe_kat failed 2 of 2 runs"
  util::Json evidence = util::Json::Object();
  std::string action;  // "scrubbed", "mapped_out", "reset_and_retried"
  uint64_t resumed_cycle = 0;
  uint64_t reintegration_cycles = 0;  // detection to resumption
  uint64_t lost_cycles = 0;  // last checkpoint to resumption: work thrown away and waited for
};

struct BurnInReport {
  int phys_width = 0, phys_height = 0;
  Repair initial_repair;  // as loaded at boot
  Repair final_repair;    // as persisted at the end (same as initial when nothing was mapped out)
  bool has_final_repair = true;  // false: the wafer has no logical grid left
  DefectMap initial_defects;     // the defect map the initial repair was planned from
  DefectMap final_defects;       // plus everything the burn-in found
  std::vector<TimelineEntry> timeline;
  std::vector<IterationRecord> iterations;
  std::vector<FailureRecord> failures;
  std::vector<std::pair<int, int>>
      mapped_out;  // physical tiles taken out of the grid during the run
  uint64_t start_cycle = 0, end_cycle = 0;
  int checkpoints = 0;
  int committed = 0, discarded = 0;  // iterations accepted at a checkpoint / thrown away
  int remaps = 0;
  std::string stopped;  // empty, or why the run ended before its duration
};

/// The "wse-burnin-report" document (docs/burnin.md).
util::Json ToJson(const BurnInReport& report);
/// A readable summary: totals, then one paragraph per failure.
std::string Summary(const BurnInReport& report);

}  // namespace wse::fw
