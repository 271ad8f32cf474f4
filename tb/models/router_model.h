#pragma once
// RouterModel<M>: RouterDut over a Verilated wse_router class M. RTL and
// netlist share the port list, so one template serves both.

#include <memory>
#include <string>

#include "harness/signal.h"
#include "models/router_dut.h"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace wse::tb {

template <class M>
class RouterModel final : public RouterDut {
 public:
  /// `has_internals`: the RTL keeps its hierarchy; a flattened netlist does not.
  RouterModel(int num_colors, std::string describe, bool has_internals)
      : ctx_(std::make_unique<VerilatedContext>()), num_colors_(num_colors),
        describe_(std::move(describe)), has_internals_(has_internals) {
    ctx_->traceEverOn(true);
    m_ = std::make_unique<M>(ctx_.get(), "router");
    m_->clk_i = 0;
    m_->rst_ni = 1;
    m_->enable_i = 1;
    m_->eval();
  }
  ~RouterModel() override {
    CloseTrace();
    m_->final();
  }

  LinkPins In(Dir d) override {
    const int i = static_cast<int>(d);
    return {SignalRef(m_->in_valid_i, i, 1), SignalRef(m_->in_ready_o, i, 1),
            SignalRef(m_->in_data_i, i * kWaveletBits, kWaveletBits)};
  }
  LinkPins Out(Dir d) override {
    const int i = static_cast<int>(d);
    return {SignalRef(m_->out_valid_o, i, 1), SignalRef(m_->out_ready_i, i, 1),
            SignalRef(m_->out_data_o, i * kWaveletBits, kWaveletBits)};
  }
  void SetRoute(int color, Route r) override {
    SignalRef(m_->route_i, color * kRouteBits, kRouteBits).Set(r.Pack());
  }
  void SetEnable(bool on) override { m_->enable_i = on ? 1 : 0; }
  uint32_t DropMask() override { return m_->drop_o; }
  uint32_t DropColor() override { return m_->drop_color_o; }
  uint32_t DropPort() override { return m_->drop_port_o; }
  bool Busy() override { return m_->busy_o != 0; }
  int num_colors() const override { return num_colors_; }

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
  std::string Describe() const override { return describe_; }
  std::vector<WaveGroup> WaveLayout() const override {
    std::vector<WaveGroup> g;
    g.push_back(WaveGroup{"router",
                          {{"router.clk_i"}, {"router.rst_ni"}, {"router.enable_i"},
                           {"router.drop_o[4:0]"}, {"router.drop_color_o[4:0]", true},
                           {"router.busy_o"}, {"router.in_valid_i[4:0]"}, {"router.in_ready_o[4:0]"},
                           {"router.out_valid_o[4:0]"}, {"router.out_ready_i[4:0]"}},
                          {}, true});
    if (has_internals_) {
      g.push_back(WaveGroup{"ports (N E S W ramp)", {}, RouterPortGroups("router.wse_router"), true});
    } else {
      g.push_back(WaveGroup{"data (flattened netlist)",
                            {{"router.in_data_i[189:0]", true}, {"router.out_data_o[189:0]", true}},
                            {}, true});
    }
    return g;
  }

 private:
  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<M> m_;
  std::unique_ptr<VerilatedFstC> tfp_;
  int num_colors_;
  std::string describe_;
  bool has_internals_;
  uint64_t cycle_ = 0;
};

}  // namespace wse::tb
