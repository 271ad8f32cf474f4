// Golden ISS, base ISA: every RV32IM instruction (with the M extension's
// division corner cases and shifts masked to 5 bits), loads and stores with
// their byte lanes, branches both ways, traps with mepc/mcause/mtval, the CSR
// table and its access rules, minstret, mret and the tohost exit. Expected
// values are worked out by hand from the RISC-V specs and docs/pe.md.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>

#include "iss/csr.h"
#include "iss_rig.h"

namespace wse::iss::test {
namespace {

// Runs `a OP b` (an R-type instruction with funct3/funct7) and returns rd.
uint32_t RunOp(uint32_t f3, uint32_t f7, uint32_t a, uint32_t b) {
  Prog p;
  p.Li(kA1, a).Li(kA2, b) << Op(f3, f7, kA0, kA1, kA2);
  Rig rig(p);
  const Retire r = rig.Run(5);
  BOOST_TEST(!r.trap);
  return rig.pe.reg(kA0);
}

uint32_t RunOpImm(uint32_t f3, uint32_t a, int32_t imm) {
  Prog p;
  p.Li(kA1, a) << OpImm(f3, kA0, kA1, imm);
  Rig rig(p);
  rig.Run(3);
  return rig.pe.reg(kA0);
}

constexpr uint32_t kMulF7 = 1, kSubF7 = 0x20;

}  // namespace

BOOST_AUTO_TEST_SUITE(iss_rv32i)

BOOST_AUTO_TEST_CASE(lui_auipc_and_x0) {
  Prog p;
  p << Lui(kA0, 0x12345) << Auipc(kA1, 0x1) << Addi(kZero, kZero, 5) << Auipc(kA2, 0xfffff);
  Rig rig(p);
  Retire r = rig.Step();
  BOOST_TEST(r.rd_written);
  BOOST_TEST(r.rd == kA0);
  BOOST_TEST(r.rd_value == 0x12345000u);
  rig.Step();
  BOOST_TEST(rig.pe.reg(kA1) == 0x1004u);  // pc 4 + 0x1000
  r = rig.Step();
  BOOST_TEST(!r.rd_written);  // x0 is never written
  BOOST_TEST(rig.pe.reg(0) == 0u);
  rig.Step();
  BOOST_TEST(rig.pe.reg(kA2) == 0xfffff00cu);  // pc 12 - 0x1000
}

BOOST_AUTO_TEST_CASE(immediate_alu) {
  BOOST_TEST(RunOpImm(0, 5, -7) == 0xfffffffeu);              // addi
  BOOST_TEST(RunOpImm(2, 0xffffffff, 0) == 1u);               // slti -1 < 0
  BOOST_TEST(RunOpImm(2, 1, -1) == 0u);                       // slti 1 < -1
  BOOST_TEST(RunOpImm(3, 0xffffffff, 1) == 0u);               // sltiu 0xffffffff < 1
  BOOST_TEST(RunOpImm(3, 0, -1) == 1u);                       // sltiu 0 < 0xffffffff
  BOOST_TEST(RunOpImm(4, 0x0f0f0f0f, -1) == 0xf0f0f0f0u);     // xori
  BOOST_TEST(RunOpImm(6, 0x0f0f0f0f, 0x7f0) == 0x0f0f0fffu);  // ori
  BOOST_TEST(RunOpImm(7, 0x0f0f0f0f, 0x0ff) == 0x0000000fu);  // andi
  BOOST_TEST(RunOpImm(7, 0x12345678, -16) == 0x12345670u);    // andi, sign-extended mask
}

BOOST_AUTO_TEST_CASE(immediate_shifts) {
  BOOST_TEST(RunOpImm(1, 0x80000001, 4) == 0x00000010u);           // slli
  BOOST_TEST(RunOpImm(1, 0x80000001, 31) == 0x80000000u);          // slli 31
  BOOST_TEST(RunOpImm(5, 0x80000001, 4) == 0x08000000u);           // srli
  BOOST_TEST(RunOpImm(5, 0x80000001, 0x400 | 4) == 0xf8000000u);   // srai (imm[10])
  BOOST_TEST(RunOpImm(5, 0x80000000, 0x400 | 31) == 0xffffffffu);  // srai 31
  BOOST_TEST(RunOpImm(5, 0x40000000, 0x400 | 30) == 1u);           // srai positive
}

BOOST_AUTO_TEST_CASE(register_alu) {
  BOOST_TEST(RunOp(0, 0, 0x7fffffff, 1) == 0x80000000u);           // add wraps
  BOOST_TEST(RunOp(0, kSubF7, 0, 1) == 0xffffffffu);               // sub
  BOOST_TEST(RunOp(2, 0, 0xffffffff, 1) == 1u);                    // slt -1 < 1
  BOOST_TEST(RunOp(2, 0, 1, 0xffffffff) == 0u);                    // slt 1 < -1
  BOOST_TEST(RunOp(3, 0, 0xffffffff, 1) == 0u);                    // sltu
  BOOST_TEST(RunOp(3, 0, 1, 0xffffffff) == 1u);                    // sltu
  BOOST_TEST(RunOp(4, 0, 0xff00ff00, 0x0ff00ff0) == 0xf0f0f0f0u);  // xor
  BOOST_TEST(RunOp(6, 0, 0xff00ff00, 0x0ff00ff0) == 0xfff0fff0u);  // or
  BOOST_TEST(RunOp(7, 0, 0xff00ff00, 0x0ff00ff0) == 0x0f000f00u);  // and
}

BOOST_AUTO_TEST_CASE(register_shifts_use_five_bits) {
  BOOST_TEST(RunOp(1, 0, 1, 33) == 2u);                                 // sll by 33 -> by 1
  BOOST_TEST(RunOp(1, 0, 1, 32) == 1u);                                 // sll by 32 -> by 0
  BOOST_TEST(RunOp(5, 0, 0x80000000, 0x3f) == 1u);                      // srl by 63 -> by 31
  BOOST_TEST(RunOp(5, kSubF7, 0x80000000, 36) == 0xf8000000u);          // sra by 36 -> by 4
  BOOST_TEST(RunOp(5, kSubF7, 0x80000000, 0xffffffe1) == 0xc0000000u);  // sra by 1
}

BOOST_AUTO_TEST_CASE(multiply) {
  BOOST_TEST(RunOp(0, kMulF7, 7, 0xfffffffd) == static_cast<uint32_t>(-21));  // mul 7 * -3
  BOOST_TEST(RunOp(0, kMulF7, 0xffffffff, 0xffffffff) == 1u);                 // mul low
  BOOST_TEST(RunOp(1, kMulF7, 0xffffffff, 0xffffffff) == 0u);                 // mulh -1*-1 = 1
  BOOST_TEST(RunOp(1, kMulF7, 0x80000000, 0x80000000) == 0x40000000u);        // mulh 2^62
  BOOST_TEST(RunOp(1, kMulF7, 0x80000000, 2) == 0xffffffffu);                 // mulh -2^32
  BOOST_TEST(RunOp(2, kMulF7, 0xffffffff, 0xffffffff) == 0xffffffffu);        // mulhsu -(2^32-1)
  BOOST_TEST(RunOp(2, kMulF7, 2, 0x80000000) == 1u);                          // mulhsu 2 * 2^31
  BOOST_TEST(RunOp(3, kMulF7, 0xffffffff, 0xffffffff) == 0xfffffffeu);        // mulhu
  BOOST_TEST(RunOp(3, kMulF7, 0x80000000, 2) == 1u);                          // mulhu 2^32
}

BOOST_AUTO_TEST_CASE(divide_and_corner_cases) {
  const uint32_t kIntMin = 0x80000000u, kMinus1 = 0xffffffffu;
  BOOST_TEST(RunOp(4, kMulF7, 7, static_cast<uint32_t>(-2)) == static_cast<uint32_t>(-3));  // div
  BOOST_TEST(RunOp(6, kMulF7, 7, static_cast<uint32_t>(-2)) == 1u);                         // rem
  BOOST_TEST(RunOp(4, kMulF7, static_cast<uint32_t>(-7), 2) == static_cast<uint32_t>(-3));
  BOOST_TEST(RunOp(6, kMulF7, static_cast<uint32_t>(-7), 2) == static_cast<uint32_t>(-1));
  BOOST_TEST(RunOp(5, kMulF7, 0xfffffffe, 2) == 0x7fffffffu);  // divu
  BOOST_TEST(RunOp(7, kMulF7, 7, 3) == 1u);                    // remu
  // Division by zero: quotient all ones, remainder the dividend.
  BOOST_TEST(RunOp(4, kMulF7, 1234, 0) == kMinus1);
  BOOST_TEST(RunOp(5, kMulF7, 1234, 0) == kMinus1);
  BOOST_TEST(RunOp(6, kMulF7, static_cast<uint32_t>(-1234), 0) == static_cast<uint32_t>(-1234));
  BOOST_TEST(RunOp(7, kMulF7, 1234, 0) == 1234u);
  // Signed overflow: INT_MIN / -1 = INT_MIN, remainder 0.
  BOOST_TEST(RunOp(4, kMulF7, kIntMin, kMinus1) == kIntMin);
  BOOST_TEST(RunOp(6, kMulF7, kIntMin, kMinus1) == 0u);
  // Unsigned forms see INT_MIN and -1 as ordinary numbers.
  BOOST_TEST(RunOp(5, kMulF7, kIntMin, kMinus1) == 0u);
  BOOST_TEST(RunOp(7, kMulF7, kIntMin, kMinus1) == kIntMin);
}

BOOST_AUTO_TEST_CASE(loads_sign_and_zero_extend) {
  Prog p;
  p << Load(0, kA0, kZero, 0x100)   // lb
    << Load(4, kA1, kZero, 0x100)   // lbu
    << Load(1, kA2, kZero, 0x100)   // lh
    << Load(5, kA3, kZero, 0x100)   // lhu
    << Load(1, kA4, kZero, 0x102)   // lh, positive
    << Lw(kA5, kZero, 0x100)        // lw
    << Load(0, kT0, kZero, 0x102);  // lb, positive
  Rig rig(p);
  rig.Poke(0x100, 0x017fff80);  // bytes 80 ff 7f 01
  rig.Run(7);
  BOOST_TEST(rig.pe.reg(kA0) == 0xffffff80u);
  BOOST_TEST(rig.pe.reg(kA1) == 0x00000080u);
  BOOST_TEST(rig.pe.reg(kA2) == 0xffffff80u);
  BOOST_TEST(rig.pe.reg(kA3) == 0x0000ff80u);
  BOOST_TEST(rig.pe.reg(kA4) == 0x0000017fu);
  BOOST_TEST(rig.pe.reg(kA5) == 0x017fff80u);
  BOOST_TEST(rig.pe.reg(kT0) == 0x0000007fu);
}

BOOST_AUTO_TEST_CASE(stores_report_byte_lanes) {
  Prog p;
  p.Li(kA0, 0x12345678).Li(kS0, 0x200);
  p << Sb(kA0, kS0, 3) << Sh(kA0, kS0, 6) << Sw(kA0, kS0, 8) << Sb(kA0, kS0, -1);
  Rig rig(p);
  rig.Poke(0x1fc, 0xaabbccdd);
  rig.Run(4);
  Retire r = rig.Step();  // sb at 0x203
  BOOST_REQUIRE(r.writes.size() == 1u);
  BOOST_TEST(r.writes[0].addr == 0x200u);
  BOOST_TEST(r.writes[0].mask == 0x8);
  BOOST_TEST(r.writes[0].data == 0x78000000u);
  r = rig.Step();  // sh at 0x206
  BOOST_REQUIRE(r.writes.size() == 1u);
  BOOST_TEST(r.writes[0].addr == 0x204u);
  BOOST_TEST(r.writes[0].mask == 0xc);
  BOOST_TEST(r.writes[0].data == 0x56780000u);
  r = rig.Step();  // sw at 0x208
  BOOST_REQUIRE(r.writes.size() == 1u);
  BOOST_TEST(r.writes[0].addr == 0x208u);
  BOOST_TEST(r.writes[0].mask == 0xf);
  BOOST_TEST(r.writes[0].data == 0x12345678u);
  r = rig.Step();  // sb at 0x1ff (negative offset)
  BOOST_TEST(r.writes[0].addr == 0x1fcu);
  BOOST_TEST(r.writes[0].mask == 0x8);
  BOOST_TEST(rig.Peek(0x200) == 0x78000000u);
  BOOST_TEST(rig.Peek(0x204) == 0x56780000u);
  BOOST_TEST(rig.Peek(0x208) == 0x12345678u);
  BOOST_TEST(rig.Peek(0x1fc) == 0x78bbccddu);
  BOOST_TEST(!r.rd_written);
}

BOOST_AUTO_TEST_CASE(branches_taken_and_not_taken) {
  struct Case {
    uint32_t f3, a, b;
    bool taken;
  };
  const uint32_t m1 = 0xffffffffu;
  const Case cases[] = {
      {0, 1, 1, true},  {0, 1, 2, false},   // beq
      {1, 1, 2, true},  {1, 1, 1, false},   // bne
      {4, m1, 1, true}, {4, 1, m1, false},  // blt (signed)
      {5, 1, 1, true},  {5, m1, 1, false},  // bge
      {6, 1, m1, true}, {6, m1, 1, false},  // bltu
      {7, m1, 1, true}, {7, 1, m1, false},  // bgeu
  };
  for (const Case& c : cases) {
    Prog p;
    p.Li(kA0, c.a).Li(kA1, c.b) << B(c.f3, kA0, kA1, 12);  // at pc 16, target 28
    Rig rig(p);
    rig.Run(4);
    const Retire r = rig.Step();
    BOOST_TEST(!r.trap);
    BOOST_TEST(!r.rd_written);
    BOOST_TEST(rig.pe.pc() == (c.taken ? 28u : 20u),
               "funct3 " << c.f3 << " a " << c.a << " b " << c.b);
  }
  // A backward branch.
  Prog p;
  p << kNop << kNop << B(0, kZero, kZero, -8);
  Rig rig(p);
  rig.Run(3);
  BOOST_TEST(rig.pe.pc() == 0u);
}

BOOST_AUTO_TEST_CASE(jal_and_jalr_link_and_clear_bit0) {
  Prog p;
  p << J(kRa, 12);  // 0: -> 12, ra = 4
  p << kNop << kNop;
  p.Li(kA0, 0x101);        // 12, 16
  p << Jalr(kT0, kA0, 0);  // 20: -> 0x100 (bit 0 cleared), t0 = 24
  Rig rig(p);
  rig.Poke(0x100, Jalr(kA0, kA0, 4));  // rd == rs1: target (old a0 0x101 + 4) & ~1
  Retire r = rig.Step();
  BOOST_TEST(r.rd_value == 4u);
  BOOST_TEST(rig.pe.pc() == 12u);
  rig.Run(2);
  r = rig.Step();
  BOOST_TEST(rig.pe.pc() == 0x100u);
  BOOST_TEST(rig.pe.reg(kT0) == 24u);
  r = rig.Step();
  BOOST_TEST(rig.pe.pc() == 0x104u);
  BOOST_TEST(rig.pe.reg(kA0) == 0x104u);  // link = pc + 4 of the jalr at 0x100
}

BOOST_AUTO_TEST_CASE(fences_are_no_ops) {
  Prog p;
  p << 0x0ff0000fu /* fence */ << 0x0000100fu /* fence.i */ << 0x8330000fu /* fence.tso */;
  Rig rig(p);
  for (int i = 0; i < 3; ++i) {
    const Retire r = rig.Step();
    BOOST_TEST(!r.trap);
    BOOST_TEST(!r.rd_written);
    BOOST_TEST(r.writes.empty());
  }
  BOOST_TEST(rig.pe.pc() == 12u);
  BOOST_TEST(rig.pe.instret() == 3u);
}

BOOST_AUTO_TEST_CASE(reserved_encodings_are_illegal) {
  const uint32_t words[] = {
      0x00000000u,                     // opcode 0
      0xffffffffu,                     // all ones
      OpImm(1, kA0, kA0, 0x20),        // slli with shamt[5] set
      OpImm(1, kA0, kA0, 0x400),       // slli with funct7 0x20
      OpImm(5, kA0, kA0, 0x200),       // srli/srai with a bad funct7
      Op(0, 0x40, kA0, kA0, kA0),      // add with funct7 0x40
      Op(1, kSubF7, kA0, kA0, kA0),    // sll with funct7 0x20
      I(0x67, 1, kA0, kA0, 0),         // jalr funct3 1
      B(2, kA0, kA0, 8),               // branch funct3 2
      Load(3, kA0, kZero, 0),          // ld (RV64)
      Load(6, kA0, kZero, 0),          // lwu (RV64)
      S(3, kZero, kA0, 0),             // sd
      I(0x0f, 2, 0, 0, 0),             // misc-mem funct3 2
      0x10500073u,                     // wfi: not in the PE
      0x10200073u,                     // sret
      Csr(4, kA0, 0, csr::kMscratch),  // SYSTEM funct3 4
      0x00000007u,                     // LOAD-FP
  };
  for (uint32_t w : words) {
    Prog p;
    p << w;
    Rig rig(p);
    const Retire r = rig.Step();
    BOOST_TEST(r.trap, std::hex << w);
    BOOST_TEST(r.cause == 2u);
    BOOST_TEST(r.tval == w);
    BOOST_TEST(rig.pe.ReadCsr(csr::kMtval) == w);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iss_trap)

// Sets mtvec to 0x200 (2 + 1 instructions) before the code under test.
Prog WithVector() {
  Prog p;
  p.Li(kT1, 0x200) << Csr(kCsrrw, 0, kT1, csr::kMtvec);
  return p;
}

void ExpectTrap(Rig& rig, uint32_t pc, uint32_t cause, uint32_t tval) {
  const uint64_t instret = rig.pe.instret();
  const Retire r = rig.Step();
  BOOST_TEST(r.trap);
  BOOST_TEST(r.pc == pc);
  BOOST_TEST(r.cause == cause);
  BOOST_TEST(r.tval == tval);
  BOOST_TEST(!r.rd_written);
  BOOST_TEST(r.writes.empty());
  BOOST_TEST(rig.pe.ReadCsr(csr::kMepc) == pc);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMcause) == cause);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMtval) == tval);
  BOOST_TEST(rig.pe.pc() == 0x200u);
  BOOST_TEST(rig.pe.instret() == instret);  // a trapping instruction does not retire
  BOOST_TEST(rig.pe.last_cause() == cause);
}

BOOST_AUTO_TEST_CASE(misaligned_jump_targets) {
  {
    Prog p = WithVector();  // jal at 12 with offset 6 -> 18
    p << J(kRa, 6);
    Rig rig(p);
    rig.Run(3);
    ExpectTrap(rig, 12, 0, 18);
  }
  {
    Prog p = WithVector();  // taken branch at 12 to 12 + 10
    p << B(0, kZero, kZero, 10);
    Rig rig(p);
    rig.Run(3);
    ExpectTrap(rig, 12, 0, 22);
  }
  {
    Prog p = WithVector();  // a not-taken branch to a misaligned target does not trap
    p << B(1, kZero, kZero, 10);
    Rig rig(p);
    rig.Run(3);
    BOOST_TEST(!rig.Step().trap);
    BOOST_TEST(rig.pe.pc() == 16u);
  }
  {
    Prog p = WithVector();  // jalr to 0x103: bit 0 cleared -> 0x102, still misaligned
    p.Li(kA0, 0x103) << Jalr(kRa, kA0, 0);
    Rig rig(p);
    rig.Run(5);
    ExpectTrap(rig, 20, 0, 0x102);
    BOOST_TEST(rig.pe.reg(kRa) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(fetch_outside_sram) {
  Config cfg;
  cfg.sram_bytes = 1024;
  Prog p = WithVector();
  p.Li(kA0, 1024) << Jalr(kZero, kA0, 0);
  Rig rig(p, cfg);
  rig.Run(6);
  BOOST_TEST(rig.pe.pc() == 1024u);
  const Retire r = rig.Step();
  BOOST_TEST(r.trap);
  BOOST_TEST(r.cause == 1u);
  BOOST_TEST(r.tval == 1024u);
  BOOST_TEST(r.insn == 0u);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMepc) == 1024u);
  BOOST_TEST(rig.pe.pc() == 0x200u);
}

BOOST_AUTO_TEST_CASE(load_faults_misaligned_before_range) {
  Config cfg;
  cfg.sram_bytes = 1024;
  struct Case {
    uint32_t f3, addr, cause;
  };
  const Case cases[] = {
      {1, 0x101, 4},       // lh odd
      {5, 0x103, 4},       // lhu odd
      {2, 0x102, 4},       // lw not 4-aligned
      {2, 1024, 5},        // lw just past the SRAM
      {1, 1022, 0},        // lh, last halfword: fine
      {0, 1024, 5},        // lb past the SRAM
      {2, 0xfffffffc, 5},  // lw at the top of the address space
      {2, 0xfffffffe, 4},  // misaligned and outside: misaligned wins
  };
  for (const Case& c : cases) {
    Prog p = WithVector();
    p.Li(kA0, c.addr) << Load(c.f3, kA1, kA0, 0);
    Rig rig(p, cfg);
    rig.Run(5);
    if (c.cause == 0) {
      BOOST_TEST(!rig.Step().trap);
    } else {
      ExpectTrap(rig, 20, c.cause, c.addr);
    }
  }
}

BOOST_AUTO_TEST_CASE(store_faults_leave_memory_alone) {
  Config cfg;
  cfg.sram_bytes = 1024;
  struct Case {
    uint32_t f3, addr, cause;
  };
  const Case cases[] = {
      {1, 0x301, 6}, {2, 0x302, 6}, {2, 1024, 7}, {0, 1024, 7}, {1, 0xffffffff, 6},
  };
  for (const Case& c : cases) {
    Prog p = WithVector();
    p.Li(kA0, c.addr).Li(kA1, 0xdeadbeef) << S(c.f3, kA0, kA1, 0);
    Rig rig(p, cfg);
    rig.Run(7);
    ExpectTrap(rig, 28, c.cause, c.addr);
    BOOST_TEST(rig.Peek(0x300) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(ecall_ebreak_and_mret) {
  Prog p = WithVector();
  p << Csr(kCsrrsi, 0, 8, csr::kMstatus);  // 12: MIE = 1
  p << kEcall;                             // 16
  p << kEbreak;                            // 20
  Rig rig(p);
  rig.Poke(0x200, Csr(kCsrrs, kA0, 0, csr::kMstatus));  // read mstatus in the handler
  rig.Poke(0x204, Csr(kCsrrs, kA1, 0, csr::kMepc));
  rig.Poke(0x208, Addi(kA1, kA1, 4));
  rig.Poke(0x20c, Csr(kCsrrw, 0, kA1, csr::kMepc));  // return past the ecall
  rig.Poke(0x210, kMret);
  rig.Run(4);
  ExpectTrap(rig, 16, 11, 0);
  rig.Step();
  BOOST_TEST(rig.pe.reg(kA0) == 0x1880u);  // MPP = 3, MPIE = 1, MIE = 0
  rig.Run(3);
  const Retire r = rig.Step();  // mret
  BOOST_TEST(!r.trap);
  BOOST_TEST(rig.pe.pc() == 20u);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMstatus) == 0x1888u);  // MIE = MPIE = 1, MPIE = 1
  ExpectTrap(rig, 20, 3, 20);
  BOOST_TEST(rig.pe.traps() == 2u);
}

BOOST_AUTO_TEST_CASE(mret_to_mepc_with_low_bits_cleared) {
  Prog p;
  p.Li(kA0, 0x43) << Csr(kCsrrw, 0, kA0, csr::kMepc) << kMret;
  Rig rig(p);
  rig.Run(3);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMepc) == 0x40u);
  rig.Step();
  BOOST_TEST(rig.pe.pc() == 0x40u);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMstatus) == 0x1880u);  // MIE = MPIE (0), MPIE = 1
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iss_csr)

BOOST_AUTO_TEST_CASE(reset_values) {
  Config cfg;
  cfg.hartid = (3u << 10) | 5u;
  Prog p;
  Rig rig(p, cfg);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMisa) == 0x40801100u);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMstatus) == 0x1800u);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMhartid) == 0xc05u);
  for (unsigned c : {csr::kMie, csr::kMtvec, csr::kMstatush, csr::kMscratch, csr::kMepc,
                     csr::kMcause, csr::kMtval, csr::kMip, csr::kMcycle, csr::kMinstret,
                     csr::kMvendorid, csr::kMarchid, csr::kMimpid, csr::kWsemacs, csr::kWsezskip}) {
    BOOST_TEST(rig.pe.ReadCsr(c) == 0u, std::hex << c);
  }
  BOOST_CHECK_THROW(rig.pe.ReadCsr(0x7c0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(writable_bits) {
  struct Case {
    unsigned num;
    uint32_t after_all_ones;
  };
  const Case cases[] = {
      {csr::kMstatus, 0x1888u},   {csr::kMisa, 0x40801100u},
      {csr::kMie, 0x888u},        {csr::kMtvec, 0xfffffffcu},
      {csr::kMstatush, 0u},       {csr::kMscratch, 0xffffffffu},
      {csr::kMepc, 0xfffffffcu},  {csr::kMcause, 0xffffffffu},
      {csr::kMtval, 0xffffffffu}, {csr::kMip, 0u},
  };
  for (const Case& c : cases) {
    Prog p;
    p.Li(kA0, 0xffffffff) << Csr(kCsrrw, kA1, kA0, c.num) << Csr(kCsrrs, kA2, 0, c.num);
    Rig rig(p);
    rig.Run(4);
    BOOST_TEST(rig.pe.reg(kA2) == c.after_all_ones, "csr " << std::hex << c.num);
  }
}

BOOST_AUTO_TEST_CASE(read_modify_write_forms) {
  Prog p;
  p.Li(kA0, 0xf0f0) << Csr(kCsrrw, kA1, kA0, csr::kMscratch)    // a1 = 0, scratch = f0f0
                    << Csr(kCsrrsi, kA2, 0x0f, csr::kMscratch)  // a2 = f0f0, scratch = f0ff
                    << Csr(kCsrrci, kA3, 0x11, csr::kMscratch)  // a3 = f0ff, scratch = f0ee
                    << Csr(kCsrrc, kA4, kA0, csr::kMscratch)    // a4 = f0ee, scratch = 000e
                    << Csr(kCsrrwi, kA5, 0x1f, csr::kMscratch)  // a5 = 000e, scratch = 1f
                    << Csr(kCsrrs, kT0, kA0, csr::kMscratch);   // t0 = 1f, scratch = f0ff
  Rig rig(p);
  rig.Run(8);
  BOOST_TEST(rig.pe.reg(kA1) == 0u);
  BOOST_TEST(rig.pe.reg(kA2) == 0xf0f0u);
  BOOST_TEST(rig.pe.reg(kA3) == 0xf0ffu);
  BOOST_TEST(rig.pe.reg(kA4) == 0xf0eeu);
  BOOST_TEST(rig.pe.reg(kA5) == 0x000eu);
  BOOST_TEST(rig.pe.reg(kT0) == 0x1fu);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMscratch) == 0xf0ffu);
}

BOOST_AUTO_TEST_CASE(unknown_and_read_only_csrs) {
  struct Case {
    uint32_t insn;
    bool illegal;
  };
  const Case cases[] = {
      {Csr(kCsrrs, kA0, 0, 0x7c0), true},             // no such CSR
      {Csr(kCsrrs, kA0, 0, 0x001), true},             // fflags: no F extension
      {Csr(kCsrrs, kA0, 0, 0x180), true},             // satp: no S mode
      {Csr(kCsrrw, 0, kA0, csr::kMhartid), true},     // write RO (rd = x0 still writes)
      {Csr(kCsrrwi, kA0, 0, csr::kCycle), true},      // csrrwi always writes
      {Csr(kCsrrs, kA0, kA1, csr::kInstret), true},   // rs1 != x0 writes, even if x[rs1] = 0
      {Csr(kCsrrsi, kA0, 1, csr::kWsemacs), true},    // uimm != 0 writes
      {Csr(kCsrrs, kA0, 0, csr::kMhartid), false},    // csrr of an RO CSR
      {Csr(kCsrrc, kA0, 0, csr::kMarchid), false},    // csrrc with rs1 = x0
      {Csr(kCsrrsi, kA0, 0, csr::kCycleh), false},    // csrrsi with uimm = 0
      {Csr(kCsrrci, kA0, 0, csr::kWsezskip), false},  // csrrci with uimm = 0
      {Csr(kCsrrw, kA0, kA1, csr::kMisa), false},     // RW with writes ignored
  };
  for (const Case& c : cases) {
    Prog p;
    p << c.insn;
    Rig rig(p);
    const Retire r = rig.Step();
    BOOST_TEST(r.trap == c.illegal, std::hex << c.insn);
    if (c.illegal) {
      BOOST_TEST(r.cause == 2u);
      BOOST_TEST(r.tval == c.insn);
    }
  }
}

BOOST_AUTO_TEST_CASE(minstret_counts_and_keeps_written_value) {
  Prog p;
  p << kNop << kNop << Csr(kCsrrs, kA0, 0, csr::kMinstret);  // a0 = 2
  p.Li(kA1, 100);                                            // 12, 16
  p << Csr(kCsrrw, kA2, kA1, csr::kMinstret)                 // 20: a2 = 5, minstret = 100 after it
    << Csr(kCsrrs, kA3, 0, csr::kMinstret)                   // 24: a3 = 100
    << Csr(kCsrrs, kA4, 0, csr::kInstret)                    // 28: a4 = 101 (read-only copy)
    << Csr(kCsrrwi, 0, 7, csr::kMinstreth)                   // 32: high half = 7, exactly
    << Csr(kCsrrs, kA5, 0, csr::kInstreth)                   // 36: a5 = 7
    << kEcall;                                               // 40: traps: does not count
  Rig rig(p);
  rig.Run(3);
  BOOST_TEST(rig.pe.reg(kA0) == 2u);
  rig.Run(3);
  BOOST_TEST(rig.pe.reg(kA2) == 5u);
  BOOST_TEST(rig.pe.instret() == 100u);
  rig.Run(2);
  BOOST_TEST(rig.pe.reg(kA3) == 100u);
  BOOST_TEST(rig.pe.reg(kA4) == 101u);
  rig.Run(1);
  BOOST_TEST(rig.pe.instret() == ((7ull << 32) | 102u));
  rig.Run(1);
  BOOST_TEST(rig.pe.reg(kA5) == 7u);
  const uint64_t before = rig.pe.instret();
  BOOST_TEST(rig.Step().trap);
  BOOST_TEST(rig.pe.instret() == before);
}

BOOST_AUTO_TEST_CASE(cycle_reads_use_the_hint) {
  Prog p;
  p << Csr(kCsrrs, kA0, 0, csr::kMcycle) << Csr(kCsrrs, kA1, 0, csr::kCycleh)
    << Csr(kCsrrs, kA2, 0, csr::kCycle);
  p.Li(kT0, 1000);
  p << Csr(kCsrrw, 0, kT0, csr::kMcycle) << Csr(kCsrrs, kA3, 0, csr::kMcycle);
  Rig rig(p);
  Hint h;
  h.value = 12345;
  BOOST_TEST(rig.Step(h).rd_value == 12345u);
  h.value = 7;
  BOOST_TEST(rig.Step(h).rd_value == 7u);
  // Without a hint the model's own count: one per record so far.
  BOOST_TEST(rig.Step().rd_value == 2u);
  rig.Run(3);
  BOOST_TEST(rig.Step().rd_value == 1000u);  // the written value is the new base
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iss_tohost)

BOOST_AUTO_TEST_CASE(only_a_nonzero_word_store_exits) {
  Config cfg;
  cfg.tohost_addr = 0x400;
  Prog p;
  p.Li(kS0, 0x400).Li(kA0, 0x2b);
  p << Sw(kZero, kS0, 0)  // 16: zero: an ordinary store
    << Sb(kA0, kS0, 0)    // 20: not a sw
    << Sh(kA0, kS0, 0)    // 24: not a sw
    << Sw(kA0, kS0, 4)    // 28: another address
    << Sw(kA0, kS0, 0)    // 32: exits with 0x2b = (21 << 1) | 1
    << kNop;
  Rig rig(p, cfg);
  rig.Run(4);
  for (int i = 0; i < 4; ++i) BOOST_TEST(!rig.Step().exited);
  BOOST_TEST(!rig.pe.exited());
  const Retire r = rig.Step();
  BOOST_TEST(r.exited);
  BOOST_TEST(r.tohost == 0x2bu);
  BOOST_REQUIRE(r.writes.size() == 1u);  // the store is performed
  BOOST_TEST(r.writes[0].addr == 0x400u);
  BOOST_TEST(rig.Peek(0x400) == 0x2bu);
  BOOST_TEST(rig.pe.exited());
  BOOST_TEST(rig.pe.tohost() == 0x2bu);
  BOOST_TEST(rig.pe.instret() == 9u);
  Retire after;
  BOOST_TEST((rig.TryStep(&after) == StepResult::kHalted));
  BOOST_TEST(rig.pe.pc() == 36u);
  rig.pe.Reset();  // a restart clears the exit, keeps memory
  BOOST_TEST(!rig.pe.exited());
  BOOST_TEST(rig.Peek(0x400) == 0x2bu);
}

BOOST_AUTO_TEST_CASE(host_memory_access_checks_range) {
  Config cfg;
  cfg.sram_bytes = 256;
  Prog p;
  Rig rig(p, cfg);
  const uint8_t bytes[8] = {};
  BOOST_CHECK_NO_THROW(rig.pe.WriteMem(248, bytes, 8));
  try {
    rig.pe.WriteMem(252, bytes, 8);
    BOOST_FAIL("no exception");
  } catch (const std::out_of_range& e) {
    BOOST_TEST(std::string(e.what()).find("0x000000fc") != std::string::npos, e.what());
  }
  BOOST_CHECK_THROW(rig.pe.ReadWord(256), std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::iss::test
