// PE regression: the test programs of tb/programs and constrained-random
// instruction streams, each run on the RTL with the ISS in lockstep; and the
// host's access to PEs through the config chain.

#include <fstream>
#include <sstream>

#include "harness/rv_encode.h"
#include "harness/test_registry.h"
#include "tests/pe_env.h"

namespace wse::tb {
namespace {

struct ProgramCase {
  std::string path;  // relative to ProgramsDir()
  int expected = 0;
};

std::vector<ProgramCase> ReadExpected() {
  const std::string file = ProgramsDir() + "/expected.txt";
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file + ": cannot open (are the programs built?)");
  std::vector<ProgramCase> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    ProgramCase c;
    if (!(ls >> c.path >> c.expected)) {
      throw std::runtime_error(file + ":" + std::to_string(n) + ": expected '<program> <exit code>'");
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

WSE_MESH_TEST(pe_programs,
              "every program of tb/programs on one PE, RTL in lockstep with the ISS; exit codes and "
              "signatures checked",
              50000000, "pe1x1") {
  PeEnv env(ctx, dut);
  const TileList one{{0, 0}};
  co_await env.Start();
  co_await env.host().Loopback(one, dut.num_colors());
  int failures = 0;
  for (const ProgramCase& c : ReadExpected()) {
    const PeImage img = LoadPeImage(ProgramsDir() + "/" + c.path);
    std::vector<PeExit> exits;
    const uint64_t t0 = ctx.sim.cycle();
    co_await env.RunProgram(one, img, 2000000, &exits);
    const PeExit& e = exits.at(0);
    const uint64_t n = env.lockstep(0, 0).retired();
    if (e.Code() != c.expected) {
      ctx.log.Error(c.path + ": " + e.Describe() + ", expected exit code " + std::to_string(c.expected));
      ++failures;
      continue;
    }
    // The signature the RTL left in SRAM must equal the ISS's memory.
    std::vector<uint32_t> sig;
    co_await env.ReadSignature(0, 0, img, &sig);
    for (size_t i = 0; i < sig.size(); ++i) {
      const uint32_t addr = *img.begin_signature + 4 * static_cast<uint32_t>(i);
      const uint32_t want = env.lockstep(0, 0).iss().ReadWord(addr);
      if (sig[i] != want) {
        ctx.log.Error(c.path + ": signature word at " + Hex(addr) + " is " + Hex(sig[i]) + " on the RTL, " +
                      Hex(want) + " in the ISS");
        ++failures;
        break;
      }
    }
    ctx.log.Info(c.path + ": exit " + std::to_string(e.Code()) + ", " + std::to_string(n) +
                 " instructions in lockstep, " + std::to_string(ctx.sim.cycle() - t0) + " cycles, " +
                 std::to_string(sig.size()) + " signature words");
  }
  if (failures) throw TestFailure(std::to_string(failures) + " program(s) failed");
}

}  // namespace wse::tb

namespace wse::tb {

WSE_MESH_TEST(pe_lockstep_catches, "the lockstep checker reports a planted difference between RTL and ISS memory",
              1000000, "pe1x1") {
  PeEnv env(ctx, dut);
  const TileList one{{0, 0}};
  co_await env.Start();
  const PeImage img = LoadPeImage(ProgramsDir() + "/c/hello_exit.elf");
  const std::vector<const PeImage*> images{&img};
  co_await env.Prepare(one, images);
  // The second instruction of the start-up code differs in the ISS only:
  // its very first execution must be reported.
  const std::vector<uint32_t> planted{0x00500593u};  // addi a1, x0, 5
  env.lockstep(0, 0).WriteMem(4, planted);
  env.lockstep(0, 0).SetRecordOnly(true);
  std::vector<PeExit> exits;
  co_await env.Launch(one, 2000000, &exits);
  const std::string& d = env.lockstep(0, 0).divergence();
  if (d.find("instruction #1: instruction differs") == std::string::npos)
    throw TestFailure("a planted RTL/ISS difference went unnoticed (got: '" + d + "')");
  ctx.log.Info("reported as expected: " + d.substr(0, d.find('\n')));
}

}  // namespace wse::tb
