#pragma once
// Lockstep: checks one tile's PE, instruction by instruction, against the
// golden ISS (tb/iss). Every cycle it samples the tile's trace ports:
//   - wavelets the router delivers to the PE are fed to the ISS's receive
//     queues (the ISS never sees the fabric otherwise);
//   - every retired or trapping instruction steps the ISS once and compares
//     pc, instruction, trap and cause, destination register and value;
//   - SRAM writes made since the previous retirement must equal the ISS's
//     writes for this instruction (tensor instructions write many words);
//   - wavelets the PE sends must equal, in order, the ISS's sends.
// Outcomes that depend on timing (fpoll, twait's choice, cycle CSRs) are
// taken from the RTL as hints; the ISS checks that they are possible.
// The first divergence fails the test with a diff of both sides.

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "harness/log.h"
#include "harness/pe_host.h"
#include "harness/sim.h"
#include "iss/iss.h"
#include "models/mesh_dut.h"

namespace wse::tb {

class Lockstep {
 public:
  Lockstep(Sim& sim, MeshDut& dut, int x, int y, Logger log, uint32_t sram_bytes = 48 * 1024);

  /// Loads the image into the ISS and resets it: call before the RTL starts.
  void Arm(const PeImage& image);
  /// Mirrors a host write of SRAM words (between Arm and the start).
  void WriteMem(uint32_t addr, const std::vector<uint32_t>& words);
  /// Stops comparing (the PE is about to be stopped or reloaded).
  void Disarm() { armed_ = false; }
  /// The monitor; fork once per tile for the whole test.
  Task Run();
  /// Checks that nothing is left unmatched (sends, writes); throws on a mismatch.
  void Finish() const;

  uint64_t retired() const { return retired_; }
  /// Self-tests of the checker: record the first divergence (and stop
  /// comparing) instead of failing the test.
  void SetRecordOnly(bool on) { record_only_ = on; }
  const std::string& divergence() const { return divergence_; }
  const iss::Pe& iss() const { return *pe_; }

 private:
  struct RtlWrite {
    uint32_t addr, data;
    uint8_t mask;
  };
  void OnCycle();
  void OnRetire();
  // Throws TestFailure (or, record-only, remembers it and disarms).
  void Diverge(const std::string& what, const std::string& detail);
  struct Stop {};  // unwinds OnCycle after a recorded divergence
  std::string Where() const;

  Sim& sim_;
  int x_, y_;
  Logger log_;
  PeTracePins pins_;
  iss::QueueFabric fabric_;
  std::unique_ptr<iss::Pe> pe_;
  bool armed_ = false;
  bool record_only_ = false;
  std::string divergence_;
  uint64_t retired_ = 0;
  uint32_t last_pc_ = 0, last_insn_ = 0;
  std::vector<RtlWrite> rtl_writes_;
  std::deque<iss::Send> iss_sends_;
  std::deque<iss::Send> rtl_sends_;
};

}  // namespace wse::tb
