// wse_router: five-port static-route router (N, E, S, W, ramp).
//
// Every input port has a FIFO; every output port has one register. A wavelet
// at the head of input i with color c is checked against route entry c: it is
// accepted if rx_mask[i] is set and copied to every output in tx_mask
// (multicast). Each output picks among the inputs that want it with its own
// round-robin arbiter, so colors contending for an output share it fairly. An
// input pops its head once every requested output has taken a copy; outputs
// may take their copies in different cycles (sent_q remembers which did).
//
// Latency:    2 cycles per hop (input FIFO write, then output register).
// Throughput: one wavelet per cycle per output port and per input port.
// Ordering:   an input port is a FIFO, so wavelets of one color entering
//             through one port leave every output in arrival order.
// Unrouted:   a head whose color is >= NumColors, whose input is not in
//             rx_mask, or whose tx_mask is empty is consumed and reported on
//             drop_o; the tile counts it in ERR_UNROUTED.
// Disable:    enable_i low stops new wavelets entering; wavelets already
//             inside drain, so an accepted wavelet is never lost.
// Timing:     no combinational path from any input to any output port signal;
//             in_ready_o and out_valid_o/out_data_o come from state only.
//
// Port vectors are flat, one slice per port indexed by wse_pkg::dir_e:
// in_data_i[d*WaveletBits +: WaveletBits] is port d (docs/rtl-subset.md).
module wse_router #(
  parameter int unsigned NumColors   = 24,  // route table entries, 1..32
  parameter int unsigned InFifoDepth = 2    // entries per input FIFO, >= 1
) (
  input  logic                                              clk_i,
  input  logic                                              rst_ni,
  // Configuration (from the tile's config registers)
  input  logic                                              enable_i,
  input  logic [NumColors*wse_pkg::RouteBits-1:0]           route_i,   // entry c at c*RouteBits
  // Input ports
  input  logic [wse_pkg::NumPorts-1:0]                      in_valid_i,
  output logic [wse_pkg::NumPorts-1:0]                      in_ready_o,
  input  logic [wse_pkg::NumPorts*wse_pkg::WaveletBits-1:0] in_data_i,
  // Output ports
  output logic [wse_pkg::NumPorts-1:0]                      out_valid_o,
  input  logic [wse_pkg::NumPorts-1:0]                      out_ready_i,
  output logic [wse_pkg::NumPorts*wse_pkg::WaveletBits-1:0] out_data_o,
  // Status
  output logic [wse_pkg::NumPorts-1:0]                      drop_o,        // unrouted head consumed
  output logic [wse_pkg::ColorBits-1:0]                     drop_color_o,  // color at lowest drop_o port
  output logic [wse_pkg::PortBits-1:0]                      drop_port_o,   // lowest drop_o port
  output logic                                              busy_o         // a wavelet is inside
);

  localparam int unsigned P  = wse_pkg::NumPorts;
  localparam int unsigned WB = wse_pkg::WaveletBits;
  localparam int unsigned CB = wse_pkg::ColorBits;
  localparam int unsigned RB = wse_pkg::RouteBits;
  // Route-table index bits; colors >= NumColors are caught by in_range.
  localparam int unsigned ColorSelBits = (NumColors > 1) ? $clog2(NumColors) : 1;

  // ---------------------------------------------------------------------------
  // Input FIFOs
  // ---------------------------------------------------------------------------
  logic [P-1:0]    fifo_in_ready, head_valid, pop;
  logic [P*WB-1:0] head;

  for (genvar i = 0; i < P; i++) begin : gen_in
    /* verilator lint_off UNUSEDSIGNAL */  // occupancy is not needed here
    logic [$clog2(InFifoDepth + 1)-1:0] count;
    /* verilator lint_on UNUSEDSIGNAL */
    wse_fifo #(
      .Width(WB),
      .Depth(InFifoDepth)
    ) u_fifo (
      .clk_i,
      .rst_ni,
      .in_valid_i (in_valid_i[i] & enable_i),
      .in_ready_o (fifo_in_ready[i]),
      .in_data_i  (in_data_i[i*WB +: WB]),
      .out_valid_o(head_valid[i]),
      .out_ready_i(pop[i]),
      .out_data_o (head[i*WB +: WB]),
      .count_o    (count)
    );
    assign in_ready_o[i] = fifo_in_ready[i] & enable_i;
  end

  // ---------------------------------------------------------------------------
  // Route lookup: which outputs each head still needs
  // ---------------------------------------------------------------------------
  logic [P*P-1:0]  sent_q;  // [i*P+o]: output o already took head i
  logic [P*P-1:0]  want;    // [i*P+o]: head i still needs output o
  logic [P*CB-1:0] head_color;
  logic [P-1:0]    drop;

  for (genvar i = 0; i < P; i++) begin : gen_lookup
    logic [CB-1:0] color;
    logic [RB-1:0] entry;
    logic [P-1:0]  tx_mask;
    logic          rx_ok, in_range, routed;

    assign color    = head[i*WB + wse_pkg::WaveletColorLsb +: CB];
    assign in_range = (32'(color) < NumColors);
    wse_index_mux #(
      .Width(RB),
      .N    (NumColors)
    ) u_route_mux (
      .data_i(route_i),
      .sel_i (color[ColorSelBits-1:0]),
      .data_o(entry)
    );
    assign rx_ok    = in_range && entry[wse_pkg::RouteRxLsb + i];
    assign tx_mask  = entry[wse_pkg::RouteTxLsb +: P];
    assign routed   = rx_ok && (tx_mask != '0);

    assign head_color[i*CB +: CB] = color;
    assign want[i*P +: P]         = (head_valid[i] && routed) ? (tx_mask & ~sent_q[i*P +: P]) : '0;
    assign drop[i]                = head_valid[i] && !routed;
  end

  // ---------------------------------------------------------------------------
  // Output arbitration and registers
  // ---------------------------------------------------------------------------
  logic [P-1:0]    out_valid_q;
  logic [P*WB-1:0] out_data_q;
  logic [P-1:0]    load;  // output o takes a wavelet this cycle
  logic [P*P-1:0]  gnt;   // [o*P+i]: output o grants input i

  // Each output's register lives in its own generate scope, so waveforms
  // show gen_out[o].valid_q / ready / data_q per port.
  for (genvar o = 0; o < P; o++) begin : gen_out
    logic                  valid_q;
    logic [WB-1:0]         data_q;
    logic                  ready;
    logic [P-1:0]          req;
    logic [P-1:0]          gnt_o;
    /* verilator lint_off UNUSEDSIGNAL */  // the one-hot grant selects the data
    logic [$clog2(P)-1:0]  gnt_idx;
    /* verilator lint_on UNUSEDSIGNAL */
    logic [WB-1:0]         sel_data;
    logic                  space;

    for (genvar i = 0; i < P; i++) begin : gen_req
      assign req[i] = want[i*P + o];
    end
    assign ready   = out_ready_i[o];
    assign space   = !valid_q || ready;
    assign load[o] = space && (req != '0);

    wse_rr_arbiter #(
      .N(P)
    ) u_arb (
      .clk_i,
      .rst_ni,
      .req_i    (req),
      .advance_i(load[o]),
      .gnt_o    (gnt_o),
      .gnt_idx_o(gnt_idx)
    );
    assign gnt[o*P +: P] = gnt_o;

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        valid_q <= 1'b0;
      end else if (load[o]) begin
        valid_q <= 1'b1;
      end else if (ready) begin
        valid_q <= 1'b0;
      end
    end

    // One-hot AND-OR select of the granted head (cheaper than indexing by
    // gnt_idx, which yosys builds as a shifter).
    always_comb begin
      sel_data = '0;
      for (int unsigned i = 0; i < P; i++) begin
        if (gnt_o[i]) sel_data = sel_data | head[i*WB +: WB];
      end
    end

    always_ff @(posedge clk_i) begin
      if (load[o]) data_q <= sel_data;
    end

    assign out_valid_q[o]          = valid_q;
    assign out_data_q[o*WB +: WB] = data_q;
  end

  assign out_valid_o = out_valid_q;
  assign out_data_o  = out_data_q;

  // ---------------------------------------------------------------------------
  // Input completion: pop once every wanted output has its copy
  // ---------------------------------------------------------------------------
  logic [P*P-1:0] served;  // [i*P+o]: output o took head i this cycle
  logic [P*P-1:0] sent_d;

  always_comb begin
    for (int unsigned i = 0; i < P; i++) begin
      for (int unsigned o = 0; o < P; o++) begin
        served[i*P + o] = load[o] && gnt[o*P + i];
      end
      pop[i] = drop[i] ||
               ((want[i*P +: P] != '0) && ((want[i*P +: P] & ~served[i*P +: P]) == '0));
      sent_d[i*P +: P] = pop[i] ? '0 : (sent_q[i*P +: P] | served[i*P +: P]);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sent_q <= '0;
    else         sent_q <= sent_d;
  end

  // ---------------------------------------------------------------------------
  // Status
  // ---------------------------------------------------------------------------
  // The lowest-numbered dropped port is reported; ERR_UNROUTED counts them all.
  always_comb begin
    drop_port_o  = '0;
    drop_color_o = '0;
    for (int i = P - 1; i >= 0; i--) begin
      if (drop[i]) begin
        drop_port_o  = 3'(i);
        drop_color_o = head_color[i*CB +: CB];
      end
    end
  end

  assign drop_o = drop;
  assign busy_o = (head_valid != '0) || (out_valid_q != '0);

endmodule
