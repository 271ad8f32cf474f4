#pragma once
// PeEnv: the testbench for meshes of tiles with PEs. The host side is the
// config chains (PeHost: load, start, wait, read back) and the edge ports;
// every PE can run in lockstep with its own golden ISS.

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "harness/cfg_host.h"
#include "harness/lockstep.h"
#include "harness/pe_host.h"
#include "harness/test_registry.h"
#include "models/mesh_dut.h"

namespace wse::tb {

class PeEnv {
 public:
  /// lockstep = false runs the RTL alone.
  PeEnv(TestContext& ctx, MeshDut& dut, bool lockstep = true);
  /// Starts the config host and the lockstep monitors, resets the mesh.
  Task Start();
  /// Loads `image` into `tiles`, arms their lockstep checkers, starts them,
  /// waits for every exit (or `max_cycles`), checks the lockstep leftovers.
  Task RunProgram(const TileList& tiles, const PeImage& image, uint64_t max_cycles,
                  std::vector<PeExit>* exits);
  /// The same with one image per tile (images[i] runs on tiles[i]).
  Task RunPrograms(const TileList& tiles, const std::vector<const PeImage*>& images,
                   uint64_t max_cycles, std::vector<PeExit>* exits);
  /// The two halves of RunPrograms, for tests that write data between them:
  /// Prepare stops the PEs, loads the images and arms the lockstep checkers;
  /// Launch starts them and waits for their exits.
  Task Prepare(const TileList& tiles, const std::vector<const PeImage*>& images);
  Task Launch(const TileList& tiles, uint64_t max_cycles, std::vector<PeExit>* exits);
  /// Writes SRAM words of a stopped PE, in the RTL through the config chain
  /// and in the PE's ISS, so the lockstep sees the same memory.
  Task WriteWords(int x, int y, uint32_t addr, const std::vector<uint32_t>& words);
  /// The signature region of `image` read back from tile (x, y).
  Task ReadSignature(int x, int y, const PeImage& image, std::vector<uint32_t>* out);

  PeHost& host() { return *host_; }
  CfgHost& cfg() { return *cfg_; }
  Lockstep& lockstep(int x, int y) { return *lockstep_.at(static_cast<size_t>(y) * dut_.width() + x); }

 private:
  TestContext& ctx_;
  MeshDut& dut_;
  std::unique_ptr<CfgHost> cfg_;
  std::unique_ptr<PeHost> host_;
  bool lockstep_on_;
  std::vector<std::unique_ptr<Lockstep>> lockstep_;
};

/// Runs `body` on a fresh stitched mesh with PEs, outside the regression
/// runner (`wse app`, `wse bench`). Log lines at `level` or above go to
/// `log`; returns the first error, empty if the body finished without one.
std::string RunOnPeMesh(int width, int height, const std::string& name,
                        const std::function<Task(TestContext&, MeshDut&)>& body, std::ostream& log,
                        LogLevel level, uint64_t max_cycles);

/// Directory of the test programs built with the project (build/programs).
std::string ProgramsDir();

}  // namespace wse::tb
