#include "harness/lockstep.h"

#include <cstdio>
#include <sstream>

#include "harness/wavelet.h"
#include "iss/disasm.h"

namespace wse::tb {

namespace {

// Instructions whose outcome depends on timing: the RTL's result is the hint.
enum class Nondet { kNone, kPoll, kTwait, kCycleCsr };

Nondet Classify(uint32_t insn) {
  const uint32_t opcode = insn & 0x7f, f3 = (insn >> 12) & 7;
  if (opcode == 0x0b && (f3 == 2 || f3 == 5)) return Nondet::kPoll;
  if (opcode == 0x0b && f3 == 7) return Nondet::kTwait;
  if (opcode == 0x73 && f3 != 0 && f3 != 4) {
    const uint32_t csr = insn >> 20;
    if (csr == 0xB00 || csr == 0xB80 || csr == 0xC00 || csr == 0xC80) return Nondet::kCycleCsr;
  }
  return Nondet::kNone;
}

}  // namespace

Lockstep::Lockstep(Sim& sim, MeshDut& dut, int x, int y, Logger log, uint32_t sram_bytes)
    : sim_(sim), x_(x), y_(y), log_(std::move(log)), pins_(dut.PeTrace(x, y)) {
  iss::Config cfg;
  cfg.sram_bytes = sram_bytes;
  cfg.hartid = (static_cast<uint32_t>(y) << 10) | static_cast<uint32_t>(x);
  cfg.num_colors = static_cast<unsigned>(dut.num_colors());
  pe_ = std::make_unique<iss::Pe>(cfg, fabric_);
}

void Lockstep::Arm(const PeImage& image) {
  iss::Config cfg = pe_->config();
  cfg.tohost_addr = image.tohost;
  // A restart does not clear the SRAM: the ISS carries over everything the
  // previous runs and the host left, exactly as the RTL keeps it.
  std::vector<uint8_t> mem(cfg.sram_bytes);
  pe_->ReadMem(0, mem.data(), mem.size());
  pe_ = std::make_unique<iss::Pe>(cfg, fabric_);
  pe_->WriteMem(0, mem.data(), mem.size());
  for (const auto& s : image.segments) pe_->WriteMem(s.addr, s.bytes.data(), s.bytes.size());
  pe_->Reset();
  fabric_ = iss::QueueFabric();
  rtl_writes_.clear();
  iss_sends_.clear();
  rtl_sends_.clear();
  retired_ = 0;
  armed_ = true;
}

void Lockstep::WriteMem(uint32_t addr, const std::vector<uint32_t>& words) {
  std::vector<uint8_t> bytes;
  for (uint32_t w : words)
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<uint8_t>(w >> (8 * b)));
  pe_->WriteMem(addr, bytes.data(), bytes.size());
}

std::string Lockstep::Where() const {
  std::ostringstream o;
  o << "tile (" << x_ << "," << y_ << ") cycle " << sim_.cycle() << ", instruction #" << retired_;
  return o.str();
}

void Lockstep::Diverge(const std::string& what, const std::string& detail) {
  std::ostringstream o;
  o << "lockstep divergence at " << Where() << ": " << what << "\n" << detail;
  if (retired_ > 0) {
    o << "\n  previous instruction: " << Hex(last_pc_) << "  "
      << iss::Disassemble(last_insn_, last_pc_);
  }
  if (record_only_) {
    divergence_ = o.str();
    armed_ = false;
    throw Stop{};
  }
  throw TestFailure(o.str());
}

Task Lockstep::Run() {
  for (;;) {
    co_await sim_.ReadOnly();
    if (armed_) {
      try {
        OnCycle();
      } catch (const Stop&) {
      }
    }
    co_await sim_.RisingEdge();
  }
}

void Lockstep::OnCycle() {
  // A wavelet entering the PE this cycle is in its buffer after the edge, so
  // the ISS may use it from the next retirement on.
  if (pins_.rx_fire.Get()) {
    const Wavelet w = Wavelet::Unpack(pins_.rx_data.Get());
    fabric_.Push(w.color, w.data);
  }
  if (const uint32_t be = static_cast<uint32_t>(pins_.mem_be.Get())) {
    rtl_writes_.push_back({static_cast<uint32_t>(pins_.mem_addr.Get()),
                           static_cast<uint32_t>(pins_.mem_data.Get()), static_cast<uint8_t>(be)});
  }
  if (pins_.tx_fire.Get()) {
    const Wavelet w = Wavelet::Unpack(pins_.tx_data.Get());
    rtl_sends_.push_back({w.color, w.data});
  }
  const bool retired = pins_.valid.Get() != 0;
  if (retired) OnRetire();
  // Match sends as two ordered streams: an fsend's wavelet leaves the
  // transmit register after the instruction retired (the ISS leads), a
  // tensor instruction's wavelets leave before it retires (the RTL leads).
  while (!rtl_sends_.empty() && !iss_sends_.empty()) {
    const iss::Send r = rtl_sends_.front(), g = iss_sends_.front();
    if (r.color != g.color || r.data != g.data) {
      Diverge("sent wavelet differs",
              "  RTL sent color " + std::to_string(r.color) + " data " + Hex(r.data) +
                  "\n  ISS sent color " + std::to_string(g.color) + " data " + Hex(g.data));
    }
    rtl_sends_.pop_front();
    iss_sends_.pop_front();
  }
  if (retired && !rtl_sends_.empty()) {
    const iss::Send r = rtl_sends_.front();
    Diverge("the RTL sent a wavelet the ISS did not",
            "  RTL sent color " + std::to_string(r.color) + " data " + Hex(r.data));
  }
}

void Lockstep::OnRetire() {
  const uint32_t pc = static_cast<uint32_t>(pins_.pc.Get());
  const uint32_t insn = static_cast<uint32_t>(pins_.insn.Get());
  const bool trap = pins_.trap.Get() != 0;
  const uint32_t cause = static_cast<uint32_t>(pins_.cause.Get());
  const bool rd_we = pins_.rd_we.Get() != 0;
  const unsigned rd = static_cast<unsigned>(pins_.rd.Get());
  const uint32_t rd_data = static_cast<uint32_t>(pins_.rd_data.Get());

  iss::Hint hint;
  if (!trap) {
    switch (Classify(insn)) {
      case Nondet::kPoll:
      case Nondet::kCycleCsr:
        if (rd_we) hint.value = rd_data;
        break;
      case Nondet::kTwait:
        hint.value = static_cast<uint32_t>(pins_.color.Get());
        break;
      case Nondet::kNone: break;
    }
  }

  iss::Retire g;
  iss::StepResult r;
  try {
    r = pe_->Step(g, hint);
  } catch (const iss::IssDivergence& e) {
    Diverge("the ISS rejects the RTL's outcome", std::string("  ") + e.what() + "\n  RTL: " +
                                                     Hex(pc) + "  " + iss::Disassemble(insn, pc));
  }
  const std::string rtl_line = "  RTL: pc " + Hex(pc) + "  " + Hex(insn) + "  " +
                               iss::Disassemble(insn, pc);
  if (r == iss::StepResult::kBlocked) {
    Diverge("the RTL retired an instruction the ISS cannot execute yet (waits for the fabric)",
            rtl_line + "\n  ISS pc " + Hex(pe_->pc()));
  }
  if (r == iss::StepResult::kHalted) {
    Diverge("the RTL retired an instruction after the program exited", rtl_line);
  }
  std::ostringstream d;
  d << rtl_line;
  if (trap) d << "  trap cause " << cause;
  if (rd_we) d << "  x" << rd << " <- " << Hex(rd_data);
  d << "\n  ISS: pc " << Hex(g.pc) << "  " << Hex(g.insn) << "  " << iss::Disassemble(g.insn, g.pc);
  if (g.trap) d << "  trap cause " << g.cause << " tval " << Hex(g.tval);
  if (g.rd_written) d << "  x" << g.rd << " <- " << Hex(g.rd_value);
  if ((insn & 0x7f) == 0x2b) {  // tensor: the ISS's descriptors explain the writes
    static const char* kType[] = {"MEM16", "MEM32", "FAB16", "FAB32"};
    for (unsigned i = 0; i < 4; ++i) {
      const iss::Descriptor& ds = pe_->descriptor(i);
      d << "\n  D" << i << " = {" << kType[ds.type & 3] << ", addr " << Hex(ds.addr) << ", len " << ds.len
        << ", stride " << static_cast<int32_t>(ds.stride) << "}";
    }
  }
  const std::string detail = d.str();

  if (g.pc != pc) Diverge("pc differs", detail);
  if (g.insn != insn && !(trap && cause == 1)) Diverge("instruction differs", detail);
  if (g.trap != trap) Diverge(trap ? "the RTL trapped, the ISS did not" : "the ISS trapped, the RTL did not", detail);
  if (trap && g.cause != cause) Diverge("trap cause differs", detail);
  if (g.rd_written != rd_we) Diverge("register write differs", detail);
  if (rd_we && (g.rd != rd || g.rd_value != rd_data)) Diverge("register write differs", detail);

  // SRAM writes of this instruction, compared byte lane by byte lane.
  std::vector<RtlWrite> iss_writes;
  for (const auto& w : g.writes) iss_writes.push_back({w.addr, w.data, w.mask});
  bool same = iss_writes.size() == rtl_writes_.size();
  for (size_t i = 0; same && i < iss_writes.size(); ++i) {
    uint32_t bytes = 0;
    for (int b = 0; b < 4; ++b)
      if (iss_writes[i].mask & (1u << b)) bytes |= 0xffu << (8 * b);
    same = iss_writes[i].addr == rtl_writes_[i].addr && iss_writes[i].mask == rtl_writes_[i].mask &&
           (iss_writes[i].data & bytes) == (rtl_writes_[i].data & bytes);
  }
  if (!same) {
    std::ostringstream w;
    w << detail << "\n  RTL writes:";
    for (const auto& x : rtl_writes_) w << " [" << Hex(x.addr) << " mask " << int(x.mask) << " " << Hex(x.data) << "]";
    w << "\n  ISS writes:";
    for (const auto& x : iss_writes) w << " [" << Hex(x.addr) << " mask " << int(x.mask) << " " << Hex(x.data) << "]";
    Diverge("memory writes differ", w.str());
  }
  rtl_writes_.clear();
  for (const auto& s : g.sends) iss_sends_.push_back(s);
  last_pc_ = pc;
  last_insn_ = insn;
  ++retired_;
}

void Lockstep::Finish() const {
  if (!armed_) return;
  if (!rtl_writes_.empty()) {
    throw TestFailure("lockstep: " + Where() + ": the RTL wrote SRAM after its last instruction");
  }
  if (!iss_sends_.empty()) {
    throw TestFailure("lockstep: " + Where() + ": the ISS sent " + std::to_string(iss_sends_.size()) +
                      " wavelet(s) the RTL has not sent");
  }
}

}  // namespace wse::tb
