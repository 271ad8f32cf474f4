#include "firmware/scan/pe_kat.h"

#include <cstddef>

namespace wse::fw {
namespace {

// RV32 instruction formats.
constexpr uint32_t R(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
constexpr uint32_t I(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return (static_cast<uint32_t>(imm) & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
constexpr uint32_t S(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3) {
  const uint32_t i = static_cast<uint32_t>(imm);
  return (i >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (i & 0x1f) << 7 | 0x23;
}
constexpr uint32_t B(int32_t off, uint32_t rs2, uint32_t rs1, uint32_t f3) {
  const uint32_t i = static_cast<uint32_t>(off);
  return (i >> 12 & 1) << 31 | (i >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (i >> 1 & 0xf) << 8 |
         (i >> 11 & 1) << 7 | 0x63;
}
constexpr uint32_t Lui(uint32_t rd, uint32_t imm20) { return imm20 << 12 | rd << 7 | 0x37; }
constexpr uint32_t Jal(uint32_t rd, int32_t off) {
  const uint32_t i = static_cast<uint32_t>(off);
  return (i >> 20 & 1) << 31 | (i >> 1 & 0x3ff) << 21 | (i >> 11 & 1) << 20 | (i >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
}

enum : uint32_t { t0 = 5, t1 = 6, t2 = 7, a0 = 10, a1 = 11, a2 = 12, a3 = 13, a4 = 14, a5 = 15, a6 = 16, a7 = 17 };
constexpr uint32_t kOp = 0x33, kOpImm = 0x13, kLoad = 0x03;

// li rd, v as lui + addi.
void Li(std::vector<uint32_t>& p, uint32_t rd, uint32_t v) {
  const uint32_t hi = (v + 0x800) >> 12;
  const int32_t lo = static_cast<int32_t>(v - (hi << 12));
  p.push_back(Lui(rd, hi & 0xfffff));
  p.push_back(I(lo, rd, 0, rd, kOpImm));
}

constexpr uint32_t kIterations = 64;
constexpr uint32_t kBuffer = 0x200;
constexpr uint32_t kTohost = 0x100;
constexpr uint32_t kMul = 1103515245u;

}  // namespace

PeKat MakePeKat(uint32_t seed) {
  PeKat k;
  auto& p = k.words;
  p.push_back(I(0, 0, 0, t0, kOpImm));                       // t0 = 0          (i)
  p.push_back(I(kIterations, 0, 0, t1, kOpImm));             // t1 = 64         (n)
  Li(p, a0, seed | 1);                                       // a0 = x
  p.push_back(I(0, 0, 0, a1, kOpImm));                       // a1 = 0          (signature)
  Li(p, a2, kMul);                                           // a2 = multiplier
  p.push_back(I(kBuffer, 0, 0, a3, kOpImm));                 // a3 = buffer
  p.push_back(I(3, 0, 0, a5, kOpImm));                       // a5 = 3
  const std::size_t loop = p.size();
  p.push_back(R(1, a2, a0, 0, a0, kOp));                     // mul  a0, a0, a2
  p.push_back(I(1013, a0, 0, a0, kOpImm));                   // addi a0, a0, 1013
  p.push_back(I(7, a0, 5, a4, kOpImm));                      // srli a4, a0, 7
  p.push_back(R(0, a4, a1, 4, a1, kOp));                     // xor  a1, a1, a4
  p.push_back(R(1, a5, a0, 5, a6, kOp));                     // divu a6, a0, a5
  p.push_back(R(0, a6, a1, 0, a1, kOp));                     // add  a1, a1, a6
  p.push_back(I(2, t0, 1, a7, kOpImm));                      // slli a7, t0, 2
  p.push_back(R(0, a3, a7, 0, a7, kOp));                     // add  a7, a7, a3
  p.push_back(S(0, a1, a7, 2));                              // sw   a1, 0(a7)
  p.push_back(I(0, a7, 2, a4, kLoad));                       // lw   a4, 0(a7)
  p.push_back(I(1, a4, 1, a4, kOpImm));                      // slli a4, a4, 1
  p.push_back(R(0x20, a4, a1, 0, a1, kOp));                  // sub  a1, a1, a4
  p.push_back(I(1, t0, 0, t0, kOpImm));                      // addi t0, t0, 1
  p.push_back(B(-4 * static_cast<int32_t>(p.size() - loop), t1, t0, 4));  // blt t0, t1, loop
  p.push_back(I(1, a1, 1, a1, kOpImm));                      // slli a1, a1, 1
  p.push_back(I(1, a1, 6, a1, kOpImm));                      // ori  a1, a1, 1
  p.push_back(S(kTohost, a1, 0, 2));                         // sw   a1, tohost(x0)
  p.push_back(Jal(0, 0));                                    // j .
  (void)t2;

  // The same computation on the host: the known answer.
  uint32_t x = seed | 1, sig = 0;
  for (uint32_t i = 0; i < kIterations; ++i) {
    x = x * kMul + 1013u;
    sig ^= x >> 7;
    sig += x / 3;
    sig -= sig << 1;
  }
  k.tohost_addr = kTohost;
  k.expected_tohost = (sig << 1) | 1;
  k.max_cycles = 64 * 80 + 1000;
  return k;
}

}  // namespace wse::fw
