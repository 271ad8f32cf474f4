#include "iss/decode.h"

namespace wse::iss {
namespace {

uint32_t Bits(uint32_t v, unsigned hi, unsigned lo) {
  return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

int32_t SignExtend(uint32_t v, unsigned bits) {
  const uint32_t m = 1u << (bits - 1);
  return static_cast<int32_t>((v ^ m) - m);
}

int32_t ImmI(uint32_t i) { return SignExtend(Bits(i, 31, 20), 12); }
int32_t ImmS(uint32_t i) { return SignExtend((Bits(i, 31, 25) << 5) | Bits(i, 11, 7), 12); }
int32_t ImmB(uint32_t i) {
  return SignExtend((Bits(i, 31, 31) << 12) | (Bits(i, 7, 7) << 11) | (Bits(i, 30, 25) << 5) |
                        (Bits(i, 11, 8) << 1),
                    13);
}
int32_t ImmJ(uint32_t i) {
  return SignExtend((Bits(i, 31, 31) << 20) | (Bits(i, 19, 12) << 12) | (Bits(i, 20, 20) << 11) |
                        (Bits(i, 30, 21) << 1),
                    21);
}

Op DecodeOp(const Decoded& d, uint32_t f3, uint32_t f7) {
  switch (d.raw & 0x7f) {
    case kOpcodeLui:
      return Op::kLui;
    case kOpcodeAuipc:
      return Op::kAuipc;
    case kOpcodeJal:
      return Op::kJal;
    case kOpcodeJalr:
      return f3 == 0 ? Op::kJalr : Op::kIllegal;
    case kOpcodeBranch: {
      constexpr Op kOps[8] = {Op::kBeq, Op::kBne, Op::kIllegal, Op::kIllegal,
                              Op::kBlt, Op::kBge, Op::kBltu,    Op::kBgeu};
      return kOps[f3];
    }
    case kOpcodeLoad: {
      constexpr Op kOps[8] = {Op::kLb,  Op::kLh,  Op::kLw,      Op::kIllegal,
                              Op::kLbu, Op::kLhu, Op::kIllegal, Op::kIllegal};
      return kOps[f3];
    }
    case kOpcodeStore:
      return f3 <= 2 ? (f3 == 0 ? Op::kSb : f3 == 1 ? Op::kSh : Op::kSw) : Op::kIllegal;
    case kOpcodeOpImm:
      switch (f3) {
        case 0:
          return Op::kAddi;
        case 2:
          return Op::kSlti;
        case 3:
          return Op::kSltiu;
        case 4:
          return Op::kXori;
        case 6:
          return Op::kOri;
        case 7:
          return Op::kAndi;
        // RV32: imm[5] is the shamt's bit 5 and must be 0, so funct7 is exact.
        case 1:
          return f7 == 0 ? Op::kSlli : Op::kIllegal;
        default:
          return f7 == 0 ? Op::kSrli : f7 == 0x20 ? Op::kSrai : Op::kIllegal;
      }
    case kOpcodeOp: {
      if (f7 == 0) {
        constexpr Op kOps[8] = {Op::kAdd, Op::kSll, Op::kSlt, Op::kSltu,
                                Op::kXor, Op::kSrl, Op::kOr,  Op::kAnd};
        return kOps[f3];
      }
      if (f7 == 1) {
        constexpr Op kOps[8] = {Op::kMul, Op::kMulh, Op::kMulhsu, Op::kMulhu,
                                Op::kDiv, Op::kDivu, Op::kRem,    Op::kRemu};
        return kOps[f3];
      }
      if (f7 == 0x20) return f3 == 0 ? Op::kSub : f3 == 5 ? Op::kSra : Op::kIllegal;
      return Op::kIllegal;
    }
    case kOpcodeMiscMem:
      // fence's fm/pred/succ/rs1/rd are hints an implementation may ignore
      // (RISC-V unprivileged spec); the PE has nothing to order.
      return f3 == 0 ? Op::kFence : f3 == 1 ? Op::kFenceI : Op::kIllegal;
    case kOpcodeSystem:
      switch (f3) {
        case 0:
          if (d.raw == 0x00000073) return Op::kEcall;
          if (d.raw == 0x00100073) return Op::kEbreak;
          if (d.raw == 0x30200073) return Op::kMret;
          return Op::kIllegal;  // wfi, sret, sfence.vma, ...: not in the PE
        case 1:
          return Op::kCsrrw;
        case 2:
          return Op::kCsrrs;
        case 3:
          return Op::kCsrrc;
        case 5:
          return Op::kCsrrwi;
        case 6:
          return Op::kCsrrsi;
        case 7:
          return Op::kCsrrci;
        default:
          return Op::kIllegal;
      }
    case kOpcodeCustom0: {
      // Reserved fields per docs/pe.md "Fabric extension": imm[11:5] of the
      // immediate-color forms, the unused register fields, all of imm for the
      // register-color forms.
      const bool hi_zero = f7 == 0;
      const bool imm_zero = Bits(d.raw, 31, 20) == 0;
      switch (f3) {
        case 0:
          return hi_zero && d.rd == 0 ? Op::kFsend : Op::kIllegal;
        case 1:
          return hi_zero && d.rs1 == 0 ? Op::kFrecv : Op::kIllegal;
        case 2:
          return hi_zero && d.rs1 == 0 ? Op::kFpoll : Op::kIllegal;
        case 3:
          return hi_zero && d.rd == 0 ? Op::kFsendv : Op::kIllegal;
        case 4:
          return imm_zero ? Op::kFrecvv : Op::kIllegal;
        case 5:
          return imm_zero ? Op::kFpollv : Op::kIllegal;
        case 6:
          return hi_zero && d.rd == 0 ? Op::kFtask : Op::kIllegal;
        default:
          return imm_zero && d.rs1 == 0 ? Op::kTwait : Op::kIllegal;
      }
    }
    case kOpcodeCustom1:
      switch (f3) {
        // rd is listed as 0 in the dseta/dsetl encodings: a reserved field,
        // checked like every other reserved field of the extension.
        case 0:
          return (f7 >> 2) == 0 && d.rd == 0 ? Op::kDseta : Op::kIllegal;
        case 1:
          return (f7 >> 2) == 0 && d.rd == 0 ? Op::kDsetl : Op::kIllegal;
        case 2:
        case 3:
          if ((f7 >> 4) != 0 || d.rd != 0 || d.rs1 != 0 || d.rs2 != 0) return Op::kIllegal;
          return f3 == 2 ? Op::kTcopy : Op::kTadd;
        case 4:
          return (f7 >> 4) == 0 && d.rd == 0 && d.rs2 == 0 ? Op::kTmac : Op::kIllegal;
        default:
          return Op::kIllegal;
      }
    default:
      return Op::kIllegal;
  }
}

}  // namespace

Decoded Decode(uint32_t insn) {
  Decoded d;
  d.raw = insn;
  d.rd = Bits(insn, 11, 7);
  d.rs1 = Bits(insn, 19, 15);
  d.rs2 = Bits(insn, 24, 20);
  const uint32_t f3 = Bits(insn, 14, 12), f7 = Bits(insn, 31, 25);
  d.op = DecodeOp(d, f3, f7);
  switch (insn & 0x7f) {
    case kOpcodeLui:
    case kOpcodeAuipc:
      d.imm = static_cast<int32_t>(insn & 0xfffff000u);
      break;
    case kOpcodeJal:
      d.imm = ImmJ(insn);
      break;
    case kOpcodeBranch:
      d.imm = ImmB(insn);
      break;
    case kOpcodeStore:
      d.imm = ImmS(insn);
      break;
    case kOpcodeOpImm:
      d.imm = (f3 == 1 || f3 == 5) ? static_cast<int32_t>(d.rs2) : ImmI(insn);
      break;
    case kOpcodeLoad:
    case kOpcodeJalr:
    case kOpcodeMiscMem:
      d.imm = ImmI(insn);
      break;
    case kOpcodeSystem:
      d.csr = Bits(insn, 31, 20);
      if (f3 >= 5) d.imm = static_cast<int32_t>(d.rs1);
      break;
    case kOpcodeCustom0:
      d.color = d.rs2;
      break;
    case kOpcodeCustom1:
      d.d = f7 & 3;
      d.dst = (f7 >> 2) & 3;
      d.src = f7 & 3;
      break;
    default:
      break;
  }
  // Fields that are not operands of the instruction read as 0, so the
  // executor and disassembler never see encoding leftovers.
  switch (d.op) {
    case Op::kLui:
    case Op::kAuipc:
    case Op::kJal:
      d.rs1 = d.rs2 = 0;
      break;
    case Op::kJalr:
    case Op::kLb:
    case Op::kLh:
    case Op::kLw:
    case Op::kLbu:
    case Op::kLhu:
    case Op::kAddi:
    case Op::kSlti:
    case Op::kSltiu:
    case Op::kXori:
    case Op::kOri:
    case Op::kAndi:
    case Op::kSlli:
    case Op::kSrli:
    case Op::kSrai:
    case Op::kFrecvv:
    case Op::kFpollv:
    case Op::kTmac:
      d.rs2 = 0;
      break;
    case Op::kBeq:
    case Op::kBne:
    case Op::kBlt:
    case Op::kBge:
    case Op::kBltu:
    case Op::kBgeu:
    case Op::kSb:
    case Op::kSh:
    case Op::kSw:
      d.rd = 0;
      break;
    case Op::kCsrrwi:
    case Op::kCsrrsi:
    case Op::kCsrrci:
      d.rs1 = d.rs2 = 0;
      break;
    case Op::kCsrrw:
    case Op::kCsrrs:
    case Op::kCsrrc:
      d.rs2 = 0;
      break;
    case Op::kFsend:
    case Op::kFrecv:
    case Op::kFpoll:
    case Op::kFtask:
      d.rs2 = 0;
      break;
    case Op::kFence:
    case Op::kFenceI:
    case Op::kEcall:
    case Op::kEbreak:
    case Op::kMret:
    case Op::kIllegal:
      d.rd = d.rs1 = d.rs2 = 0;
      break;
    default:
      break;
  }
  if (d.op == Op::kIllegal) d.imm = 0;
  return d;
}

const char* Mnemonic(Op op) {
  switch (op) {
    case Op::kIllegal:
      return "illegal";
    case Op::kLui:
      return "lui";
    case Op::kAuipc:
      return "auipc";
    case Op::kJal:
      return "jal";
    case Op::kJalr:
      return "jalr";
    case Op::kBeq:
      return "beq";
    case Op::kBne:
      return "bne";
    case Op::kBlt:
      return "blt";
    case Op::kBge:
      return "bge";
    case Op::kBltu:
      return "bltu";
    case Op::kBgeu:
      return "bgeu";
    case Op::kLb:
      return "lb";
    case Op::kLh:
      return "lh";
    case Op::kLw:
      return "lw";
    case Op::kLbu:
      return "lbu";
    case Op::kLhu:
      return "lhu";
    case Op::kSb:
      return "sb";
    case Op::kSh:
      return "sh";
    case Op::kSw:
      return "sw";
    case Op::kAddi:
      return "addi";
    case Op::kSlti:
      return "slti";
    case Op::kSltiu:
      return "sltiu";
    case Op::kXori:
      return "xori";
    case Op::kOri:
      return "ori";
    case Op::kAndi:
      return "andi";
    case Op::kSlli:
      return "slli";
    case Op::kSrli:
      return "srli";
    case Op::kSrai:
      return "srai";
    case Op::kAdd:
      return "add";
    case Op::kSub:
      return "sub";
    case Op::kSll:
      return "sll";
    case Op::kSlt:
      return "slt";
    case Op::kSltu:
      return "sltu";
    case Op::kXor:
      return "xor";
    case Op::kSrl:
      return "srl";
    case Op::kSra:
      return "sra";
    case Op::kOr:
      return "or";
    case Op::kAnd:
      return "and";
    case Op::kFence:
      return "fence";
    case Op::kFenceI:
      return "fence.i";
    case Op::kEcall:
      return "ecall";
    case Op::kEbreak:
      return "ebreak";
    case Op::kMret:
      return "mret";
    case Op::kMul:
      return "mul";
    case Op::kMulh:
      return "mulh";
    case Op::kMulhsu:
      return "mulhsu";
    case Op::kMulhu:
      return "mulhu";
    case Op::kDiv:
      return "div";
    case Op::kDivu:
      return "divu";
    case Op::kRem:
      return "rem";
    case Op::kRemu:
      return "remu";
    case Op::kCsrrw:
      return "csrrw";
    case Op::kCsrrs:
      return "csrrs";
    case Op::kCsrrc:
      return "csrrc";
    case Op::kCsrrwi:
      return "csrrwi";
    case Op::kCsrrsi:
      return "csrrsi";
    case Op::kCsrrci:
      return "csrrci";
    case Op::kFsend:
      return "fsend";
    case Op::kFrecv:
      return "frecv";
    case Op::kFpoll:
      return "fpoll";
    case Op::kFsendv:
      return "fsendv";
    case Op::kFrecvv:
      return "frecvv";
    case Op::kFpollv:
      return "fpollv";
    case Op::kFtask:
      return "ftask";
    case Op::kTwait:
      return "twait";
    case Op::kDseta:
      return "dseta";
    case Op::kDsetl:
      return "dsetl";
    case Op::kTcopy:
      return "tcopy";
    case Op::kTadd:
      return "tadd";
    case Op::kTmac:
      return "tmac";
  }
  return "?";
}

}  // namespace wse::iss
