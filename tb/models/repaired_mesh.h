#pragma once
// RepairedMesh: the logical grid of a repaired wafer seen as a mesh
// (docs/repair.md). Tests and workloads written for a W x H mesh run on it
// unchanged: tile (x, y) is the physical tile the repair placed there, edge
// ports are the physical edge ports the repair's rows start and end at, and
// the config network stays the physical one (PhysWidth, ToPhysical).

#include <memory>
#include <string>
#include <vector>

#include "firmware/repair/repair.h"
#include "models/mesh_dut.h"

namespace wse::tb {

class RepairedMesh final : public MeshDut {
 public:
  /// `phys` must outlive this view and have the repair's physical shape.
  RepairedMesh(MeshDut& phys, const fw::Repair& repair);

  using MeshDut::EdgeIn;
  using MeshDut::EdgeOut;
  LinkPins EdgeIn(Dir side, int index, int reach) override;
  LinkPins EdgeOut(Dir side, int index, int reach) override;
  LinkPins RampIn(int x, int y) override;
  LinkPins RampOut(int x, int y) override;
  CfgEntryPins CfgEntry(Dir side, int index) override { return phys_.CfgEntry(side, index); }
  std::vector<CfgEntryPins> CfgEntries() override { return phys_.CfgEntries(); }
  int PhysWidth() const override { return phys_.width(); }
  int PhysHeight() const override { return phys_.height(); }
  std::pair<int, int> ToPhysical(int x, int y) const override;
  std::vector<BootWrite> BootWrites() const override { return boot_; }
  bool HasPe() const override { return phys_.HasPe(); }
  bool HasFaults() const override { return phys_.HasFaults(); }
  int SramWords() const override { return phys_.SramWords(); }
  PeTracePins PeTrace(int x, int y) override;
  std::string TileScope(int x, int y) const override;

  void SetReset(bool asserted) override { phys_.SetReset(asserted); }
  void EvalComb() override { phys_.EvalComb(); }
  void Tick() override { phys_.Tick(); }
  void OpenTrace(const std::string& path) override { phys_.OpenTrace(path); }
  void CloseTrace() override { phys_.CloseTrace(); }
  std::string Describe() const override;

 private:
  // The physical edge port (side, index, reach) behind logical edge port
  // `index` of `side`.
  void EdgePort(Dir side, int index, int reach, int* pindex, int* preach) const;
  MeshDut& phys_;
  fw::Repair repair_;
  std::vector<BootWrite> boot_;
};

}  // namespace wse::tb
