// Stitched mesh: W x H instances of the Verilated wse_tile, wired in C++ the
// way rtl/mesh/wse_mesh.sv wires them. Every link and chain output of a tile
// comes from a flop (docs/fabric.md), so copying outputs to neighbour inputs
// once per cycle, after the edge, is exact.

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "Vwse_tile.h"
#include "Vwse_tile_dft.h"
#include "Vwse_tile_pe.h"
#include "models/mesh_dut.h"
#include "models/worker_pool.h"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace wse::tb {
namespace {

// One copied signal: destination slice <- source slice.
struct Wire {
  SignalRef src, dst;
};

// The parity wire of an edge port: the mesh makes it from the host's word
// (rtl/mesh/wse_mesh.sv).
struct EdgeParity {
  SignalRef data, par;
};

// A faulted fabric link: its valid, data and parity wires, rewritten after
// the plain copy with the fault applied (40-bit word: data 0..37, valid 38,
// parity 39).
struct FaultedLink {
  SignalRef src_valid, src_data, src_par, dst_valid, dst_data, dst_par;
  LinkFault f;
  uint64_t rng;
  bool active = true;
  void Apply() {
    if (!active) return;  // the plain copy stands
    uint64_t w = src_data.Get() | src_valid.Get() << 38 | src_par.Get() << 39;
    w = (w & ~f.stuck0) | f.stuck1;
    if (f.bridge_a >= 0 && f.bridge_b >= 0) {
      const uint64_t v = (w >> f.bridge_a) & (w >> f.bridge_b) & 1;
      w = (w & ~(1ull << f.bridge_a) & ~(1ull << f.bridge_b)) | v << f.bridge_a | v << f.bridge_b;
    }
    if (f.drop_rate > 0 && (w >> 38 & 1)) {
      rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;  // xorshift64
      if (static_cast<double>(rng >> 11) * 0x1.0p-53 < f.drop_rate) w &= ~(1ull << 38);
    }
    dst_data.Set(w & ((1ull << 38) - 1));
    dst_valid.Set(w >> 38 & 1);
    dst_par.Set(w >> 39 & 1);
  }
};

// Tile is the Verilated wse_tile of one configuration: fabric-only (ramp
// ports driven by the test) or with its PE. Both have the same ports.
template <class Tile>
class StitchedMesh final : public MeshDut {
 public:
  StitchedMesh(int width, int height, int threads)
      : MeshDut(width, height, 24), ctx_(std::make_unique<VerilatedContext>()), pool_(threads) {
    ctx_->traceEverOn(true);
    tiles_.reserve(static_cast<size_t>(width) * height);
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        const std::string name = "tile_" + std::to_string(x) + "_" + std::to_string(y);
        auto t = std::make_unique<Tile>(ctx_.get(), name.c_str());
        t->x_i = static_cast<SData>(x);
        t->y_i = static_cast<SData>(y);
        t->clk_i = 0;
        t->rst_ni = 1;
        tiles_.push_back(std::move(t));
      }
    }
    wires_.resize(tiles_.size());
    faulted_.resize(tiles_.size());
    edge_parity_.resize(tiles_.size());
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        for (int d = 0; d < kNumLinks; ++d) {
          for (int r = 0; r < kNumReach; ++r) ConnectWire(x, y, static_cast<Dir>(d), r);
          ConnectCfg(x, y, static_cast<Dir>(d));
        }
      }
    }
    for (auto& t : tiles_) t->eval();
  }

  ~StitchedMesh() override {
    CloseTrace();
    for (auto& t : tiles_) t->final();
  }

  using MeshDut::EdgeIn;
  using MeshDut::EdgeOut;
  LinkPins EdgeIn(Dir side, int index, int reach) override {
    Tile& t = EdgeTile(side, index, reach);
    const int w = WireBit(side, reach);
    return {SignalRef(t.in_valid_i, w, 1), SignalRef(t.in_ready_o, w, 1),
            SignalRef(t.in_data_i, w * kWaveletBits, kWaveletBits)};
  }
  LinkPins EdgeOut(Dir side, int index, int reach) override {
    Tile& t = EdgeTile(side, index, reach);
    const int w = WireBit(side, reach);
    return {SignalRef(t.out_valid_o, w, 1), SignalRef(t.out_ready_i, w, 1),
            SignalRef(t.out_data_o, w * kWaveletBits, kWaveletBits)};
  }
  LinkPins RampIn(int x, int y) override {
    Tile& t = At(x, y);
    return {SignalRef(t.ramp_in_valid_i, 0, 1), SignalRef(t.ramp_in_ready_o, 0, 1),
            SignalRef(t.ramp_in_data_i, 0, kWaveletBits)};
  }
  LinkPins RampOut(int x, int y) override {
    Tile& t = At(x, y);
    return {SignalRef(t.ramp_out_valid_o, 0, 1), SignalRef(t.ramp_out_ready_i, 0, 1),
            SignalRef(t.ramp_out_data_o, 0, kWaveletBits)};
  }
  CfgEntryPins CfgEntry(Dir side, int index) override {
    Tile& t = EdgeTile(side, index, 0);
    const int d = static_cast<int>(side);
    const int lsb = d * kCfgLinkBits;
    return {SignalRef(t.cfg_in_valid_i, d, 1), SignalRef(t.cfg_in_data_i, lsb, 64),
            SignalRef(t.cfg_in_data_i, lsb + 64, kCfgLinkBits - 64), SignalRef(t.cfg_out_valid_o, d, 1),
            SignalRef(t.cfg_out_data_o, lsb, 64), SignalRef(t.cfg_out_data_o, lsb + 64, kCfgLinkBits - 64)};
  }
  std::string TileScope(int x, int y) const override {
    return "tile_" + std::to_string(x) + "_" + std::to_string(y) + ".wse_tile";
  }

  void SetReset(bool asserted) override {
    for (auto& t : tiles_) t->rst_ni = asserted ? 0 : 1;
  }
  void EvalComb() override {
    // Outputs are stable since the last edge: pull them into neighbour inputs,
    // then settle every tile. Two phases so no tile reads a port another
    // thread is writing.
    pool_.ParallelFor(tiles_.size(), [this](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) {
        for (const Wire& w : wires_[i]) w.dst.Set(w.src.Get());
        for (FaultedLink& f : faulted_[i]) f.Apply();
        for (const EdgeParity& ep : edge_parity_[i]) ep.par.Set(static_cast<uint64_t>(__builtin_parityll(ep.data.Get())));
      }
    });
    pool_.ParallelFor(tiles_.size(), [this](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) {
        tiles_[i]->clk_i = 0;
        tiles_[i]->eval();
      }
    });
    if (tfp_) tfp_->dump(TraceTimeLow(cycle_));
  }
  void Tick() override {
    pool_.ParallelFor(tiles_.size(), [this](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) {
        tiles_[i]->clk_i = 1;
        tiles_[i]->eval();
      }
    });
    if (tfp_) tfp_->dump(TraceTimeHigh(cycle_));
    ++cycle_;
    if constexpr (kHasFaults) {
      // An upset lasts one clock edge.
      for (size_t i : flips_) tiles_[i]->flt_cfg_i = 0;
      flips_.clear();
    }
  }
  void OpenTrace(const std::string& path) override {
    tfp_ = std::make_unique<VerilatedFstC>();
    for (auto& t : tiles_) t->trace(tfp_.get(), 99);
    tfp_->open(path.c_str());
  }
  void CloseTrace() override {
    if (tfp_) tfp_->close();
    tfp_.reset();
  }
  std::string Describe() const override {
    return "mesh " + std::to_string(width_) + "x" + std::to_string(height_) + " (stitched " +
           (kHasFaults ? "wse_tile HasPe=1 +WSE_FAULTS" : kHasPe ? "wse_tile HasPe=1" : "wse_tile") + " models, " +
           std::to_string(pool_.threads()) + " thread(s))";
  }
  bool HasPe() const override { return kHasPe; }
  bool HasFaults() const override { return kHasFaults; }
  int SramWords() const override { return kHasFaults ? WSE_DFT_SRAM_WORDS : kHasPe ? WSE_PE_SRAM_WORDS : 0; }
  int SetLinkFault(int x, int y, Dir side, const LinkFault& fault) override {
    int nx = x, ny = y;
    switch (side) {
      case Dir::kN: --ny; break;
      case Dir::kS: ++ny; break;
      case Dir::kE: ++nx; break;
      case Dir::kW: --nx; break;
      default: throw std::invalid_argument("link faults are on N, E, S, W links");
    }
    Tile& me = At(x, y);
    Tile& nb = At(nx, ny);  // throws for a link off the mesh edge
    const int o = WireBit(side, 0), i = WireBit(Opposite(side), 0);
    faulted_[Index(nx, ny)].push_back({SignalRef(me.out_valid_o, o, 1), SignalRef(me.out_data_o, o * kWaveletBits, kWaveletBits),
                                       SignalRef(me.out_par_o, o, 1), SignalRef(nb.in_valid_i, i, 1),
                                       SignalRef(nb.in_data_i, i * kWaveletBits, kWaveletBits), SignalRef(nb.in_par_i, i, 1),
                                       fault, fault.seed | 1});
    link_faults_.emplace_back(Index(nx, ny), faulted_[Index(nx, ny)].size() - 1);
    return static_cast<int>(link_faults_.size()) - 1;
  }
  void SetLinkFaultActive(int id, bool active) override {
    if (id < 0 || static_cast<size_t>(id) >= link_faults_.size()) return MeshDut::SetLinkFaultActive(id, active);
    const auto [tile, i] = link_faults_[static_cast<size_t>(id)];
    faulted_[tile][i].active = active;
  }
  void SetLinkDropRate(int id, double rate) override {
    if (id < 0 || static_cast<size_t>(id) >= link_faults_.size()) return MeshDut::SetLinkDropRate(id, rate);
    if (!(rate >= 0 && rate <= 1)) throw std::invalid_argument("link drop rate " + std::to_string(rate) + " is outside [0, 1]");
    const auto [tile, i] = link_faults_[static_cast<size_t>(id)];
    faulted_[tile][i].f.drop_rate = rate;
  }
  void SetTileFault(int x, int y, uint32_t bits) override {
    if constexpr (kHasFaults) {
      At(x, y).flt_tile_i = static_cast<SData>(bits);
    } else {
      MeshDut::SetTileFault(x, y, bits);
    }
  }
  void FlipConfigBit(int x, int y, int reg, int bit) override {
    if constexpr (kHasFaults) {
      if (reg < 0 || reg > 255 || bit < 0 || bit > 31) throw std::out_of_range("config flip of register/bit outside 0..255/0..31");
      At(x, y).flt_cfg_i = static_cast<SData>(1u << 15 | static_cast<unsigned>(bit) << 8 | static_cast<unsigned>(reg));
      flips_.push_back(Index(x, y));
    } else {
      MeshDut::FlipConfigBit(x, y, reg, bit);
    }
  }
  void SetSramFault(int x, int y, int slot, uint64_t value) override {
    if constexpr (kHasFaults) {
      if (slot < 0 || slot > 1) throw std::out_of_range("SRAM fault slot " + std::to_string(slot));
      SignalRef(At(x, y).flt_sram_i, slot * 64, 64).Set(value);
    } else {
      MeshDut::SetSramFault(x, y, slot, value);
    }
  }
  PeTracePins PeTrace(int x, int y) override {
    Tile& t = At(x, y);
    PeTracePins p;
    p.valid = SignalRef(t.tr_valid_o, 0, 1);
    p.pc = SignalRef(t.tr_pc_o, 0, 32);
    p.insn = SignalRef(t.tr_insn_o, 0, 32);
    p.trap = SignalRef(t.tr_trap_o, 0, 1);
    p.cause = SignalRef(t.tr_cause_o, 0, 4);
    p.rd_we = SignalRef(t.tr_rd_we_o, 0, 1);
    p.rd = SignalRef(t.tr_rd_o, 0, 5);
    p.rd_data = SignalRef(t.tr_rd_data_o, 0, 32);
    p.color = SignalRef(t.tr_color_o, 0, 5);
    p.mem_be = SignalRef(t.tr_mem_be_o, 0, 4);
    p.mem_addr = SignalRef(t.tr_mem_addr_o, 0, 32);
    p.mem_data = SignalRef(t.tr_mem_data_o, 0, 32);
    p.tx_fire = SignalRef(t.tr_tx_fire_o, 0, 1);
    p.tx_data = SignalRef(t.tr_tx_data_o, 0, kWaveletBits);
    p.rx_fire = SignalRef(t.tr_rx_fire_o, 0, 1);
    p.rx_data = SignalRef(t.ramp_out_data_o, 0, kWaveletBits);
    return p;
  }

 private:
  static constexpr bool kHasFaults = std::is_same_v<Tile, Vwse_tile_dft>;
  static constexpr bool kHasPe = std::is_same_v<Tile, Vwse_tile_pe> || kHasFaults;
  size_t Index(int x, int y) const { return static_cast<size_t>(y) * width_ + x; }
  Tile& At(int x, int y) {
    if (x < 0 || x >= width_ || y < 0 || y >= height_) {
      throw std::out_of_range("tile (" + std::to_string(x) + "," + std::to_string(y) +
                              ") outside the mesh");
    }
    return *tiles_[Index(x, y)];
  }
  // Bit index of side d, reach r in the tile's wire vectors.
  static int WireBit(Dir d, int r) { return static_cast<int>(d) * kNumReach + r; }
  // The tile whose side `side`, reach `reach` wire is edge port `i`.
  Tile& EdgeTile(Dir side, int i, int reach) {
    const bool row_side = side == Dir::kW || side == Dir::kE;
    if (reach < 0 || reach >= (row_side ? kNumReach : 1))
      throw std::out_of_range("edge port reach " + std::to_string(reach) + " does not exist on that side");
    switch (side) {
      case Dir::kN: return At(i, 0);
      case Dir::kS: return At(i, height_ - 1);
      case Dir::kW: return At(reach, i);
      case Dir::kE: return At(width_ - 1 - reach, i);
      default: throw std::invalid_argument("the ramp is not an edge");
    }
  }
  // Side d, reach r of tile (x, y): inputs from the facing wire of the tile
  // it leads to, as rtl/mesh/wse_mesh.sv wires it; an edge port gets its
  // parity made from the host's word; a wire off the wafer stays idle.
  void ConnectWire(int x, int y, Dir d, int r) {
    const bool vertical = d == Dir::kN || d == Dir::kS;
    const int dx = vertical ? (r == 0 ? 0 : r == 1 ? -1 : 1) : (d == Dir::kE ? r + 1 : -(r + 1));
    const int dy = d == Dir::kN ? -1 : d == Dir::kS ? 1 : 0;
    const int nx = x + dx, ny = y + dy;
    Tile& me = At(x, y);
    const int i = WireBit(d, r);
    if (nx < 0 || nx >= width_ || ny < 0 || ny >= height_) {
      const bool edge_port = vertical ? r == 0 : (nx == -1 || nx == width_);
      if (edge_port)
        edge_parity_[Index(x, y)].push_back({SignalRef(me.in_data_i, i * kWaveletBits, kWaveletBits), SignalRef(me.in_par_i, i, 1)});
      return;
    }
    Tile& nb = At(nx, ny);
    const int o = WireBit(Opposite(d), vertical && r != 0 ? 3 - r : r);
    auto& w = wires_[Index(x, y)];
    w.push_back({SignalRef(nb.out_valid_o, o, 1), SignalRef(me.in_valid_i, i, 1)});
    w.push_back({SignalRef(nb.out_data_o, o * kWaveletBits, kWaveletBits),
                 SignalRef(me.in_data_i, i * kWaveletBits, kWaveletBits)});
    w.push_back({SignalRef(nb.in_ready_o, o, 1), SignalRef(me.out_ready_i, i, 1)});
    w.push_back({SignalRef(nb.out_par_o, o, 1), SignalRef(me.in_par_i, i, 1)});
  }
  // Config network link on side d of tile (x, y): nearest neighbours only.
  void ConnectCfg(int x, int y, Dir d) {
    int nx = x, ny = y;
    switch (d) {
      case Dir::kN: --ny; break;
      case Dir::kS: ++ny; break;
      case Dir::kE: ++nx; break;
      case Dir::kW: --nx; break;
      default: return;
    }
    if (nx < 0 || nx >= width_ || ny < 0 || ny >= height_) return;  // an entry point
    Tile& me = At(x, y);
    Tile& nb = At(nx, ny);
    const int i = static_cast<int>(d), o = static_cast<int>(Opposite(d));
    auto& w = wires_[Index(x, y)];
    // Valid and the 74-bit word in two slices.
    w.push_back({SignalRef(nb.cfg_out_valid_o, o, 1), SignalRef(me.cfg_in_valid_i, i, 1)});
    w.push_back({SignalRef(nb.cfg_out_data_o, o * kCfgLinkBits, 64),
                 SignalRef(me.cfg_in_data_i, i * kCfgLinkBits, 64)});
    w.push_back({SignalRef(nb.cfg_out_data_o, o * kCfgLinkBits + 64, kCfgLinkBits - 64),
                 SignalRef(me.cfg_in_data_i, i * kCfgLinkBits + 64, kCfgLinkBits - 64)});
  }

  std::unique_ptr<VerilatedContext> ctx_;
  std::vector<std::unique_ptr<Tile>> tiles_;
  std::vector<std::vector<Wire>> wires_;  // per destination tile
  std::vector<std::vector<FaultedLink>> faulted_;  // per destination tile
  std::vector<std::vector<EdgeParity>> edge_parity_;  // per edge tile
  std::vector<std::pair<size_t, size_t>> link_faults_;  // id -> (tile, index in faulted_)
  std::vector<size_t> flips_;                      // tiles with a config upset this edge
  WorkerPool pool_;
  std::unique_ptr<VerilatedFstC> tfp_;
  uint64_t cycle_ = 0;
};

}  // namespace

std::unique_ptr<MeshDut> MakeStitchedMesh(int width, int height, int threads, bool with_pe) {
  if (width < 1 || height < 1 || width > 1024 || height > 1024) {
    throw std::invalid_argument("mesh " + std::to_string(width) + "x" + std::to_string(height) +
                                " is outside 1x1 .. 1024x1024");
  }
  if (with_pe) return std::make_unique<StitchedMesh<Vwse_tile_pe>>(width, height, threads);
  return std::make_unique<StitchedMesh<Vwse_tile>>(width, height, threads);
}

std::unique_ptr<MeshDut> MakeStitchedDftMesh(int width, int height, int threads) {
  if (width < 1 || height < 1 || width > 1024 || height > 1024) {
    throw std::invalid_argument("mesh " + std::to_string(width) + "x" + std::to_string(height) +
                                " is outside 1x1 .. 1024x1024");
  }
  return std::make_unique<StitchedMesh<Vwse_tile_dft>>(width, height, threads);
}

}  // namespace wse::tb
