#pragma once
// PeHost: the host's view of the PEs, through the config chains only
// (docs/pe.md, "Config registers"). It loads program images into any set of
// tiles, starts and stops PEs, waits for their exit with a cycle limit, and
// reads SRAM words and counters back. Nothing here touches Verilator
// internals: every access is a config-chain packet a real host would send.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "firmware/burnin/pe_program.h"
#include "harness/cfg_host.h"
#include "harness/log.h"
#include "harness/sim.h"

namespace wse::tb {

/// A program as the loader sees it: bytes at SRAM addresses, plus the
/// addresses of the symbols the host needs.
struct PeImage {
  struct Segment {
    uint32_t addr = 0;
    std::vector<uint8_t> bytes;  // already zero-extended to the memory size
  };
  std::string name;
  std::vector<Segment> segments;
  uint32_t tohost = 0xFFFFFFFFu;
  std::optional<uint32_t> begin_signature, end_signature;
  std::map<std::string, uint32_t> symbols;  // data symbols the host exchanges with
  /// Address of `name`; throws naming the program if it has no such symbol.
  uint32_t Symbol(const std::string& name) const;
};

/// Builds a PeImage from an ELF file (errors name the file and the problem).
PeImage LoadPeImage(const std::string& elf_path);
/// The image as the firmware carries it: whole words (fw::PeProgram).
fw::PeProgram ToFirmwareProgram(const PeImage& image);

/// How one PE's run ended.
struct PeExit {
  int x = 0, y = 0;
  bool exited = false;     // false: cycle limit reached first
  uint32_t tohost = 0;     // value written to tohost
  uint32_t status = 0;     // PE_STATUS
  uint32_t pc = 0;         // PE_PC at the end
  /// Exit code of the RISC-V convention: 1 -> 0, (c << 1) | 1 -> c; -1 if invalid.
  int Code() const;
  std::string Describe() const;
};

struct PeCounters {
  uint32_t instret = 0, cycles = 0, macs = 0, zskip = 0;
};

using TileList = std::vector<std::pair<int, int>>;

class PeHost {
 public:
  PeHost(Sim& sim, CfgHost& cfg, Logger log, int width, int height)
      : sim_(sim), cfg_(cfg), log_(std::move(log)), width_(width), height_(height) {}

  /// Writes `image` into the SRAM of every listed tile (PEs must be stopped)
  /// and sets their PE_TOHOST_ADDR. Whole rows are loaded by broadcast.
  Task Load(const TileList& tiles, const PeImage& image);
  /// Sets PE_CTRL.run = 1 (a 0 -> 1 edge resets and starts each PE).
  Task Start(const TileList& tiles);
  /// Sets PE_CTRL.run = 0.
  Task Stop(const TileList& tiles);
  /// Polls PE_STATUS until every tile has exited or `max_cycles` pass.
  Task WaitExit(const TileList& tiles, uint64_t max_cycles, std::vector<PeExit>* out);
  /// Reads `n` SRAM words from `addr` of a stopped PE.
  Task ReadWords(int x, int y, uint32_t addr, size_t n, std::vector<uint32_t>* out);
  /// Writes SRAM words at `addr` of a stopped PE.
  Task WriteWords(int x, int y, uint32_t addr, const std::vector<uint32_t>& words);
  /// Reads the PE's counters.
  Task ReadCounters(int x, int y, PeCounters* out);
  /// Routes every color from the ramp back to the ramp on every listed tile
  /// (a 1x1 program then receives what it sends).
  Task Loopback(const TileList& tiles, int num_colors);

  /// Every tile of the mesh, row by row.
  TileList AllTiles() const;

 private:
  Task CheckAll(std::vector<CfgOpPtr> ops, const std::string& what);
  Sim& sim_;
  CfgHost& cfg_;
  Logger log_;
  int width_, height_;
};

}  // namespace wse::tb
