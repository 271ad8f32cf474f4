#pragma once
// Test registry: every regression test registers itself by name with the
// configurations it runs on. A test instance is "<test>@<config>", e.g.
// "router_all_pairs@rtl" or "mesh_broadcast@8x5"; `make sim TEST=<instance>
// SEED=<n>` runs exactly one.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness/log.h"
#include "harness/rng.h"
#include "harness/sim.h"

namespace wse::tb {

class RouterDut;
class MeshDut;

/// Everything a test body gets.
struct TestContext {
  Sim& sim;
  Rng& rng;
  Logger log;
  std::string instance;  // "<test>@<config>"
  uint64_t seed;
};

/// What a test runs on.
enum class DutKind { kRouter, kMesh };

/// A registered test and the configurations it runs on.
struct TestDef {
  std::string name;
  std::string description;
  DutKind kind;
  std::vector<std::string> configs;  // router: "rtl", "gl"; mesh: "4x4", "flat4x3", ...
  uint64_t timeout_cycles;
  std::function<Task(TestContext&, RouterDut&)> router_body;
  std::function<Task(TestContext&, MeshDut&)> mesh_body;
  bool in_regression = true;  // false: only run by name (harness self-tests)
};

/// One runnable test instance.
struct TestInstance {
  const TestDef* def;
  std::string config;
  std::string Name() const { return def->name + "@" + config; }
};

/// All tests linked into this binary.
class TestRegistry {
 public:
  static TestRegistry& Get();  // registration happens from static initialisers
  void Add(TestDef def);
  const std::vector<TestDef>& tests() const { return tests_; }
  /// Every instance in regression order (excludes tests not in the regression).
  std::vector<TestInstance> Instances() const;
  /// Instance by full name "<test>@<config>"; false if unknown.
  bool Find(const std::string& instance, TestInstance* out) const;

 private:
  std::vector<TestDef> tests_;
};

/// Outcome of running one instance in this process.
struct TestResult {
  bool passed = false;
  uint64_t cycles = 0;
  double seconds = 0;
  std::string message;  // first error, or empty
};

/// Options for running one instance.
struct RunOptions {
  uint64_t seed = 1;
  std::string waves_path;  // FST file, empty = no waves
  LogLevel level = LogLevel::kInfo;
  int threads = 1;  // worker threads of stitched meshes
};

/// Builds the DUT for the instance, runs it, reports.
TestResult RunTest(const TestInstance& inst, const RunOptions& opts, std::ostream& out);

/// Holds reset for `cycles` cycles, then releases it (drive phase on return).
Task ResetDut(Sim& sim, int cycles = 4);

/// Registers a test at static-initialisation time.
struct TestRegistrar {
  explicit TestRegistrar(TestDef def) { TestRegistry::Get().Add(std::move(def)); }
};

}  // namespace wse::tb

#define WSE_CAT2(a, b) a##b
#define WSE_CAT(a, b) WSE_CAT2(a, b)

/// Defines a router block test: WSE_ROUTER_TEST(name, "what it checks", timeout) { body }
#define WSE_ROUTER_TEST(name, desc, timeout)                                                  \
  static ::wse::tb::Task WSE_CAT(RouterTest_, name)(::wse::tb::TestContext & ctx,             \
                                                     ::wse::tb::RouterDut & dut);             \
  static ::wse::tb::TestRegistrar WSE_CAT(router_registrar_, name)(::wse::tb::TestDef{        \
      #name, desc, ::wse::tb::DutKind::kRouter, {"rtl", "gl"}, timeout,                       \
      WSE_CAT(RouterTest_, name), {}});                                                       \
  static ::wse::tb::Task WSE_CAT(RouterTest_, name)(::wse::tb::TestContext & ctx,             \
                                                     ::wse::tb::RouterDut & dut)

/// Defines a mesh test run on the listed shapes ("4x4", "8x5", "flat4x3").
#define WSE_MESH_TEST(name, desc, timeout, ...)                                               \
  static ::wse::tb::Task WSE_CAT(MeshTest_, name)(::wse::tb::TestContext & ctx,               \
                                                   ::wse::tb::MeshDut & dut);                 \
  static ::wse::tb::TestRegistrar WSE_CAT(mesh_registrar_, name)(::wse::tb::TestDef{          \
      #name, desc, ::wse::tb::DutKind::kMesh, {__VA_ARGS__}, timeout, {},                     \
      WSE_CAT(MeshTest_, name)});                                                             \
  static ::wse::tb::Task WSE_CAT(MeshTest_, name)(::wse::tb::TestContext & ctx,               \
                                                   ::wse::tb::MeshDut & dut)
