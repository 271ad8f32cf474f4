#pragma once
// MeshDut: a W x H mesh of tiles with its edge ports, ramps and config
// chains. Two implementations exist and must behave identically:
//  - stitched: one Verilated wse_tile model per tile, wired in C++ exactly as
//    rtl/mesh/wse_mesh.sv wires them; build cost is one tile whatever the
//    mesh size, and tiles evaluate in parallel on a worker pool;
//  - flat: wse_mesh.sv itself Verilated for one fixed shape; it proves the
//    RTL mesh wiring and checks the stitched model against it.

#include <memory>
#include <string>

#include "harness/cfg_host.h"
#include "harness/dut.h"
#include "harness/link.h"

namespace wse::tb {

/// The lockstep trace ports of one tile's PE (docs/pe.md).
struct PeTracePins {
  SignalRef valid, pc, insn, trap, cause, rd_we, rd, rd_data, color;
  SignalRef mem_be, mem_addr, mem_data;
  SignalRef tx_fire, tx_data, rx_fire, rx_data;
};

/// A fault on the wires of one fabric link (docs/dft.md): bits 0..37 are the
/// wavelet's data wires, bit 38 the valid wire, bit 39 the parity wire. An
/// open wire reads 0.
struct LinkFault {
  uint64_t stuck0 = 0, stuck1 = 0;  // wires forced to 0 / 1
  int bridge_a = -1, bridge_b = -1;  // two wires shorted (wired-AND)
  double drop_rate = 0;              // fraction of words lost (valid dropped, sender sees ready)
  uint64_t seed = 1;                 // of the drop decisions
};

/// A mesh of tiles under test.
class MeshDut : public Dut {
 public:
  MeshDut(int width, int height, int num_colors)
      : width_(width), height_(height), num_colors_(num_colors) {}
  int width() const { return width_; }
  int height() const { return height_; }
  int num_colors() const { return num_colors_; }

  /// Edge port `index` on `side`, wavelets into the mesh (test drives valid/data).
  /// West and east ports have one per reach (docs/repair.md): reach r is
  /// the wafer edge as seen from tile r (W) or width-1-r (E) of the row,
  /// used when a repair skips the row's first/last r tiles; N and S only
  /// have reach 0.
  virtual LinkPins EdgeIn(Dir side, int index, int reach) = 0;
  /// Edge port `index` on `side`, wavelets out of the mesh (test drives ready).
  virtual LinkPins EdgeOut(Dir side, int index, int reach) = 0;
  LinkPins EdgeIn(Dir side, int index) { return EdgeIn(side, index, 0); }
  LinkPins EdgeOut(Dir side, int index) { return EdgeOut(side, index, 0); }
  /// Ramp of tile (x, y) into its router (the PE slot's transmit side).
  virtual LinkPins RampIn(int x, int y) = 0;
  /// Ramp of tile (x, y) out of its router (the PE slot's receive side).
  virtual LinkPins RampOut(int x, int y) = 0;
  /// Config network entry point `index` on `side` (docs/config.md).
  virtual CfgEntryPins CfgEntry(Dir side, int index) = 0;
  /// Every entry point, in fw::EntryIndex order (N, E, S, W).
  virtual std::vector<CfgEntryPins> CfgEntries();
  /// The physical mesh under the tile coordinates this object takes: itself,
  /// or the wafer under a repaired logical grid (RepairedMesh). The config
  /// network is physical: CfgHost plans over this shape and translates.
  virtual int PhysWidth() const { return width_; }
  virtual int PhysHeight() const { return height_; }
  virtual std::pair<int, int> ToPhysical(int x, int y) const { return {x, y}; }
  /// Register writes (physical x, y, address, value) that boot must replay
  /// after every reset, before anything else: a repaired wafer's REPAIR
  /// words, which a reset clears (docs/repair.md).
  struct BootWrite {
    int x, y;
    uint8_t addr;
    uint32_t data;
  };
  virtual std::vector<BootWrite> BootWrites() const { return {}; }
  /// True if the tiles carry PEs (the ramps are then the PEs', not the test's).
  virtual bool HasPe() const { return false; }
  /// True if the tiles carry the simulation-only fault hooks (docs/dft.md).
  virtual bool HasFaults() const { return false; }
  /// Whole-tile fault bits of tile (x, y) (wse_pkg::FltTile*); needs HasFaults().
  virtual void SetTileFault(int x, int y, uint32_t bits);
  /// SRAM cell-fault slot 0 or 1 of tile (x, y) (wse_pkg::FltSram*); needs HasFaults().
  virtual void SetSramFault(int x, int y, int slot, uint64_t value);
  /// Flips bit `bit` of config register `reg` of tile (x, y) during the next
  /// clock edge, as an upset would, without touching its parity; needs HasFaults().
  virtual void FlipConfigBit(int x, int y, int reg, int bit);
  /// Fault on the link leaving tile (x, y) toward `side` (to its neighbour);
  /// stitched meshes only. Returns its id for SetLinkFaultActive.
  virtual int SetLinkFault(int x, int y, Dir side, const LinkFault& fault);
  /// Turns link fault `id` on (as set) or off (the wires copied clean): an
  /// intermittent fault (docs/dft.md).
  virtual void SetLinkFaultActive(int id, bool active);
  /// Changes the drop rate (in [0, 1]) of link fault `id` from the next
  /// clock edge on: a degrading link (docs/dft.md). The drop decisions keep
  /// their generator, so a run stays reproducible from the fault's seed.
  virtual void SetLinkDropRate(int id, double rate);
  /// SRAM words per tile of the PE model (0 without PEs).
  virtual int SramWords() const { return 0; }
  /// Lockstep trace of tile (x, y)'s PE; only with HasPe().
  virtual PeTracePins PeTrace(int x, int y);
  /// Waveform scope of tile (x, y)'s wse_tile instance.
  virtual std::string TileScope(int x, int y) const = 0;
  /// Per tile: its router's ports and its config node and registers.
  std::vector<WaveGroup> WaveLayout() const override;

 protected:
  int width_, height_, num_colors_;
};

/// Stitched mesh of Verilated tiles evaluated on `threads` threads; with_pe
/// selects the tile with its PE (wse_tile HasPe=1, 48 KiB SRAM per tile).
std::unique_ptr<MeshDut> MakeStitchedMesh(int width, int height, int threads,
                                          bool with_pe = false);

/// Stitched mesh of the fault-injection tile: PE with a small SRAM (4 KiB)
/// and the simulation-only fault hooks (wse_tile HasPe=1 +WSE_FAULTS).
std::unique_ptr<MeshDut> MakeStitchedDftMesh(int width, int height, int threads);

/// Shapes for which a flat wse_mesh model is compiled in.
bool FlatMeshAvailable(int width, int height);
/// The flat Verilated wse_mesh of that shape.
std::unique_ptr<MeshDut> MakeFlatMesh(int width, int height);

}  // namespace wse::tb
