#include "models/repaired_mesh.h"

#include <stdexcept>

#include "firmware/apply/apply_repair.h"

namespace wse::tb {

RepairedMesh::RepairedMesh(MeshDut& phys, const fw::Repair& repair)
    : MeshDut(repair.width, repair.height, phys.num_colors()), phys_(phys), repair_(repair) {
  if (repair.phys_width != phys.width() || repair.phys_height != phys.height())
    throw std::invalid_argument("repair for a " + std::to_string(repair.phys_width) + "x" +
                                std::to_string(repair.phys_height) + " wafer on a " + std::to_string(phys.width()) +
                                "x" + std::to_string(phys.height()) + " mesh");
  // The writes fw::ApplyRepair makes.
  for (const fw::RegWrite& w : fw::RepairWrites(repair)) boot_.push_back({w.x, w.y, w.addr, w.data});
}

std::pair<int, int> RepairedMesh::ToPhysical(int x, int y) const {
  if (x < 0 || x >= width_ || y < 0 || y >= height_)
    throw std::out_of_range("logical tile (" + std::to_string(x) + "," + std::to_string(y) + ") outside the " +
                            std::to_string(width_) + "x" + std::to_string(height_) + " logical grid");
  return {repair_.PhysX(x, y), y};
}

void RepairedMesh::EdgePort(Dir side, int index, int reach, int* pindex, int* preach) const {
  if (reach != 0) throw std::out_of_range("a logical edge port has reach 0 only");
  switch (side) {
    case Dir::kN: *pindex = ToPhysical(index, 0).first, *preach = 0; return;
    case Dir::kS: *pindex = ToPhysical(index, height_ - 1).first, *preach = 0; return;
    // A row that skips its first/last tiles reaches the edge on a skip wire.
    case Dir::kW: *pindex = index, *preach = ToPhysical(0, index).first; return;
    case Dir::kE: *pindex = index, *preach = phys_.width() - 1 - ToPhysical(width_ - 1, index).first; return;
    default: throw std::invalid_argument("the ramp is not an edge");
  }
}

LinkPins RepairedMesh::EdgeIn(Dir side, int index, int reach) {
  int i = 0, r = 0;
  EdgePort(side, index, reach, &i, &r);
  return phys_.EdgeIn(side, i, r);
}

LinkPins RepairedMesh::EdgeOut(Dir side, int index, int reach) {
  int i = 0, r = 0;
  EdgePort(side, index, reach, &i, &r);
  return phys_.EdgeOut(side, i, r);
}

LinkPins RepairedMesh::RampIn(int x, int y) {
  const auto [px, py] = ToPhysical(x, y);
  return phys_.RampIn(px, py);
}

LinkPins RepairedMesh::RampOut(int x, int y) {
  const auto [px, py] = ToPhysical(x, y);
  return phys_.RampOut(px, py);
}

PeTracePins RepairedMesh::PeTrace(int x, int y) {
  const auto [px, py] = ToPhysical(x, y);
  return phys_.PeTrace(px, py);
}

std::string RepairedMesh::TileScope(int x, int y) const {
  const auto [px, py] = ToPhysical(x, y);
  return phys_.TileScope(px, py);
}

std::string RepairedMesh::Describe() const {
  return "logical " + std::to_string(width_) + "x" + std::to_string(height_) + " grid of a repaired " +
         phys_.Describe();
}

}  // namespace wse::tb
