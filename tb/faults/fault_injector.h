#pragma once
// Drives the simulation-only fault hooks of a mesh from a fault list, and
// judges a scan's defect map against that list (the ground truth the
// firmware never sees).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "faults/fault_list.h"
#include "firmware/defect_map.h"
#include "models/mesh_dut.h"

namespace wse::tb {

/// Classes the fault-injection tile (dft meshes) can inject.
std::vector<FaultClass> InjectableClasses();

/// The same list with every link fault that leads off the mesh edge turned
/// to the first side (N, E, S, W) of its tile that stays inside (dropped on
/// a 1x1 mesh): the scan tests links between tiles, not the edge I/O.
FaultList InwardLinks(FaultList list, int width, int height);

/// Reference temperature of Intermittent::rate, degrees C.
inline constexpr double kRateReferenceC = 125.0;
/// Boltzmann's constant, eV/K.
inline constexpr double kBoltzmannEv = 8.617333262e-5;
/// Arrhenius acceleration of a process with activation energy `ea_ev` at
/// `t_c` relative to `t_ref_c` (both degrees C): exp[(Ea/k)(1/T_ref - 1/T)].
double ArrheniusFactor(double ea_ev, double t_ref_c, double t_c);

/// A fault that appears during a run (docs/dft.md, "Timed events and degrading links"; a burn-in
/// scenario's `events`): from the clock edge after the cycle count reaches
/// `at_cycle` on it is present, as a list fault is from the start. The
/// transients (sram_flip, cfg_flip) ignore `at_cycle` and strike at their
/// own `cycle`. A link_drop with `ramp_to_rate` degrades: its drop rate
/// rises (or falls) linearly from `fault.rate` at `at_cycle` to
/// `ramp_to_rate` at `ramp_to_cycle` and stays there.
struct TimedFault {
  uint64_t at_cycle = 0;
  Fault fault;
  std::optional<double> ramp_to_rate;  // link_drop only, in (0, 1]
  uint64_t ramp_to_cycle = 0;          // after at_cycle
};

/// Cycles between two updates of a ramping link_drop's rate.
inline constexpr uint64_t kDropRampStep = 256;

/// Drives the hooks of a mesh from a fault list over time (docs/dft.md):
/// permanent faults are set once, here; an intermittent fault is switched
/// on for each cycle with probability rate x AF(temperature), drawn from the
/// list's seed; a transient (sram_flip, cfg_flip) strikes during the clock
/// edge after the cycle count reaches its `cycle` (one config upset per tile
/// and edge: one due together with another waits an edge). Step() must be called
/// after every clock edge (MeshWaferPort::OnCycle).
class FaultInjector {
 public:
  /// Validates and sets the permanent hooks. Throws FaultListError naming
  /// the fault for a class the model cannot inject, a third SRAM fault on
  /// one tile (two slots per tile, shared with sram_flip), a cfg_flip of a
  /// register or bit without a hook, or an intermittent fault of a class
  /// that cannot be one (pe_dead, tile_dead).
  FaultInjector(MeshDut& dut, FaultList list);
  /// The same, and `events` that appear later (TimedFault). Every event is
  /// validated with the list, before anything is injected, by the same
  /// rules (errors name "events[i]"); also refused: ramp_to_rate on a class
  /// other than link_drop, outside (0, 1], or with ramp_to_cycle not after
  /// at_cycle. An event's fault shares the tile's hooks with the list's
  /// (two SRAM slots, one ALU fault, one config upset per edge).
  FaultInjector(MeshDut& dut, FaultList list, std::vector<TimedFault> events);

  /// The wafer's temperature, degrees C (default 125: rates as written).
  void SetTemperature(double celsius);
  double temperature() const { return temperature_c_; }
  /// Per-cycle activation probability of `i` at the current temperature.
  double ActiveProbability(const Intermittent& i) const;

  /// After the clock edge that made the cycle count `cycle`.
  void Step(uint64_t cycle);

  /// Every fault: the list's first, then the events' in their order (fault
  /// i of an event is list().faults[list size + i]); its seed is the list's.
  const FaultList& list() const { return list_; }
  /// Cycles each fault was active so far (permanent: 0; intermittent: the
  /// cycles its draw switched it on, none before it appeared; a transient:
  /// 1 once it struck).
  const std::vector<uint64_t>& active_cycles() const { return active_; }
  /// The cycle fault `i` (of list()) took effect, i.e. the cycle count of
  /// the Step that set it (it acts from the next edge on): 0 for a fault of
  /// the list, at_cycle for an event once Step reached it (later if Steps
  /// skipped it), the strike cycle of a transient once it struck; nullopt
  /// before. Throws std::out_of_range for i beyond the list.
  std::optional<uint64_t> appeared_at(size_t i) const { return appeared_.at(i); }
  /// The drop rate link_drop fault `i` applies now: 0 before it appeared,
  /// its ramp's value at the last update (at most kDropRampStep cycles old)
  /// while it ramps. Throws std::invalid_argument for another class.
  double drop_rate_now(size_t i) const;

 private:
  void Apply(size_t index, bool on);
  void SetTileBits(size_t tile);
  void Appear(size_t index, uint64_t cycle);
  void UpdateRamps(uint64_t cycle);
  double RampRate(size_t index, uint64_t cycle) const;
  MeshDut& dut_;
  FaultList list_;
  double temperature_c_ = kRateReferenceC;
  uint64_t rng_;
  std::vector<uint32_t> tile_bits_;   // permanent flt_tile_i per tile
  std::vector<uint32_t> tile_now_;    // what the hook holds now
  std::vector<uint64_t> slot_base_;   // permanent SRAM slot values, 2 per tile
  std::vector<int> slot_of_;          // per fault: its SRAM slot (tile*2 + k), or -1
  std::vector<int> link_id_;          // per fault: MeshDut link fault id, or -1
  std::vector<uint64_t> hook_;        // per fault: its flt_tile_i bits or SRAM slot value
  std::vector<bool> on_;              // per intermittent fault: active this cycle
  std::vector<size_t> intermittent_;  // faults switched each cycle
  std::vector<double> p_;             // their activation probability at temperature_c_
  std::vector<size_t> transients_;    // by cycle
  size_t next_transient_ = 0;
  std::vector<size_t> restore_;       // SRAM flips to undo after their edge
  std::vector<uint64_t> active_;
  std::vector<std::optional<uint64_t>> appeared_;  // per fault: the cycle it took effect
  size_t list_size_ = 0;                // faults of the list; events follow
  std::vector<TimedFault> events_;      // in the caller's order (events_[k] is fault list_size_ + k)
  std::vector<size_t> pending_;         // non-transient events (fault indices), by at_cycle
  size_t next_event_ = 0;
  std::vector<double> rate_now_;        // per fault: link_drop rate applied now
  std::vector<size_t> ramping_;         // appeared link_drops still ramping
  uint64_t next_ramp_update_ = UINT64_MAX;
};

/// Sets the hooks of `dut` for every fault of `list`, which must hold only
/// permanent faults that are not intermittent (else FaultInjector).
void InjectFaults(MeshDut& dut, const FaultList& list);

/// How a scan did against the injected faults.
struct ScanVerdict {
  struct Count {
    int injected = 0, detected = 0, masked = 0;  // masked: on a tile walled in by dead tiles
  };
  std::map<FaultClass, Count> per_class;     // permanent faults: the scan must find them
  std::map<FaultClass, Count> intermittent;  // found only if active while a test looked
  int false_positives = 0;
  std::vector<std::string> missed;    // one line per injected permanent fault not found
  std::vector<std::string> spurious;  // one line per defect no injected fault explains
  bool Perfect() const { return missed.empty() && spurious.empty(); }
};

/// A fault counts as detected when the map names its unit on its tile (a
/// tile_dead as "tile"); a fault on a live tile that dead tiles wall in is
/// masked and counts as detected if the map calls the tile unreachable. A
/// defect is a false positive unless a fault sits on its tile, or it calls
/// a tile unreachable that dead tiles wall in. Intermittent faults are
/// counted apart and never missed; transients are not judged.
ScanVerdict JudgeScan(const FaultList& list, const fw::DefectMap& map);

}  // namespace wse::tb
