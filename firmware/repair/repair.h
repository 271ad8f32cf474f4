#pragma once
// The repair: which physical tile plays each logical tile, and how every
// physical tile's links are steered so the logical grid is a perfect mesh
// (docs/repair.md).
//
// Scheme (row shift with skip and diagonal links):
//  - Rows are never remapped: logical row y is physical row y. Each physical
//    row has `spares` more tiles than the logical row, and the logical tiles
//    of a row sit on an increasing set of its physical columns: cols[y][l].
//  - Horizontal reach: two logical neighbours in a row may skip up to
//    kSkipReach physical tiles (dead or unused) between them; the wafer's
//    west/east edge counts as a virtual column -1 / phys_width.
//  - Vertical reach: a logical tile's north/south neighbour may sit up to
//    kDiagReach columns aside in the next row (diagonal links).
//  - Every physical tile owns, per side, one wire bundle per reach, selected
//    by its REPAIR0 register: codes 0/1/2 = distance 1/2/3 for E and W,
//    straight / one column west / one column east for N and S.
//  - Only the nearest-neighbour wires (distance 1 and straight) are in the
//    scan's link tests and the defect map; skip and diagonal wires are
//    checked after the repair by the post-repair link test.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "firmware/defect_map.h"
#include "util/json.h"

namespace wse::fw {

inline constexpr int kSkipReach = 2;  // physical tiles a horizontal logical link may skip
inline constexpr int kDiagReach = 1;  // columns a vertical logical link may step aside
inline constexpr int kRepairVersion = 1;

/// REPAIR0 (0x40) fields; REPAIR1 (0x41) holds the logical coordinate that
/// mhartid reports: [9:0] x, [19:10] y, [31] valid.
namespace repair_reg {
inline constexpr uint32_t kNShift = 0, kSShift = 2, kEShift = 4, kWShift = 6;  // 2-bit codes
inline constexpr uint32_t kMappedOut = 1u << 8;  // all link wires idle, ready low
inline constexpr uint32_t kCodeOff = 3;          // one side disconnected
inline constexpr uint32_t kLogicalValid = 1u << 31;
}  // namespace repair_reg

/// Malformed or corrupt repair file, or a repair that does not fit a wafer:
/// "<source>: <field>: <problem>".
class RepairError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Repair {
  int phys_width = 0, phys_height = 0;
  int full_width = 0;  // logical width the spares are provisioned for (phys_width - spares)
  int width = 0, height = 0;  // logical grid; height == phys_height; width < full_width: degraded
  std::vector<std::vector<int>> cols;  // [height][width]: physical column of logical (l, y)

  bool degraded() const { return width < full_width; }
  int PhysX(int lx, int ly) const { return cols[static_cast<size_t>(ly)][static_cast<size_t>(lx)]; }
};

/// The steering of one physical tile, derived from a Repair.
struct TileSetting {
  bool used = false;
  int lx = -1, ly = -1;             // logical coordinate when used
  int code[4] = {0, 0, 0, 0};       // N, E, S, W select codes (repair_reg), kCodeOff when unused
  uint32_t repair0 = 0, repair1 = 0;  // the register words
};

/// Settings of every physical tile, [y * phys_width + x]. Unused tiles are
/// mapped out (REPAIR0 = kMappedOut, REPAIR1 = 0).
std::vector<TileSetting> TileSettings(const Repair& repair);

/// The default placement of a wafer with no defects: spares spread evenly
/// along each row (docs/repair.md).
Repair IdentityRepair(int phys_width, int phys_height, int spares);

struct RemapOptions {
  int spares = 1;           // spare tiles per physical row
  bool allow_degraded = true;  // when the full width cannot be kept, find the widest that can
};

struct RemapResult {
  std::optional<Repair> repair;  // empty: no logical grid at all (scrap)
  bool full = false;             // repair keeps full_width
  int rows_touched = 0;          // rows re-planned
  int tiles_moved = 0;           // logical tiles whose physical tile changed vs `previous` (or identity)
  std::string summary;           // one line for people
};

/// Tiles the repair must avoid: any defect of unit tile, pe, sram or router.
/// [y * width + x].
std::vector<uint8_t> DeadTiles(const DefectMap& defects);

/// The fast algorithm (docs/repair.md). With `previous`, plans incrementally:
/// rows whose placement is still valid are kept.
RemapResult Remap(const DefectMap& defects, const RemapOptions& options, const Repair* previous = nullptr);

/// Exhaustive solver for small wafers: the widest logical grid (<= full
/// width) the scheme can realise, or empty. Throws std::invalid_argument when
/// the instance is too large to enumerate (documented limit).
std::optional<Repair> ExactRemap(const DefectMap& defects, int spares);

/// Independent checker (shares no code with Remap): every problem found,
/// each naming the logical and physical tile or link; empty = valid.
std::vector<std::string> CheckRepair(const DefectMap& defects, const Repair& repair);

/// The documented JSON (docs/repair.md), including the derived per-tile
/// settings and a checksum over the document.
util::Json RepairToJson(const Repair& repair);
/// Strict reader: refuses a bad checksum, missing/unknown fields, settings
/// that do not match the placement; RepairError names source and field.
Repair RepairFromJson(const util::Json& doc, const std::string& source);
/// Atomic write (temp file + rename).
void WriteRepairFile(const std::string& path, const Repair& repair);
Repair ReadRepairFile(const std::string& path);

}  // namespace wse::fw
