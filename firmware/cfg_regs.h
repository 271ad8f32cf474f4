#pragma once
// Tile register word addresses (rtl/common/wse_pkg.sv CfgReg*, docs/config.md),
// as the firmware and the testbench address them.

#include <cstdint>

namespace wse::fw::reg {

inline constexpr uint8_t kId = 0x00;
inline constexpr uint8_t kCtrl = 0x01;
inline constexpr uint8_t kStatus = 0x02;
inline constexpr uint8_t kScratch = 0x03;
inline constexpr uint8_t kErrUnrouted = 0x04;
inline constexpr uint8_t kErrLast = 0x05;
inline constexpr uint8_t kRxCount = 0x06;
inline constexpr uint8_t kTap = 0x07;
inline constexpr uint8_t kPeCtrl = 0x08;
inline constexpr uint8_t kPeStatus = 0x09;
inline constexpr uint8_t kTohostAddr = 0x0A;
inline constexpr uint8_t kTohost = 0x0B;
inline constexpr uint8_t kMemAddr = 0x0C;
inline constexpr uint8_t kMemData = 0x0D;
inline constexpr uint8_t kPePc = 0x0E;
inline constexpr uint8_t kPeInstret = 0x0F;
inline constexpr uint8_t kPeCycles = 0x10;
inline constexpr uint8_t kPeMacs = 0x11;
inline constexpr uint8_t kPeZskip = 0x12;
inline constexpr uint8_t kCfgCheck = 0x13;
inline constexpr uint8_t kBistCtrl = 0x14;
inline constexpr uint8_t kBistStatus = 0x15;
inline constexpr uint8_t kBistAddr = 0x16;
inline constexpr uint8_t kBistBits = 0x17;
inline constexpr uint8_t kBistCount = 0x18;
inline constexpr uint8_t kErrSram = 0x19;
inline constexpr uint8_t kErrCfg = 0x1A;
inline constexpr uint8_t kLinkTest = 0x1B;
inline constexpr uint8_t kLinkErr = 0x1C;
inline constexpr uint8_t kLinkWords = 0x1D;
inline constexpr uint8_t kWdtLimit = 0x1E;
inline constexpr uint8_t kWdtStatus = 0x1F;
inline constexpr uint8_t kRepairBase = 0x40;
inline constexpr uint8_t kRouteBase = 0x20;
inline constexpr uint8_t kRouterTest = 0x50;
inline constexpr uint8_t kRouterErr = 0x51;
inline constexpr uint8_t kRouterWords = 0x52;
inline constexpr uint8_t kLinkPerr = 0x53;

/// ID[31:28]: the register map's version.
inline constexpr uint32_t kIdVersion = 4;

/// CTRL bits.
inline constexpr uint32_t kCtrlEnable = 1u << 0;   // router accepts wavelets
inline constexpr uint32_t kCtrlPeReset = 1u << 1;  // PE held in its start state
inline constexpr uint32_t kCtrlPeHalt = 1u << 2;   // PE stops between instructions, state kept

/// ROUTER_TEST fields (docs/dft.md, "Router test").
inline constexpr uint32_t kRouterTestPhaseShift = 8;
inline constexpr uint32_t kRouterTestDrain = 1u << 12;
inline constexpr uint32_t kRouterTestCountBits = 6;  // ROUTER_ERR/ROUTER_WORDS per port
/// Router ports N, E, S, W, ramp: ROUTER_TEST[4:0], ROUTE[c] masks.
inline constexpr uint32_t kNumPorts = 5;

}  // namespace wse::fw::reg
