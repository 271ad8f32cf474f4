// wse app: the example applications on a simulated mesh, with NumPy .npy
// files for inputs and outputs.

#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "tests/pe_workloads.h"
#include "util/npy.h"

namespace wse::cli {
namespace {

const char* kHelp =
    "usage: wse app gemv --a A.npy --x x.npy --out y.npy [--mesh WxH] [--no-lockstep]\n"
    "\n"
    "Runs an example application on a simulated mesh of PEs (RTL, each PE in lockstep\n"
    "with the golden ISS unless --no-lockstep) and checks it against a C++ reference.\n"
    "\n"
    "  gemv   y = A x with A int16 of shape (H*m, W*n), x int16 of length W*n; the\n"
    "         mesh WxH (default 2x2) holds one m x n block of A per tile, x streams in\n"
    "         at the north edge, y (int32, length H*m) leaves at the east edge.\n"
    "         m, n <= 128; A.npy and x.npy may be int16, int32 or int64 with values\n"
    "         in int16 range.\n"
    "\n"
    "exit status: 0 when the mesh's result matches the reference and was written;\n"
    "1 on an error (named: file, field, shape).\n";

std::vector<int16_t> ToInt16(const util::NpyArray& a, const std::string& what) {
  std::vector<int16_t> out;
  for (size_t i = 0; i < a.values.size(); ++i) {
    const int64_t v = a.values[i];
    if (v < -32768 || v > 32767) {
      throw std::runtime_error(what + ": element " + std::to_string(i) + " = " + std::to_string(v) +
                               " is outside int16");
    }
    out.push_back(static_cast<int16_t>(v));
  }
  return out;
}

int RunGemvApp(const Args& a) {
  for (const char* o : {"a", "x", "out"})
    if (!a.Has(o)) throw UsageError(std::string("gemv needs --") + o);
  int w = 2, h = 2;
  const std::string mesh = a.Get("mesh", "2x2");
  if (std::sscanf(mesh.c_str(), "%dx%d", &w, &h) != 2 || w < 1 || h < 1 || w > 64 || h > 64)
    throw UsageError("--mesh '" + mesh + "': expected WxH, 1..64");
  const util::NpyArray an = util::ReadNpy(a.Get("a"));
  const util::NpyArray xn = util::ReadNpy(a.Get("x"));
  if (an.shape.size() != 2) throw std::runtime_error(a.Get("a") + ": field 'shape': A must be 2-D");
  if (xn.shape.size() != 1) throw std::runtime_error(a.Get("x") + ": field 'shape': x must be 1-D");
  const size_t rows = an.shape[0], cols = an.shape[1];
  if (xn.shape[0] != cols)
    throw std::runtime_error(a.Get("x") + ": length " + std::to_string(xn.shape[0]) + " does not match A's " +
                             std::to_string(cols) + " columns");
  if (rows % static_cast<size_t>(h) || cols % static_cast<size_t>(w) || rows / h > 128 || cols / w > 128 ||
      rows == 0 || cols == 0) {
    throw std::runtime_error(a.Get("a") + ": shape (" + std::to_string(rows) + ", " + std::to_string(cols) +
                             ") must split into " + mesh + " blocks of at most 128 x 128");
  }
  tb::GemvCase g;
  g.m = static_cast<int>(rows / h);
  g.n = static_cast<int>(cols / w);
  g.a = ToInt16(an, a.Get("a"));
  g.x = ToInt16(xn, a.Get("x"));
  g.lockstep = !a.Has("no-lockstep");

  auto dut = tb::MakeStitchedMesh(w, h, 1, true);
  tb::LogSink sink(std::cerr, tb::LogLevel::kInfo);
  tb::GemvResult r;
  {
    tb::Sim sim(*dut);
    sink.SetClock([&sim] { return sim.cycle(); });
    tb::Rng rng(1);
    tb::TestContext ctx{sim, rng, tb::Logger(sink, "gemv"), "app.gemv", 1};
    try {
      sim.Run(tb::RunGemv(ctx, *dut, g, &r), 200000000);
    } catch (const std::exception& e) {
      ctx.log.Error(e.what());
    }
    sink.SetClock({});
  }
  if (sink.errors() != 0) return 1;
  util::NpyArray y{"<i4", {rows}, {}};
  for (int32_t v : r.y) y.values.push_back(v);
  util::WriteNpy(a.Get("out"), y);
  std::cerr << "gemv: y (" << rows << ") written to " << a.Get("out") << "; " << r.macs << " MACs in " << r.cycles
            << " cycles on " << mesh << ", " << r.zskip << " zero multiplies skipped\n";
  return 0;
}

}  // namespace

int RunApp(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "no-lockstep"}, {"a", "x", "out", "mesh"});
  if (a.Has("help") || a.positional().empty()) {
    std::cout << kHelp;
    return a.Has("help") ? 0 : 2;
  }
  const std::string app = a.positional()[0];
  if (app == "gemv") return RunGemvApp(a);
  throw UsageError("unknown application '" + app + "' (available: gemv)");
}

}  // namespace wse::cli
