#include "harness/wavelet.h"

#include <cstdio>

#include "firmware/tap/cfg_packet.h"

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

// One codec for the packet layout: the firmware's (firmware/tap/cfg_packet);
// test_encoding checks it bit by bit against wse_pkg.
CfgWord CfgPacket::Pack() const {
  const fw::LinkWord w = fw::Encode({is_resp, write, bcast, status, tag, row, col, addr, data});
  return {w.lo, w.hi};
}

CfgPacket CfgPacket::Unpack(const CfgWord& w, bool* parity_ok) {
  fw::CfgPacket f;
  const bool ok = fw::Decode({true, w.lo, w.hi}, &f);
  if (parity_ok) *parity_ok = ok;
  return {f.is_resp, f.write, f.bcast, f.status, f.tag, f.row, f.col, f.addr, f.data};
}

std::string CfgPacket::ToString() const {
  char buf[128];
  std::snprintf(buf, sizeof buf, "{%s %s%s tile=(%u,%u) addr=0x%02x data=0x%08x tag=%u status=%u}",
                is_resp ? "resp" : "req", write ? "wr" : "rd", bcast ? " bcast" : "", col, row, addr,
                data, tag, status);
  return buf;
}

}  // namespace wse::tb
