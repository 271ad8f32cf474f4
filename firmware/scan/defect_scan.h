#pragma once
// The firmware's defect scan (docs/firmware.md): reset the wafer, grow the
// config network, run every tile's self-tests in parallel, collect the
// results and name every broken unit. Only through fw::WaferPort.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "firmware/cfg_regs.h"
#include "firmware/defect_map.h"
#include "firmware/tap/tap_master.h"
#include "firmware/wafer_port.h"

namespace wse::fw {

struct ScanOptions {
  bool mbist = true;
  bool pe_kat = true;
  bool links = true;
  bool router = true;
  uint32_t link_cycles = 64;    // words each link carries in the link test
  uint32_t router_cycles = 48;  // cycles each router port loops per phase (at most 63)
  uint32_t kat_seed = 1;
  /// Called at each phase and during long waits: phase name, fraction done.
  std::function<void(const std::string&, double)> progress;
};

struct ScanStats {
  uint64_t cycles = 0;            // wafer clock cycles the whole scan took
  uint64_t discover_cycles = 0;   // growing the config network
  uint64_t mbist_cycles = 0;      // memory BIST, all tiles at once
  uint64_t kat_cycles = 0;        // PE known-answer test, all tiles at once
  uint64_t link_cycles = 0;       // link test, every link at once
  uint64_t router_cycles = 0;     // router loopback test, five phases, every router at once
  int tap_depth = 0;
  uint64_t stray_words = 0;       // unexpected words at the edge
};

/// Scans the wafer behind `port` and returns its defect map.
DefectMap ScanWafer(WaferPort& port, const ScanOptions& options, ScanStats* stats = nullptr);

/// One router's loopback test (docs/dft.md, "Router test").
struct RouterTestResult {
  uint32_t bad_ports = 0;  // bit p: port p (N, E, S, W, ramp) failed in some phase
  uint32_t first_phase = 0, first_errors = 0, first_words = 0;  // the first failure seen
  uint32_t expected_words = 0;
};
/// Runs the router loopback test on every router at once and reads the
/// results of `live` (physical tiles). Leaves every ROUTE[c] below `colors`,
/// ROUTER_TEST and ERR_UNROUTED of every tile at 0. Needs no reset, so the
/// burn-in reruns it on a repaired wafer.
std::vector<RouterTestResult> RunRouterTest(WaferPort& port, TapMaster& tap,
                                            const std::vector<std::pair<int, int>>& live, int colors,
                                            uint32_t router_cycles, const std::function<void(double)>& progress = {});
/// A unit a test found broken: what the defect map would record.
struct UnitFailure {
  int x = 0, y = 0;
  Unit unit = Unit::kTile;
  std::string kind;  // "march_c-", "mbist_timeout", "known_answer", "no_answer"
  util::Json evidence = util::Json::Object();
};
/// March C- on `tiles` (physical), all at once: started by one broadcast per
/// tree (`broadcast`, the whole wafer) or tile by tile; a BIST still busy
/// after twice its length is a failure. Needs no reset; PEs must be stopped.
std::vector<UnitFailure> RunMbist(WaferPort& port, TapMaster& tap, const std::vector<std::pair<int, int>>& tiles,
                                  int sram_words, bool broadcast, const std::function<void(double)>& progress = {});
/// The PE known-answer test (pe_kat.h): loaded into every reached tile by
/// broadcast, started on every reached tile (`broadcast`) or on `tiles`
/// only, checked on `tiles`. A tile that does not answer is a "no_answer"
/// tile failure. Leaves PE_CTRL at 0 and PE_TOHOST_ADDR at the program's.
std::vector<UnitFailure> RunPeKat(WaferPort& port, TapMaster& tap, const std::vector<std::pair<int, int>>& tiles,
                                  uint32_t seed, bool broadcast, const std::function<void(double)>& progress = {});

/// "N,E" for a port mask.
std::string RouterPortNames(uint32_t mask);

/// Cycles one March C- pass takes over `words` SRAM words (docs/dft.md).
inline uint64_t MbistCycles(int words) { return 71ull * static_cast<uint64_t>(words) + 8; }

}  // namespace wse::fw
