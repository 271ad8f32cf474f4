#pragma once
// A burn-in scenario (docs/burnin.md, "Scenario file"): the wafer, its
// manufacturing defects, the stress profile over time, the faults injected
// during the run, the workload and the seeds. Read strictly: a field the
// reader does not know, a missing or mistyped one, or a value out of range is
// refused with "<source>: <field path>: <problem>", because a scenario that
// silently ran something other than what its file says would make a burn-in
// look better than it is. Fault objects are read by tb::ParseFault, so they
// follow exactly the rules of a fault list (docs/dft.md).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "faults/fault_list.h"
#include "firmware/burnin/kernels.h"
#include "util/json.h"

namespace wse::burnin {

/// A malformed scenario: "<source>: <field path>: <problem>".
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kScenarioFormat = "wse-burnin-scenario";
inline constexpr int kScenarioVersion = 1;
/// SRAM words of the fault-injection tile (4 KiB; WSE_DFT_SRAM_WORDS in
/// CMakeLists.txt): the address range of SRAM faults.
inline constexpr int kFaultTileSramWords = 1024;
/// Temperatures a scenario may name, degrees C (the military range, with
/// headroom above for accelerated stress).
inline constexpr double kMinTemperatureC = -55.0;
inline constexpr double kMaxTemperatureC = 200.0;
inline constexpr int kMaxMeshSide = 256;
/// Longest run a scenario may ask for (a simulation, not a real burn-in).
inline constexpr uint64_t kMaxDurationCycles = 1'000'000'000'000ULL;

/// The physical mesh of fault-injection tiles and its spares per row
/// (docs/repair.md): the logical grid is width - spares wide.
struct Mesh {
  int width = 0, height = 0;
  int spares = 1;
};

/// Manufacturing defects present from cycle 0: an explicit list, or drawn
/// with tb::GenerateFaults from `seed` (one fault per tile, `count` of them,
/// or density_per_tile x tiles rounded to nearest) over `classes`.
struct Manufacturing {
  bool drawn = false;
  std::vector<tb::Fault> faults;  // explicit
  uint64_t seed = 0;              // drawn
  std::optional<double> density_per_tile;
  std::optional<int> count;
  std::vector<tb::FaultClass> classes;  // drawn; default: the permanent injectable classes
};

/// One segment of the temperature profile. A step holds `to_c` from
/// `from_cycle` on; a ramp goes linearly from `from_c` at `from_cycle` to
/// `to_c` at `to_cycle` and holds `to_c` after it.
struct Segment {
  bool ramp = false;
  uint64_t from_cycle = 0;
  uint64_t to_cycle = 0;  // ramp only
  double from_c = 0;      // ramp only
  double to_c = 0;
};

/// Arrhenius acceleration: AF = exp[(Ea/k)(1/T_use - 1/T_stress)].
struct Arrhenius {
  double ea_ev = 0.7;
  double stress_c = 125.0;
  double use_c = 55.0;
};

struct Stress {
  std::vector<Segment> profile;  // starts at cycle 0, start cycles increasing
  Arrhenius arrhenius;
  double clock_hz = 1e9;
};

/// A link drop whose rate rises linearly from the fault's rate at the
/// event's cycle to `to_rate` at `to_cycle` (a degrading link).
struct DropRamp {
  double to_rate = 1.0;
  uint64_t to_cycle = 0;
};

/// A fault that appears during the run. Permanent classes (intermittent or
/// not) and link_drop appear at `at_cycle`; the transients sram_flip and
/// cfg_flip strike at their own `cycle` and have no at_cycle.
struct Event {
  std::optional<uint64_t> at_cycle;
  tb::Fault fault;
  std::optional<DropRamp> ramp;  // link_drop only
  /// The cycle the event takes effect.
  uint64_t Cycle() const { return at_cycle ? *at_cycle : fault.cycle; }
};

/// The firmware's kernels (firmware/burnin/kernels.h), named as there.
using fw::Kernel;
using fw::KernelName;
using fw::kNumKernels;

struct MixEntry {
  Kernel kernel = Kernel::kGemv;
  int weight = 1;
};

/// "weighted": each iteration draws a kernel with probability weight/sum
/// from seeds.workload; "sequence": the mix in order, each kernel `weight`
/// iterations in a row, round and round.
enum class MixOrder { kWeighted, kSequence };

struct Workload {
  std::vector<MixEntry> mix;
  MixOrder order = MixOrder::kWeighted;
  uint64_t duration_cycles = 0;
  int checkpoint_every = 4;  // workload iterations between checkpoints
};

struct Seeds {
  uint64_t faults = 1;    // the injector's draws (intermittent activations)
  uint64_t workload = 1;  // operands and the weighted kernel choice
};

struct Expect {
  std::optional<bool> degraded;
};

struct Scenario {
  int version = kScenarioVersion;
  std::string name;
  std::string description;
  Mesh mesh;
  Manufacturing manufacturing;
  Stress stress;
  std::vector<Event> events;
  Workload workload;
  Seeds seeds;
  Expect expect;
};

/// Validates `doc` (docs/burnin.md). Throws ScenarioError.
Scenario ParseScenario(const util::Json& doc, const std::string& source);
/// Reads and validates a file; a syntax error keeps util::JsonError's
/// "<path>:<line>:<column>: <problem>".
Scenario ReadScenario(const std::string& path);
/// The document ParseScenario reads back to the same scenario (defaults
/// written out).
util::Json ToJson(const Scenario& s);

/// The fault-list limits of the scenario's mesh.
tb::MeshLimits Limits(const Mesh& mesh);
/// The manufacturing faults: the explicit list, or the seeded draw.
tb::FaultList ManufacturingFaults(const Scenario& s);

/// AF of `a`: exp[(Ea/k)(1/T_use - 1/T_stress)], temperatures in kelvin.
double AccelerationFactor(const Arrhenius& a);
/// AF of running at `t_c` instead of the use temperature.
double AccelerationAt(const Arrhenius& a, double t_c);
/// Use-hours that `cycles` stress cycles at `clock_hz` stand for at the
/// nominal stress temperature: cycles / clock_hz / 3600 x AF.
double UseHours(const Arrhenius& a, uint64_t cycles, double clock_hz);
/// Use-hours the whole run stands for: each cycle weighted by the AF at the
/// profile's temperature at that cycle (ramps integrated).
double ProfileUseHours(const Scenario& s);
/// The profile's temperature at `cycle`.
double TemperatureAt(const Stress& stress, uint64_t cycle);

/// The scenarios folder: $WSE_SCENARIOS_DIR, else the source tree's
/// scenarios/ (compiled in), else ../../scenarios next to the binary.
std::string ScenariosDir();

struct ListedScenario {
  std::string path;
  std::string name;         // file stem
  std::string description;  // empty if `error` is set
  std::string error;
};
/// Every *.json in `dir`, sorted by name, each parsed; a bad one carries its
/// error instead of being skipped.
std::vector<ListedScenario> ListScenarios(const std::string& dir);

}  // namespace wse::burnin
