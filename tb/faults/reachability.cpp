#include "faults/reachability.h"

#include <cstddef>
#include <queue>

namespace wse::tb {

std::vector<bool> ReachableFromEdge(int w, int h, const std::vector<bool>& dead) {
  std::vector<bool> seen(static_cast<std::size_t>(w) * h, false);
  std::queue<int> q;
  auto push = [&](int x, int y) {
    const std::size_t i = static_cast<std::size_t>(y) * w + x;
    if (x < 0 || y < 0 || x >= w || y >= h || seen[i] || dead[i]) return;
    seen[i] = true;
    q.push(static_cast<int>(i));
  };
  for (int x = 0; x < w; ++x) push(x, 0), push(x, h - 1);
  for (int y = 0; y < h; ++y) push(0, y), push(w - 1, y);
  while (!q.empty()) {
    const int i = q.front();
    q.pop();
    const int x = i % w, y = i / w;
    push(x + 1, y), push(x - 1, y), push(x, y + 1), push(x, y - 1);
  }
  return seen;
}

}  // namespace wse::tb
