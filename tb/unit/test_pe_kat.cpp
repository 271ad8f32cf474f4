// The firmware's PE known-answer program, run on the golden ISS: it must end
// with exactly the tohost value the firmware computed on the host, for
// several seeds, within the firmware's cycle bound.

#include <boost/test/unit_test.hpp>

#include "firmware/scan/pe_kat.h"
#include "iss/fabric.h"
#include "iss/iss.h"

using namespace wse;

BOOST_AUTO_TEST_SUITE(pe_kat)

BOOST_AUTO_TEST_CASE(iss_computes_the_known_answer) {
  for (uint32_t seed : {1u, 2u, 0xdeadbeefu, 12345u}) {
    const fw::PeKat k = fw::MakePeKat(seed);
    iss::Config cfg;
    cfg.tohost_addr = k.tohost_addr;
    iss::QueueFabric fabric;
    iss::Pe pe(cfg, fabric);
    pe.WriteMem(0, k.words.data(), 4 * k.words.size());
    pe.Reset();
    bool exited = false;
    int steps = 0;
    for (; steps < 100000 && !exited; ++steps) {
      iss::Retire r;
      BOOST_REQUIRE(pe.Step(r, {}) == iss::StepResult::kRetired);
      BOOST_REQUIRE(!r.trap);
      exited = r.exited;
    }
    BOOST_TEST(exited);
    BOOST_TEST(pe.tohost() == k.expected_tohost, "seed " << seed);
    BOOST_TEST(static_cast<uint64_t>(steps) < k.max_cycles);
  }
}

BOOST_AUTO_TEST_SUITE_END()
