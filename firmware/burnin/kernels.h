#pragma once
// The burn-in workloads as the firmware runs them on the logical grid of a
// repaired wafer (docs/burnin.md, "Stress"): GEMV with x streamed in at the
// north edge and y out at the east edge, the 5-point stencil, the
// all-reduce, and all-links-busy traffic (every logical link's BIST at
// once). Programs go in through the config network, operands through the
// config network and the edge ports; every result is checked against the
// firmware's own reference, and every wait is bounded, so a stalled kernel
// returns a "stall" outcome instead of hanging.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "firmware/burnin/pe_program.h"
#include "firmware/repair/repair.h"
#include "firmware/tap/tap_master.h"
#include "util/json.h"

namespace wse::fw {

enum class Kernel { kGemv, kStencil, kAllreduce, kTraffic };
inline constexpr int kNumKernels = 4;
const char* KernelName(Kernel k);

struct KernelPrograms {
  PeProgram gemv, stencil, allreduce;  // built for the wafer's SRAM
};

/// Problem sizes and bounds.
struct KernelLimits {
  int gemv_m = 8, gemv_n = 8;
  int stencil_bh = 4, stencil_bw = 5, stencil_iters = 4;
  int allreduce_len = 12;
  uint32_t traffic_words = 255;  // per link (the link counters' width)
  /// WDT_LIMIT: cycles without a retired instruction before a PE's watchdog fires.
  uint32_t watchdog_cycles = 20000;
  /// A kernel that has not finished after this many cycles is a stall.
  uint64_t max_kernel_cycles = 30000;
  uint64_t poll_cycles = 256;  // PE_STATUS / WDT_STATUS poll interval
};

/// The inputs and outputs of one run, for an independent check by whoever
/// holds a reference of their own (the harness's scoreboard).
struct KernelData {
  Kernel kernel = Kernel::kGemv;
  int width = 0, height = 0;  // logical grid
  int m = 0, n = 0, iters = 0;
  std::vector<int16_t> a, x;                // gemv: A (height*m x width*n), x
  std::vector<int32_t> grid;                // stencil input (height*m x width*n)
  std::vector<std::vector<uint32_t>> vecs;  // allreduce: one per tile
  std::vector<int32_t> out;                 // gemv y, stencil grid
  std::vector<std::vector<uint32_t>> outs;  // allreduce: what each tile holds
};

struct KernelOutcome {
  bool ok = false;
  /// "" when ok; else "wrong_result", "stall", "watchdog", "trap", "no_answer", "link_test".
  std::string symptom;
  std::vector<std::pair<int, int>> suspects;  // physical tiles the symptom points at
  std::vector<int> suspect_sides;             // link_test: receiving side per suspect
  util::Json evidence = util::Json::Object();
  KernelData data;
  uint64_t cycles = 0;
};

/// Writes of the registers CFG_CHECK guards, as the firmware last made them
/// (physical tile, address) -> value: the shadow a scrub rewrites from.
class RegShadow {
 public:
  void Set(int x, int y, uint8_t addr, uint32_t value);
  /// Every register of tile (x, y) the shadow holds.
  std::vector<std::pair<uint8_t, uint32_t>> Of(int x, int y) const;
  void SetAll(int width, int height, uint8_t addr, uint32_t value);
  void Clear() { regs_.clear(); }

 private:
  std::vector<std::pair<uint64_t, uint32_t>> regs_;  // sorted by key
};

/// Is `addr` a register CFG_CHECK guards (docs/config.md)?
bool IsGuarded(uint8_t addr, int num_colors);

class KernelRunner {
 public:
  KernelRunner(WaferPort& port, TapMaster& tap, const Repair& repair,
               const KernelPrograms& programs, const KernelLimits& limits, RegShadow& shadow,
               int num_colors);
  /// Runs `k` once with operands drawn from `seed`.
  KernelOutcome Run(Kernel k, uint64_t seed);

 private:
  struct Launch {
    bool ok = true;
    std::string symptom;
    std::vector<std::pair<int, int>> suspects;
    util::Json evidence = util::Json::Object();
    // `o` failed the way this launch did.
    KernelOutcome Outcome(KernelOutcome o) const {
      o.symptom = symptom;
      o.suspects = suspects;
      o.evidence = evidence;
      return o;
    }
  };
  KernelOutcome Gemv(uint64_t seed);
  KernelOutcome Stencil(uint64_t seed);
  KernelOutcome Allreduce(uint64_t seed);
  KernelOutcome Traffic();
  std::pair<int, int> Phys(int lx, int ly) const { return {repair_.PhysX(lx, ly), ly}; }
  void Write(std::vector<TapOp>* ops, int lx, int ly, uint8_t addr, uint32_t data);
  void Route(std::vector<TapOp>* ops, int lx, int ly, int color, uint32_t rx, uint32_t tx);
  void Load(const PeProgram& p, std::vector<TapOp>* ops);
  void WriteWords(std::vector<TapOp>* ops, int lx, int ly, uint32_t addr,
                  const std::vector<uint32_t>& words);
  /// Starts every logical PE and waits for all to exit, bounded.
  Launch Start();
  /// Reads `n` SRAM words at `addr` of every logical tile; false for a tile that did not answer.
  bool ReadWords(uint32_t addr, size_t n, std::vector<std::vector<uint32_t>>* out,
                 std::vector<std::pair<int, int>>* silent);
  void Stop();
  WaferPort& port_;
  TapMaster& tap_;
  const Repair& repair_;
  const KernelPrograms& programs_;
  KernelLimits limits_;
  RegShadow& shadow_;
  int num_colors_;
};

/// splitmix64's output function: the firmware's seeds and operand draws,
/// the same on every platform.
uint64_t Mix64(uint64_t z);

/// int16 values two per word, little-endian, as the PE stores them.
std::vector<uint32_t> Pack16(const std::vector<int16_t>& v);

/// The firmware's references (shared with nothing the harness checks with).
std::vector<int32_t> GemvRef(const std::vector<int16_t>& a, const std::vector<int16_t>& x, int rows,
                             int cols);
std::vector<int32_t> StencilRef(std::vector<int32_t> u, int rows, int cols, int iters);

}  // namespace wse::fw
