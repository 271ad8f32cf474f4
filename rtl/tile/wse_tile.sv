// wse_tile: one tile of the wafer: router, config/status registers and the
// slot where the processing element sits.
//
// Until the PE exists, the ramp (router port DirRamp) is brought out as tile
// ports so a testbench or a PE model drives it through real handshakes.
// The four fabric links (N, E, S, W) keep the router's port order:
// in_data_i[d*WaveletBits +: WaveletBits] is direction d of wse_pkg::dir_e.
// All link and chain outputs come from flops (see wse_router, wse_tile_cfg).
module wse_tile #(
  parameter int unsigned NumColors   = 24,  // colors (route table entries), 1..32
  parameter int unsigned InFifoDepth = 2    // router input FIFO depth, >= 1
) (
  input  logic                                              clk_i,
  input  logic                                              rst_ni,
  // Position straps
  input  logic [wse_pkg::CoordBits-1:0]                     x_i,
  input  logic [wse_pkg::CoordBits-1:0]                     y_i,
  // Fabric links to the four neighbours, indexed by dir_e (N, E, S, W)
  input  logic [wse_pkg::NumLinks-1:0]                      in_valid_i,
  output logic [wse_pkg::NumLinks-1:0]                      in_ready_o,
  input  logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0] in_data_i,
  output logic [wse_pkg::NumLinks-1:0]                      out_valid_o,
  input  logic [wse_pkg::NumLinks-1:0]                      out_ready_i,
  output logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0] out_data_o,
  // Ramp: PE slot to router (ramp_in) and router to PE slot (ramp_out)
  input  logic                                              ramp_in_valid_i,
  output logic                                              ramp_in_ready_o,
  input  logic [wse_pkg::WaveletBits-1:0]                   ramp_in_data_i,
  output logic                                              ramp_out_valid_o,
  input  logic                                              ramp_out_ready_i,
  output logic [wse_pkg::WaveletBits-1:0]                   ramp_out_data_o,
  // Config chain, west neighbour in, east neighbour out
  input  logic                                              cfg_in_valid_i,
  input  logic [wse_pkg::CfgPktBits-1:0]                    cfg_in_data_i,
  output logic                                              cfg_out_valid_o,
  output logic [wse_pkg::CfgPktBits-1:0]                    cfg_out_data_o
);

  localparam int unsigned P  = wse_pkg::NumPorts;
  localparam int unsigned L  = wse_pkg::NumLinks;
  localparam int unsigned WB = wse_pkg::WaveletBits;

  logic                                 enable;
  logic [NumColors*wse_pkg::RouteBits-1:0] route;
  logic [P-1:0]                         r_in_valid, r_in_ready, r_out_valid, r_out_ready;
  logic [P*WB-1:0]                      r_in_data, r_out_data;
  logic [P-1:0]                         drop;
  logic [wse_pkg::ColorBits-1:0]        drop_color;
  logic [wse_pkg::PortBits-1:0]         drop_port;
  logic                                 busy;

  // Router port DirRamp (4) is the last slice, after the four links.
  assign r_in_valid  = {ramp_in_valid_i, in_valid_i};
  assign r_in_data   = {ramp_in_data_i, in_data_i};
  assign r_out_ready = {ramp_out_ready_i, out_ready_i};

  assign in_ready_o       = r_in_ready[L-1:0];
  assign ramp_in_ready_o  = r_in_ready[wse_pkg::DirRamp];
  assign out_valid_o      = r_out_valid[L-1:0];
  assign out_data_o       = r_out_data[L*WB-1:0];
  assign ramp_out_valid_o = r_out_valid[wse_pkg::DirRamp];
  assign ramp_out_data_o  = r_out_data[wse_pkg::DirRamp*WB +: WB];

  wse_router #(
    .NumColors  (NumColors),
    .InFifoDepth(InFifoDepth)
  ) u_router (
    .clk_i,
    .rst_ni,
    .enable_i    (enable),
    .route_i     (route),
    .in_valid_i  (r_in_valid),
    .in_ready_o  (r_in_ready),
    .in_data_i   (r_in_data),
    .out_valid_o (r_out_valid),
    .out_ready_i (r_out_ready),
    .out_data_o  (r_out_data),
    .drop_o      (drop),
    .drop_color_o(drop_color),
    .drop_port_o (drop_port),
    .busy_o      (busy)
  );

  wse_tile_cfg #(
    .NumColors(NumColors)
  ) u_cfg (
    .clk_i,
    .rst_ni,
    .x_i,
    .y_i,
    .cfg_in_valid_i,
    .cfg_in_data_i,
    .cfg_out_valid_o,
    .cfg_out_data_o,
    .enable_o     (enable),
    .route_o      (route),
    .router_busy_i(busy),
    .drop_i       (drop),
    .drop_color_i (drop_color),
    .drop_port_i  (drop_port),
    .rx_fire_i    (r_in_valid & r_in_ready)
  );

endmodule
