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
#include <utility>
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
inline constexpr uint32_t kLogicalYShift = 10;        // REPAIR1[19:10] = logical y
inline constexpr uint32_t kLogicalCoordLimit = 1024;  // logical x and y are below this (10 bits)
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
/// mapped out (REPAIR0 = kMappedOut, REPAIR1 = 0). Throws
/// std::invalid_argument for a repair the registers cannot express whatever
/// the defects: wrong shape, columns outside the wafer or not increasing, a
/// skip or diagonal beyond reach, or a logical side of kLogicalCoordLimit or
/// more.
std::vector<TileSetting> TileSettings(const Repair& repair);

/// The physical tiles of the logical grid, logical row-major: entry
/// ly * width + lx is the tile playing logical (lx, ly).
std::vector<std::pair<int, int>> GridTiles(const Repair& repair);

/// The default placement of a wafer with no defects: spares spread evenly
/// along each row (docs/repair.md): logical l sits on physical column
/// l + floor((l + 1) * spares / (width + 1)), width = phys_width - spares, so
/// with one spare it is the east column. Throws std::invalid_argument if
/// spares < 0, width < 1, phys_height < 1 or the spread exceeds kSkipReach
/// (spares > kSkipReach * (width + 1)).
Repair IdentityRepair(int phys_width, int phys_height, int spares);

struct RemapOptions {
  int spares = 1;           // spare tiles per physical row
  bool allow_degraded = true;  // when the full width cannot be kept, find the widest that can
  /// Most rows one band re-plan may cover (see Remap); 0 = as many as the
  /// work and memory budget allows, 1 = single-row re-plans only (for
  /// diagnosis).
  int max_band_rows = 0;
};

struct RemapResult {
  std::optional<Repair> repair;  // empty: no logical grid at all (scrap)
  bool full = false;             // repair keeps full_width
  int rows_touched = 0;          // rows re-planned
  int tiles_moved = 0;           // logical tiles whose physical tile changed vs `previous` (or identity)
  std::string summary;           // one line for people
  int band_replans = 0;          // multi-row re-plans the single-row descent needed
};

/// Tiles the repair must avoid: any defect of unit tile, pe, sram or router.
/// [y * width + x].
std::vector<uint8_t> DeadTiles(const DefectMap& defects);

/// The fast algorithm (docs/repair.md). With `previous`, plans incrementally:
/// rows whose placement is still valid are kept.
///
/// Per width, a relaxation first: the least shifts satisfying every
/// constraint except "no straight vertical link over defective S/N wires"
/// (min-closed, so lower-bound propagation decides it exactly); if it has no
/// solution the width is impossible and no plan is spent on it. Otherwise
/// each row starts from `previous` (same physical shape and width) or
/// IdentityRepair. Dirty rows (a dead tile, a gap or edge beyond reach, a
/// defective link in the row, or a vertical conflict with a neighbour) are
/// re-planned one at a time by a dynamic program over the shift
/// f(l) = cols[y][l] - l: hard row constraints, a penalty per vertical
/// conflict with the neighbours as they stand, +1 per tile off its start
/// column. Conflicts no single row can resolve escalate to band re-plans of
/// 2, 3, ... adjacent rows over a window of 17, 65 or all logical columns
/// (state = the k shifts at one logical column) within a budget checked
/// before anything is allocated: about 0.1 s and 64 MB of tables per band,
/// 0.5 s per width; a band over it is skipped, and so is every taller one
/// (the state count grows as 9^k). Every accepted re-plan lowers the total
/// cost; at most 50 * rows + 1000 re-plans. If conflicts remain, the plan
/// starts once more from the relaxation's least shifts (same reference
/// columns). Then narrower widths if allowed. Remap does not verify its own
/// result: callers run CheckRepair on it (wse remap, the yield study, the
/// tests), and ApplyRepair refuses what it rejects. A million-tile wafer
/// with a few hundred defects takes well under 0.1 s; one with thousands of
/// defects that must degrade can take seconds per width tried.
/// rows_touched counts the distinct rows of the returned width that were
/// re-planned; tiles_moved the logical tiles whose column differs from
/// `previous` (same physical shape) or the full-width identity, tiles beyond
/// that repair's width counting as moved. Throws std::invalid_argument for a
/// defect outside the wafer, spares outside 0 .. phys_width - 1 or beyond
/// what IdentityRepair accepts, a wafer whose logical grid REPAIR1 cannot
/// hold (phys_height or phys_width - spares above kLogicalCoordLimit; the
/// message names the limit), or a `previous` of the same physical shape and
/// width whose rows do not fit it.
RemapResult Remap(const DefectMap& defects, const RemapOptions& options, const Repair* previous = nullptr);

/// Exhaustive solver for small wafers: the widest logical grid (<= full
/// width) the scheme can realise, or empty. Throws std::invalid_argument when
/// the instance is too large to enumerate (documented limit).
///
/// For each width from phys_width - spares down to 1 it lists every placement
/// of every row (nondecreasing shifts in 0 .. phys_width - width satisfying
/// constraints 1, 2 and 4 of the row), then walks the rows keeping the
/// placements reachable through compatible neighbours (constraints 3 and 4
/// between rows). Limits: at most kExactMaxTiles physical tiles, and for each
/// width it reaches at most kExactMaxRowPlacements = C(width + unused,
/// unused) candidate shift functions per row; beyond either it throws.
/// Time grows with the square of the placements per row.
std::optional<Repair> ExactRemap(const DefectMap& defects, int spares);
inline constexpr int kExactMaxTiles = 400;
inline constexpr int64_t kExactMaxRowPlacements = 20000;

/// Independent checker (shares no code with Remap): every problem found,
/// each naming the logical and physical tile or link; empty = valid.
/// Shape problems ("shape: ...") stop the check; otherwise it reports a
/// logical grid wider or taller than REPAIR1's 10-bit coordinates hold
/// (kLogicalCoordLimit columns / rows), dead tiles, order, physical tiles
/// played twice, skips and diagonals beyond reach, distance-1 / straight
/// links (edge links included) over defective wires, and a tile side asked
/// to carry two logical links.
std::vector<std::string> CheckRepair(const DefectMap& defects, const Repair& repair);

/// The documented JSON (docs/repair.md), including the derived per-tile
/// settings and a checksum over the document.
///
/// Format "wse-repair", version 1. WriteRepairFile writes Dump(2) and a
/// newline. Members, in this order:
///   "format":     "wse-repair"
///   "version":    1 (a reader refuses a newer version)
///   "physical":   {"width": W, "height": H}, each 1..32768: the wafer
///   "logical":    {"width": w, "height": H}: the grid software sees;
///                 1 <= w <= W, w and H below kLogicalCoordLimit (REPAIR1)
///   "full_width": W - spares, w <= full_width <= W
///   "degraded":   true exactly when w < full_width
///   "rows":       H arrays of w integers, rows[y][l] = physical column of
///                 logical (l, y): strictly increasing, at most kSkipReach
///                 tiles skipped between neighbours and to each wafer edge
///                 (virtual columns -1 and W), |rows[y+1][l] - rows[y][l]|
///                 <= kDiagReach
///   "tiles":      W * H objects, every physical tile in y-major order
///                 (entry y * W + x), each with exactly these members:
///     "tile":     [x, y]
///     "logical":  [lx, ly], or null for a mapped-out tile
///     "links":    {"N": .., "E": .., "S": .., "W": ..}, the REPAIR0 select
///                 of each side (TileSettings):
///                   N, S: "straight" (code 0), "west" (1: the neighbour is
///                     one column west), "east" (2); row 0's N and the last
///                     row's S are the straight edge link
///                   E, W: "next" (code 0: the adjacent column), "skip1"
///                     (1: one tile skipped), "skip2" (2: two skipped); for
///                     the outermost logical tiles, toward the wafer edge
///                   "off" (kCodeOff) on every side of a mapped-out tile
///     "repair0":  REPAIR0 as "0x" and 8 lowercase hex digits:
///                 N | S << 2 | E << 4 | W << 6, or 0x00000100 (mapped out)
///     "repair1":  REPAIR1 likewise: lx | ly << 10 | 1 << 31, 0 mapped out
///   "checksum":   "fnv1a64:" and 16 lowercase hex digits: FNV-1a 64
///                 (offset basis 0xcbf29ce484222325, prime 0x100000001b3)
///                 over the bytes of util::Json::Dump(2) of this document
///                 without its "checksum" member, the other members in the
///                 file's order (as written: the order above), no newline.
/// "tiles" is redundant (derived from "rows") so a person or a script can
/// read a tile's registers directly; the reader recomputes it and refuses
/// any disagreement. Throws std::invalid_argument like TileSettings.
util::Json RepairToJson(const Repair& repair);
/// Strict reader: refuses a bad checksum, missing/unknown fields, settings
/// that do not match the placement; RepairError names source and field.
/// Checks, in order: top-level object, format, version, checksum (so a
/// corrupt file is called corrupt), unknown members, then every field.
Repair RepairFromJson(const util::Json& doc, const std::string& source);
/// Atomic write (temp file + rename).
void WriteRepairFile(const std::string& path, const Repair& repair);
/// Reads and validates a file; a syntax error keeps the parser's
/// "<path>:<line>:<column>" (util::JsonError), an unreadable file is a
/// std::runtime_error naming the path.
Repair ReadRepairFile(const std::string& path);

}  // namespace wse::fw
