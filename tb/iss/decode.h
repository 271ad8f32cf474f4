#pragma once
// Instruction decoding for the PE (docs/pe.md): RV32IM, Zicsr, the machine
// subset, and the fabric (custom-0) and tensor (custom-1) extensions.
//
// Decode() rejects every encoding that is illegal from its bits alone
// (unknown opcode/funct, non-zero reserved fields of the extension). What
// depends on state or configuration (a color >= NumColors, an unknown or
// read-only CSR written, twait with nothing bound, a dseta type > 3, a fabric
// destination for tadd/tmac) is checked when the instruction executes.

#include <cstdint>

namespace wse::iss {

enum class Op : uint8_t {
  kIllegal,
  // RV32I
  kLui,
  kAuipc,
  kJal,
  kJalr,
  kBeq,
  kBne,
  kBlt,
  kBge,
  kBltu,
  kBgeu,
  kLb,
  kLh,
  kLw,
  kLbu,
  kLhu,
  kSb,
  kSh,
  kSw,
  kAddi,
  kSlti,
  kSltiu,
  kXori,
  kOri,
  kAndi,
  kSlli,
  kSrli,
  kSrai,
  kAdd,
  kSub,
  kSll,
  kSlt,
  kSltu,
  kXor,
  kSrl,
  kSra,
  kOr,
  kAnd,
  kFence,
  kFenceI,
  kEcall,
  kEbreak,
  kMret,
  // M
  kMul,
  kMulh,
  kMulhsu,
  kMulhu,
  kDiv,
  kDivu,
  kRem,
  kRemu,
  // Zicsr
  kCsrrw,
  kCsrrs,
  kCsrrc,
  kCsrrwi,
  kCsrrsi,
  kCsrrci,
  // Fabric and task extension (custom-0)
  kFsend,
  kFrecv,
  kFpoll,
  kFsendv,
  kFrecvv,
  kFpollv,
  kFtask,
  kTwait,
  // Tensor extension (custom-1)
  kDseta,
  kDsetl,
  kTcopy,
  kTadd,
  kTmac,
};

/// Major opcodes (bits 6:0).
inline constexpr uint32_t kOpcodeLoad = 0x03, kOpcodeCustom0 = 0x0b, kOpcodeMiscMem = 0x0f,
                          kOpcodeOpImm = 0x13, kOpcodeAuipc = 0x17, kOpcodeStore = 0x23,
                          kOpcodeCustom1 = 0x2b, kOpcodeOp = 0x33, kOpcodeLui = 0x37,
                          kOpcodeBranch = 0x63, kOpcodeJalr = 0x67, kOpcodeJal = 0x6f,
                          kOpcodeSystem = 0x73;

/// One decoded instruction. Fields an instruction does not use are 0.
struct Decoded {
  Op op = Op::kIllegal;
  uint32_t raw = 0;
  unsigned rd = 0, rs1 = 0, rs2 = 0;
  /// Sign-extended immediate (I/S/B/U/J; U already shifted left by 12); the
  /// shift amount of slli/srli/srai; the zero-extended uimm of csrr*i.
  int32_t imm = 0;
  unsigned csr = 0;           // Zicsr: the CSR number
  unsigned color = 0;         // fsend/frecv/fpoll/ftask: imm[4:0]
  unsigned d = 0;             // dseta/dsetl: the descriptor
  unsigned dst = 0, src = 0;  // tcopy/tadd/tmac: funct7 = dst << 2 | src
};

Decoded Decode(uint32_t insn);

/// The assembler mnemonic ("addi", "tmac", ...); "illegal" for kIllegal.
const char* Mnemonic(Op op);

}  // namespace wse::iss
