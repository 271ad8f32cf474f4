#include "harness/wavelet.h"

#include <cstdio>

namespace wse::tb {

const char* DirName(Dir d) {
  switch (d) {
    case Dir::kN: return "N";
    case Dir::kE: return "E";
    case Dir::kS: return "S";
    case Dir::kW: return "W";
    case Dir::kRamp: return "ramp";
  }
  return "?";
}

Dir Opposite(Dir d) {
  switch (d) {
    case Dir::kN: return Dir::kS;
    case Dir::kS: return Dir::kN;
    case Dir::kE: return Dir::kW;
    case Dir::kW: return Dir::kE;
    case Dir::kRamp: return Dir::kRamp;
  }
  return d;
}

// wavelet_t: {ctrl[37], color[36:32], data[31:0]}
uint64_t Wavelet::Pack() const {
  return (static_cast<uint64_t>(ctrl) << 37) | (static_cast<uint64_t>(color & 0x1f) << 32) | data;
}

Wavelet Wavelet::Unpack(uint64_t bits) {
  Wavelet w;
  w.data = static_cast<uint32_t>(bits);
  w.color = static_cast<uint8_t>((bits >> 32) & 0x1f);
  w.ctrl = ((bits >> 37) & 1) != 0;
  return w;
}

std::string Wavelet::ToString() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "{c%u %s0x%08x}", color, ctrl ? "ctrl " : "", data);
  return buf;
}

const char* CfgStatusName(CfgStatus s) {
  switch (s) {
    case CfgStatus::kOk: return "ok";
    case CfgStatus::kErrAddr: return "bad address";
    case CfgStatus::kErrRo: return "read-only";
    case CfgStatus::kBusy: return "busy";
    case CfgStatus::kNoResponse: return "no response";
  }
  return "?";
}

// cfg_pkt_t: {is_resp[72], write[71], bcast[70], status[69:68], tag[67:60],
//             row[59:50], col[49:40], addr[39:32], data[31:0]}, parity [73].
CfgWord CfgPacket::Pack() const {
  CfgWord w;
  w.lo = (static_cast<uint64_t>(row & 0x3ff) << 50) | (static_cast<uint64_t>(col & 0x3ff) << 40) |
         (static_cast<uint64_t>(addr) << 32) | data;
  w.hi = (static_cast<uint64_t>(is_resp) << 8) | (static_cast<uint64_t>(write) << 7) |
         (static_cast<uint64_t>(bcast) << 6) | (static_cast<uint64_t>(status & 3) << 4) |
         (static_cast<uint64_t>(tag) >> 4);
  w.lo |= static_cast<uint64_t>(tag & 0xf) << 60;
  const int ones = __builtin_popcountll(w.lo) + __builtin_popcountll(w.hi);
  w.hi |= static_cast<uint64_t>(ones & 1) << 9;
  return w;
}

CfgPacket CfgPacket::Unpack(const CfgWord& w, bool* parity_ok) {
  CfgPacket p;
  p.is_resp = (w.hi >> 8) & 1;
  p.write = (w.hi >> 7) & 1;
  p.bcast = (w.hi >> 6) & 1;
  p.status = static_cast<uint8_t>((w.hi >> 4) & 3);
  p.tag = static_cast<uint8_t>(((w.hi & 0xf) << 4) | (w.lo >> 60));
  p.row = static_cast<uint16_t>((w.lo >> 50) & 0x3ff);
  p.col = static_cast<uint16_t>((w.lo >> 40) & 0x3ff);
  p.addr = static_cast<uint8_t>((w.lo >> 32) & 0xff);
  p.data = static_cast<uint32_t>(w.lo);
  if (parity_ok) *parity_ok = ((__builtin_popcountll(w.lo) + __builtin_popcountll(w.hi & 0x3ff)) & 1) == 0;
  return p;
}

std::string CfgPacket::ToString() const {
  char buf[128];
  std::snprintf(buf, sizeof buf, "{%s %s%s tile=(%u,%u) addr=0x%02x data=0x%08x tag=%u status=%u}",
                is_resp ? "resp" : "req", write ? "wr" : "rd", bcast ? " bcast" : "", col, row, addr,
                data, tag, status);
  return buf;
}

}  // namespace wse::tb
