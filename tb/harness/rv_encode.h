#pragma once
// Instruction encoders for the harness's generated programs (RV32IM, Zicsr
// and the PE extension, docs/pe.md). Plain bit packing from the formats of
// the RISC-V spec; the ISS and the RTL decode them independently.

#include <cstdint>

namespace wse::tb::rv {

inline uint32_t R(uint32_t op, uint32_t rd, uint32_t f3, uint32_t rs1, uint32_t rs2, uint32_t f7) {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
inline uint32_t I(uint32_t op, uint32_t rd, uint32_t f3, uint32_t rs1, int32_t imm) {
  return (static_cast<uint32_t>(imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
inline uint32_t S(uint32_t op, uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return (((u >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1f) << 7) | op;
}
inline uint32_t B(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t off) {
  const uint32_t u = static_cast<uint32_t>(off);
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
         (f3 << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
inline uint32_t U(uint32_t op, uint32_t rd, uint32_t imm20) { return (imm20 << 12) | (rd << 7) | op; }
inline uint32_t J(uint32_t rd, int32_t off) {
  const uint32_t u = static_cast<uint32_t>(off);
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
         (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}

inline constexpr uint32_t kOpImm = 0x13, kOp = 0x33, kLoad = 0x03, kStore = 0x23, kLui = 0x37,
                          kAuipc = 0x17, kSystem = 0x73, kJalr = 0x67, kCust0 = 0x0b, kCust1 = 0x2b;

inline uint32_t Addi(uint32_t rd, uint32_t rs1, int32_t imm) { return I(kOpImm, rd, 0, rs1, imm); }
inline uint32_t Lui(uint32_t rd, uint32_t imm20) { return U(kLui, rd, imm20 & 0xfffff); }
inline uint32_t Csr(uint32_t f3, uint32_t rd, uint32_t rs1, uint32_t csr) {
  return (csr << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | kSystem;
}
inline uint32_t Lw(uint32_t rd, uint32_t rs1, int32_t imm) { return I(kLoad, rd, 2, rs1, imm); }
inline uint32_t Sw(uint32_t rs2, uint32_t rs1, int32_t imm) { return S(kStore, 2, rs1, rs2, imm); }
inline uint32_t Mret() { return 0x30200073u; }
inline uint32_t Jalr(uint32_t rd, uint32_t rs1, int32_t imm) { return I(kJalr, rd, 0, rs1, imm); }

// Extension
inline uint32_t Fsend(uint32_t rs1, uint32_t c) { return I(kCust0, 0, 0, rs1, static_cast<int32_t>(c)); }
inline uint32_t Frecv(uint32_t rd, uint32_t c) { return I(kCust0, rd, 1, 0, static_cast<int32_t>(c)); }
inline uint32_t Fpoll(uint32_t rd, uint32_t c) { return I(kCust0, rd, 2, 0, static_cast<int32_t>(c)); }
inline uint32_t Dseta(uint32_t d, uint32_t rs1, uint32_t rs2) { return R(kCust1, 0, 0, rs1, rs2, d); }
inline uint32_t Dsetl(uint32_t d, uint32_t rs1, uint32_t rs2) { return R(kCust1, 0, 1, rs1, rs2, d); }
inline uint32_t Tcopy(uint32_t dst, uint32_t src) { return R(kCust1, 0, 2, 0, 0, (dst << 2) | src); }
inline uint32_t Tadd(uint32_t dst, uint32_t src) { return R(kCust1, 0, 3, 0, 0, (dst << 2) | src); }
inline uint32_t Tmac(uint32_t dst, uint32_t src, uint32_t rs1) {
  return R(kCust1, 0, 4, rs1, 0, (dst << 2) | src);
}

}  // namespace wse::tb::rv
