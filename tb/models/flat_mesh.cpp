// Flat mesh: rtl/mesh/wse_mesh.sv Verilated whole for one fixed shape. Tests
// run on it exactly as on the stitched mesh, which checks the RTL mesh wiring
// and the stitched model against each other.

#include <memory>
#include <stdexcept>
#include <string>

#include "Vwse_mesh_flat.h"
#include "models/mesh_dut.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#ifndef WSE_FLAT_W
#error "WSE_FLAT_W / WSE_FLAT_H must match the -G parameters the flat model was Verilated with"
#endif

namespace wse::tb {
namespace {

class FlatMesh final : public MeshDut {
 public:
  FlatMesh() : MeshDut(WSE_FLAT_W, WSE_FLAT_H, 24), ctx_(std::make_unique<VerilatedContext>()) {
    ctx_->traceEverOn(true);
    m_ = std::make_unique<Vwse_mesh_flat>(ctx_.get(), "mesh");
    m_->clk_i = 0;
    m_->rst_ni = 1;
    m_->eval();
  }
  ~FlatMesh() override {
    CloseTrace();
    m_->final();
  }

  using MeshDut::EdgeIn;
  using MeshDut::EdgeOut;
  LinkPins EdgeIn(Dir side, int i, int reach) override {
    const int k = Port(side, i, reach);
    switch (side) {
      case Dir::kN: return Pins(m_->north_in_valid_i, m_->north_in_ready_o, m_->north_in_data_i, k);
      case Dir::kE: return Pins(m_->east_in_valid_i, m_->east_in_ready_o, m_->east_in_data_i, k);
      case Dir::kS: return Pins(m_->south_in_valid_i, m_->south_in_ready_o, m_->south_in_data_i, k);
      default: return Pins(m_->west_in_valid_i, m_->west_in_ready_o, m_->west_in_data_i, k);
    }
  }
  LinkPins EdgeOut(Dir side, int i, int reach) override {
    const int k = Port(side, i, reach);
    switch (side) {
      case Dir::kN: return Pins(m_->north_out_valid_o, m_->north_out_ready_i, m_->north_out_data_o, k);
      case Dir::kE: return Pins(m_->east_out_valid_o, m_->east_out_ready_i, m_->east_out_data_o, k);
      case Dir::kS: return Pins(m_->south_out_valid_o, m_->south_out_ready_i, m_->south_out_data_o, k);
      default: return Pins(m_->west_out_valid_o, m_->west_out_ready_i, m_->west_out_data_o, k);
    }
  }
  LinkPins RampIn(int x, int y) override {
    return Pins(m_->ramp_in_valid_i, m_->ramp_in_ready_o, m_->ramp_in_data_i, TileIndex(x, y));
  }
  LinkPins RampOut(int x, int y) override {
    return Pins(m_->ramp_out_valid_o, m_->ramp_out_ready_i, m_->ramp_out_data_o, TileIndex(x, y));
  }
  CfgEntryPins CfgEntry(Dir side, int i) override {
    Check(side, i);
    switch (side) {
      case Dir::kN: return Cfg(m_->cfg_north_in_valid_i, m_->cfg_north_in_data_i, m_->cfg_north_out_valid_o, m_->cfg_north_out_data_o, i);
      case Dir::kE: return Cfg(m_->cfg_east_in_valid_i, m_->cfg_east_in_data_i, m_->cfg_east_out_valid_o, m_->cfg_east_out_data_o, i);
      case Dir::kS: return Cfg(m_->cfg_south_in_valid_i, m_->cfg_south_in_data_i, m_->cfg_south_out_valid_o, m_->cfg_south_out_data_o, i);
      default: return Cfg(m_->cfg_west_in_valid_i, m_->cfg_west_in_data_i, m_->cfg_west_out_valid_o, m_->cfg_west_out_data_o, i);
    }
  }
  std::string TileScope(int x, int y) const override {
    return "mesh.wse_mesh.gen_row[" + std::to_string(y) + "].gen_col[" + std::to_string(x) +
           "].u_tile";
  }

  void SetReset(bool asserted) override { m_->rst_ni = asserted ? 0 : 1; }
  void EvalComb() override {
    m_->clk_i = 0;
    m_->eval();
    if (tfp_) tfp_->dump(TraceTimeLow(cycle_));
  }
  void Tick() override {
    m_->clk_i = 1;
    m_->eval();
    if (tfp_) tfp_->dump(TraceTimeHigh(cycle_));
    ++cycle_;
  }
  void OpenTrace(const std::string& path) override {
    tfp_ = std::make_unique<VerilatedFstC>();
    m_->trace(tfp_.get(), 99);
    tfp_->open(path.c_str());
  }
  void CloseTrace() override {
    if (tfp_) tfp_->close();
    tfp_.reset();
  }
  std::string Describe() const override {
    return "mesh " + std::to_string(width_) + "x" + std::to_string(height_) +
           " (flat wse_mesh model)";
  }

 private:
  template <class V, class R, class D>
  static LinkPins Pins(V& valid, R& ready, D& data, int i) {
    return {SignalRef(valid, i, 1), SignalRef(ready, i, 1),
            SignalRef(data, i * kWaveletBits, kWaveletBits)};
  }
  template <class IV, class ID, class OV, class OD>
  static CfgEntryPins Cfg(IV& iv, ID& id, OV& ov, OD& od, int i) {
    const int lsb = i * kCfgLinkBits;
    return {SignalRef(iv, i, 1), SignalRef(id, lsb, 64), SignalRef(id, lsb + 64, kCfgLinkBits - 64),
            SignalRef(ov, i, 1), SignalRef(od, lsb, 64), SignalRef(od, lsb + 64, kCfgLinkBits - 64)};
  }
  void Check(Dir side, int i) const {
    const int n = (side == Dir::kN || side == Dir::kS) ? width_ : height_;
    if (side == Dir::kRamp || i < 0 || i >= n) throw std::out_of_range("edge port outside the mesh");
  }
  // Index of the fabric edge port in wse_mesh's vectors: W/E have one per
  // row and reach (y*NumReach + r), N/S one per column.
  int Port(Dir side, int i, int reach) const {
    Check(side, i);
    const bool row_side = side == Dir::kW || side == Dir::kE;
    if (reach < 0 || reach >= (row_side ? std::min(kNumReach, width_) : 1))
      throw std::out_of_range("edge port reach " + std::to_string(reach) + " does not exist on that side");
    return row_side ? i * kNumReach + reach : i;
  }
  int TileIndex(int x, int y) const {
    if (x < 0 || x >= width_ || y < 0 || y >= height_) throw std::out_of_range("tile outside the mesh");
    return y * width_ + x;
  }

  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<Vwse_mesh_flat> m_;
  std::unique_ptr<VerilatedFstC> tfp_;
  uint64_t cycle_ = 0;
};

}  // namespace

bool FlatMeshAvailable(int width, int height) { return width == WSE_FLAT_W && height == WSE_FLAT_H; }

std::unique_ptr<MeshDut> MakeFlatMesh(int width, int height) {
  if (!FlatMeshAvailable(width, height)) {
    throw std::invalid_argument("no flat mesh model compiled for " + std::to_string(width) + "x" +
                                std::to_string(height) + " (only " + std::to_string(WSE_FLAT_W) +
                                "x" + std::to_string(WSE_FLAT_H) + ")");
  }
  return std::make_unique<FlatMesh>();
}

}  // namespace wse::tb
