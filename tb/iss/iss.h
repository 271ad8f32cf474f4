#pragma once
// The golden instruction-set simulator of one PE, written from docs/pe.md
// alone (never from the RTL). It executes one instruction per Step() and
// reports what the instruction did in a Retire record, which the lockstep
// harness compares with the RTL's trace.
//
// Timing is not modelled. Outcomes that depend on it come from a Hint: in
// lockstep the RTL's outcome (fpoll's result, twait's color, a cycle CSR's
// value), which the ISS checks is possible; standalone, the ISS decides.
//
// Tensor instructions are resumable: when the next element's fabric source
// has no wavelet, or its fabric destination cannot send, Step() returns
// kBlocked with elements 0..i-1 done (wavelets consumed and sent, SRAM
// written, counters advanced). The next Step() continues at element i. Their
// writes and sends are collected and reported in the one Retire record of the
// instruction, when it retires or traps. Every other kBlocked changes nothing.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "iss/decode.h"
#include "iss/disasm.h"
#include "iss/fabric.h"

namespace wse::iss {

struct Config {
  uint32_t sram_bytes = 48 * 1024;
  uint32_t hartid = 0;  // (y << 10) | x
  unsigned num_colors = 24;
  uint32_t tohost_addr = 0xFFFFFFFFu;  // byte address watched for the exit store
};

/// One SRAM write. `addr` is word-aligned, `data` already sits in its byte
/// lanes, `mask` holds the byte enables (bit 0 = the byte at `addr`).
struct MemWrite {
  uint32_t addr = 0;
  uint32_t data = 0;
  uint8_t mask = 0;
};

/// What one retired or trapping instruction did.
struct Retire {
  uint64_t index = 0;         // 0-based count of records produced since Reset()
  uint32_t pc = 0, insn = 0;  // insn is 0 after an instruction access fault
  bool trap = false;
  uint32_t cause = 0, tval = 0;
  bool rd_written = false;  // false for x0 or no write
  unsigned rd = 0;
  uint32_t rd_value = 0;
  std::vector<MemWrite> writes;  // in program order (tensor: one per element written)
  std::vector<Send> sends;       // in order
  unsigned twait_color = 0;      // valid for twait
  bool exited = false;           // this was the exit store to tohost
  uint32_t tohost = 0;
};

/// Nondeterministic outcomes; in lockstep, the RTL's.
struct Hint {
  /// fpoll/fpollv: the result (0/1); cycle, mcycle, cycleh, mcycleh reads: the
  /// value read; twait: the color chosen.
  std::optional<uint32_t> value;
};

/// A hint that the ISS's own state makes impossible (fpoll 1 with no wavelet,
/// twait on a color that is not bound or has no wavelet).
class IssDivergence : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class StepResult {
  kRetired,  // a record was produced (retired or trapped)
  kBlocked,  // frecv/twait/fsend or a tensor fabric operand cannot proceed
  kHalted,   // the PE had exited before this call; nothing happened
};

/// One tensor descriptor (docs/pe.md, "Tensor extension").
struct Descriptor {
  uint32_t type = 0;  // 0 MEM16, 1 MEM32, 2 FAB16, 3 FAB32
  uint32_t addr = 0;
  uint32_t len = 0;
  int32_t stride = 0;  // in elements
};

class Pe {
 public:
  /// The SRAM starts zeroed; `fabric` must outlive the Pe.
  Pe(const Config& cfg, Fabric& fabric);

  /// PE start: pc 0, registers, CSRs, counters, descriptors, task bindings
  /// and exit state cleared. SRAM keeps its contents (the host loaded it);
  /// the receive buffers belong to the fabric, which the caller resets.
  void Reset();

  /// Host access to SRAM; std::out_of_range names the address if any byte
  /// is outside it.
  void WriteMem(uint32_t addr, const void* data, size_t len);
  void ReadMem(uint32_t addr, void* data, size_t len) const;
  uint32_t ReadWord(uint32_t addr) const;

  /// Executes (or continues) one instruction; `out` is filled only when the
  /// result is kRetired. Throws IssDivergence for an impossible hint.
  StepResult Step(Retire& out, const Hint& hint = {});

  const Config& config() const { return cfg_; }
  uint32_t pc() const { return pc_; }
  uint32_t reg(unsigned i) const { return x_[i & 31]; }
  /// Reads a CSR as csrr would without a hint (tests, tools). Throws
  /// std::invalid_argument for a CSR the PE does not have.
  uint32_t ReadCsr(unsigned num) const;
  uint64_t instret() const { return instret_; }
  /// The model's own cycle count: one per record (retired or trapped), or
  /// what the program wrote to mcycle/mcycleh plus the records since.
  uint64_t cycles() const { return cycle_; }
  uint64_t macs() const { return macs_; }
  uint64_t zskip() const { return zskip_; }
  bool exited() const { return exited_; }
  uint32_t tohost() const { return tohost_; }
  uint64_t traps() const { return traps_; }
  uint32_t last_cause() const { return last_cause_; }
  /// Records produced since Reset() (the next Retire::index).
  uint64_t records() const { return records_; }
  const Descriptor& descriptor(unsigned d) const { return desc_[d & 3]; }
  /// The handler bound to `color`, if any.
  std::optional<uint32_t> handler(unsigned color) const;
  /// After kBlocked: what the PE waits for, e.g. "frecv on color 3".
  const std::string& blocked_on() const { return blocked_on_; }
  /// After kBlocked waiting to receive (not to send).
  bool blocked_on_receive() const { return blocked_receive_; }
  /// A tensor instruction is part-way through: elements done so far.
  std::optional<uint32_t> tensor_progress() const;

 private:
  enum class Flow { kNext, kTrap, kBlocked };
  // The instruction being executed.
  struct Exec {
    Retire& out;
    const Hint& hint;
    const Decoded& d;
    uint32_t next_pc = 0;
    uint32_t cause = 0, tval = 0;
    bool instret_written = false, cycle_written = false;
  };
  // A tensor instruction part-way through (see the header comment).
  struct TensorState {
    bool active = false;
    uint32_t done = 0;
    std::vector<MemWrite> writes;
    std::vector<Send> sends;
  };

  Flow Execute(Exec& e);
  Flow ExecBase(Exec& e);
  Flow ExecLoad(Exec& e);
  Flow ExecStore(Exec& e);
  Flow ExecCsr(Exec& e);
  Flow ExecFabric(Exec& e);
  Flow ExecTwait(Exec& e);
  Flow ExecTensor(Exec& e);
  Flow ExecTensorElements(Exec& e);
  Flow Trap(Exec& e, uint32_t cause, uint32_t tval);
  Flow Illegal(Exec& e) { return Trap(e, kCauseIllegal, e.d.raw); }
  Flow Jump(Exec& e, uint32_t target);
  Flow Block(const std::string& what, bool receive);
  void SetRd(Exec& e, uint32_t value);

  // CSRs (iss_csr.cpp). Read fails for an unknown CSR.
  std::optional<uint32_t> CsrRead(unsigned num, const Hint* hint) const;
  void CsrWrite(Exec& e, unsigned num, uint32_t value);

  bool InSram(uint32_t addr, uint32_t bytes) const {
    return static_cast<uint64_t>(addr) + bytes <= sram_.size();
  }
  uint32_t Load(uint32_t addr, unsigned bytes) const;
  void Store(uint32_t addr, unsigned bytes, uint32_t value, std::vector<MemWrite>& log);
  void CheckRange(uint32_t addr, size_t len, const char* what) const;

  static constexpr uint32_t kCauseMisalignedFetch = 0, kCauseFetchFault = 1, kCauseIllegal = 2,
                            kCauseBreakpoint = 3, kCauseMisalignedLoad = 4, kCauseLoadFault = 5,
                            kCauseMisalignedStore = 6, kCauseStoreFault = 7, kCauseEcall = 11;

  Config cfg_;
  Fabric& fabric_;
  std::vector<uint8_t> sram_;

  uint32_t pc_ = 0;
  std::array<uint32_t, 32> x_{};
  bool mstatus_mie_ = false, mstatus_mpie_ = false;
  uint32_t mie_ = 0, mtvec_ = 0, mscratch_ = 0, mepc_ = 0, mcause_ = 0, mtval_ = 0;
  uint64_t cycle_ = 0, instret_ = 0, macs_ = 0, zskip_ = 0;
  std::array<Descriptor, 4> desc_{};
  std::vector<std::optional<uint32_t>> handlers_;  // per color
  TensorState tensor_;

  bool exited_ = false;
  uint32_t tohost_ = 0;
  uint64_t records_ = 0, traps_ = 0;
  uint32_t last_cause_ = 0;
  std::string blocked_on_;
  bool blocked_receive_ = false;
};

}  // namespace wse::iss
