#include "harness/test_registry.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "harness/dut.h"
#include "harness/waves.h"
#include "models/mesh_dut.h"
#include "models/router_dut.h"

namespace wse::tb {

TestRegistry& TestRegistry::Get() {
  // Function-local: registration order across translation units is unspecified.
  static TestRegistry registry;
  return registry;
}

void TestRegistry::Add(TestDef def) {
  for (const auto& t : tests_) {
    if (t.name == def.name) throw std::logic_error("test '" + def.name + "' registered twice");
  }
  tests_.push_back(std::move(def));
}

std::vector<TestInstance> TestRegistry::Instances() const {
  std::vector<TestInstance> out;
  for (const auto& t : tests_) {
    if (!t.in_regression) continue;
    for (const auto& c : t.configs) out.push_back({&t, c});
  }
  return out;
}

bool TestRegistry::Find(const std::string& instance, TestInstance* out) const {
  const auto at = instance.find('@');
  if (at == std::string::npos) return false;
  const std::string name = instance.substr(0, at), config = instance.substr(at + 1);
  for (const auto& t : tests_) {
    if (t.name != name) continue;
    for (const auto& c : t.configs) {
      if (c == config) {
        *out = {&t, c};
        return true;
      }
    }
  }
  return false;
}

Task ResetDut(Sim& sim, int cycles) {
  sim.dut().SetReset(true);
  co_await sim.ClockCycles(static_cast<uint64_t>(cycles));
  sim.dut().SetReset(false);
}

namespace {

// "4x4" -> (4, 4); "flat4x3" -> (4, 3) with flat = true; "pe2x2" -> (2, 2)
// with tiles that carry their PE.
void ParseShape(const std::string& config, int* w, int* h, bool* flat, bool* pe, bool* dft) {
  std::string s = config;
  *flat = s.rfind("flat", 0) == 0;
  *pe = s.rfind("pe", 0) == 0;
  *dft = s.rfind("dft", 0) == 0;
  if (*flat) s = s.substr(4);
  if (*pe) s = s.substr(2);
  if (*dft) s = s.substr(3);
  if (std::sscanf(s.c_str(), "%dx%d", w, h) != 2 || *w < 1 || *h < 1) {
    throw std::invalid_argument("bad mesh configuration '" + config +
                                "' (expected WxH, flatWxH, peWxH or dftWxH)");
  }
}

}  // namespace

TestResult RunTest(const TestInstance& inst, const RunOptions& opts, std::ostream& out) {
  TestResult result;
  const std::string name = inst.Name();
  out << "seed " << opts.seed << "  test " << name << "\n" << std::flush;
  const auto start = std::chrono::steady_clock::now();

  std::unique_ptr<RouterDut> router;
  std::unique_ptr<MeshDut> mesh;
  Dut* dut = nullptr;
  if (inst.def->kind == DutKind::kRouter) {
    router = inst.config == "gl" ? MakeRouterGateLevel() : MakeRouterRtl();
    dut = router.get();
  } else {
    int w = 0, h = 0;
    bool flat = false, pe = false, dft = false;
    ParseShape(inst.config, &w, &h, &flat, &pe, &dft);
    mesh = flat ? MakeFlatMesh(w, h) : dft ? MakeStitchedDftMesh(w, h, opts.threads)
                                          : MakeStitchedMesh(w, h, opts.threads, pe);
    dut = mesh.get();
  }
  out << "dut  " << dut->Describe() << "\n";
  if (!opts.waves_path.empty()) {
    dut->OpenTrace(opts.waves_path);
    out << "waves " << opts.waves_path << "\n";
  }

  LogSink sink(out, opts.level);
  {
    Sim sim(*dut);
    sink.SetClock([&sim] { return sim.cycle(); });
    Rng rng(opts.seed);
    TestContext ctx{sim, rng, Logger(sink, inst.def->name), name, opts.seed};
    try {
      Task body = router ? inst.def->router_body(ctx, *router) : inst.def->mesh_body(ctx, *mesh);
      sim.Run(std::move(body), inst.def->timeout_cycles);
    } catch (const TimeoutError& e) {
      ctx.log.Error(e.what());
    } catch (const TestFailure& e) {
      ctx.log.Error(e.what());
    } catch (const std::exception& e) {
      ctx.log.Error(std::string("exception: ") + e.what());
    }
    result.cycles = sim.cycle();
    sink.SetClock({});
  }
  dut->CloseTrace();
  if (!opts.waves_path.empty()) WriteGtkw(opts.waves_path + ".gtkw", opts.waves_path, dut->WaveLayout());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.passed = sink.errors() == 0;
  result.message = sink.first_error();
  return result;
}

}  // namespace wse::tb
