// The firmware burn-in's pure logic (firmware/burnin): the workload schedule
// a rollback must replay exactly, the register shadow a scrub rewrites from,
// which registers CFG_CHECK guards, the firmware's references against the
// testbench's independent ones, and the report's JSON and summary.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "firmware/burnin/burnin.h"
#include "firmware/burnin/burnin_report.h"
#include "firmware/burnin/kernels.h"
#include "firmware/cfg_regs.h"
#include "harness/workload_ref.h"

using namespace wse;

namespace wse::fw {
std::ostream& operator<<(std::ostream& o, Kernel k) { return o << KernelName(k); }
}  // namespace wse::fw

BOOST_AUTO_TEST_SUITE(burnin)

BOOST_AUTO_TEST_CASE(sequence_follows_the_weights_round_and_round) {
  fw::BurnInOptions o;
  o.mix = {{fw::Kernel::kGemv, 2}, {fw::Kernel::kStencil, 1}, {fw::Kernel::kTraffic, 3}};
  o.sequence = true;
  const std::vector<fw::Kernel> want = {fw::Kernel::kGemv,    fw::Kernel::kGemv,
                                        fw::Kernel::kStencil, fw::Kernel::kTraffic,
                                        fw::Kernel::kTraffic, fw::Kernel::kTraffic};
  for (int i = 0; i < 30; ++i) BOOST_TEST(fw::KernelOf(o, i) == want[static_cast<size_t>(i % 6)]);
}

BOOST_AUTO_TEST_CASE(weighted_draw_is_reproducible_and_follows_the_weights) {
  fw::BurnInOptions o;
  o.mix = {{fw::Kernel::kGemv, 3}, {fw::Kernel::kAllreduce, 1}};
  o.workload_seed = 42;
  std::map<fw::Kernel, int> n;
  for (int i = 0; i < 4000; ++i) {
    const fw::Kernel k = fw::KernelOf(o, i);
    BOOST_TEST(k == fw::KernelOf(o, i));  // a redone iteration runs the same kernel
    ++n[k];
  }
  BOOST_TEST(n.size() == 2u);
  BOOST_TEST(n[fw::Kernel::kGemv] > 2850);  // 3000 expected, sd about 27
  BOOST_TEST(n[fw::Kernel::kGemv] < 3150);
  o.workload_seed = 43;
  int differ = 0;
  fw::BurnInOptions p = o;
  p.workload_seed = 42;
  for (int i = 0; i < 100; ++i) differ += fw::KernelOf(o, i) != fw::KernelOf(p, i);
  BOOST_TEST(differ > 10);
}

BOOST_AUTO_TEST_CASE(operand_seeds_repeat_per_iteration_and_differ_between) {
  fw::BurnInOptions o;
  o.workload_seed = 7;
  std::map<uint64_t, int> seen;
  for (int i = 0; i < 1000; ++i) {
    BOOST_TEST(fw::SeedOf(o, i) == fw::SeedOf(o, i));
    ++seen[fw::SeedOf(o, i)];
  }
  BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(empty_mix_is_refused) {
  fw::BurnInOptions o;
  BOOST_CHECK_THROW(fw::KernelOf(o, 0), std::invalid_argument);
  o.mix = {{fw::Kernel::kGemv, 0}};
  BOOST_CHECK_THROW(fw::KernelOf(o, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(shadow_keeps_the_last_write_per_tile_and_register) {
  fw::RegShadow s;
  s.Set(2, 1, fw::reg::kRouteBase + 3, 0x41);
  s.Set(2, 1, fw::reg::kCtrl, 1);
  s.Set(2, 1, fw::reg::kRouteBase + 3, 0x22);  // overwrites
  s.Set(1, 2, fw::reg::kCtrl, 4);              // another tile
  s.SetAll(3, 3, fw::reg::kWdtLimit, 500);
  const auto of = s.Of(2, 1);
  BOOST_TEST(of.size() == 3u);
  std::map<uint8_t, uint32_t> m(of.begin(), of.end());
  BOOST_TEST(m[fw::reg::kRouteBase + 3] == 0x22u);
  BOOST_TEST(m[fw::reg::kCtrl] == 1u);
  BOOST_TEST(m[fw::reg::kWdtLimit] == 500u);
  BOOST_TEST(s.Of(1, 2).size() == 2u);
  BOOST_TEST(s.Of(0, 0).size() == 1u);
  BOOST_TEST(s.Of(5, 5).empty());
  s.Clear();
  BOOST_TEST(s.Of(2, 1).empty());
}

BOOST_AUTO_TEST_CASE(guarded_registers_are_those_of_config_md) {
  const int colors = 24;
  for (uint8_t a :
       {fw::reg::kCtrl, fw::reg::kTohostAddr, fw::reg::kLinkTest, fw::reg::kWdtLimit,
        fw::reg::kRouterTest, fw::reg::kRepairBase, static_cast<uint8_t>(fw::reg::kRepairBase + 1),
        fw::reg::kRouteBase, static_cast<uint8_t>(fw::reg::kRouteBase + colors - 1)})
    BOOST_TEST(fw::IsGuarded(a, colors), "register " << int(a));
  for (uint8_t a :
       {fw::reg::kMemData, fw::reg::kMemAddr, fw::reg::kPeCtrl, fw::reg::kCfgCheck,
        fw::reg::kErrSram, static_cast<uint8_t>(fw::reg::kRouteBase + colors), fw::reg::kScratch})
    BOOST_TEST(!fw::IsGuarded(a, colors), "register " << int(a));
}

BOOST_AUTO_TEST_CASE(firmware_references_agree_with_the_testbench_ones) {
  std::mt19937 g(5);
  for (int trial = 0; trial < 50; ++trial) {
    const int rows = 1 + static_cast<int>(g() % 20), cols = 1 + static_cast<int>(g() % 20);
    std::vector<int16_t> a(static_cast<size_t>(rows * cols)), x(static_cast<size_t>(cols));
    for (auto& v : a) v = static_cast<int16_t>(g());  // full range: wraps modulo 2^32
    for (auto& v : x) v = static_cast<int16_t>(g());
    BOOST_TEST(fw::GemvRef(a, x, rows, cols) == tb::GemvReference(a, x, rows, cols));
    std::vector<int32_t> u(static_cast<size_t>(rows * cols));
    for (auto& v : u) v = static_cast<int32_t>(g());
    const int iters = static_cast<int>(g() % 6);
    BOOST_TEST(fw::StencilRef(u, rows, cols, iters) == tb::StencilReference(u, rows, cols, iters));
  }
}

BOOST_AUTO_TEST_CASE(pack16_puts_the_first_value_in_the_low_half) {
  const std::vector<uint32_t> w = fw::Pack16({1, -1, 0x1234});
  BOOST_TEST(w.size() == 2u);
  BOOST_TEST(w[0] == 0xffff0001u);
  BOOST_TEST(w[1] == 0x1234u);
}

BOOST_AUTO_TEST_CASE(report_counts_classes_and_names_every_failure) {
  fw::BurnInReport r;
  r.phys_width = 6, r.phys_height = 4;
  r.initial_repair = fw::IdentityRepair(6, 4, 1);
  r.final_repair = r.initial_repair;
  r.start_cycle = 100, r.end_cycle = 5100;
  r.committed = 7, r.discarded = 2, r.checkpoints = 2;
  fw::FailureRecord a;
  a.id = 1, a.detected_cycle = 900, a.symptom = "trap", a.kernel = "stencil",
  a.cls = fw::FailureClass::kPermanent;
  a.x = 2, a.y = 1, a.diagnosis = "pe_kat failed 2 of 2", a.action = "mapped_out",
  a.resumed_cycle = 1900;
  a.reintegration_cycles = 1000;
  fw::FailureRecord b = a;
  b.id = 2, b.cls = fw::FailureClass::kLink, b.dir = 1, b.symptom = "link_test";
  r.failures = {a, b};
  r.mapped_out = {{2, 1}};
  const util::Json j = fw::ToJson(r);
  BOOST_TEST(j.Get("format")->AsString() == "wse-burnin-report");
  BOOST_TEST(j.Get("cycles")->AsInt() == 5000);
  const util::Json* pc = j.Get("totals")->Get("per_class");
  BOOST_TEST(pc->Get("permanent")->AsInt() == 1);
  BOOST_TEST(pc->Get("link")->AsInt() == 1);
  BOOST_TEST(pc->Get("transient")->AsInt() == 0);
  const auto& fails = j.Get("failures")->Items();
  BOOST_TEST(fails.size() == 2u);
  BOOST_TEST(fails[1].Get("dir")->AsString() == "E");
  BOOST_TEST(fails[0].Get("dir") == nullptr);
  BOOST_TEST(j.Get("grid")->Get("final")->AsString() == "5x4");
  const std::string s = fw::Summary(r);
  BOOST_TEST(s.find("#1 @900 trap in stencil -> permanent (2,1)") != std::string::npos, s);
  BOOST_TEST(s.find("#2 @900 link_test in stencil -> link (2,1) E") != std::string::npos, s);
  BOOST_TEST(s.find("mapped out during the run: (2,1)") != std::string::npos, s);
  r.has_final_repair = false;
  BOOST_TEST(fw::ToJson(r).Get("grid")->Get("final")->AsString() == "none");
}

BOOST_AUTO_TEST_SUITE_END()
