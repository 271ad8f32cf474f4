// The independent repair checker (repair.h). It shares nothing with the
// planners on purpose: it reads the defect map itself, works on physical
// columns rather than shifts, and walks every logical link (edge links
// included) once, so a bug in the shared placement rules cannot hide here.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "firmware/repair/repair.h"

namespace wse::fw {
namespace {

constexpr const char* kSide[4] = {"N", "E", "S", "W"};

std::string At(int x, int y) { return "(" + std::to_string(x) + "," + std::to_string(y) + ")"; }

class RepairChecker {
 public:
  RepairChecker(const DefectMap& map, const Repair& r)
      : map_(map), r_(r), pw_(r.phys_width), ph_(r.phys_height) {}

  std::vector<std::string> Run() {
    if (!ShapeOk()) return problems_;
    CheckRegisters();
    ReadDefects();
    owner_.assign(Tiles(), -1);
    wire_use_.assign(Tiles() * 4, -1);
    for (int y = 0; y < ph_; ++y) {
      for (int l = 0; l < r_.width; ++l) CheckTile(l, y);
    }
    for (int y = 0; y < ph_; ++y) {
      for (int l = 0; l <= r_.width; ++l) CheckHorizontal(l, y);
    }
    for (int y = 0; y <= ph_; ++y) {
      for (int l = 0; l < r_.width; ++l) CheckVertical(l, y);
    }
    return problems_;
  }

 private:
  size_t Tiles() const { return static_cast<size_t>(pw_) * static_cast<size_t>(ph_); }
  size_t Tile(int x, int y) const {
    return static_cast<size_t>(y) * static_cast<size_t>(pw_) + static_cast<size_t>(x);
  }
  int Col(int l, int y) const { return r_.cols[static_cast<size_t>(y)][static_cast<size_t>(l)]; }
  bool InWafer(int x) const { return x >= 0 && x < pw_; }
  void Problem(std::string text) { problems_.push_back(std::move(text)); }

  bool ShapeOk() {
    const std::string phys = std::to_string(pw_) + "x" + std::to_string(ph_);
    if (pw_ != map_.width || ph_ != map_.height) {
      Problem("shape: the repair is for a " + phys + " physical wafer, the defect map for a " +
              std::to_string(map_.width) + "x" + std::to_string(map_.height) + " one");
    }
    if (r_.height != ph_) {
      Problem("shape: logical height " + std::to_string(r_.height) +
              " is not the physical height " + std::to_string(ph_));
    }
    if (r_.width < 1 || r_.width > r_.full_width || r_.full_width > pw_) {
      Problem("shape: logical width " + std::to_string(r_.width) + ", full width " +
              std::to_string(r_.full_width) + ", physical width " + std::to_string(pw_) +
              ": need 1 <= width <= full width <= physical width");
    }
    if (r_.cols.size() != static_cast<size_t>(r_.height)) {
      Problem("shape: " + std::to_string(r_.cols.size()) + " rows of columns for logical height " +
              std::to_string(r_.height));
    } else {
      for (size_t y = 0; y < r_.cols.size(); ++y) {
        if (r_.cols[y].size() != static_cast<size_t>(r_.width)) {
          Problem("shape: row " + std::to_string(y) + " has " + std::to_string(r_.cols[y].size()) +
                  " columns for logical width " + std::to_string(r_.width));
        }
      }
    }
    return problems_.empty();
  }

  // REPAIR1 holds the logical coordinate in 10-bit fields: a grid wider or
  // taller than that cannot be set up, whatever the defects. The rest of the
  // check still runs.
  void CheckRegisters() {
    constexpr auto kLimit = static_cast<int>(repair_reg::kLogicalCoordLimit);
    if (r_.width > kLimit) {
      Problem("logical grid " + std::to_string(r_.width) +
              " wide: REPAIR1 holds logical x in 10 bits (at most " + std::to_string(kLimit) +
              " columns)");
    }
    if (r_.height > kLimit) {
      Problem("logical grid " + std::to_string(r_.height) +
              " tall: REPAIR1 holds logical y in 10 bits (at most " + std::to_string(kLimit) +
              " rows)");
    }
  }

  // Dead tiles and the link defects as reported (each end separately).
  void ReadDefects() {
    dead_.assign(Tiles(), 0);
    reported_.assign(Tiles(), 0);
    for (size_t i = 0; i < map_.defects.size(); ++i) {
      const Defect& d = map_.defects[i];
      if (!InWafer(d.x) || d.y < 0 || d.y >= ph_) {
        Problem("defect map: defects[" + std::to_string(i) + "] at " + At(d.x, d.y) +
                " is outside the wafer (ignored)");
      } else if (d.unit != Unit::kLink) {
        dead_[Tile(d.x, d.y)] = 1;
      } else if (d.dir >= 0 && d.dir < 4) {
        reported_[Tile(d.x, d.y)] |= static_cast<uint8_t>(1u << d.dir);
      }
    }
  }

  bool Reported(int x, int y, int side) const { return (reported_[Tile(x, y)] >> side) & 1u; }

  std::string DeadWhy(int x, int y) const {
    std::string why;
    for (const Defect& d : map_.defects) {
      if (d.x != x || d.y != y || d.unit == Unit::kLink) continue;
      why += (why.empty() ? "" : ", ") + std::string(UnitName(d.unit)) + " / " + d.kind;
    }
    return why;
  }

  // Messages are built only for problems: the check runs on every remap of
  // a million-tile wafer.
  void CheckTile(int l, int y) {
    const int x = Col(l, y);
    if (!InWafer(x)) {
      Problem("logical " + At(l, y) + " on physical column " + std::to_string(x) +
              ": outside the " + std::to_string(pw_) + "-column wafer");
      return;
    }
    auto where = [&] { return "logical " + At(l, y) + " on physical " + At(x, y); };
    int& owner = owner_[Tile(x, y)];
    if (owner >= 0) {
      Problem("physical " + At(x, y) + " plays logical " + At(owner, y) + " and " + At(l, y));
    } else {
      owner = l;
    }
    if (dead_[Tile(x, y)]) Problem(where() + ": tile is dead (" + DeadWhy(x, y) + ")");
    if (l > 0 && InWafer(Col(l - 1, y)) && x <= Col(l - 1, y)) {
      Problem(where() + ": not east of logical " + At(l - 1, y) + " on physical " +
              At(Col(l - 1, y), y));
    }
  }

  // Marks the wire bundle (tile, side, code) a logical link uses; a second
  // user of the side is a problem (REPAIR0 selects one bundle per side).
  template <typename Name>
  void UseWires(const Name& link, int x, int y, int side, int code, const char* code_name) {
    int8_t& use = wire_use_[Tile(x, y) * 4 + static_cast<size_t>(side)];
    if (use >= 0) {
      Problem(link() + ": physical " + At(x, y) + " " + kSide[side] + " side already carries a " +
              "logical link (" + code_name + " wires requested)");
      return;
    }
    use = static_cast<int8_t>(code);
  }

  // The link between logical (l - 1, y) and (l, y); l = 0 and l = width are
  // the west and east edge links.
  void CheckHorizontal(int l, int y) {
    const bool west_edge = l == 0, east_edge = l == r_.width;
    const int xa = west_edge ? -1 : Col(l - 1, y), xb = east_edge ? pw_ : Col(l, y);
    if ((!west_edge && !InWafer(xa)) || (!east_edge && !InWafer(xb)) || xb <= xa) return;
    auto link = [&] {
      return "link logical " + (west_edge ? "west edge" : At(l - 1, y)) + "-" +
             (east_edge ? "east edge" : At(l, y)) + ": physical " +
             (west_edge ? "west edge" : At(xa, y)) + "-" + (east_edge ? "east edge" : At(xb, y));
    };
    const int skipped = xb - xa - 1;
    if (skipped > kSkipReach) {
      Problem(link() + " skips " + std::to_string(skipped) + " tiles (reach " +
              std::to_string(kSkipReach) + ")");
      return;
    }
    if (skipped == 0 &&
        ((!west_edge && Reported(xa, y, 1)) || (!east_edge && Reported(xb, y, 3)))) {
      Problem(link() + " E/W wires are defective");
    }
    static constexpr const char* kDistance[] = {"distance-1", "distance-2", "distance-3"};
    if (!west_edge) UseWires(link, xa, y, 1, skipped, kDistance[skipped]);
    if (!east_edge) UseWires(link, xb, y, 3, skipped, kDistance[skipped]);
  }

  // The link between logical (l, y - 1) and (l, y); y = 0 and y = height are
  // the north and south edge links (always straight).
  void CheckVertical(int l, int y) {
    const bool north_edge = y == 0, south_edge = y == ph_;
    const int xa = north_edge ? -2 : Col(l, y - 1), xb = south_edge ? -2 : Col(l, y);
    if ((!north_edge && !InWafer(xa)) || (!south_edge && !InWafer(xb))) return;
    const int dx = north_edge || south_edge ? 0 : xb - xa;
    auto link = [&] {
      return "link logical " + (north_edge ? "north edge" : At(l, y - 1)) + "-" +
             (south_edge ? "south edge" : At(l, y)) + ": physical " +
             (north_edge ? "north edge" : At(xa, y - 1)) + "-" +
             (south_edge ? "south edge" : At(xb, y));
    };
    if (std::abs(dx) > kDiagReach) {
      Problem(link() + " steps " + std::to_string(std::abs(dx)) + " columns aside (reach " +
              std::to_string(kDiagReach) + ")");
      return;
    }
    if (dx == 0 &&
        ((!north_edge && Reported(xa, y - 1, 2)) || (!south_edge && Reported(xb, y, 0)))) {
      Problem(link() + " S/N wires are defective");
    }
    // Codes as seen from each end: 0 straight, 1 one column west, 2 east.
    static constexpr const char* kAside[] = {"straight", "west", "east"};
    const int down = dx == 0 ? 0 : dx < 0 ? 1 : 2, up = dx == 0 ? 0 : dx < 0 ? 2 : 1;
    if (!north_edge) UseWires(link, xa, y - 1, 2, down, kAside[down]);
    if (!south_edge) UseWires(link, xb, y, 0, up, kAside[up]);
  }

  const DefectMap& map_;
  const Repair& r_;
  const int pw_, ph_;
  std::vector<std::string> problems_;
  std::vector<uint8_t> dead_, reported_;  // reported_: bit = side a link defect names
  std::vector<int> owner_;                // logical x playing each physical tile, -1 none
  std::vector<int8_t> wire_use_;          // per tile side: the code of the link using it, -1 none
};

}  // namespace

std::vector<std::string> CheckRepair(const DefectMap& defects, const Repair& repair) {
  return RepairChecker(defects, repair).Run();
}

}  // namespace wse::fw
