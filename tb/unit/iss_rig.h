#pragma once
// Test helpers for the ISS unit tests: an instruction encoder written from
// the RISC-V base formats (R/I/S/B/U/J) and the extension encodings of
// docs/pe.md, and a rig that loads words at address 0 and steps the Pe.
// Expected values in the tests are worked out by hand from the specs, never
// taken from the model.

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <vector>

#include "iss/iss.h"

namespace wse::iss::test {

// Register numbers (ABI names).
inline constexpr unsigned kZero = 0, kRa = 1, kSp = 2, kT0 = 5, kT1 = 6, kS0 = 8, kA0 = 10,
                          kA1 = 11, kA2 = 12, kA3 = 13, kA4 = 14, kA5 = 15;

inline uint32_t R(uint32_t opcode, uint32_t f3, uint32_t f7, unsigned rd, unsigned rs1,
                  unsigned rs2) {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode;
}
inline uint32_t I(uint32_t opcode, uint32_t f3, unsigned rd, unsigned rs1, int32_t imm) {
  return ((static_cast<uint32_t>(imm) & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) |
         opcode;
}
inline uint32_t S(uint32_t f3, unsigned rs1, unsigned rs2, int32_t imm) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return (((u >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1f) << 7) |
         0x23;
}
inline uint32_t B(uint32_t f3, unsigned rs1, unsigned rs2, int32_t off) {
  const uint32_t u = static_cast<uint32_t>(off);
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
         (f3 << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
inline uint32_t J(unsigned rd, int32_t off) {
  const uint32_t u = static_cast<uint32_t>(off);
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
         (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}

inline uint32_t Lui(unsigned rd, uint32_t imm20) { return (imm20 << 12) | (rd << 7) | 0x37; }
inline uint32_t Auipc(unsigned rd, uint32_t imm20) { return (imm20 << 12) | (rd << 7) | 0x17; }
inline uint32_t Jalr(unsigned rd, unsigned rs1, int32_t imm) { return I(0x67, 0, rd, rs1, imm); }
inline uint32_t Addi(unsigned rd, unsigned rs1, int32_t imm) { return I(0x13, 0, rd, rs1, imm); }
inline uint32_t OpImm(uint32_t f3, unsigned rd, unsigned rs1, int32_t imm) {
  return I(0x13, f3, rd, rs1, imm);
}
inline uint32_t Op(uint32_t f3, uint32_t f7, unsigned rd, unsigned rs1, unsigned rs2) {
  return R(0x33, f3, f7, rd, rs1, rs2);
}
inline uint32_t Load(uint32_t f3, unsigned rd, unsigned rs1, int32_t imm) {
  return I(0x03, f3, rd, rs1, imm);
}
inline uint32_t Lw(unsigned rd, unsigned rs1, int32_t imm) { return Load(2, rd, rs1, imm); }
inline uint32_t Sb(unsigned rs2, unsigned rs1, int32_t imm) { return S(0, rs1, rs2, imm); }
inline uint32_t Sh(unsigned rs2, unsigned rs1, int32_t imm) { return S(1, rs1, rs2, imm); }
inline uint32_t Sw(unsigned rs2, unsigned rs1, int32_t imm) { return S(2, rs1, rs2, imm); }
/// Zicsr: f3 1..3 take rs1, 5..7 take a 5-bit uimm in the same field.
inline uint32_t Csr(uint32_t f3, unsigned rd, unsigned rs1_or_uimm, unsigned csr) {
  return (csr << 20) | (rs1_or_uimm << 15) | (f3 << 12) | (rd << 7) | 0x73;
}
inline constexpr uint32_t kCsrrw = 1, kCsrrs = 2, kCsrrc = 3, kCsrrwi = 5, kCsrrsi = 6, kCsrrci = 7;
inline constexpr uint32_t kEcall = 0x00000073, kEbreak = 0x00100073, kMret = 0x30200073,
                          kNop = 0x00000013;

// Fabric extension (custom-0): I-type with the color in imm[4:0].
inline uint32_t Fab(uint32_t f3, unsigned rd, unsigned rs1, uint32_t imm12) {
  return (imm12 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x0b;
}
inline uint32_t Fsend(unsigned rs1, unsigned c) { return Fab(0, 0, rs1, c); }
inline uint32_t Frecv(unsigned rd, unsigned c) { return Fab(1, rd, 0, c); }
inline uint32_t Fpoll(unsigned rd, unsigned c) { return Fab(2, rd, 0, c); }
inline uint32_t Fsendv(unsigned rs1, unsigned rs2) { return R(0x0b, 3, 0, 0, rs1, rs2); }
inline uint32_t Frecvv(unsigned rd, unsigned rs1) { return Fab(4, rd, rs1, 0); }
inline uint32_t Fpollv(unsigned rd, unsigned rs1) { return Fab(5, rd, rs1, 0); }
inline uint32_t Ftask(unsigned rs1, unsigned c) { return Fab(6, 0, rs1, c); }
inline uint32_t Twait(unsigned rd) { return Fab(7, rd, 0, 0); }

// Tensor extension (custom-1): R-type.
inline uint32_t Dseta(unsigned d, unsigned rs1, unsigned rs2) { return R(0x2b, 0, d, 0, rs1, rs2); }
inline uint32_t Dsetl(unsigned d, unsigned rs1, unsigned rs2) { return R(0x2b, 1, d, 0, rs1, rs2); }
inline uint32_t Tcopy(unsigned dst, unsigned src) { return R(0x2b, 2, dst << 2 | src, 0, 0, 0); }
inline uint32_t Tadd(unsigned dst, unsigned src) { return R(0x2b, 3, dst << 2 | src, 0, 0, 0); }
inline uint32_t Tmac(unsigned dst, unsigned src, unsigned rs1) {
  return R(0x2b, 4, dst << 2 | src, 0, rs1, 0);
}

/// A program under construction; Li always takes two words (lui + addi).
class Prog {
 public:
  Prog& operator<<(uint32_t insn) {
    words_.push_back(insn);
    return *this;
  }
  Prog& Li(unsigned rd, uint32_t value) {
    // addi sign-extends its 12 bits, so lui takes the rounded upper part.
    words_.push_back(Lui(rd, ((value + 0x800) >> 12) & 0xfffff));
    words_.push_back(Addi(rd, rd, static_cast<int32_t>(value << 20) >> 20));
    return *this;
  }
  uint32_t pc() const { return static_cast<uint32_t>(4 * words_.size()); }
  const std::vector<uint32_t>& words() const { return words_; }

 private:
  std::vector<uint32_t> words_;
};

/// A Pe on a QueueFabric with a program at address 0.
struct Rig {
  explicit Rig(const Prog& p, Config cfg = {}) : pe(cfg, fabric) {
    const auto& w = p.words();
    pe.WriteMem(0, w.data(), 4 * w.size());
    pe.Reset();
  }
  /// One step that must retire (or trap).
  Retire Step(const Hint& hint = {}) {
    Retire r;
    const StepResult res = pe.Step(r, hint);
    BOOST_REQUIRE(res == StepResult::kRetired);
    return r;
  }
  /// n steps; returns the last record.
  Retire Run(int n) {
    Retire r;
    for (int i = 0; i < n; ++i) r = Step();
    return r;
  }
  StepResult TryStep(Retire* out = nullptr, const Hint& hint = {}) {
    Retire r;
    const StepResult res = pe.Step(r, hint);
    if (out) *out = r;
    return res;
  }
  void Poke(uint32_t addr, uint32_t word) { pe.WriteMem(addr, &word, 4); }
  uint32_t Peek(uint32_t addr) const { return pe.ReadWord(addr); }

  QueueFabric fabric;
  Pe pe;
};

}  // namespace wse::iss::test
