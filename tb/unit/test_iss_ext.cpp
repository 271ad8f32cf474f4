// Golden ISS, the PE extension of docs/pe.md: fabric instructions on a
// QueueFabric (including blocking and illegal colors), tasks (ftask/twait,
// lowest ready color), lockstep hints and the divergences they can expose,
// and the tensor instructions on every descriptor type with positive,
// negative and zero strides, zero-skip counting, resumption after a fabric
// stall, and per-element faults with the elements before them complete.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <string>

#include "iss/csr.h"
#include "iss_rig.h"

namespace wse::iss::test {
namespace {

constexpr uint32_t kMem16 = 0, kMem32 = 1, kFab16 = 2, kFab32 = 3;

// Sets descriptor d = {type, addr, len, stride} through t0..t3 (10 words).
void SetDesc(Prog& p, unsigned d, uint32_t type, uint32_t addr, uint32_t len, int32_t stride) {
  p.Li(kT0, addr).Li(kT1, type) << Dseta(d, kT0, kT1);
  p.Li(kT0, len).Li(kT1, static_cast<uint32_t>(stride)) << Dsetl(d, kT0, kT1);
}
constexpr int kSetDescSteps = 10;

// Runs until the pc reaches `pc` (each step must retire without trapping).
void RunTo(Rig& rig, uint32_t pc) {
  for (int guard = 0; rig.pe.pc() != pc && guard < 1000; ++guard)
    BOOST_TEST_REQUIRE(!rig.Step().trap);
  BOOST_TEST_REQUIRE(rig.pe.pc() == pc);
}

void ExpectIllegal(uint32_t insn, const Config& cfg = {}) {
  Prog p;
  p << insn;
  Rig rig(p, cfg);
  const Retire r = rig.Step();
  BOOST_TEST(r.trap, std::hex << insn);
  BOOST_TEST(r.cause == 2u);
  BOOST_TEST(r.tval == insn);
}

std::string DivergenceOf(Rig& rig, const Hint& h) {
  try {
    Retire r;
    rig.pe.Step(r, h);
  } catch (const IssDivergence& e) {
    return e.what();
  }
  return "no divergence";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(iss_fabric)

BOOST_AUTO_TEST_CASE(fsend_and_fsendv) {
  Prog p;
  p.Li(kA0, 0xcafef00d).Li(kA1, 7) << Fsend(kA0, 3) << Fsendv(kA0, kA1);
  Rig rig(p);
  rig.Run(4);
  Retire r = rig.Step();
  BOOST_REQUIRE(r.sends.size() == 1u);
  BOOST_TEST(r.sends[0].color == 3u);
  BOOST_TEST(r.sends[0].data == 0xcafef00du);
  BOOST_TEST(!r.rd_written);
  r = rig.Step();
  BOOST_REQUIRE(r.sends.size() == 1u);
  BOOST_TEST(r.sends[0].color == 7u);
  BOOST_REQUIRE(rig.fabric.sent().size() == 2u);
  BOOST_TEST(rig.fabric.sent()[1].data == 0xcafef00du);
}

BOOST_AUTO_TEST_CASE(fsend_blocks_while_the_ramp_is_full) {
  Prog p;
  p << Addi(kA0, kZero, 9) << Fsend(kA0, 2);
  Rig rig(p);
  rig.Step();
  rig.fabric.SetCanSend(false);
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  BOOST_TEST(rig.pe.pc() == 4u);
  BOOST_TEST(rig.fabric.sent().empty());
  BOOST_TEST(!rig.pe.blocked_on_receive());
  BOOST_TEST(rig.pe.instret() == 1u);
  rig.fabric.SetCanSend(true);
  const Retire r = rig.Step();
  BOOST_TEST(r.index == 1u);  // blocked attempts produce no record
  BOOST_TEST(rig.fabric.sent().size() == 1u);
}

BOOST_AUTO_TEST_CASE(frecv_blocks_then_receives) {
  Prog p;
  p << Frecv(kA0, 5) << Frecv(kZero, 5);
  Rig rig(p);
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  BOOST_TEST(rig.pe.blocked_on() == "frecv on color 5");
  BOOST_TEST(rig.pe.blocked_on_receive());
  rig.fabric.Push(4, 1);  // another color does not help
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  rig.fabric.Push(5, 42);
  rig.fabric.Push(5, 43);
  Retire r = rig.Step();
  BOOST_TEST(r.rd_written);
  BOOST_TEST(r.rd_value == 42u);
  r = rig.Step();  // into x0: consumed, not written
  BOOST_TEST(!r.rd_written);
  BOOST_TEST(rig.fabric.Pending(5) == 0u);
  BOOST_TEST(rig.fabric.Pending(4) == 1u);
}

BOOST_AUTO_TEST_CASE(register_color_forms) {
  Prog p;
  p << Addi(kA1, kZero, 6) << Frecvv(kA0, kA1) << Fpollv(kA2, kA1) << Fpollv(kA3, kA1);
  Rig rig(p);
  rig.Step();
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  BOOST_TEST(rig.pe.blocked_on() == "frecvv on color 6");
  rig.fabric.Push(6, 0x11);
  rig.fabric.Push(6, 0x22);
  BOOST_TEST(rig.Step().rd_value == 0x11u);
  BOOST_TEST(rig.Step().rd_value == 1u);
  BOOST_TEST(rig.fabric.Pending(6) == 1u);  // fpoll does not consume
  BOOST_TEST(rig.Step().rd_value == 1u);
}

BOOST_AUTO_TEST_CASE(fpoll_reports_availability) {
  Prog p;
  p << Fpoll(kA0, 9) << Fpoll(kA1, 9);
  Rig rig(p);
  Retire r = rig.Step();
  BOOST_TEST(r.rd_written);
  BOOST_TEST(r.rd_value == 0u);
  rig.fabric.Push(9, 5);
  BOOST_TEST(rig.Step().rd_value == 1u);
}

BOOST_AUTO_TEST_CASE(loopback_receives_what_was_sent) {
  Prog p;
  p << Addi(kA0, kZero, 77) << Fsend(kA0, 1) << Frecv(kA1, 1);
  QueueFabric fabric(/*loopback=*/true);
  Pe pe(Config{}, fabric);
  pe.WriteMem(0, p.words().data(), 4 * p.words().size());
  pe.Reset();
  Retire r;
  for (int i = 0; i < 3; ++i) BOOST_TEST((pe.Step(r) == StepResult::kRetired));
  BOOST_TEST(pe.reg(kA1) == 77u);
}

BOOST_AUTO_TEST_CASE(illegal_colors_and_reserved_fields) {
  ExpectIllegal(Fsend(kA0, 24));  // color >= NumColors
  ExpectIllegal(Frecv(kA0, 31));
  ExpectIllegal(Fpoll(kA0, 24));
  ExpectIllegal(Ftask(kA0, 24));
  ExpectIllegal(Fab(0, 0, kA0, 0x20 | 3));      // fsend imm[11:5] != 0
  ExpectIllegal(Fab(0, kA1, kA0, 3));           // fsend rd != 0
  ExpectIllegal(Fab(1, kA0, kA1, 3));           // frecv rs1 != 0
  ExpectIllegal(Fab(2, kA0, kA1, 3));           // fpoll rs1 != 0
  ExpectIllegal(R(0x0b, 3, 1, 0, kA0, kA1));    // fsendv funct7 != 0
  ExpectIllegal(R(0x0b, 3, 0, kA2, kA0, kA1));  // fsendv rd != 0
  ExpectIllegal(Fab(4, kA0, kA1, 1));           // frecvv imm != 0
  ExpectIllegal(Fab(5, kA0, kA1, 0x800));       // fpollv imm != 0
  ExpectIllegal(Fab(6, kA1, kA0, 3));           // ftask rd != 0
  ExpectIllegal(Fab(7, kA0, kA1, 0));           // twait rs1 != 0
  ExpectIllegal(Fab(7, kA0, 0, 1));             // twait imm != 0
  Config cfg;
  cfg.num_colors = 8;
  ExpectIllegal(Fsend(kA0, 8), cfg);  // NumColors is configurable
  // Register colors: the whole register value is the color.
  for (uint32_t color : {24u, 0xffffffffu, 0x100u | 3u}) {
    for (uint32_t insn : {Fsendv(kA0, kA1), Frecvv(kA0, kA1), Fpollv(kA0, kA1)}) {
      Prog p;
      p.Li(kA1, color) << insn;
      Rig rig(p);
      rig.Run(2);
      const Retire r = rig.Step();
      BOOST_TEST(r.trap, std::hex << insn << " color " << color);
      BOOST_TEST(r.cause == 2u);
    }
  }
}

BOOST_AUTO_TEST_CASE(illegal_color_traps_instead_of_blocking) {
  Prog p;
  p << Frecv(kA0, 30);
  Rig rig(p);
  BOOST_TEST(rig.Step().trap);  // not kBlocked, even with no wavelet
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iss_task)

BOOST_AUTO_TEST_CASE(twait_without_bindings_is_illegal) {
  ExpectIllegal(Twait(kRa));
  Prog p;  // bind, then unbind with x[rs1] = 0: nothing bound again
  p.Li(kA0, 0x100) << Ftask(kA0, 3) << Ftask(kZero, 3) << Twait(kRa);
  Rig rig(p);
  rig.Run(3);
  BOOST_TEST(rig.pe.handler(3).has_value() == true);
  rig.Step();
  BOOST_TEST(rig.pe.handler(3).has_value() == false);
  const Retire r = rig.Step();
  BOOST_TEST(r.trap);
  BOOST_TEST(r.cause == 2u);
}

BOOST_AUTO_TEST_CASE(twait_calls_the_lowest_ready_color) {
  Prog p;
  p.Li(kA0, 0x103).Li(kA1, 0x200);
  p << Ftask(kA0, 3)  // handler 0x100 (bits 1:0 cleared)
    << Ftask(kA1, 1)  // handler 0x200
    << Twait(kRa);    // at 24
  Rig rig(p);
  rig.Run(6);
  BOOST_TEST(*rig.pe.handler(3) == 0x100u);
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));  // nothing on any bound color
  BOOST_TEST(rig.pe.blocked_on() == "twait on bound colors 1,3");
  rig.fabric.Push(0, 1);  // unbound color: does not wake the task
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  rig.fabric.Push(3, 30);
  rig.fabric.Push(1, 10);
  const Retire r = rig.Step();
  BOOST_TEST(r.twait_color == 1u);
  BOOST_TEST(r.rd_written);
  BOOST_TEST(r.rd == kRa);
  BOOST_TEST(r.rd_value == 28u);
  BOOST_TEST(rig.pe.pc() == 0x200u);
  BOOST_TEST(rig.fabric.Pending(1) == 1u);  // twait does not consume
}

BOOST_AUTO_TEST_CASE(twait_follows_a_valid_hint) {
  Prog p;
  p.Li(kA0, 0x100).Li(kA1, 0x200);
  p << Ftask(kA0, 3) << Ftask(kA1, 1) << Twait(kRa);
  Rig rig(p);
  rig.Run(6);
  rig.fabric.Push(3, 30);
  rig.fabric.Push(1, 10);
  Hint h;
  h.value = 3;  // the RTL may have seen color 3 first
  const Retire r = rig.Step(h);
  BOOST_TEST(r.twait_color == 3u);
  BOOST_TEST(rig.pe.pc() == 0x100u);
}

BOOST_AUTO_TEST_CASE(impossible_hints_are_divergences) {
  Prog p;
  p.Li(kA0, 0x100) << Ftask(kA0, 3) << Twait(kRa);
  Rig rig(p);
  rig.Run(3);
  rig.fabric.Push(3, 30);
  rig.fabric.Push(2, 20);
  Hint h;
  h.value = 2;
  BOOST_TEST(DivergenceOf(rig, h).find("color 2, which is not bound") != std::string::npos,
             DivergenceOf(rig, h));
  h.value = 40;
  BOOST_TEST(DivergenceOf(rig, h).find("is not a color") != std::string::npos);
  rig.fabric.Receive(3);
  h.value = 3;
  BOOST_TEST(DivergenceOf(rig, h).find("has no wavelet") != std::string::npos);
  BOOST_TEST(rig.pe.pc() == 12u);  // nothing happened

  Prog q;
  q << Fpoll(kA0, 4) << Fpoll(kA0, 4);
  Rig poll(q);
  h.value = 1;
  BOOST_TEST(DivergenceOf(poll, h).find("no wavelet of that color") != std::string::npos);
  h.value = 2;
  BOOST_TEST(DivergenceOf(poll, h).find("0 or 1") != std::string::npos);
  poll.fabric.Push(4, 9);
  h.value = 0;  // the RTL had not seen it yet: possible
  BOOST_TEST(poll.Step(h).rd_value == 0u);
  h.value = 1;
  BOOST_TEST(poll.Step(h).rd_value == 1u);
}

BOOST_AUTO_TEST_CASE(reset_clears_bindings_and_descriptors) {
  Prog p;
  p.Li(kA0, 0x100) << Ftask(kA0, 3);
  SetDesc(p, 2, kMem16, 0x300, 5, -1);
  Rig rig(p);
  rig.Run(3 + kSetDescSteps);
  BOOST_TEST(rig.pe.handler(3).has_value());
  BOOST_TEST(rig.pe.descriptor(2).len == 5u);
  BOOST_TEST(rig.pe.descriptor(2).stride == -1);
  rig.pe.Reset();
  BOOST_TEST(!rig.pe.handler(3).has_value());
  BOOST_TEST(rig.pe.descriptor(2).addr == 0u);
  BOOST_TEST(rig.pe.descriptor(2).len == 0u);
  BOOST_TEST(rig.pe.pc() == 0u);
  BOOST_TEST(rig.pe.reg(kA0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iss_tensor)

BOOST_AUTO_TEST_CASE(descriptor_setup_and_illegal_fields) {
  Prog p;
  SetDesc(p, 3, kFab32, 0x12345678, 0xffffffff, -7);
  Rig rig(p);
  rig.Run(kSetDescSteps);
  const Descriptor& d = rig.pe.descriptor(3);
  BOOST_TEST(d.type == kFab32);
  BOOST_TEST(d.addr == 0x12345678u);
  BOOST_TEST(d.len == 0xffffffffu);
  BOOST_TEST(d.stride == -7);

  Prog q;  // dseta with type 4
  q << Addi(kT1, kZero, 4) << Dseta(0, kT0, kT1);
  Rig bad(q);
  bad.Step();
  BOOST_TEST(bad.Step().trap);

  ExpectIllegal(R(0x2b, 0, 4, 0, kT0, kT1));     // dseta funct7[6:2] != 0
  ExpectIllegal(R(0x2b, 1, 0x40, 0, kT0, kT1));  // dsetl funct7[6:2] != 0
  ExpectIllegal(R(0x2b, 0, 1, kA0, kT0, kT1));   // dseta rd != 0
  ExpectIllegal(R(0x2b, 2, 0x10, 0, 0, 0));      // tcopy funct7[6:4] != 0
  ExpectIllegal(R(0x2b, 2, 1, kA0, 0, 0));       // tcopy rd != 0
  ExpectIllegal(R(0x2b, 3, 1, 0, kA0, 0));       // tadd rs1 != 0
  ExpectIllegal(R(0x2b, 3, 1, 0, 0, kA0));       // tadd rs2 != 0
  ExpectIllegal(R(0x2b, 4, 1, 0, kA0, kA1));     // tmac rs2 != 0
  ExpectIllegal(R(0x2b, 4, 0x20, 0, kA0, 0));    // tmac funct7[6:4] != 0
  ExpectIllegal(R(0x2b, 5, 0, 0, 0, 0));         // funct3 5..7
  ExpectIllegal(R(0x2b, 7, 0, 0, 0, 0));
}

BOOST_AUTO_TEST_CASE(tcopy_mem32_strides) {
  Prog p;
  SetDesc(p, 0, kMem32, 0x300, 4, 1);   // source: 0x300.. ascending
  SetDesc(p, 1, kMem32, 0x40c, 0, -1);  // destination: descending; its len is ignored
  p << Tcopy(1, 0);
  const uint32_t end = p.pc();
  Rig rig(p);
  for (uint32_t i = 0; i < 4; ++i) rig.Poke(0x300 + 4 * i, 0x11111111u * (i + 1));
  rig.Run(2 * kSetDescSteps);
  const Retire r = rig.Step();
  BOOST_TEST(!r.trap);
  BOOST_TEST(rig.pe.pc() == end);
  BOOST_REQUIRE(r.writes.size() == 4u);
  BOOST_TEST(r.writes[0].addr == 0x40cu);
  BOOST_TEST(r.writes[3].addr == 0x400u);
  BOOST_TEST(r.writes[3].mask == 0xf);
  BOOST_TEST(rig.Peek(0x40c) == 0x11111111u);
  BOOST_TEST(rig.Peek(0x408) == 0x22222222u);
  BOOST_TEST(rig.Peek(0x404) == 0x33333333u);
  BOOST_TEST(rig.Peek(0x400) == 0x44444444u);
  BOOST_TEST(rig.pe.instret() == 2u * kSetDescSteps + 1);
}

BOOST_AUTO_TEST_CASE(tcopy_mem16_sign_extends_and_truncates) {
  Prog p;
  SetDesc(p, 0, kMem16, 0x300, 3, 1);
  SetDesc(p, 1, kMem32, 0x400, 0, 1);
  SetDesc(p, 2, kMem16, 0x500, 0, 2);  // every other halfword
  SetDesc(p, 3, kMem32, 0x400, 3, 1);  // the first copy's result as a source
  p << Tcopy(1, 0) << Tcopy(2, 3);
  Rig rig(p);
  rig.Poke(0x300, 0x7fff8000);  // halfwords 0x8000, 0x7fff
  rig.Poke(0x304, 0x0000ffff);  // 0xffff
  for (uint32_t a = 0x500; a < 0x510; a += 4) rig.Poke(a, 0xaaaaaaaa);
  rig.Run(4 * kSetDescSteps + 1);
  BOOST_TEST(rig.Peek(0x400) == 0xffff8000u);
  BOOST_TEST(rig.Peek(0x404) == 0x00007fffu);
  BOOST_TEST(rig.Peek(0x408) == 0xffffffffu);
  // MEM32 -> MEM16 stores the low halves at 0x500, 0x504, 0x508 (stride 2).
  const Retire r = rig.Step();
  BOOST_REQUIRE(r.writes.size() == 3u);
  BOOST_TEST(r.writes[1].addr == 0x504u);
  BOOST_TEST(r.writes[1].mask == 0x3);
  BOOST_TEST(rig.Peek(0x500) == 0xaaaa8000u);
  BOOST_TEST(rig.Peek(0x504) == 0xaaaa7fffu);
  BOOST_TEST(rig.Peek(0x508) == 0xaaaaffffu);
  BOOST_TEST(rig.Peek(0x50c) == 0xaaaaaaaau);
}

BOOST_AUTO_TEST_CASE(tcopy_mem32_to_mem16_lanes) {
  Prog p;
  SetDesc(p, 0, kMem32, 0x300, 3, 1);
  SetDesc(p, 1, kMem16, 0x502, 0, 1);  // starts in the upper half of a word
  p << Tcopy(1, 0);
  Rig rig(p);
  rig.Poke(0x300, 0x12348001);
  rig.Poke(0x304, 0xffff7ffe);
  rig.Poke(0x308, 0x0000abcd);
  rig.Poke(0x500, 0x55555555);
  rig.Poke(0x504, 0x55555555);
  rig.Run(2 * kSetDescSteps);
  const Retire r = rig.Step();
  BOOST_REQUIRE(r.writes.size() == 3u);
  BOOST_TEST(r.writes[0].addr == 0x500u);
  BOOST_TEST(r.writes[0].mask == 0xc);
  BOOST_TEST(r.writes[0].data == 0x80010000u);
  BOOST_TEST(r.writes[1].addr == 0x504u);
  BOOST_TEST(r.writes[1].mask == 0x3);
  BOOST_TEST(r.writes[1].data == 0x00007ffeu);
  BOOST_TEST(rig.Peek(0x500) == 0x80015555u);
  BOOST_TEST(rig.Peek(0x504) == 0xabcd7ffeu);
}

BOOST_AUTO_TEST_CASE(tadd_with_zero_stride_accumulates) {
  Prog p;
  SetDesc(p, 0, kMem32, 0x300, 3, 1);
  SetDesc(p, 1, kMem32, 0x400, 0, 0);  // one destination element, three times
  SetDesc(p, 2, kMem16, 0x500, 2, 0);  // one source element, twice
  SetDesc(p, 3, kMem16, 0x600, 0, 1);
  p << Tadd(1, 0) << Tadd(3, 2);
  Rig rig(p);
  rig.Poke(0x300, 5);
  rig.Poke(0x304, 0xfffffff0);  // -16
  rig.Poke(0x308, 100);
  rig.Poke(0x400, 1000);
  rig.Poke(0x500, 0x00004001);  // 0x4001, read twice
  rig.Poke(0x600, 0x12343fff);  // halfwords 0x3fff, 0x1234
  rig.Run(4 * kSetDescSteps);
  Retire r = rig.Step();
  BOOST_TEST(r.writes.size() == 3u);
  BOOST_TEST(rig.Peek(0x400) == 1089u);  // 1000 + 5 - 16 + 100
  r = rig.Step();
  BOOST_REQUIRE(r.writes.size() == 2u);
  BOOST_TEST(r.writes[0].mask == 0x3);
  BOOST_TEST(r.writes[1].mask == 0xc);
  // 0x3fff + 0x4001 = 0x8000 (low 16 bits stored); 0x1234 + 0x4001 = 0x5235.
  BOOST_TEST(rig.Peek(0x600) == 0x52358000u);
}

BOOST_AUTO_TEST_CASE(tmac_zero_skip_and_counters) {
  Prog p;
  SetDesc(p, 0, kMem16, 0x300, 4, 1);  // source {2, 0, -3, 0}
  SetDesc(p, 1, kMem32, 0x400, 0, 1);  // destination {10, 20, 30, 40}
  p.Li(kA0, 0x10005);                  // sext(x[rs1][15:0]) = 5
  p << Tmac(1, 0, kA0) << Csr(kCsrrs, kA1, 0, csr::kWsemacs) << Csr(kCsrrs, kA2, 0, csr::kWsezskip);
  Rig rig(p);
  rig.Poke(0x300, 0x00000002);
  rig.Poke(0x304, 0x0000fffd);
  for (uint32_t i = 0; i < 4; ++i) rig.Poke(0x400 + 4 * i, 10 * (i + 1));
  rig.Run(2 * kSetDescSteps + 2);
  const Retire r = rig.Step();
  BOOST_REQUIRE(r.writes.size() == 2u);  // the zero elements write nothing
  BOOST_TEST(r.writes[0].addr == 0x400u);
  BOOST_TEST(r.writes[1].addr == 0x408u);
  BOOST_TEST(rig.Peek(0x400) == 20u);  // 10 + 2*5
  BOOST_TEST(rig.Peek(0x404) == 20u);
  BOOST_TEST(rig.Peek(0x408) == 15u);  // 30 + -3*5
  BOOST_TEST(rig.Peek(0x40c) == 40u);
  BOOST_TEST(rig.pe.macs() == 4u);
  BOOST_TEST(rig.pe.zskip() == 2u);
  rig.Run(2);
  BOOST_TEST(rig.pe.reg(kA1) == 4u);
  BOOST_TEST(rig.pe.reg(kA2) == 2u);
}

BOOST_AUTO_TEST_CASE(tmac_scalar_is_signed_16_bits) {
  Prog p;
  SetDesc(p, 0, kMem32, 0x300, 2, 1);
  SetDesc(p, 1, kMem32, 0x400, 0, 1);
  p.Li(kA0, 0xffff8000);  // -32768
  p << Tmac(1, 0, kA0);
  Rig rig(p);
  rig.Poke(0x300, 3);
  rig.Poke(0x304, 0x10000);  // 65536 * -32768 = -2^31
  rig.Poke(0x400, 1);
  rig.Poke(0x404, 0);
  rig.Run(2 * kSetDescSteps + 3);
  BOOST_TEST(rig.Peek(0x400) == static_cast<uint32_t>(1 - 3 * 32768));
  BOOST_TEST(rig.Peek(0x404) == 0x80000000u);
}

BOOST_AUTO_TEST_CASE(fabric_sources) {
  Prog p;
  SetDesc(p, 0, kFab32, 0x20 | 4, 2, 99);  // color addr[4:0] = 4; stride ignored
  SetDesc(p, 1, kMem32, 0x400, 0, 1);
  SetDesc(p, 2, kFab16, 5, 2, 0);
  SetDesc(p, 3, kMem32, 0x500, 0, 1);
  p << Tcopy(1, 0) << Tcopy(3, 2);
  Rig rig(p);
  rig.fabric.Push(4, 0xdeadbeef);
  rig.fabric.Push(4, 0x00000001);
  rig.fabric.Push(5, 0x1234fffe);  // low 16 bits -2
  rig.fabric.Push(5, 0xffff7fff);
  rig.Run(4 * kSetDescSteps + 2);
  BOOST_TEST(rig.Peek(0x400) == 0xdeadbeefu);
  BOOST_TEST(rig.Peek(0x404) == 1u);
  BOOST_TEST(rig.Peek(0x500) == 0xfffffffeu);
  BOOST_TEST(rig.Peek(0x504) == 0x00007fffu);
  BOOST_TEST(rig.fabric.Pending(4) == 0u);
  BOOST_TEST(rig.fabric.Pending(5) == 0u);
}

BOOST_AUTO_TEST_CASE(fabric_destinations) {
  Prog p;
  SetDesc(p, 0, kMem32, 0x300, 2, 1);
  SetDesc(p, 1, kFab16, 7, 0, 0);
  SetDesc(p, 2, kFab32, 8, 0, 0);
  p << Tcopy(1, 0) << Tcopy(2, 0);
  Rig rig(p);
  rig.Poke(0x300, 0x0001ffff);
  rig.Poke(0x304, 0x12345678);
  rig.Run(3 * kSetDescSteps);
  Retire r = rig.Step();
  BOOST_REQUIRE(r.sends.size() == 2u);
  BOOST_TEST(r.sends[0].color == 7u);
  BOOST_TEST(r.sends[0].data == 0xffffffffu);  // sext(0xffff)
  BOOST_TEST(r.sends[1].data == 0x00005678u);
  BOOST_TEST(r.writes.empty());
  r = rig.Step();
  BOOST_REQUIRE(r.sends.size() == 2u);
  BOOST_TEST(r.sends[0].data == 0x0001ffffu);
  BOOST_TEST(r.sends[1].data == 0x12345678u);
  BOOST_TEST(rig.fabric.sent().size() == 4u);
}

BOOST_AUTO_TEST_CASE(resumes_after_a_fabric_stall) {
  Prog p;
  SetDesc(p, 0, kFab32, 4, 3, 0);
  SetDesc(p, 1, kMem32, 0x400, 0, 1);
  p << Tmac(1, 0, kA0);  // x[a0] = 0: every product is 0, but non-zero sources still write
  const uint32_t tmac_pc = p.pc() - 4;
  Rig rig(p);
  rig.Run(2 * kSetDescSteps);
  rig.fabric.Push(4, 7);
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  BOOST_TEST(rig.pe.pc() == tmac_pc);
  BOOST_TEST(*rig.pe.tensor_progress() == 1u);
  BOOST_TEST(rig.pe.blocked_on() == "tmac source d0 (FAB32) on color 4, element 1");
  BOOST_TEST(rig.pe.macs() == 1u);  // element 0 is done
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  rig.fabric.Push(4, 0);
  rig.fabric.Push(4, 9);
  const Retire r = rig.Step();
  BOOST_TEST(r.pc == tmac_pc);
  BOOST_TEST(r.index == 2u * kSetDescSteps);  // one record for the whole instruction
  BOOST_REQUIRE(r.writes.size() == 2u);       // elements 0 and 2 (element 1 skipped)
  BOOST_TEST(r.writes[0].addr == 0x400u);
  BOOST_TEST(r.writes[1].addr == 0x408u);
  BOOST_TEST(rig.pe.macs() == 3u);
  BOOST_TEST(rig.pe.zskip() == 1u);
  BOOST_TEST(!rig.pe.tensor_progress().has_value());
  BOOST_TEST(rig.pe.pc() == tmac_pc + 4);
}

BOOST_AUTO_TEST_CASE(blocks_on_a_full_ramp) {
  Prog p;
  SetDesc(p, 0, kMem32, 0x300, 2, 1);
  SetDesc(p, 1, kFab32, 2, 0, 0);
  p << Tcopy(1, 0);
  Rig rig(p);
  rig.Run(2 * kSetDescSteps);
  rig.fabric.SetCanSend(false);
  BOOST_TEST((rig.TryStep() == StepResult::kBlocked));
  BOOST_TEST(!rig.pe.blocked_on_receive());
  BOOST_TEST(rig.fabric.sent().empty());
  rig.fabric.SetCanSend(true);
  BOOST_TEST(rig.Step().sends.size() == 2u);
}

BOOST_AUTO_TEST_CASE(illegal_descriptor_use_is_found_before_any_element) {
  struct Case {
    uint32_t src_type, src_addr, dst_type, dst_addr, insn;
  };
  const Case cases[] = {
      {kFab32, 1, kFab32, 2, Tadd(1, 0)},          // fabric destination for tadd
      {kFab32, 1, kFab16, 2, Tmac(1, 0, 0)},       // ... and tmac
      {kFab32, 24, kMem32, 0x400, Tcopy(1, 0)},    // source color >= NumColors
      {kMem32, 0x300, kFab16, 31, Tcopy(1, 0)},    // destination color >= NumColors
      {kFab16, 0x7f, kMem32, 0x400, Tcopy(1, 0)},  // addr[4:0] = 31
  };
  for (const Case& c : cases) {
    Prog p;
    SetDesc(p, 0, c.src_type, c.src_addr, 2, 1);
    SetDesc(p, 1, c.dst_type, c.dst_addr, 0, 1);
    p << c.insn;
    Rig rig(p);
    rig.fabric.Push(1, 5);
    rig.fabric.Push(1, 6);
    rig.Run(2 * kSetDescSteps);
    const Retire r = rig.Step();
    BOOST_TEST(r.trap);
    BOOST_TEST(r.cause == 2u);
    BOOST_TEST(r.writes.empty());
    BOOST_TEST(rig.fabric.Pending(1) == 2u);  // nothing consumed
  }
}

BOOST_AUTO_TEST_CASE(element_fault_keeps_earlier_elements) {
  Config cfg;
  cfg.sram_bytes = 1024;
  Prog p;
  p.Li(kT1, 0x200) << Csr(kCsrrw, 0, kT1, csr::kMtvec);
  SetDesc(p, 0, kMem32, 0x3f8, 4, 1);  // elements at 0x3f8, 0x3fc, 0x400 (outside), ...
  SetDesc(p, 1, kMem32, 0x100, 0, 1);
  p.Li(kA0, 1);
  p << Tmac(1, 0, kA0);
  const uint32_t tmac_pc = p.pc() - 4;
  Rig rig(p, cfg);
  rig.Poke(0x3f8, 11);
  rig.Poke(0x3fc, 22);
  RunTo(rig, tmac_pc);
  const uint64_t instret = rig.pe.instret();
  const Retire r = rig.Step();
  BOOST_TEST(r.trap);
  BOOST_TEST(r.cause == 5u);
  BOOST_TEST(r.tval == 0x400u);
  BOOST_TEST(r.pc == tmac_pc);
  BOOST_TEST(rig.pe.ReadCsr(csr::kMepc) == tmac_pc);
  BOOST_REQUIRE(r.writes.size() == 2u);  // elements 0 and 1 are complete
  BOOST_TEST(rig.Peek(0x100) == 11u);
  BOOST_TEST(rig.Peek(0x104) == 22u);
  BOOST_TEST(rig.Peek(0x108) == 0u);
  BOOST_TEST(rig.pe.macs() == 2u);
  BOOST_TEST(rig.pe.instret() == instret);
  BOOST_TEST(rig.pe.pc() == 0x200u);
}

BOOST_AUTO_TEST_CASE(element_fault_causes_and_order) {
  Config cfg;
  cfg.sram_bytes = 1024;
  struct Case {
    uint32_t src_type, src_addr;
    int32_t src_stride;
    uint32_t dst_type, dst_addr;
    uint32_t cause, tval;
    size_t writes;
  };
  const Case cases[] = {
      {kMem16, 0x301, 1, kMem32, 0x100, 4, 0x301, 0},      // source misaligned (MEM16)
      {kMem32, 0x302, 1, kMem32, 0x100, 4, 0x302, 0},      // source misaligned (MEM32)
      {kMem32, 0x300, 1, kMem32, 0x102, 6, 0x102, 0},      // destination misaligned
      {kMem16, 0x300, 1, kMem16, 0x3ff, 6, 0x3ff, 0},      // destination misaligned (MEM16)
      {kMem32, 0x300, 1, kMem32, 0x3fc, 7, 0x400, 1},      // destination leaves the SRAM at 1
      {kMem32, 0x301, 1, kMem32, 0x2000, 4, 0x301, 0},     // both bad: the source first
      {kMem32, 0x1000, 1, kMem32, 0x102, 5, 0x1000, 0},    // source range before dest alignment
      {kMem32, 0x4, -2, kMem32, 0x100, 5, 0xfffffffc, 1},  // 0x4 - 8 wraps modulo 2^32
      {kMem16, 0x3fe, 1, kMem32, 0x100, 5, 0x400, 1},      // MEM16 element 1 at 0x400
  };
  for (const Case& c : cases) {
    Prog p;
    p.Li(kT1, 0x200) << Csr(kCsrrw, 0, kT1, csr::kMtvec);
    SetDesc(p, 0, c.src_type, c.src_addr, 3, c.src_stride);
    SetDesc(p, 1, c.dst_type, c.dst_addr, 0, 1);
    p << Tcopy(1, 0);
    Rig rig(p, cfg);
    rig.Run(3 + 2 * kSetDescSteps);
    const Retire r = rig.Step();
    BOOST_TEST(r.trap);
    BOOST_TEST(r.cause == c.cause, "src " << std::hex << c.src_addr << " dst " << c.dst_addr);
    BOOST_TEST(r.tval == c.tval);
    BOOST_TEST(r.writes.size() == c.writes);
  }
}

BOOST_AUTO_TEST_CASE(fault_after_fabric_elements_consumes_only_completed_ones) {
  Config cfg;
  cfg.sram_bytes = 1024;
  Prog p;
  SetDesc(p, 0, kFab32, 3, 3, 1);
  SetDesc(p, 1, kMem32, 0x3fc, 0, 1);  // element 1 at 0x400: store access fault
  p << Tcopy(1, 0);
  Rig rig(p, cfg);
  rig.fabric.Push(3, 1);
  rig.fabric.Push(3, 2);
  rig.Run(2 * kSetDescSteps);
  const Retire r = rig.Step();
  BOOST_TEST(r.trap);
  BOOST_TEST(r.cause == 7u);
  BOOST_TEST(r.tval == 0x400u);
  BOOST_TEST(rig.Peek(0x3fc) == 1u);
  BOOST_TEST(rig.fabric.Pending(3) == 1u);  // element 1's wavelet is still there
}

BOOST_AUTO_TEST_CASE(fault_does_not_wait_for_a_fabric_source) {
  Config cfg;
  cfg.sram_bytes = 1024;
  Prog p;
  SetDesc(p, 0, kFab32, 3, 1, 1);
  SetDesc(p, 1, kMem32, 0x402, 0, 1);  // misaligned destination
  p << Tcopy(1, 0);
  Rig rig(p, cfg);
  rig.Run(2 * kSetDescSteps);
  const Retire r = rig.Step();  // no wavelet, yet the address check comes first
  BOOST_TEST(r.trap);
  BOOST_TEST(r.cause == 6u);
}

BOOST_AUTO_TEST_CASE(zero_length_does_nothing) {
  Prog p;
  SetDesc(p, 0, kFab32, 3, 0, 1);
  SetDesc(p, 1, kMem32, 0x400, 0, 1);
  p << Tadd(1, 0);
  Rig rig(p);
  rig.Run(2 * kSetDescSteps);
  const Retire r = rig.Step();
  BOOST_TEST(!r.trap);
  BOOST_TEST(r.writes.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iss_disasm)

BOOST_AUTO_TEST_CASE(base_instructions) {
  BOOST_TEST(Disassemble(0x00a50533, 0) == "add     a0,a0,a0");
  BOOST_TEST(Disassemble(Op(4, 1, kA0, kA1, kA2), 0) == "div     a0,a1,a2");
  BOOST_TEST(Disassemble(Op(0, 0x20, kA0, kA1, kA2), 0) == "sub     a0,a1,a2");
  BOOST_TEST(Disassemble(Addi(kA0, kZero, 5), 0) == "li      a0,5");
  BOOST_TEST(Disassemble(Addi(kA0, kA1, -3), 0) == "addi    a0,a1,-3");
  BOOST_TEST(Disassemble(Addi(kA0, kA1, 0), 0) == "mv      a0,a1");
  BOOST_TEST(Disassemble(kNop, 0) == "nop");
  BOOST_TEST(Disassemble(OpImm(5, kA0, kA1, 0x400 | 3), 0) == "srai    a0,a1,0x3");
  BOOST_TEST(Disassemble(0x00008067, 0) == "ret");
  BOOST_TEST(Disassemble(Lw(kA0, kSp, 8), 0) == "lw      a0,8(sp)");
  BOOST_TEST(Disassemble(Sw(kA1, kS0, -4), 0) == "sw      a1,-4(s0)");
  BOOST_TEST(Disassemble(B(0, kA0, kA1, 16), 0x100) == "beq     a0,a1,110");
  BOOST_TEST(Disassemble(B(1, kA0, kZero, -8), 0x100) == "bnez    a0,f8");
  BOOST_TEST(Disassemble(J(kRa, 0x20), 0) == "jal     20");
  BOOST_TEST(Disassemble(J(kZero, -4), 0x10) == "j       c");
  BOOST_TEST(Disassemble(Jalr(kRa, kA0, 4), 0) == "jalr    ra,4(a0)");
  BOOST_TEST(Disassemble(Lui(kA0, 0x12345), 0) == "lui     a0,0x12345");
  BOOST_TEST(Disassemble(kEcall, 0) == "ecall");
  BOOST_TEST(Disassemble(kMret, 0) == "mret");
  BOOST_TEST(Disassemble(0x0ff0000f, 0) == "fence");
  BOOST_TEST(Disassemble(0xffffffff, 0) == ".word 0xffffffff");
}

BOOST_AUTO_TEST_CASE(csr_instructions) {
  BOOST_TEST(Disassemble(Csr(kCsrrs, kA0, 0, csr::kMhartid), 0) == "csrr    a0,mhartid");
  BOOST_TEST(Disassemble(Csr(kCsrrw, kA0, kA1, csr::kMscratch), 0) == "csrrw   a0,mscratch,a1");
  BOOST_TEST(Disassemble(Csr(kCsrrw, 0, kA1, csr::kMtvec), 0) == "csrw    mtvec,a1");
  BOOST_TEST(Disassemble(Csr(kCsrrsi, 0, 8, csr::kMstatus), 0) == "csrsi   mstatus,8");
  BOOST_TEST(Disassemble(Csr(kCsrrs, kA0, 0, csr::kWsemacs), 0) == "csrr    a0,wsemacs");
  BOOST_TEST(Disassemble(Csr(kCsrrs, kA0, 0, 0x7c0), 0) == "csrr    a0,0x7c0");
}

BOOST_AUTO_TEST_CASE(extension_instructions) {
  BOOST_TEST(Disassemble(Fsend(kA0, 3), 0) == "fsend   a0,3");
  BOOST_TEST(Disassemble(Frecv(kA1, 23), 0) == "frecv   a1,23");
  BOOST_TEST(Disassemble(Fpoll(kA2, 0), 0) == "fpoll   a2,0");
  BOOST_TEST(Disassemble(Fsendv(kA0, kA1), 0) == "fsendv  a0,a1");
  BOOST_TEST(Disassemble(Frecvv(kA0, kA1), 0) == "frecvv  a0,a1");
  BOOST_TEST(Disassemble(Fpollv(kA0, kA1), 0) == "fpollv  a0,a1");
  BOOST_TEST(Disassemble(Ftask(kA0, 5), 0) == "ftask   a0,5");
  BOOST_TEST(Disassemble(Twait(kRa), 0) == "twait   ra");
  BOOST_TEST(Disassemble(Dseta(1, kA0, kA1), 0) == "dseta   d1,a0,a1");
  BOOST_TEST(Disassemble(Dsetl(3, kT0, kT1), 0) == "dsetl   d3,t0,t1");
  BOOST_TEST(Disassemble(Tcopy(0, 1), 0) == "tcopy   d0,d1");
  BOOST_TEST(Disassemble(Tadd(2, 3), 0) == "tadd    d2,d3");
  BOOST_TEST(Disassemble(Tmac(2, 3, kA2), 0) == "tmac    d2,d3,a2");
  BOOST_TEST(Disassemble(Fab(0, 0, kA0, 0x23), 0) == ".word 0x0235000b");  // reserved bits
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::iss::test
