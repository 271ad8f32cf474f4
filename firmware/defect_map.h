#pragma once
// The defect map: what the firmware's scan found, per tile and unit
// (docs/dft.md, "Defect map"). The remap (issue 5) plans around it and a
// human reads it, so the reader is strict: a hand-edited map with a typo or a
// tile outside the wafer is refused with the entry and field named, never
// half-applied.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"

namespace wse::fw {

/// A malformed defect map: "<source>: <field path>: <problem>", e.g.
/// "defects.json: defects[3].tile: (9,1) is outside the 4x4 mesh".
class DefectMapError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The part of a tile a defect is charged to.
enum class Unit { kTile, kPe, kSram, kRouter, kLink };

struct Defect {
  int x = 0, y = 0;
  Unit unit = Unit::kTile;
  int dir = -1;      // 0..3 = N, E, S, W: the wires leaving the tile that way; links only
  std::string kind;  // the test that failed, e.g. "unreachable", "march_c-"
  util::Json evidence = util::Json::Object();  // what that test saw
};

struct DefectMap {
  int width = 0, height = 0;
  std::vector<std::string> tests;  // a unit not in `defects` passed all of them
  int reachable = 0;
  std::vector<Defect> defects;
};

/// Version of the format this build writes and the newest it reads.
inline constexpr int kDefectMapVersion = 1;

/// "tile", "pe", "sram", "router", "link".
const char* UnitName(Unit unit);
std::optional<Unit> ParseUnit(std::string_view name);
/// "N", "E", "S", "W" for 0..3; "?" for anything else.
const char* DirName(int dir);
/// "(x,y)", as every message and report names a tile.
std::string TileText(int64_t x, int64_t y);
/// 0..3 for "N", "E", "S", "W".
std::optional<int> ParseDir(std::string_view name);

/// The document of docs/dft.md. Does not validate: WriteDefectMap does.
util::Json ToJson(const DefectMap& map);
/// Validates everything docs/dft.md requires and throws DefectMapError
/// naming `source`, the entry and the field at the first problem.
DefectMap DefectMapFromJson(const util::Json& doc, const std::string& source);
/// Reads and validates a file; a syntax error keeps the parser's
/// "<path>:<line>:<column>" (util::JsonError), an unreadable file is a
/// std::runtime_error naming the path.
DefectMap ReadDefectMap(const std::string& path);
/// Validates `map` (DefectMapError, nothing written) and writes it atomically.
void WriteDefectMap(const std::string& path, const DefectMap& map);

/// True if `map` lists a defect of `unit` at (x, y). For links, `dir` picks
/// the side; -1 matches a link defect on any side.
bool Has(const DefectMap& map, int x, int y, Unit unit, int dir = -1);

}  // namespace wse::fw
