#pragma once
// Writing a repair into the wafer (docs/repair.md): the REPAIR0/REPAIR1
// words of every physical tile, through the config network only.

#include <cstdint>
#include <string>
#include <vector>

#include "firmware/defect_map.h"
#include "firmware/repair/repair.h"
#include "firmware/tap/tap_master.h"

namespace wse::fw {

struct ApplyReport {
  int tiles_written = 0;  // physical tiles whose REPAIR0/1 were written and read back
  int mapped_out = 0;     // of them, tiles left out of the logical grid
  uint64_t cycles = 0;    // config network cycles spent
};

/// One config register write.
struct RegWrite {
  int x, y;  // physical tile
  uint8_t addr;
  uint32_t data;
};

/// The writes that apply `repair`: REPAIR0 and REPAIR1 of every physical
/// tile, and CTRL = pe_halt (router disabled) of every tile left out. Boot
/// replays them after every reset.
std::vector<RegWrite> RepairWrites(const Repair& repair);

/// Refuses a repair that CheckRepair rejects against `defects` (RepairError
/// listing the problems; nothing is written). Otherwise writes REPAIR0 and
/// REPAIR1 of every tile the network reaches, reads them back, and halts the
/// PE of every mapped-out tile. A tile of the logical grid that does not
/// answer, or a read-back that differs, is a RepairError naming the tile.
ApplyReport ApplyRepair(TapMaster& tap, const DefectMap& defects, const Repair& repair);

/// One logical link that failed the post-repair link test.
struct LinkTestResult {
  int lx = 0, ly = 0;      // logical receiver
  int side = 0;            // its receiving side, 0..3 = N, E, S, W
  int rx_x = 0, rx_y = 0;  // physical receiver
  int tx_x = 0, tx_y = 0;  // physical sender (the logical neighbour on `side`)
  int code = 0;            // the receiver's select code on that side (0: nearest-neighbour wire)
  bool answered = true;    // false: the receiver did not answer the read-out
  uint32_t errors = 0, parity_errors = 0, words = 0;
  std::string text;        // as TestRepairedLinks words it
};

/// Link test over the applied repair: every tile's link BIST sends on and
/// checks its four logical links (so the skip and diagonal wires the repair
/// uses are tested, which the scan's nearest-neighbour test does not cover).
/// Receivers start before and stop after the senders, so no test word
/// reaches a router. Runs `words` LFSR words per link (at most 255, the
/// counters' width). One entry per logical link that failed.
std::vector<LinkTestResult> RunRepairedLinkTest(WaferPort& port, TapMaster& tap, const Repair& repair,
                                                uint32_t words = 64);
/// The same, one line per failed link ("logical (1,2) E: physical (2,2) ->
/// (4,2) skip one: 3 errors, 0 parity errors, 64 of 64 words"); empty =
/// every link good.
std::vector<std::string> TestRepairedLinks(WaferPort& port, TapMaster& tap, const Repair& repair, uint32_t words = 64);

}  // namespace wse::fw
