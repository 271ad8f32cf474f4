#include "iss/disasm.h"

#include <cstdarg>
#include <cstdio>

#include "iss/csr.h"
#include "iss/decode.h"

namespace wse::iss {
namespace {

std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* fmt, ...) {
  char buf[128];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return buf;
}

std::string Line(const char* mnemonic, const std::string& operands) {
  if (operands.empty()) return mnemonic;
  std::string s = mnemonic;
  s.resize(s.size() < 8 ? 8 : s.size() + 1, ' ');
  return s + operands;
}

std::string CsrText(unsigned num) {
  if (const char* n = csr::Name(num)) return n;
  return Format("0x%x", num);
}

std::string FenceSet(uint32_t bits) {
  std::string s;
  if (bits & 8) s += 'i';
  if (bits & 4) s += 'o';
  if (bits & 2) s += 'r';
  if (bits & 1) s += 'w';
  return s.empty() ? "0" : s;
}

// Immediate-operand ALU forms and their aliases.
std::string OpImm(const Decoded& d) {
  const char* rd = RegName(d.rd);
  const char* rs = RegName(d.rs1);
  if (d.op == Op::kAddi) {
    if (d.rd == 0 && d.rs1 == 0 && d.imm == 0) return "nop";
    if (d.rs1 == 0) return Line("li", Format("%s,%d", rd, d.imm));
    if (d.imm == 0) return Line("mv", Format("%s,%s", rd, rs));
  }
  if (d.op == Op::kXori && d.imm == -1) return Line("not", Format("%s,%s", rd, rs));
  if (d.op == Op::kSltiu && d.imm == 1) return Line("seqz", Format("%s,%s", rd, rs));
  if (d.op == Op::kSlli || d.op == Op::kSrli || d.op == Op::kSrai) {
    return Line(Mnemonic(d.op), Format("%s,%s,0x%x", rd, rs, static_cast<unsigned>(d.imm)));
  }
  return Line(Mnemonic(d.op), Format("%s,%s,%d", rd, rs, d.imm));
}

std::string Branch(const Decoded& d, uint32_t pc) {
  const uint32_t target = pc + static_cast<uint32_t>(d.imm);
  if (d.rs2 == 0 && (d.op == Op::kBeq || d.op == Op::kBne)) {
    return Line(d.op == Op::kBeq ? "beqz" : "bnez", Format("%s,%x", RegName(d.rs1), target));
  }
  return Line(Mnemonic(d.op), Format("%s,%s,%x", RegName(d.rs1), RegName(d.rs2), target));
}

std::string Csr(const Decoded& d) {
  const bool imm_form = d.op == Op::kCsrrwi || d.op == Op::kCsrrsi || d.op == Op::kCsrrci;
  const std::string c = CsrText(d.csr);
  const std::string src = imm_form ? Format("%d", d.imm) : RegName(d.rs1);
  if (d.op == Op::kCsrrs && d.rs1 == 0)
    return Line("csrr", Format("%s,%s", RegName(d.rd), c.c_str()));
  if (d.rd == 0) {
    const char* alias = nullptr;
    switch (d.op) {
      case Op::kCsrrw:
        alias = "csrw";
        break;
      case Op::kCsrrs:
        alias = "csrs";
        break;
      case Op::kCsrrc:
        alias = "csrc";
        break;
      case Op::kCsrrwi:
        alias = "csrwi";
        break;
      case Op::kCsrrsi:
        alias = "csrsi";
        break;
      default:
        alias = "csrci";
        break;
    }
    return Line(alias, c + "," + src);
  }
  return Line(Mnemonic(d.op), Format("%s,%s,%s", RegName(d.rd), c.c_str(), src.c_str()));
}

std::string Extension(const Decoded& d) {
  const char* m = Mnemonic(d.op);
  switch (d.op) {
    case Op::kFsend:
    case Op::kFtask:
      return Line(m, Format("%s,%u", RegName(d.rs1), d.color));
    case Op::kFrecv:
    case Op::kFpoll:
      return Line(m, Format("%s,%u", RegName(d.rd), d.color));
    case Op::kFsendv:
      return Line(m, Format("%s,%s", RegName(d.rs1), RegName(d.rs2)));
    case Op::kFrecvv:
    case Op::kFpollv:
      return Line(m, Format("%s,%s", RegName(d.rd), RegName(d.rs1)));
    case Op::kTwait:
      return Line(m, RegName(d.rd));
    case Op::kDseta:
    case Op::kDsetl:
      return Line(m, Format("d%u,%s,%s", d.d, RegName(d.rs1), RegName(d.rs2)));
    case Op::kTcopy:
    case Op::kTadd:
      return Line(m, Format("d%u,d%u", d.dst, d.src));
    default:
      return Line(m, Format("d%u,d%u,%s", d.dst, d.src, RegName(d.rs1)));  // tmac
  }
}

}  // namespace

const char* RegName(unsigned i) {
  static constexpr const char* kNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                             "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                             "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                             "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  return kNames[i & 31];
}

std::string Disassemble(uint32_t insn, uint32_t pc) {
  const Decoded d = Decode(insn);
  const char* m = Mnemonic(d.op);
  const char* rd = RegName(d.rd);
  const char* rs1 = RegName(d.rs1);
  const char* rs2 = RegName(d.rs2);
  switch (d.op) {
    case Op::kIllegal:
      return Format(".word 0x%08x", insn);
    case Op::kLui:
    case Op::kAuipc:
      return Line(m, Format("%s,0x%x", rd, static_cast<uint32_t>(d.imm) >> 12));
    case Op::kJal: {
      const uint32_t target = pc + static_cast<uint32_t>(d.imm);
      if (d.rd == 0) return Line("j", Format("%x", target));
      if (d.rd == 1) return Line("jal", Format("%x", target));
      return Line(m, Format("%s,%x", rd, target));
    }
    case Op::kJalr:
      if (d.rd == 0 && d.rs1 == 1 && d.imm == 0) return "ret";
      if (d.rd == 0 && d.imm == 0) return Line("jr", rs1);
      return Line(m, Format("%s,%d(%s)", rd, d.imm, rs1));
    case Op::kBeq:
    case Op::kBne:
    case Op::kBlt:
    case Op::kBge:
    case Op::kBltu:
    case Op::kBgeu:
      return Branch(d, pc);
    case Op::kLb:
    case Op::kLh:
    case Op::kLw:
    case Op::kLbu:
    case Op::kLhu:
      return Line(m, Format("%s,%d(%s)", rd, d.imm, rs1));
    case Op::kSb:
    case Op::kSh:
    case Op::kSw:
      return Line(m, Format("%s,%d(%s)", rs2, d.imm, rs1));
    case Op::kAddi:
    case Op::kSlti:
    case Op::kSltiu:
    case Op::kXori:
    case Op::kOri:
    case Op::kAndi:
    case Op::kSlli:
    case Op::kSrli:
    case Op::kSrai:
      return OpImm(d);
    case Op::kSub:
      if (d.rs1 == 0) return Line("neg", Format("%s,%s", rd, rs2));
      return Line(m, Format("%s,%s,%s", rd, rs1, rs2));
    case Op::kSltu:
      if (d.rs1 == 0) return Line("snez", Format("%s,%s", rd, rs2));
      return Line(m, Format("%s,%s,%s", rd, rs1, rs2));
    case Op::kFence: {
      const uint32_t pred = (insn >> 24) & 15, succ = (insn >> 20) & 15;
      if (pred == 15 && succ == 15) return "fence";
      return Line(m, FenceSet(pred) + "," + FenceSet(succ));
    }
    case Op::kFenceI:
    case Op::kEcall:
    case Op::kEbreak:
    case Op::kMret:
      return m;
    case Op::kCsrrw:
    case Op::kCsrrs:
    case Op::kCsrrc:
    case Op::kCsrrwi:
    case Op::kCsrrsi:
    case Op::kCsrrci:
      return Csr(d);
    case Op::kFsend:
    case Op::kFrecv:
    case Op::kFpoll:
    case Op::kFsendv:
    case Op::kFrecvv:
    case Op::kFpollv:
    case Op::kFtask:
    case Op::kTwait:
    case Op::kDseta:
    case Op::kDsetl:
    case Op::kTcopy:
    case Op::kTadd:
    case Op::kTmac:
      return Extension(d);
    default:
      return Line(m, Format("%s,%s,%s", rd, rs1, rs2));  // R-type ALU and M
  }
}

}  // namespace wse::iss
