// The Pe's step loop, traps, SRAM and the RV32IM instructions. CSRs are in
// iss_csr.cpp, the fabric/task and tensor extensions in iss_ext.cpp.

#include "iss/iss.h"

#include <cstdio>
#include <cstring>
#include <limits>

namespace wse::iss {
namespace {

std::string Hex(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08x", v);
  return b;
}

int32_t S(uint32_t v) { return static_cast<int32_t>(v); }
uint32_t U(int64_t v) { return static_cast<uint32_t>(v); }

}  // namespace

Pe::Pe(const Config& cfg, Fabric& fabric) : cfg_(cfg), fabric_(fabric), sram_(cfg.sram_bytes, 0) {
  Reset();
}

void Pe::Reset() {
  pc_ = 0;
  x_.fill(0);
  mstatus_mie_ = mstatus_mpie_ = false;
  mie_ = mtvec_ = mscratch_ = mepc_ = mcause_ = mtval_ = 0;
  cycle_ = instret_ = macs_ = zskip_ = 0;
  desc_.fill(Descriptor{});
  handlers_.assign(cfg_.num_colors, std::nullopt);
  tensor_ = TensorState{};
  exited_ = false;
  tohost_ = 0;
  records_ = traps_ = 0;
  last_cause_ = 0;
  blocked_on_.clear();
  blocked_receive_ = false;
}

void Pe::CheckRange(uint32_t addr, size_t len, const char* what) const {
  if (static_cast<uint64_t>(addr) + len > sram_.size()) {
    throw std::out_of_range(std::string("ISS ") + what + ": " + std::to_string(len) +
                            " byte(s) at " + Hex(addr) + " are outside the " +
                            std::to_string(sram_.size()) + "-byte SRAM");
  }
}

void Pe::WriteMem(uint32_t addr, const void* data, size_t len) {
  CheckRange(addr, len, "WriteMem");
  if (len) std::memcpy(sram_.data() + addr, data, len);
}

void Pe::ReadMem(uint32_t addr, void* data, size_t len) const {
  CheckRange(addr, len, "ReadMem");
  if (len) std::memcpy(data, sram_.data() + addr, len);
}

uint32_t Pe::ReadWord(uint32_t addr) const {
  CheckRange(addr, 4, "ReadWord");
  return Load(addr, 4);
}

std::optional<uint32_t> Pe::handler(unsigned color) const {
  return color < handlers_.size() ? handlers_[color] : std::nullopt;
}

std::optional<uint32_t> Pe::tensor_progress() const {
  if (!tensor_.active) return std::nullopt;
  return tensor_.done;
}

uint32_t Pe::Load(uint32_t addr, unsigned bytes) const {
  uint32_t v = 0;
  for (unsigned b = 0; b < bytes; ++b) v |= static_cast<uint32_t>(sram_[addr + b]) << (8 * b);
  return v;
}

void Pe::Store(uint32_t addr, unsigned bytes, uint32_t value, std::vector<MemWrite>& log) {
  for (unsigned b = 0; b < bytes; ++b) sram_[addr + b] = static_cast<uint8_t>(value >> (8 * b));
  const unsigned lane = addr & 3;
  const uint32_t keep = bytes == 4 ? 0xffffffffu : (1u << (8 * bytes)) - 1;
  log.push_back({addr & ~3u, (value & keep) << (8 * lane),
                 static_cast<uint8_t>(((1u << bytes) - 1) << lane)});
}

StepResult Pe::Step(Retire& out, const Hint& hint) {
  if (exited_) return StepResult::kHalted;
  Retire r;
  r.index = records_;
  r.pc = pc_;
  Decoded d;
  Exec e{r, hint, d};
  e.next_pc = pc_ + 4;
  Flow flow;
  // pc is always 4-aligned: every jump target is checked, mtvec and mepc
  // drop bits 1:0. Only the range can fail.
  if (!InSram(pc_, 4)) {
    flow = Trap(e, kCauseFetchFault, pc_);
  } else {
    r.insn = Load(pc_, 4);
    d = Decode(r.insn);
    flow = Execute(e);
  }
  if (flow == Flow::kBlocked) return StepResult::kBlocked;
  blocked_on_.clear();
  blocked_receive_ = false;
  if (flow == Flow::kTrap) {
    // The trapping instruction has no architectural effect of its own.
    r.trap = true;
    r.cause = e.cause;
    r.tval = e.tval;
    r.rd_written = false;
    r.rd = 0;
    r.rd_value = 0;
    mepc_ = r.pc;
    mcause_ = e.cause;
    mtval_ = e.tval;
    mstatus_mpie_ = mstatus_mie_;
    mstatus_mie_ = false;
    pc_ = mtvec_;
    ++traps_;
    last_cause_ = e.cause;
    ++cycle_;
  } else {
    if (r.rd_written) x_[r.rd] = r.rd_value;
    pc_ = e.next_pc;
    if (!e.instret_written) ++instret_;
    if (!e.cycle_written) ++cycle_;
    if (r.exited) {
      exited_ = true;
      tohost_ = r.tohost;
    }
  }
  ++records_;
  out = std::move(r);
  return StepResult::kRetired;
}

Pe::Flow Pe::Trap(Exec& e, uint32_t cause, uint32_t tval) {
  e.cause = cause;
  e.tval = tval;
  return Flow::kTrap;
}

Pe::Flow Pe::Block(const std::string& what, bool receive) {
  blocked_on_ = what;
  blocked_receive_ = receive;
  return Flow::kBlocked;
}

Pe::Flow Pe::Jump(Exec& e, uint32_t target) {
  if (target & 3) return Trap(e, kCauseMisalignedFetch, target);
  e.next_pc = target;
  return Flow::kNext;
}

void Pe::SetRd(Exec& e, uint32_t value) {
  if (e.d.rd == 0) return;
  e.out.rd_written = true;
  e.out.rd = e.d.rd;
  e.out.rd_value = value;
}

Pe::Flow Pe::Execute(Exec& e) {
  switch (e.d.op) {
    case Op::kIllegal:
      return Illegal(e);
    case Op::kLb:
    case Op::kLh:
    case Op::kLw:
    case Op::kLbu:
    case Op::kLhu:
      return ExecLoad(e);
    case Op::kSb:
    case Op::kSh:
    case Op::kSw:
      return ExecStore(e);
    case Op::kCsrrw:
    case Op::kCsrrs:
    case Op::kCsrrc:
    case Op::kCsrrwi:
    case Op::kCsrrsi:
    case Op::kCsrrci:
      return ExecCsr(e);
    case Op::kFsend:
    case Op::kFrecv:
    case Op::kFpoll:
    case Op::kFsendv:
    case Op::kFrecvv:
    case Op::kFpollv:
    case Op::kFtask:
      return ExecFabric(e);
    case Op::kTwait:
      return ExecTwait(e);
    case Op::kDseta:
    case Op::kDsetl:
    case Op::kTcopy:
    case Op::kTadd:
    case Op::kTmac:
      return ExecTensor(e);
    default:
      return ExecBase(e);
  }
}

Pe::Flow Pe::ExecLoad(Exec& e) {
  const Decoded& d = e.d;
  const uint32_t addr = x_[d.rs1] + static_cast<uint32_t>(d.imm);
  const unsigned bytes = (d.op == Op::kLw) ? 4 : (d.op == Op::kLh || d.op == Op::kLhu) ? 2 : 1;
  if (addr % bytes) return Trap(e, kCauseMisalignedLoad, addr);
  if (!InSram(addr, bytes)) return Trap(e, kCauseLoadFault, addr);
  uint32_t v = Load(addr, bytes);
  if (d.op == Op::kLb) v = static_cast<uint32_t>(static_cast<int8_t>(v));
  if (d.op == Op::kLh) v = static_cast<uint32_t>(static_cast<int16_t>(v));
  SetRd(e, v);
  return Flow::kNext;
}

Pe::Flow Pe::ExecStore(Exec& e) {
  const Decoded& d = e.d;
  const uint32_t addr = x_[d.rs1] + static_cast<uint32_t>(d.imm);
  const unsigned bytes = d.op == Op::kSw ? 4 : d.op == Op::kSh ? 2 : 1;
  if (addr % bytes) return Trap(e, kCauseMisalignedStore, addr);
  if (!InSram(addr, bytes)) return Trap(e, kCauseStoreFault, addr);
  const uint32_t value = x_[d.rs2];
  Store(addr, bytes, value, e.out.writes);
  // Only a full-word store of a non-zero value exits (docs/pe.md, "tohost").
  if (d.op == Op::kSw && addr == cfg_.tohost_addr && value != 0) {
    e.out.exited = true;
    e.out.tohost = value;
  }
  return Flow::kNext;
}

Pe::Flow Pe::ExecBase(Exec& e) {
  const Decoded& d = e.d;
  const uint32_t a = x_[d.rs1], b = x_[d.rs2], imm = static_cast<uint32_t>(d.imm);
  const uint32_t pc = e.out.pc;
  auto branch = [&](bool taken) { return taken ? Jump(e, pc + imm) : Flow::kNext; };
  switch (d.op) {
    case Op::kLui:
      SetRd(e, imm);
      break;
    case Op::kAuipc:
      SetRd(e, pc + imm);
      break;
    case Op::kJal: {
      const Flow f = Jump(e, pc + imm);
      if (f == Flow::kNext) SetRd(e, pc + 4);
      return f;
    }
    case Op::kJalr: {
      const Flow f = Jump(e, (a + imm) & ~1u);
      if (f == Flow::kNext) SetRd(e, pc + 4);
      return f;
    }
    case Op::kBeq:
      return branch(a == b);
    case Op::kBne:
      return branch(a != b);
    case Op::kBlt:
      return branch(S(a) < S(b));
    case Op::kBge:
      return branch(S(a) >= S(b));
    case Op::kBltu:
      return branch(a < b);
    case Op::kBgeu:
      return branch(a >= b);
    case Op::kAddi:
      SetRd(e, a + imm);
      break;
    case Op::kSlti:
      SetRd(e, S(a) < S(imm));
      break;
    case Op::kSltiu:
      SetRd(e, a < imm);
      break;
    case Op::kXori:
      SetRd(e, a ^ imm);
      break;
    case Op::kOri:
      SetRd(e, a | imm);
      break;
    case Op::kAndi:
      SetRd(e, a & imm);
      break;
    case Op::kSlli:
      SetRd(e, a << imm);
      break;
    case Op::kSrli:
      SetRd(e, a >> imm);
      break;
    case Op::kSrai:
      SetRd(e, static_cast<uint32_t>(S(a) >> imm));
      break;
    case Op::kAdd:
      SetRd(e, a + b);
      break;
    case Op::kSub:
      SetRd(e, a - b);
      break;
    // Register shifts use rs2[4:0] only.
    case Op::kSll:
      SetRd(e, a << (b & 31));
      break;
    case Op::kSlt:
      SetRd(e, S(a) < S(b));
      break;
    case Op::kSltu:
      SetRd(e, a < b);
      break;
    case Op::kXor:
      SetRd(e, a ^ b);
      break;
    case Op::kSrl:
      SetRd(e, a >> (b & 31));
      break;
    case Op::kSra:
      SetRd(e, static_cast<uint32_t>(S(a) >> (b & 31)));
      break;
    case Op::kOr:
      SetRd(e, a | b);
      break;
    case Op::kAnd:
      SetRd(e, a & b);
      break;
    case Op::kMul:
      SetRd(e, a * b);
      break;
    case Op::kMulh:
      SetRd(e, U((int64_t{S(a)} * int64_t{S(b)}) >> 32));
      break;
    case Op::kMulhsu:
      SetRd(e, U((int64_t{S(a)} * static_cast<int64_t>(b)) >> 32));
      break;
    case Op::kMulhu:
      SetRd(e, U(static_cast<int64_t>((uint64_t{a} * uint64_t{b}) >> 32)));
      break;
    // Division corner cases of the RISC-V M extension: by zero gives all ones
    // (quotient) and the dividend (remainder); INT_MIN / -1 gives INT_MIN and 0.
    case Op::kDiv:
      if (b == 0) {
        SetRd(e, 0xffffffffu);
      } else if (S(a) == std::numeric_limits<int32_t>::min() && S(b) == -1) {
        SetRd(e, a);
      } else {
        SetRd(e, static_cast<uint32_t>(S(a) / S(b)));
      }
      break;
    case Op::kDivu:
      SetRd(e, b == 0 ? 0xffffffffu : a / b);
      break;
    case Op::kRem:
      if (b == 0) {
        SetRd(e, a);
      } else if (S(a) == std::numeric_limits<int32_t>::min() && S(b) == -1) {
        SetRd(e, 0);
      } else {
        SetRd(e, static_cast<uint32_t>(S(a) % S(b)));
      }
      break;
    case Op::kRemu:
      SetRd(e, b == 0 ? a : a % b);
      break;
    case Op::kFence:
    case Op::kFenceI:
      break;
    case Op::kEcall:
      return Trap(e, kCauseEcall, 0);
    case Op::kEbreak:
      return Trap(e, kCauseBreakpoint, pc);
    case Op::kMret:
      mstatus_mie_ = mstatus_mpie_;
      mstatus_mpie_ = true;
      e.next_pc = mepc_;
      break;
    default:
      return Illegal(e);
  }
  return Flow::kNext;
}

}  // namespace wse::iss
