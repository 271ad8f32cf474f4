#pragma once
// Plain C++ references of the workloads (tb/programs/workloads): the
// testbench's independent check of what the PEs compute, shared with
// nothing the PE programs or the firmware run.

#include <cstdint>
#include <vector>

namespace wse::tb {

/// y = A x, A rows x cols row-major, accumulated modulo 2^32 as the PE does.
std::vector<int32_t> GemvReference(const std::vector<int16_t>& a, const std::vector<int16_t>& x, int rows,
                                   int cols);
/// `iters` steps of the 5-point stencil new = (4u + N + S + W + E) >> 3,
/// zero outside the grid.
std::vector<int32_t> StencilReference(std::vector<int32_t> u, int rows, int cols, int iters);

}  // namespace wse::tb
