// Directed instruction tests for the PE: every RV32IM instruction with the
// operand values where implementations go wrong (0, 1, -1, INT_MIN,
// INT_MAX, sign boundaries of bytes and halves, shift amounts 0/31/32+),
// every CSR, every trap cause, and every fabric/task/tensor instruction
// form, each run on the RTL in lockstep with the ISS (which its unit tests
// check against hand-computed values). A test program per group keeps a
// failure's diff short.

#include <array>

#include "harness/rv_encode.h"
#include "harness/test_registry.h"
#include "tests/pe_env.h"

namespace wse::tb {
namespace {

using namespace rv;

constexpr uint32_t kHandler = 0x40, kBody = 0x100, kData = 0x8000, kTohost = 0x7ff0;

const uint32_t kValues[] = {0,          1,          2,          0xffffffffu, 0x80000000u, 0x7fffffffu,
                            0x7f,       0x80,       0xff,       0x7fff,      0x8000,      0xffff,
                            31,         32,         33,         0xfffffffeu, 0x12345678u, 0xedcba987u};

// A program: handler that skips the trapping instruction, body, tohost = 1.
class Program {
 public:
  Program() {
    code_.assign(kHandler / 4, 0);
    code_[0] = J(0, static_cast<int32_t>(kBody));
    Emit(Csr(2, 29, 0, 0x341));
    Emit(Addi(29, 29, 4));
    Emit(Csr(1, 0, 29, 0x341));
    Emit(Mret());
    while (code_.size() < kBody / 4) Emit(0x00000013);
    Emit(Addi(29, 0, static_cast<int32_t>(kHandler)));
    Emit(Csr(1, 0, 29, 0x305));
    Emit(Lui(31, kData >> 12));
  }
  void Emit(uint32_t w) { code_.push_back(w); }
  void Li(uint32_t r, uint32_t v) {
    const uint32_t lo = v & 0xfff;
    Emit(Lui(r, (v + 0x800) >> 12));
    Emit(Addi(r, r, static_cast<int32_t>(lo) - ((lo & 0x800) ? 0x1000 : 0)));
  }
  PeImage Finish(const std::string& name) {
    Li(29, kTohost);
    Emit(Addi(30, 0, 1));
    Emit(Sw(30, 29, 0));
    Emit(J(0, 0));
    PeImage img;
    img.name = name;
    img.tohost = kTohost;
    PeImage::Segment text{0, {}};
    for (uint32_t w : code_)
      for (int b = 0; b < 4; ++b) text.bytes.push_back(static_cast<uint8_t>(w >> (8 * b)));
    PeImage::Segment data{kData, std::vector<uint8_t>(1024)};
    for (size_t i = 0; i < data.bytes.size(); ++i) data.bytes[i] = static_cast<uint8_t>(i * 37 + 11);
    img.segments = {std::move(text), std::move(data)};
    return img;
  }

 private:
  std::vector<uint32_t> code_;
};

PeImage AluReg() {
  Program p;
  static const uint32_t kOps[][2] = {{0, 0}, {0, 0x20}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {5, 0x20}, {6, 0}, {7, 0},
                                     {0, 1}, {1, 1},    {2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 1}, {7, 1}};
  for (uint32_t a : kValues)
    for (uint32_t b : kValues) {
      p.Li(1, a);
      p.Li(2, b);
      for (const auto& op : kOps) p.Emit(R(kOp, 3, op[0], 1, 2, op[1]));
    }
  return p.Finish("directed: register-register ALU and M extension");
}

PeImage AluImm() {
  Program p;
  const int32_t imms[] = {0, 1, -1, 2047, -2048, 0x7f, 0x80, 0x555, -0x556};
  for (uint32_t a : kValues) {
    p.Li(1, a);
    for (int32_t imm : imms)
      for (uint32_t f3 : {0u, 2u, 3u, 4u, 6u, 7u}) p.Emit(I(kOpImm, 3, f3, 1, imm));
    for (uint32_t sh : {0u, 1u, 15u, 31u}) {
      p.Emit(R(kOpImm, 3, 1, 1, sh, 0));
      p.Emit(R(kOpImm, 3, 5, 1, sh, 0));
      p.Emit(R(kOpImm, 3, 5, 1, sh, 0x20));
    }
  }
  for (uint32_t u : {0u, 1u, 0x80000u, 0xfffffu, 0x12345u}) {
    p.Emit(Lui(4, u));
    p.Emit(U(kAuipc, 5, u));
  }
  // Writes to x0 are discarded.
  p.Emit(Addi(0, 0, 5));
  p.Emit(R(kOp, 0, 0, 1, 1, 0));
  p.Emit(R(kOp, 6, 0, 0, 0, 0));
  return p.Finish("directed: immediate ALU, lui, auipc, x0");
}

PeImage Branches() {
  Program p;
  for (uint32_t a : kValues)
    for (uint32_t b : {0u, 1u, 0xffffffffu, 0x80000000u, 0x7fffffffu}) {
      p.Li(1, a);
      p.Li(2, b);
      for (uint32_t f3 : {0u, 1u, 4u, 5u, 6u, 7u}) {
        p.Emit(B(f3, 1, 2, 8));           // taken: skip the next instruction
        p.Emit(Addi(10, 10, 1));          // counts not-taken branches
      }
    }
  // jal/jalr with link, jalr clears bit 0, misaligned targets trap (cause 0).
  p.Emit(J(1, 8));
  p.Emit(Addi(10, 10, 100));
  p.Emit(U(kAuipc, 2, 0));
  p.Emit(Jalr(3, 2, 13));  // target pc+12 after clearing bit 0
  p.Emit(Addi(10, 10, 100));
  p.Emit(Addi(10, 10, 100));
  p.Emit(Jalr(4, 2, 18));  // bit 1 set: misaligned, traps
  p.Emit(B(0, 0, 0, 6));   // taken, misaligned: traps
  p.Emit(J(5, 2));         // misaligned: traps
  return p.Finish("directed: branches, jal, jalr");
}

PeImage LoadsStores() {
  Program p;
  for (int32_t off : {0, 1, 2, 3, 4, 6, 255, 1020}) {
    for (uint32_t f3 : {0u, 1u, 2u, 4u, 5u}) p.Emit(I(kLoad, 3, f3, 31, off));  // misaligned ones trap
  }
  for (uint32_t v : {0x80u, 0x8000u, 0xdeadbeefu, 0x7fu}) {
    p.Li(2, v);
    for (int32_t off : {0, 1, 2, 3, 8, 10}) {
      for (uint32_t f3 : {0u, 1u, 2u}) {
        p.Emit(S(kStore, f3, 31, 2, 64 + off));
        p.Emit(I(kLoad, 3, 2, 31, 64 + (off & ~3)));
        p.Emit(I(kLoad, 4, 0, 31, 64 + off));
        p.Emit(I(kLoad, 5, 4, 31, 64 + off));
      }
    }
  }
  // Outside the SRAM: access faults (5, 7); store to address 0 region is fine.
  p.Li(6, 0xC000);
  p.Emit(I(kLoad, 3, 2, 6, 0));
  p.Emit(S(kStore, 2, 6, 2, 0));
  p.Li(6, 0xfffffffcu);
  p.Emit(I(kLoad, 3, 2, 6, 0));
  p.Emit(S(kStore, 0, 6, 2, 0));
  // Store into the instruction stream just ahead: the next fetch sees it.
  p.Emit(U(kAuipc, 7, 0));
  p.Li(8, 0x00100513u);    // addi a0, x0, 1
  p.Emit(Sw(8, 7, 16));
  p.Emit(0x00000013);
  return p.Finish("directed: loads, stores, byte lanes, faults");
}

PeImage CsrsAndTraps() {
  Program p;
  const uint32_t csrs[] = {0x300, 0x301, 0x304, 0x305, 0x310, 0x340, 0x341, 0x342, 0x343, 0x344, 0xB02, 0xB82,
                           0xC02, 0xC82, 0xF11, 0xF12, 0xF13, 0xF14, 0xFC0, 0xFC1, 0x7ff, 0x302, 0x3a0};
  p.Li(1, 0xffffffffu);
  p.Li(2, 0x12345679u);
  for (uint32_t c : csrs) {
    p.Emit(Csr(2, 3, 0, c));       // csrrs x3, c, x0: a read, legal on read-only CSRs
    p.Emit(Csr(3, 4, 0, c));       // csrrc x4, c, x0
    p.Emit(Csr(6, 5, 0, c));       // csrrsi uimm 0
    if (c == 0x305 || c == 0x341 || c == 0x342 || c == 0x343) continue;  // keep the handler intact
    p.Emit(Csr(1, 6, 2, c));       // csrrw: traps on read-only CSRs
    p.Emit(Csr(2, 7, 1, c));       // csrrs all ones
    p.Emit(Csr(3, 8, 2, c));       // csrrc
    p.Emit(Csr(5, 9, 21, c));      // csrrwi
    p.Emit(Csr(7, 9, 5, c));       // csrrci
  }
  p.Emit(Csr(1, 0, 0, 0x300));     // restore mstatus
  // minstret written: reads back what was written, +0 for the writing instruction.
  p.Emit(Csr(1, 0, 2, 0xB02));
  p.Emit(Csr(2, 10, 0, 0xB02));
  p.Emit(Csr(1, 0, 0, 0xB82));
  p.Emit(0x00000073);              // ecall
  p.Emit(0x00100073);              // ebreak
  p.Emit(0x10500073);              // wfi: not implemented, illegal
  p.Emit(0x00000000);              // illegal
  p.Emit(0xffffffffu);             // illegal
  p.Emit(R(kOp, 3, 1, 1, 2, 0x20));  // sll with funct7 0x20: illegal
  p.Emit(I(0x0f, 0, 0, 0, 0x0ff)); // fence
  p.Emit(I(0x0f, 0, 1, 0, 0));     // fence.i
  p.Emit(I(0x0f, 0, 2, 0, 0));     // reserved MISC-MEM: illegal
  // mret with MPIE set and cleared.
  return p.Finish("directed: CSRs, traps");
}

PeImage Fabric() {
  Program p;
  for (uint32_t c = 0; c < 24; ++c) {
    p.Li(1, 0x1000u * c + 7);
    p.Emit(Fsend(1, c));
    p.Emit(Fpoll(2, c));           // timing-dependent: taken from the RTL
    p.Emit(Frecv(3, c));
    p.Emit(Fpoll(4, c));
  }
  p.Li(5, 7);                      // register colors
  p.Emit(R(kCust0, 0, 3, 1, 5, 0));  // fsendv x1, color x5
  p.Emit(I(kCust0, 6, 4, 5, 0));   // frecvv x6, x5
  p.Emit(I(kCust0, 7, 5, 5, 0));   // fpollv x7, x5
  p.Li(5, 24);                     // out of range: illegal
  p.Emit(R(kCust0, 0, 3, 1, 5, 0));
  p.Emit(I(kCust0, 6, 4, 5, 0));
  p.Emit(Fsend(1, 24));            // immediate color 24: illegal
  p.Emit(I(kCust0, 0, 0, 1, 0x23));  // imm[11:5] != 0: illegal
  p.Emit(I(kCust0, 7, 0, 1, 3));   // fsend with rd != 0: illegal
  p.Emit(I(kCust0, 0, 7, 0, 0));   // twait with nothing bound: illegal
  // Tasks: bind colors 9 and 4 to handlers that return; the lower runs first.
  // Handler code is placed after a jump over it.
  p.Emit(J(0, 4 * 5));             // over the two handlers below
  p.Emit(Frecv(20, 9));            // handler A (pc = here): receives color 9
  p.Emit(Jalr(0, 1, 0));
  p.Emit(Frecv(21, 4));            // handler B
  p.Emit(Jalr(0, 1, 0));
  p.Emit(U(kAuipc, 12, 0));        // x12 = pc of this instruction
  p.Emit(Addi(13, 12, -16));       // handler A
  p.Emit(Addi(14, 12, -8));        // handler B
  p.Emit(I(kCust0, 0, 6, 13, 9));  // ftask x13, 9
  p.Emit(I(kCust0, 0, 6, 14, 4));  // ftask x14, 4
  p.Li(15, 0xabcd);
  p.Emit(Fsend(15, 9));
  p.Emit(Fsend(15, 4));
  p.Emit(I(kCust0, 1, 7, 0, 0));   // twait ra: runs a handler, returns here
  p.Emit(I(kCust0, 1, 7, 0, 0));   // twait ra: the other one
  p.Emit(I(kCust0, 0, 6, 0, 9));   // unbind both
  p.Emit(I(kCust0, 0, 6, 0, 4));
  p.Emit(I(kCust0, 1, 7, 0, 0));   // nothing bound: illegal
  return p.Finish("directed: fabric and tasks");
}

PeImage Tensor() {
  Program p;
  auto dset = [&](uint32_t d, uint32_t type, uint32_t addr, uint32_t len, int32_t stride) {
    p.Li(29, addr);
    p.Li(30, type);
    p.Emit(Dseta(d, 29, 30));
    p.Li(29, len);
    p.Li(30, static_cast<uint32_t>(stride));
    p.Emit(Dsetl(d, 29, 30));
  };
  for (uint32_t dt : {0u, 1u})
    for (uint32_t st : {0u, 1u})
      for (int32_t ss : {1, 0, -1, 2}) {
        dset(0, dt, kData + 256, 6, 1);
        dset(1, st, kData + 512 + 64, 6, ss);
        p.Emit(Tcopy(0, 1));
        p.Emit(Tadd(0, 1));
        p.Li(2, 0xffff8001u);   // scalar -32767 (low 16 bits)
        p.Emit(Tmac(0, 1, 2));
        p.Li(2, 3);
        p.Emit(Tmac(0, 1, 2));
      }
  // Fabric sources and destinations through the loopback, a zero to skip.
  for (uint32_t st : {2u, 3u}) {
    p.Li(3, 0x00010000u);       // low half zero: FAB16 element 0 is zero
    p.Emit(Fsend(3, 5));
    p.Li(3, 0xfffe8003u);
    p.Emit(Fsend(3, 5));
    dset(1, st, 5, 2, 0);
    dset(0, 1, kData + 256, 4, 1);
    p.Li(2, 7);
    p.Emit(Tmac(0, 1, 2));
    dset(2, st == 2 ? 2 : 3, 6, 3, 0);   // memory -> fabric color 6 -> memory
    dset(3, 1, kData + 300, 3, 1);
    p.Emit(Tcopy(2, 3));
    dset(3, 1, kData + 400, 3, 1);
    dset(2, st, 6, 3, 0);
    p.Emit(Tcopy(3, 2));
  }
  // Faults: misaligned and out-of-range elements part-way, illegal forms.
  dset(1, 1, kData + 512, 4, 1);    // memory source for the faults below
  dset(0, 1, kData + 2, 4, 1);      p.Emit(Tcopy(0, 1));  // dst misaligned: cause 6
  dset(0, 1, 0xbff8, 4, 1);         p.Emit(Tcopy(0, 1));  // dst leaves SRAM at element 2: cause 7
  dset(0, 1, kData, 4, 1);
  dset(1, 0, 0xbffc, 4, 1);         p.Emit(Tadd(0, 1));   // src leaves SRAM at element 2: cause 5
  dset(1, 0, kData + 1, 4, 1);      p.Emit(Tadd(0, 1));   // src misaligned: cause 4
  dset(2, 3, 7, 4, 0);              p.Emit(Tadd(2, 1));   // fabric dst for tadd: illegal
  dset(2, 3, 30, 4, 0);             p.Emit(Tcopy(0, 2));  // color 30: illegal
  p.Emit(R(kCust1, 0, 2, 0, 0, 0x10 | 1));                // funct7[6:4] != 0: illegal
  p.Emit(R(kCust1, 0, 5, 0, 0, 0));                       // reserved funct3: illegal
  p.Li(30, 4);
  p.Emit(Dseta(0, 29, 30));                               // type 4: illegal
  dset(0, 1, kData, 0, 1);          p.Emit(Tcopy(0, 1));  // zero length: nothing
  return p.Finish("directed: tensor");
}

}  // namespace

WSE_MESH_TEST(pe_directed, "directed tests of every instruction, CSR, trap cause and extension form, in lockstep",
              20000000, "pe1x1") {
  PeEnv env(ctx, dut);
  const TileList one{{0, 0}};
  co_await env.Start();
  co_await env.host().Loopback(one, dut.num_colors());
  const std::vector<PeImage> programs = {AluReg(), AluImm(), Branches(), LoadsStores(), CsrsAndTraps(), Fabric(), Tensor()};
  for (const PeImage& img : programs) {
    std::vector<PeExit> exits;
    co_await env.RunProgram(one, img, 2000000, &exits);
    if (exits[0].Code() != 0) throw TestFailure(img.name + ": " + exits[0].Describe());
    ctx.log.Info(img.name + ": " + std::to_string(env.lockstep(0, 0).retired()) + " instructions in lockstep");
  }
}

}  // namespace wse::tb
