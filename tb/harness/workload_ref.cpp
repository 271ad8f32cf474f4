#include "harness/workload_ref.h"

#include <cstddef>

namespace wse::tb {

std::vector<int32_t> GemvReference(const std::vector<int16_t>& a, const std::vector<int16_t>& x, int rows,
                                   int cols) {
  std::vector<int32_t> y(static_cast<size_t>(rows), 0);
  for (int i = 0; i < rows; ++i) {
    uint32_t s = 0;  // the PE accumulates modulo 2^32
    for (int k = 0; k < cols; ++k)
      s += static_cast<uint32_t>(static_cast<int32_t>(a[static_cast<size_t>(i) * cols + k]) * x[static_cast<size_t>(k)]);
    y[static_cast<size_t>(i)] = static_cast<int32_t>(s);
  }
  return y;
}

std::vector<int32_t> StencilReference(std::vector<int32_t> u, int rows, int cols, int iters) {
  std::vector<int32_t> v(u.size());
  auto at = [&](int i, int j) -> int64_t {
    if (i < 0 || j < 0 || i >= rows || j >= cols) return 0;
    return u[static_cast<size_t>(i) * cols + j];
  };
  for (int t = 0; t < iters; ++t) {
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) {
        const uint32_t s = static_cast<uint32_t>(4 * at(i, j) + at(i - 1, j) + at(i + 1, j) + at(i, j - 1) + at(i, j + 1));
        v[static_cast<size_t>(i) * cols + j] = static_cast<int32_t>(s) >> 3;
      }
    u.swap(v);
  }
  return u;
}

}  // namespace wse::tb
