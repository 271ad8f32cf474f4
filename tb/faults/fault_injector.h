#pragma once
// Drives the simulation-only fault hooks of a mesh from a fault list, and
// judges a scan's defect map against that list (the ground truth the
// firmware never sees).

#include <map>
#include <string>
#include <vector>

#include "faults/fault_list.h"
#include "firmware/defect_map.h"
#include "models/mesh_dut.h"

namespace wse::tb {

/// Classes the fault-injection tile (dft meshes) can inject.
std::vector<FaultClass> InjectableClasses();

/// The same list with every link fault that leads off the mesh edge turned
/// to the first side (N, E, S, W) of its tile that stays inside (dropped on
/// a 1x1 mesh): the scan tests links between tiles, not the edge I/O.
FaultList InwardLinks(FaultList list, int width, int height);

/// Sets the hooks of `dut` for every fault of `list`. Throws FaultListError
/// naming the fault for a class the model cannot inject yet or for a third
/// SRAM fault on one tile (two slots per tile).
void InjectFaults(MeshDut& dut, const FaultList& list);

/// How a scan did against the injected faults.
struct ScanVerdict {
  struct Count {
    int injected = 0, detected = 0, masked = 0;  // masked: on a tile walled in by dead tiles
  };
  std::map<FaultClass, Count> per_class;
  int false_positives = 0;
  std::vector<std::string> missed;    // one line per injected permanent fault not found
  std::vector<std::string> spurious;  // one line per defect no injected fault explains
  bool Perfect() const { return missed.empty() && spurious.empty(); }
};

/// A fault counts as detected when the map names its unit on its tile (a
/// tile_dead as "tile"); a fault on a live tile that dead tiles wall in is
/// masked and counts as detected if the map calls the tile unreachable. A
/// defect is a false positive unless a fault sits on its tile, or it calls
/// a tile unreachable that dead tiles wall in.
ScanVerdict JudgeScan(const FaultList& list, const fw::DefectMap& map);

}  // namespace wse::tb
