#pragma once
// Ground truth of the config network's reach: a live tile is reachable iff a
// path of live tiles joins it to the wafer edge (docs/dft.md). Written apart
// from the firmware's discovery so the two check each other.

#include <vector>

namespace wse::tb {

/// dead[y * w + x] marks dead tiles; returns reachable[y * w + x].
std::vector<bool> ReachableFromEdge(int w, int h, const std::vector<bool>& dead);

}  // namespace wse::tb
