#include "Vwse_router.h"
#include "models/router_model.h"

namespace wse::tb {

std::unique_ptr<RouterDut> MakeRouterRtl() {
  return std::make_unique<RouterModel<Vwse_router>>(24, "wse_router RTL (24 colors, FIFO depth 2)", true);
}

}  // namespace wse::tb
