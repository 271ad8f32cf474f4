#pragma once
// The PE's CSR numbers (docs/pe.md, "Machine-mode CSRs"). Any number not in
// this table is an illegal CSR.

#include <cstdint>

namespace wse::iss::csr {

inline constexpr unsigned kMstatus = 0x300, kMisa = 0x301, kMie = 0x304, kMtvec = 0x305,
                          kMstatush = 0x310, kMscratch = 0x340, kMepc = 0x341, kMcause = 0x342,
                          kMtval = 0x343, kMip = 0x344, kMcycle = 0xB00, kMinstret = 0xB02,
                          kMcycleh = 0xB80, kMinstreth = 0xB82, kCycle = 0xC00, kInstret = 0xC02,
                          kCycleh = 0xC80, kInstreth = 0xC82, kMvendorid = 0xF11, kMarchid = 0xF12,
                          kMimpid = 0xF13, kMhartid = 0xF14, kWsemacs = 0xFC0, kWsezskip = 0xFC1;

/// MXL = 32 (bit 30), I (bit 8), M (bit 12), X (bit 23).
inline constexpr uint32_t kMisaValue = 0x40801100u;
inline constexpr uint32_t kMstatusMie = 1u << 3, kMstatusMpie = 1u << 7;
/// MPP (bits 12:11) reads 3: the PE only has machine mode.
inline constexpr uint32_t kMstatusMpp = 3u << 11;
/// MSIE, MTIE, MEIE.
inline constexpr uint32_t kMieWritable = (1u << 3) | (1u << 7) | (1u << 11);

/// The CSR's name, or nullptr if the PE has no such CSR.
const char* Name(unsigned num);
/// Numbers with bits 11:10 = 3 are read-only (the RISC-V convention the spec follows).
inline bool ReadOnly(unsigned num) { return ((num >> 10) & 3) == 3; }
/// Reads of these return the RTL's cycle count: the lockstep hint supplies them.
inline bool IsCycle(unsigned num) {
  return num == kMcycle || num == kMcycleh || num == kCycle || num == kCycleh;
}

}  // namespace wse::iss::csr
