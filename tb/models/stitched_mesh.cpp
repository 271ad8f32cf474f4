// Stitched mesh: W x H instances of the Verilated wse_tile, wired in C++ the
// way rtl/mesh/wse_mesh.sv wires them. Every link and chain output of a tile
// comes from a flop (docs/fabric.md), so copying outputs to neighbour inputs
// once per cycle, after the edge, is exact.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "Vwse_tile.h"
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

class StitchedMesh final : public MeshDut {
 public:
  StitchedMesh(int width, int height, int threads)
      : MeshDut(width, height, 24), ctx_(std::make_unique<VerilatedContext>()), pool_(threads) {
    ctx_->traceEverOn(true);
    tiles_.reserve(static_cast<size_t>(width) * height);
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        const std::string name = "tile_" + std::to_string(x) + "_" + std::to_string(y);
        auto t = std::make_unique<Vwse_tile>(ctx_.get(), name.c_str());
        t->x_i = static_cast<SData>(x);
        t->y_i = static_cast<SData>(y);
        t->clk_i = 0;
        t->rst_ni = 1;
        tiles_.push_back(std::move(t));
      }
    }
    wires_.resize(tiles_.size());
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        for (int d = 0; d < kNumLinks; ++d) ConnectLink(x, y, static_cast<Dir>(d));
        if (x > 0) {
          Vwse_tile& me = Tile(x, y);
          Vwse_tile& west = Tile(x - 1, y);
          auto& w = wires_[Index(x, y)];
          w.push_back({SignalRef(west.cfg_out_valid_o, 0, 1), SignalRef(me.cfg_in_valid_i, 0, 1)});
          w.push_back({SignalRef(west.cfg_out_data_o, 0, kCfgPktBits),
                       SignalRef(me.cfg_in_data_i, 0, kCfgPktBits)});
        }
      }
    }
    for (auto& t : tiles_) t->eval();
  }

  ~StitchedMesh() override {
    CloseTrace();
    for (auto& t : tiles_) t->final();
  }

  LinkPins EdgeIn(Dir side, int index) override {
    Vwse_tile& t = EdgeTile(side, index);
    const int d = static_cast<int>(side);
    return {SignalRef(t.in_valid_i, d, 1), SignalRef(t.in_ready_o, d, 1),
            SignalRef(t.in_data_i, d * kWaveletBits, kWaveletBits)};
  }
  LinkPins EdgeOut(Dir side, int index) override {
    Vwse_tile& t = EdgeTile(side, index);
    const int d = static_cast<int>(side);
    return {SignalRef(t.out_valid_o, d, 1), SignalRef(t.out_ready_i, d, 1),
            SignalRef(t.out_data_o, d * kWaveletBits, kWaveletBits)};
  }
  LinkPins RampIn(int x, int y) override {
    Vwse_tile& t = Tile(x, y);
    return {SignalRef(t.ramp_in_valid_i, 0, 1), SignalRef(t.ramp_in_ready_o, 0, 1),
            SignalRef(t.ramp_in_data_i, 0, kWaveletBits)};
  }
  LinkPins RampOut(int x, int y) override {
    Vwse_tile& t = Tile(x, y);
    return {SignalRef(t.ramp_out_valid_o, 0, 1), SignalRef(t.ramp_out_ready_i, 0, 1),
            SignalRef(t.ramp_out_data_o, 0, kWaveletBits)};
  }
  CfgRowPins CfgRow(int y) override {
    Vwse_tile& w = Tile(0, y);
    Vwse_tile& e = Tile(width_ - 1, y);
    return {SignalRef(w.cfg_in_valid_i, 0, 1), SignalRef(w.cfg_in_data_i, 0, kCfgPktBits),
            SignalRef(e.cfg_out_valid_o, 0, 1), SignalRef(e.cfg_out_data_o, 0, kCfgPktBits)};
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
      for (size_t i = b; i < e; ++i)
        for (const Wire& w : wires_[i]) w.dst.Set(w.src.Get());
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
    return "mesh " + std::to_string(width_) + "x" + std::to_string(height_) +
           " (stitched wse_tile models, " + std::to_string(pool_.threads()) + " thread(s))";
  }

 private:
  size_t Index(int x, int y) const { return static_cast<size_t>(y) * width_ + x; }
  Vwse_tile& Tile(int x, int y) {
    if (x < 0 || x >= width_ || y < 0 || y >= height_) {
      throw std::out_of_range("tile (" + std::to_string(x) + "," + std::to_string(y) +
                              ") outside the mesh");
    }
    return *tiles_[Index(x, y)];
  }
  Vwse_tile& EdgeTile(Dir side, int i) {
    switch (side) {
      case Dir::kN: return Tile(i, 0);
      case Dir::kS: return Tile(i, height_ - 1);
      case Dir::kW: return Tile(0, i);
      case Dir::kE: return Tile(width_ - 1, i);
      default: throw std::invalid_argument("the ramp is not an edge");
    }
  }
  // Inner link on side d of tile (x, y): inputs from the neighbour's outputs.
  void ConnectLink(int x, int y, Dir d) {
    int nx = x, ny = y;
    switch (d) {
      case Dir::kN: --ny; break;
      case Dir::kS: ++ny; break;
      case Dir::kE: ++nx; break;
      case Dir::kW: --nx; break;
      default: return;
    }
    if (nx < 0 || nx >= width_ || ny < 0 || ny >= height_) return;  // edge port
    Vwse_tile& me = Tile(x, y);
    Vwse_tile& nb = Tile(nx, ny);
    const int i = static_cast<int>(d), o = static_cast<int>(Opposite(d));
    auto& w = wires_[Index(x, y)];
    w.push_back({SignalRef(nb.out_valid_o, o, 1), SignalRef(me.in_valid_i, i, 1)});
    w.push_back({SignalRef(nb.out_data_o, o * kWaveletBits, kWaveletBits),
                 SignalRef(me.in_data_i, i * kWaveletBits, kWaveletBits)});
    w.push_back({SignalRef(nb.in_ready_o, o, 1), SignalRef(me.out_ready_i, i, 1)});
  }

  std::unique_ptr<VerilatedContext> ctx_;
  std::vector<std::unique_ptr<Vwse_tile>> tiles_;
  std::vector<std::vector<Wire>> wires_;  // per destination tile
  WorkerPool pool_;
  std::unique_ptr<VerilatedFstC> tfp_;
  uint64_t cycle_ = 0;
};

}  // namespace

std::unique_ptr<MeshDut> MakeStitchedMesh(int width, int height, int threads) {
  if (width < 1 || height < 1 || width > 1024 || height > 1024) {
    throw std::invalid_argument("mesh " + std::to_string(width) + "x" + std::to_string(height) +
                                " is outside 1x1 .. 1024x1024");
  }
  return std::make_unique<StitchedMesh>(width, height, threads);
}

}  // namespace wse::tb
