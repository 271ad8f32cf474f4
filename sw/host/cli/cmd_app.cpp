// wse app: the example applications on a simulated mesh, with NumPy .npy
// files for inputs and outputs.

#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "tests/pe_env.h"
#include "tests/pe_workloads.h"
#include "util/npy.h"

namespace wse::cli {
namespace {

const char* kHelp =
    "usage: wse app gemv --a A.npy --x x.npy --out y.npy [--mesh WxH] [--no-lockstep]\n"
    "       wse app stencil --grid g.npy --iters N --out g2.npy [--mesh WxH] [--no-lockstep]\n"
    "       wse app allreduce --in v.npy --out sum.npy [--mesh WxH] [--no-lockstep]\n"
    "\n"
    "Runs an example application on a simulated mesh of PEs (RTL, each PE in lockstep\n"
    "with the golden ISS unless --no-lockstep) and checks it against a C++ reference.\n"
    "\n"
    "  gemv   y = A x with A int16 of shape (H*m, W*n), x int16 of length W*n; the\n"
    "         mesh WxH (default 2x2) holds one m x n block of A per tile, x streams in\n"
    "         at the north edge, y (int32, length H*m) leaves at the east edge.\n"
    "         m, n <= 128; A.npy and x.npy may be int16, int32 or int64 with values\n"
    "         in int16 range.\n"
    "  stencil  N iterations of new = (4u + N + S + W + E) >> 3 (zero outside) on an\n"
    "         int32 grid of shape (H*bh, W*bw), bh*bw <= 1024 cells per tile; halos move\n"
    "         between neighbouring tiles over the fabric.\n"
    "  allreduce  v.npy has shape (W*H, len), one int32 row per tile in row order;\n"
    "         every tile ends with the element-wise sum (len <= 256), written as (len,).\n"
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

// Mesh shape from --mesh.
void MeshShape(const Args& a, int* w, int* h) {
  const std::string mesh = a.Get("mesh", "2x2");
  if (std::sscanf(mesh.c_str(), "%dx%d", w, h) != 2 || *w < 1 || *h < 1 || *w > 64 || *h > 64)
    throw UsageError("--mesh '" + mesh + "': expected WxH, 1..64");
}

// Runs `body` on a fresh mesh with PEs, logging to stderr; 1 if it failed.
int OnMesh(int w, int h, const std::string& name, const std::function<tb::Task(tb::TestContext&, tb::MeshDut&)>& body) {
  return tb::RunOnPeMesh(w, h, name, body, std::cerr, tb::LogLevel::kInfo, 200000000).empty() ? 0 : 1;
}

int RunGemvApp(const Args& a) {
  for (const char* o : {"a", "x", "out"})
    if (!a.Has(o)) throw UsageError(std::string("gemv needs --") + o);
  int w = 2, h = 2;
  MeshShape(a, &w, &h);
  const std::string mesh = a.Get("mesh", "2x2");
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

  tb::GemvResult r;
  if (OnMesh(w, h, "gemv", [&](tb::TestContext& ctx, tb::MeshDut& dut) {
        return tb::RunGemv(ctx, dut, g, &r);
      }) != 0)
    return 1;
  util::NpyArray y{"<i4", {rows}, {}};
  for (int32_t v : r.y) y.values.push_back(v);
  util::WriteNpy(a.Get("out"), y);
  std::cerr << "gemv: y (" << rows << ") written to " << a.Get("out") << "; " << r.macs << " MACs in " << r.cycles
            << " cycles on " << mesh << ", " << r.zskip << " zero multiplies skipped\n";
  return 0;
}

int RunStencilApp(const Args& a) {
  for (const char* o : {"grid", "iters", "out"})
    if (!a.Has(o)) throw UsageError(std::string("stencil needs --") + o);
  int w = 2, h = 2;
  MeshShape(a, &w, &h);
  const util::NpyArray g = util::ReadNpy(a.Get("grid"));
  if (g.shape.size() != 2) throw std::runtime_error(a.Get("grid") + ": field 'shape': the grid must be 2-D");
  const size_t rows = g.shape[0], cols = g.shape[1];
  if (rows == 0 || cols == 0 || rows % static_cast<size_t>(h) || cols % static_cast<size_t>(w) ||
      (rows / h) * (cols / w) > 1024)
    throw std::runtime_error(a.Get("grid") + ": shape (" + std::to_string(rows) + ", " + std::to_string(cols) +
                             ") must split into " + a.Get("mesh", "2x2") + " blocks of at most 1024 cells");
  tb::StencilCase sc;
  sc.bh = static_cast<int>(rows / h);
  sc.bw = static_cast<int>(cols / w);
  sc.iters = static_cast<int>(a.GetInt("iters", 1));
  if (sc.iters < 0) throw UsageError("--iters must be >= 0");
  for (size_t i = 0; i < g.values.size(); ++i) {
    if (g.values[i] < INT32_MIN || g.values[i] > INT32_MAX)
      throw std::runtime_error(a.Get("grid") + ": element " + std::to_string(i) + " is outside int32");
    sc.grid.push_back(static_cast<int32_t>(g.values[i]));
  }
  sc.lockstep = !a.Has("no-lockstep");
  std::vector<int32_t> out;
  if (OnMesh(w, h, "stencil", [&](tb::TestContext& ctx, tb::MeshDut& dut) {
        return tb::RunStencil(ctx, dut, sc, &out);
      }) != 0)
    return 1;
  util::NpyArray o{"<i4", {rows, cols}, {}};
  for (int32_t v : out) o.values.push_back(v);
  util::WriteNpy(a.Get("out"), o);
  std::cerr << "stencil: grid (" << rows << ", " << cols << ") after " << sc.iters << " iterations written to "
            << a.Get("out") << "\n";
  return 0;
}

int RunAllreduceApp(const Args& a) {
  for (const char* o : {"in", "out"})
    if (!a.Has(o)) throw UsageError(std::string("allreduce needs --") + o);
  int w = 2, h = 2;
  MeshShape(a, &w, &h);
  const util::NpyArray v = util::ReadNpy(a.Get("in"));
  if (v.shape.size() != 2 || v.shape[0] != static_cast<size_t>(w * h) || v.shape[1] == 0 || v.shape[1] > 256)
    throw std::runtime_error(a.Get("in") + ": field 'shape': expected (" + std::to_string(w * h) +
                             ", len) with 1 <= len <= 256 for a " + a.Get("mesh", "2x2") + " mesh");
  tb::AllreduceCase ac;
  ac.len = static_cast<int>(v.shape[1]);
  ac.vecs.resize(static_cast<size_t>(w * h));
  for (size_t i = 0; i < v.values.size(); ++i) {
    if (v.values[i] < INT32_MIN || v.values[i] > INT32_MAX)
      throw std::runtime_error(a.Get("in") + ": element " + std::to_string(i) + " is outside int32");
    ac.vecs[i / v.shape[1]].push_back(static_cast<uint32_t>(static_cast<int32_t>(v.values[i])));
  }
  ac.lockstep = !a.Has("no-lockstep");
  std::vector<uint32_t> sum;
  if (OnMesh(w, h, "allreduce", [&](tb::TestContext& ctx, tb::MeshDut& dut) {
        return tb::RunAllreduce(ctx, dut, ac, &sum);
      }) != 0)
    return 1;
  util::NpyArray o{"<i4", {sum.size()}, {}};
  for (uint32_t s : sum) o.values.push_back(static_cast<int32_t>(s));
  util::WriteNpy(a.Get("out"), o);
  std::cerr << "allreduce: sum of " << w * h << " vectors of " << ac.len << " written to " << a.Get("out") << "\n";
  return 0;
}

}  // namespace

int RunApp(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "no-lockstep"}, {"a", "x", "out", "mesh", "grid", "iters", "in"});
  if (a.Has("help") || a.positional().empty()) {
    std::cout << kHelp;
    return a.Has("help") ? 0 : 2;
  }
  const std::string app = a.positional()[0];
  if (app == "gemv") return RunGemvApp(a);
  if (app == "stencil") return RunStencilApp(a);
  if (app == "allreduce") return RunAllreduceApp(a);
  throw UsageError("unknown application '" + app + "' (available: gemv, stencil, allreduce)");
}

}  // namespace wse::cli
