// Zicsr instructions and the CSR file (docs/pe.md, "Machine-mode CSRs").

#include <stdexcept>

#include "iss/csr.h"
#include "iss/iss.h"

namespace wse::iss {
namespace {

uint32_t Lo(uint64_t v) { return static_cast<uint32_t>(v); }
uint32_t Hi(uint64_t v) { return static_cast<uint32_t>(v >> 32); }
uint64_t SetLo(uint64_t v, uint32_t lo) { return (v & 0xffffffff00000000ull) | lo; }
uint64_t SetHi(uint64_t v, uint32_t hi) { return (uint64_t{hi} << 32) | Lo(v); }

}  // namespace

std::optional<uint32_t> Pe::CsrRead(unsigned num, const Hint* hint) const {
  using namespace csr;
  // The RTL's cycle count cannot be predicted: in lockstep it is the hint.
  if (hint && hint->value && IsCycle(num)) return *hint->value;
  switch (num) {
    case kMstatus:
      return (mstatus_mie_ ? kMstatusMie : 0) | (mstatus_mpie_ ? kMstatusMpie : 0) | kMstatusMpp;
    case kMisa:
      return kMisaValue;
    case kMie:
      return mie_;
    case kMtvec:
      return mtvec_;
    case kMscratch:
      return mscratch_;
    case kMepc:
      return mepc_;
    case kMcause:
      return mcause_;
    case kMtval:
      return mtval_;
    case kMstatush:
    case kMip:
    case kMvendorid:
    case kMarchid:
    case kMimpid:
      return 0;
    case kMcycle:
    case kCycle:
      return Lo(cycle_);
    case kMcycleh:
    case kCycleh:
      return Hi(cycle_);
    case kMinstret:
    case kInstret:
      return Lo(instret_);
    case kMinstreth:
    case kInstreth:
      return Hi(instret_);
    case kMhartid:
      return cfg_.hartid;
    case kWsemacs:
      return Lo(macs_);
    case kWsezskip:
      return Lo(zskip_);
    default:
      return std::nullopt;
  }
}

uint32_t Pe::ReadCsr(unsigned num) const {
  const auto v = CsrRead(num, nullptr);
  if (!v) throw std::invalid_argument("ReadCsr: the PE has no CSR " + std::to_string(num));
  return *v;
}

void Pe::CsrWrite(Exec& e, unsigned num, uint32_t value) {
  using namespace csr;
  switch (num) {
    case kMstatus:
      mstatus_mie_ = value & kMstatusMie;
      mstatus_mpie_ = value & kMstatusMpie;
      break;
    case kMie:
      mie_ = value & kMieWritable;
      break;
    case kMtvec:
      mtvec_ = value & ~3u;
      break;
    case kMscratch:
      mscratch_ = value;
      break;
    case kMepc:
      mepc_ = value & ~3u;
      break;
    case kMcause:
      mcause_ = value;
      break;
    case kMtval:
      mtval_ = value;
      break;
    // A written counter holds exactly the written value after the
    // instruction: this instruction does not count itself.
    case kMcycle:
      cycle_ = SetLo(cycle_, value);
      e.cycle_written = true;
      break;
    case kMcycleh:
      cycle_ = SetHi(cycle_, value);
      e.cycle_written = true;
      break;
    case kMinstret:
      instret_ = SetLo(instret_, value);
      e.instret_written = true;
      break;
    case kMinstreth:
      instret_ = SetHi(instret_, value);
      e.instret_written = true;
      break;
    default:
      break;  // misa, mstatush, mip: writes ignored
  }
}

Pe::Flow Pe::ExecCsr(Exec& e) {
  const Decoded& d = e.d;
  const bool imm_form = d.op == Op::kCsrrwi || d.op == Op::kCsrrsi || d.op == Op::kCsrrci;
  const uint32_t operand = imm_form ? static_cast<uint32_t>(d.imm) : x_[d.rs1];
  // csrrs/csrrc with rs1 = x0 (the register number, not its value) and the
  // immediate forms with uimm = 0 do not write.
  const bool is_write =
      d.op == Op::kCsrrw || d.op == Op::kCsrrwi || (imm_form ? d.imm != 0 : d.rs1 != 0);
  const std::optional<uint32_t> old = CsrRead(d.csr, &e.hint);
  if (!old) return Illegal(e);
  if (is_write && csr::ReadOnly(d.csr)) return Illegal(e);
  if (is_write) {
    uint32_t value = operand;
    if (d.op == Op::kCsrrs || d.op == Op::kCsrrsi) value = *old | operand;
    if (d.op == Op::kCsrrc || d.op == Op::kCsrrci) value = *old & ~operand;
    CsrWrite(e, d.csr, value);
  }
  SetRd(e, *old);
  return Flow::kNext;
}

}  // namespace wse::iss
