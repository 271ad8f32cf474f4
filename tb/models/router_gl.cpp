#include "Vwse_router_gl.h"
#include "models/router_model.h"

namespace wse::tb {

std::unique_ptr<RouterDut> MakeRouterGateLevel() {
  return std::make_unique<RouterModel<Vwse_router_gl>>(
      24, "wse_router gate-level netlist (yosys, 24 colors, FIFO depth 2)", false);
}

}  // namespace wse::tb
