#pragma once
// Dut: what the scheduler needs from a design under test. Implementations
// (tb/models/) own the Verilated model(s) and the trace file.

#include <cstdint>
#include <string>
#include <vector>

#include "harness/waves.h"

namespace wse::tb {

/// A clocked design under test.
class Dut {
 public:
  virtual ~Dut() = default;
  /// Drives the active-low reset (asserted = rst_ni low).
  virtual void SetReset(bool asserted) = 0;
  /// Settles combinational logic with the current inputs (clock low).
  virtual void EvalComb() = 0;
  /// Rising clock edge.
  virtual void Tick() = 0;
  /// Starts an FST waveform; later cycles are dumped into it.
  virtual void OpenTrace(const std::string& path) = 0;
  /// Flushes and closes the waveform, if open.
  virtual void CloseTrace() = 0;
  /// One-line description ("router NumColors=24", "mesh 4x4 stitched").
  virtual std::string Describe() const = 0;
  /// The signals a waveform viewer should show first, grouped.
  virtual std::vector<WaveGroup> WaveLayout() const = 0;
};

/// Waveform times in ps for the 1 GHz target clock (constraints/wse_tile.sdc):
/// inputs change at the start of a cycle, the rising edge is 500 ps later.
inline uint64_t TraceTimeLow(uint64_t cycle) { return cycle * 1000; }
inline uint64_t TraceTimeHigh(uint64_t cycle) { return cycle * 1000 + 500; }

}  // namespace wse::tb
