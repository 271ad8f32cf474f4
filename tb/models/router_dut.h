#pragma once
// RouterDut: a lone wse_router, RTL or gate-level netlist, with its ports
// and its route table input exposed to block-level tests.

#include <memory>
#include <string>

#include "harness/dut.h"
#include "harness/link.h"
#include "harness/wavelet.h"

namespace wse::tb {

/// A wse_router under test.
class RouterDut : public Dut {
 public:
  /// Input port d of the router (the test drives valid/data).
  virtual LinkPins In(Dir d) = 0;
  /// Output port d of the router (the test drives ready).
  virtual LinkPins Out(Dir d) = 0;
  /// Drives route table entry `color` (the route_i input).
  virtual void SetRoute(int color, Route r) = 0;
  virtual void SetEnable(bool on) = 0;
  /// Ports whose head was dropped as unrouted this cycle (drop_o).
  virtual uint32_t DropMask() = 0;
  virtual uint32_t DropColor() = 0;
  virtual uint32_t DropPort() = 0;
  virtual bool Busy() = 0;
  virtual int num_colors() const = 0;
};

/// wse_router RTL with default parameters (24 colors, input FIFO depth 2).
std::unique_ptr<RouterDut> MakeRouterRtl();
/// The yosys gate-level netlist of the same router.
std::unique_ptr<RouterDut> MakeRouterGateLevel();

}  // namespace wse::tb
