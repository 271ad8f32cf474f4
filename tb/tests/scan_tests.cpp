// End-to-end defect scan: random faults of every injectable class on a mesh
// of the fault-injection tile; the firmware scans through its WaferPort only
// and its defect map must name every injected permanent fault and nothing
// else (judged against the fault list, which the firmware never sees).

#include <string>

#include "faults/fault_injector.h"
#include "firmware/scan/defect_scan.h"
#include "harness/test_registry.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::tb {

WSE_MESH_TEST(scan_random_faults,
              "firmware defect scan finds every random permanent fault (SRAM cells, dead PE, dead tile) "
              "and reports nothing else",
              5000000, "dft6x5", "dft4x4") {
  const MeshLimits limits{dut.width(), dut.height(), dut.SramWords()};
  const int count = std::max(1, dut.width() * dut.height() * 3 / 10);
  const FaultList faults = GenerateFaults(ctx.seed, count, limits, InjectableClasses());
  for (const Fault& f : faults.faults)
    ctx.log.Info("inject " + std::string(FaultClassName(f.cls)) + " at (" + std::to_string(f.x) + "," +
                 std::to_string(f.y) + ")");
  InjectFaults(dut, faults);
  // The firmware drives the wafer itself, one clock at a time.
  host::MeshWaferPort port(dut);
  fw::ScanStats stats;
  const fw::DefectMap map = fw::ScanWafer(port, {}, &stats);
  const ScanVerdict v = JudgeScan(faults, map);
  for (const auto& m : v.missed) ctx.log.Error("missed: " + m);
  for (const auto& s : v.spurious) ctx.log.Error("false positive: " + s);
  ctx.log.Info(std::to_string(map.defects.size()) + " defects, " + std::to_string(map.reachable) +
               " tiles reachable, scan " + std::to_string(stats.cycles) + " cycles (discover " +
               std::to_string(stats.discover_cycles) + ", mbist " + std::to_string(stats.mbist_cycles) + ", pe_kat " +
               std::to_string(stats.kat_cycles) + ")");
  co_return;
}

}  // namespace wse::tb
