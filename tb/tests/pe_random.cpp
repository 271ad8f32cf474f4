// Constrained-random instruction streams for the PE, run in lockstep with
// the ISS. The generator knows nothing of either implementation: it only
// keeps programs terminating (forward branches only), keeps most memory
// accesses inside a data window, and lets a fraction trap on purpose (the
// handler skips the faulting instruction), so every instruction class,
// every trap cause and the fabric/tensor extension appear in long streams.

#include <algorithm>
#include <array>

#include "harness/rv_encode.h"
#include "harness/test_registry.h"
#include "tests/pe_env.h"

namespace wse::tb {
namespace {

using namespace rv;

constexpr uint32_t kHandler = 0x40;   // trap handler: skip the faulting instruction
constexpr uint32_t kBody = 0x100;     // generated code starts here
constexpr uint32_t kData = 0x8000;    // data window (x31 points here), 4 KiB
constexpr uint32_t kTohost = 0x7ff0;
constexpr uint32_t kHi = 29, kLo = 30, kBase = 31;  // reserved registers

class Generator {
 public:
  explicit Generator(Rng& rng) : rng_(rng) {}

  PeImage Make(int n) {
    code_.assign(kHandler / 4, 0);
    code_[0] = J(0, static_cast<int32_t>(kBody));
    // Handler: mepc += 4; mret. Uses only x29.
    Emit(Csr(2, kHi, 0, 0x341));
    Emit(Addi(kHi, kHi, 4));
    Emit(Csr(1, 0, kHi, 0x341));
    Emit(Mret());
    while (code_.size() < kBody / 4) Emit(0x00000013);  // nop
    // Prologue: mtvec, data base, random registers, random data window.
    Emit(Addi(kHi, 0, static_cast<int32_t>(kHandler)));
    Emit(Csr(1, 0, kHi, 0x305));
    Emit(Lui(kBase, kData >> 12));
    for (uint32_t r = 1; r <= 28; ++r) LoadConst(r, Interesting());
    for (int i = 0; i < n; ++i) Random(n - i);
    // Epilogue: tohost = 1.
    Emit(Lui(kHi, (kTohost + 0x800) >> 12));
    Emit(Addi(kLo, 0, 1));
    Emit(Sw(kLo, kHi, static_cast<int32_t>(kTohost & 0xfff) - ((kTohost & 0x800) ? 0x1000 : 0)));
    Emit(J(0, 0));

    PeImage img;
    img.name = "random stream";
    img.tohost = kTohost;
    PeImage::Segment text{0, {}};
    for (uint32_t w : code_)
      for (int b = 0; b < 4; ++b) text.bytes.push_back(static_cast<uint8_t>(w >> (8 * b)));
    PeImage::Segment data{kData, std::vector<uint8_t>(4096)};
    for (auto& b : data.bytes) b = static_cast<uint8_t>(rng_.Next32());
    img.segments = {std::move(text), std::move(data)};
    return img;
  }

 private:
  void Emit(uint32_t w) { code_.push_back(w); }
  uint32_t Reg() { return static_cast<uint32_t>(rng_.Uniform(0, 28)); }
  uint32_t Dst() { return static_cast<uint32_t>(rng_.Uniform(1, 28)); }
  uint32_t Interesting() {
    static const uint32_t kValues[] = {0, 1, 2, 0xffffffffu, 0x80000000u, 0x7fffffffu, 0xffff, 0x8000, 31, 32};
    return rng_.Chance(0.4) ? kValues[rng_.Uniform(0, 9)] : rng_.Next32();
  }
  void LoadConst(uint32_t r, uint32_t v) {
    const uint32_t lo = v & 0xfff;
    const uint32_t hi = (v + 0x800) >> 12;
    Emit(Lui(r, hi));
    Emit(Addi(r, r, static_cast<int32_t>(lo) - ((lo & 0x800) ? 0x1000 : 0)));
  }

  void Random(int remaining) {
    const int k = static_cast<int>(rng_.Uniform(0, 99));
    if (k < 22) {  // register-register ALU
      static const uint32_t kF3F7[][2] = {{0, 0}, {0, 0x20}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {5, 0x20}, {6, 0}, {7, 0}};
      const auto& f = kF3F7[rng_.Uniform(0, 9)];
      Emit(R(kOp, Dst(), f[0], Reg(), Reg(), f[1]));
    } else if (k < 40) {  // immediate ALU
      const uint32_t f3 = static_cast<uint32_t>(rng_.Uniform(0, 7));
      if (f3 == 1) Emit(R(kOpImm, Dst(), 1, Reg(), static_cast<uint32_t>(rng_.Uniform(0, 31)), 0));
      else if (f3 == 5) Emit(R(kOpImm, Dst(), 5, Reg(), static_cast<uint32_t>(rng_.Uniform(0, 31)), rng_.Chance(0.5) ? 0x20 : 0));
      else Emit(I(kOpImm, Dst(), f3, Reg(), static_cast<int32_t>(rng_.Uniform(-2048, 2047))));
    } else if (k < 44) {
      Emit(rng_.Chance(0.5) ? Lui(Dst(), rng_.Next32() & 0xfffff) : U(kAuipc, Dst(), rng_.Next32() & 0xfffff));
    } else if (k < 54) {  // M extension, divisors include zero and -1
      Emit(R(kOp, Dst(), static_cast<uint32_t>(rng_.Uniform(0, 7)), Reg(), Reg(), 1));
    } else if (k < 68) {  // loads and stores in the window, a few misaligned or outside
      const bool store = rng_.Chance(0.45);
      const uint32_t f3 = store ? static_cast<uint32_t>(rng_.Uniform(0, 2))
                                : std::array<uint32_t, 5>{0, 1, 2, 4, 5}[rng_.Uniform(0, 4)];
      const uint32_t size = 1u << (f3 & 3);
      int32_t off = static_cast<int32_t>(rng_.Uniform(0, 2047)) & ~static_cast<int32_t>(size - 1);
      if (rng_.Chance(0.05)) off |= 1;  // misaligned (ignored for bytes)
      uint32_t base = kBase;
      if (rng_.Chance(0.03)) { base = 0; off = -static_cast<int32_t>(rng_.Uniform(4, 2048)) & ~3; }  // outside SRAM
      if (store) Emit(S(kStore, f3, base, Reg(), off));
      else Emit(I(kLoad, Dst(), f3, base, off));
    } else if (k < 76 && remaining > 6) {  // forward branch or jal over 0..4 instructions
      const int skip = static_cast<int>(rng_.Uniform(0, 4));
      if (rng_.Chance(0.8)) {
        static const uint32_t kB[] = {0, 1, 4, 5, 6, 7};
        Emit(B(kB[rng_.Uniform(0, 5)], Reg(), Reg(), 4 * (skip + 1)));
      } else {
        Emit(J(Dst(), 4 * (skip + 1)));
      }
      for (int i = 0; i < skip; ++i) Emit(R(kOp, Dst(), 0, Reg(), Reg(), 0));
    } else if (k < 82) {  // CSRs: mscratch read-modify-write, read-only reads, counters
      static const uint32_t kCsrs[] = {0x340, 0x340, 0x301, 0xF14, 0xB02, 0xC02, 0x342, 0x343, 0xFC0, 0xFC1, 0xC00};
      const uint32_t csr = kCsrs[rng_.Uniform(0, 10)];
      const bool ro = (csr >> 10) == 3;
      const uint32_t f3 = ro ? (rng_.Chance(0.5) ? 2 : 3) : static_cast<uint32_t>(rng_.Uniform(1, 3));
      Emit(Csr(f3, Dst(), ro ? 0 : Reg(), csr));
    } else if (k < 86) {  // deliberate traps
      switch (rng_.Uniform(0, 4)) {
        case 0: Emit(0x00000073); break;                        // ecall
        case 1: Emit(0x00100073); break;                        // ebreak
        case 2: Emit(Csr(1, Dst(), Reg(), 0x7ff)); break;       // no such CSR
        case 3: Emit(Csr(1, Dst(), Reg(), 0xF14)); break;       // write of a read-only CSR
        default: Emit(R(kCust1, 0, 7, 0, 0, 0)); break;         // reserved tensor funct3
      }
    } else if (k < 93) {  // fabric round trip through the loopback route
      const uint32_t c = static_cast<uint32_t>(rng_.Uniform(0, 23));
      const int n = static_cast<int>(rng_.Uniform(1, 3));
      for (int i = 0; i < n; ++i) Emit(Fsend(Reg(), c));
      if (rng_.Chance(0.5)) Emit(Fpoll(Dst(), c));
      for (int i = 0; i < n; ++i) {
        if (rng_.Chance(0.3)) {  // register color, often the destination too (frecvv r, r)
          const uint32_t r = Dst();
          LoadConst(r, c);
          Emit(I(kCust0, rng_.Chance(0.5) ? r : Dst(), 4, r, 0));
        } else {
          Emit(Frecv(Dst(), c));
        }
      }
    } else {  // a short tensor operation inside the window
      const uint32_t op = static_cast<uint32_t>(rng_.Uniform(0, 2));
      const uint32_t dt = static_cast<uint32_t>(rng_.Uniform(0, 1)), st = static_cast<uint32_t>(rng_.Uniform(0, 1));
      const int len = static_cast<int>(rng_.Uniform(0, 8));
      // Bases leave room for 8 elements of stride -1 or 2 inside the window.
      Dset(0, dt, kData + static_cast<uint32_t>(rng_.Uniform(8, 230)) * 4, len,
           static_cast<int>(rng_.Uniform(-1, 2)));
      if (rng_.Chance(0.3)) {  // stream the source over the fabric
        const uint32_t c = static_cast<uint32_t>(rng_.Uniform(0, 23));
        Dset(1, 2 + st, c, std::min(len, 3), 0);
        for (int i = 0; i < std::min(len, 3); ++i) Emit(Fsend(Reg(), c));
      } else {
        Dset(1, st, kData + 2048 + static_cast<uint32_t>(rng_.Uniform(8, 230)) * 4, len,
             static_cast<int>(rng_.Uniform(-1, 2)));
      }
      if (op == 0) Emit(Tcopy(0, 1));
      else if (op == 1) Emit(Tadd(0, 1));
      else Emit(Tmac(0, 1, Reg()));
    }
  }

  // Descriptor d = {type, addr, len, stride} through x29/x30.
  void Dset(uint32_t d, uint32_t type, uint32_t addr, int len, int stride) {
    LoadConst(kHi, addr);
    Emit(Addi(kLo, 0, static_cast<int32_t>(type)));
    Emit(Dseta(d, kHi, kLo));
    Emit(Addi(kHi, 0, len));
    Emit(Addi(kLo, 0, stride));
    Emit(Dsetl(d, kHi, kLo));
  }

  Rng& rng_;
  std::vector<uint32_t> code_;
};

}  // namespace

WSE_MESH_TEST(pe_random, "constrained-random RV32IM + extension streams (3 x 2000 instructions) in lockstep",
              20000000, "pe1x1") {
  PeEnv env(ctx, dut);
  const TileList one{{0, 0}};
  co_await env.Start();
  co_await env.host().Loopback(one, dut.num_colors());
  for (int round = 0; round < 3; ++round) {
    Generator gen(ctx.rng);
    const PeImage img = gen.Make(2000);
    std::vector<PeExit> exits;
    co_await env.RunProgram(one, img, 2000000, &exits);
    if (exits[0].Code() != 0) throw TestFailure("random stream " + std::to_string(round) + ": " + exits[0].Describe());
    ctx.log.Info("stream " + std::to_string(round) + ": " + std::to_string(env.lockstep(0, 0).retired()) +
                 " instructions retired in lockstep");
  }
}

}  // namespace wse::tb
