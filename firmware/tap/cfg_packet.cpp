#include "firmware/tap/cfg_packet.h"

#include <bit>

namespace wse::fw {

LinkWord Encode(const CfgPacket& p) {
  LinkWord w;
  w.valid = true;
  w.lo = (static_cast<uint64_t>(p.tag & 0xf) << 60) | (static_cast<uint64_t>(p.row & 0x3ff) << 50) |
         (static_cast<uint64_t>(p.col & 0x3ff) << 40) | (static_cast<uint64_t>(p.addr) << 32) | p.data;
  w.hi = (static_cast<uint64_t>(p.is_resp) << 8) | (static_cast<uint64_t>(p.write) << 7) |
         (static_cast<uint64_t>(p.bcast) << 6) | (static_cast<uint64_t>(p.status & 3) << 4) |
         (static_cast<uint64_t>(p.tag) >> 4);
  w.hi |= static_cast<uint64_t>((std::popcount(w.lo) + std::popcount(w.hi)) & 1) << 9;
  return w;
}

bool Decode(const LinkWord& w, CfgPacket* p) {
  p->is_resp = (w.hi >> 8) & 1;
  p->write = (w.hi >> 7) & 1;
  p->bcast = (w.hi >> 6) & 1;
  p->status = static_cast<uint8_t>((w.hi >> 4) & 3);
  p->tag = static_cast<uint8_t>(((w.hi & 0xf) << 4) | (w.lo >> 60));
  p->row = static_cast<uint16_t>((w.lo >> 50) & 0x3ff);
  p->col = static_cast<uint16_t>((w.lo >> 40) & 0x3ff);
  p->addr = static_cast<uint8_t>((w.lo >> 32) & 0xff);
  p->data = static_cast<uint32_t>(w.lo);
  return ((std::popcount(w.lo) + std::popcount(w.hi & 0x3ff)) & 1) == 0;
}

}  // namespace wse::fw
