#pragma once
// Workload drivers shared by the regression tests and `wse bench`.

#include <cstdint>
#include <vector>

#include "harness/test_registry.h"
#include "harness/workload_ref.h"
#include "models/mesh_dut.h"

namespace wse::tb {

struct GemvCase {
  int m = 8, n = 8;            // block per tile: m rows, n columns
  double zero_fraction = 0.0;  // fraction of zero elements in A
  bool lockstep = true;
  // Given inputs (else random): A is (H*m) x (W*n) row-major, x has W*n.
  std::vector<int16_t> a, x;
};
struct GemvResult {
  uint64_t cycles = 0;          // start to last exit, whole mesh
  uint64_t compute_cycles = 0;  // sum over tiles of the compute loop's cycles
  uint64_t macs = 0, zskip = 0; // sums over tiles
  std::vector<int32_t> y;       // the mesh's result (equal to the reference)
};

struct StencilCase {
  int bh = 4, bw = 5, iters = 4;  // block per tile, iterations
  std::vector<int32_t> grid;      // (H*bh) x (W*bw) row-major, else random
  bool lockstep = true;
};
struct AllreduceCase {
  int len = 12;
  std::vector<std::vector<uint32_t>> vecs;  // one per tile, row by row, else random
  bool lockstep = true;
};

struct StreamResult {
  uint64_t elements = 0, tmac_cycles = 0, zskip = 0;
};
/// One tmac over `len` int16 operands streamed in at the west edge of tile
/// (0,0), a fraction of them zero; checks acc against the reference.
Task RunStreamMac(TestContext& ctx, MeshDut& dut, int len, double zero_fraction, StreamResult* result);

/// Runs the stencil; `result` gets the final grid (checked against the reference).
Task RunStencil(TestContext& ctx, MeshDut& dut, const StencilCase& sc, std::vector<int32_t>* result);
/// Runs the all-reduce; `result` gets the sum every tile holds (checked).
Task RunAllreduce(TestContext& ctx, MeshDut& dut, const AllreduceCase& ac, std::vector<uint32_t>* result);

/// Runs one GEMV on `dut` (a mesh with PEs), checks y against the reference.
Task RunGemv(TestContext& ctx, MeshDut& dut, const GemvCase& g, GemvResult* result);


}  // namespace wse::tb
