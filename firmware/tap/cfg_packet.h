#pragma once
// The config packet as the firmware encodes it (layout: docs/config.md).

#include <cstdint>

#include "firmware/wafer_port.h"

namespace wse::fw {

struct CfgPacket {
  bool is_resp = false, write = false, bcast = false;
  uint8_t status = 0, tag = 0;
  uint16_t row = 0, col = 0;
  uint8_t addr = 0;
  uint32_t data = 0;
};

/// The link word of `p`, valid, with even parity.
LinkWord Encode(const CfgPacket& p);
/// Decodes a link word; false if its parity does not hold.
bool Decode(const LinkWord& w, CfgPacket* p);

}  // namespace wse::fw
