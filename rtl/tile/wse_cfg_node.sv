// wse_cfg_node: one tile's node in the config network (docs/config.md).
//
// The network is a tree the firmware grows from the wafer edge around dead
// tiles. The node has a link to each neighbour (an edge tile's outward link is
// an entry point). It takes requests only from its parent side and forwards
// them to every other side one cycle later; it takes responses only from its
// children and passes them to its parent one cycle later. Nothing stalls and
// nothing is buffered: the host schedules requests so that no two responses
// ever reach a node in the same cycle (docs/dft.md, "Scheduled responses").
//
// Adoption: a write of TAP addressed to this tile takes effect only if it
// arrived from the side its new parent field names. The firmware floods the
// write through the tree; only the copy forwarded by the intended parent is
// taken, so the tree grows exactly where the firmware says.
//
// Every link word carries even parity over the packet. A word with bad
// parity is dropped and counted: a broken neighbour cannot inject commands.
//
// Timing: forwarding takes one cycle per hop each way. A request this tile
// serves is registered first (stage 1) and answered from the register (stage
// 2), so the register read, the response's parity and the output select are
// not on the same path as the input decode: a request to depth d returns at
// its entry point 2d cycles after it entered.
module wse_cfg_node (
  input  logic                                             clk_i,
  input  logic                                             rst_ni,
  input  logic [wse_pkg::CoordBits-1:0]                    x_i,
  input  logic [wse_pkg::CoordBits-1:0]                    y_i,
  // Links to the four neighbours, indexed by dir_e (N, E, S, W)
  input  logic [wse_pkg::NumLinks-1:0]                     in_valid_i,
  input  logic [wse_pkg::NumLinks*wse_pkg::CfgLinkBits-1:0] in_data_i,
  output logic [wse_pkg::NumLinks-1:0]                     out_valid_o,
  output logic [wse_pkg::NumLinks*wse_pkg::CfgLinkBits-1:0] out_data_o,
  // The request this tile serves this cycle (addressed to it, or broadcast)
  // (registered: one cycle after the request arrived)
  output logic                                             req_valid_o,
  output logic                                             req_hit_o,    // addressed: it answers
  output wse_pkg::cfg_pkt_t                                req_o,
  // The register block's answer to req_o (read data and status)
  input  logic [1:0]                                       status_i,
  input  logic [31:0]                                      rdata_i,
  output logic [7:0]                                       tap_o,
  output logic                                             tap_written_o,  // TAP takes a write this cycle
  output logic                                             parity_err_o, // a word was dropped
  output logic                                             collision_o   // two responses met
`ifdef WSE_FAULTS
  ,
  input  logic [7:0]                                       flt_tap_i     // upset of TAP bits, simulation only
`endif
);

  // Config upset hook (docs/dft.md): absent from synthesis.
  logic [7:0] tap_flip;
`ifdef WSE_FAULTS
  assign tap_flip = flt_tap_i;
`else
  assign tap_flip = '0;
`endif

  localparam int unsigned L  = wse_pkg::NumLinks;
  localparam int unsigned LB = wse_pkg::CfgLinkBits;
  localparam int unsigned PB = wse_pkg::CfgPktBits;

  logic [2:0] parent_q;
  logic [3:0] child_q;

  // ---------------------------------------------------------------------------
  // Per-side decode
  // ---------------------------------------------------------------------------
  logic [L-1:0] ok, is_rsp, adopt, child_rsp, mine;
  for (genvar d = 0; d < L; d++) begin : g_side
    logic [LB-1:0] w;
    assign w         = in_data_i[d*LB +: LB];
    assign ok[d]     = in_valid_i[d] && !(^w);
    assign is_rsp[d] = w[wse_pkg::CfgRespBit];
    // Addressed to this tile (not a broadcast): decoded per side, in parallel
    // with the parity check, so the side select is not in front of it.
    assign mine[d]   = !w[wse_pkg::CfgBcastBit] &&
                       w[wse_pkg::CfgRowLsb +: wse_pkg::CoordBits] == y_i &&
                       w[wse_pkg::CfgColLsb +: wse_pkg::CoordBits] == x_i;
    assign adopt[d]  = ok[d] && !is_rsp[d] && w[wse_pkg::CfgWriteBit] && mine[d] &&
                       w[wse_pkg::CfgAddrLsb +: wse_pkg::CfgAddrBits] == wse_pkg::CfgRegTap &&
                       w[wse_pkg::CfgDataLsb +: wse_pkg::TapParentBits] == 3'(d + 1);
    assign child_rsp[d] = ok[d] && is_rsp[d] && child_q[d] && (parent_q != 3'(d + 1));
  end

  logic       child_any, child_many;
  logic [1:0] child_sel;
  logic       has_parent, from_parent, sel_valid;
  logic [1:0] pd, sel;
  assign has_parent  = parent_q != 3'd0;
  assign pd          = 2'(parent_q - 3'd1);
  assign from_parent = has_parent && ok[pd] && !is_rsp[pd];

  always_comb begin
    sel_valid = from_parent;
    sel       = pd;
    if (!from_parent) begin
      for (int d = L - 1; d >= 0; d--) begin
        if (adopt[d]) begin
          sel_valid = 1'b1;
          sel       = 2'(d);
        end
      end
    end
  end

  wse_pkg::cfg_pkt_t req, rsp;
  logic              hit, tap_write, tap_ok;
  // Side selects as balanced mux trees (docs/rtl-subset.md: a variable part
  // select becomes a shifter in yosys).
  logic [LB-1:0] child_word, parent_word;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [LB-1:0] sel_word;  // its parity bit was checked on the side (ok[])
  /* verilator lint_on UNUSEDSIGNAL */
  wse_index_mux #(.Width(LB), .N(L)) u_sel_mux    (.data_i(in_data_i), .sel_i(sel),       .data_o(sel_word));
  wse_index_mux #(.Width(LB), .N(L)) u_child_mux  (.data_i(in_data_i), .sel_i(child_sel), .data_o(child_word));
  wse_index_mux #(.Width(LB), .N(L)) u_parent_mux (.data_i(in_data_i), .sel_i(pd),        .data_o(parent_word));
  assign req       = sel_word[PB-1:0];
  assign hit       = sel_valid && mine[sel];
  assign tap_write = hit && req.write && req.addr == wse_pkg::CfgRegTap;
  // The new parent must be the side the write came from; detaching (parent 0)
  // only from the current parent.
  assign tap_ok    = tap_write && (req.data[2:0] == 3'(sel) + 3'd1 ||
                                   (req.data[2:0] == 3'd0 && from_parent));

  // Stage 1 -> 2: the request this tile serves, the side it came from and
  // whether a TAP write in it was taken.
  wse_pkg::cfg_pkt_t srv_q;
  logic              srv_valid_q, srv_hit_q, srv_tap_ok_q;
  logic [1:0]        srv_dir_q;

  always_comb begin
    rsp         = srv_q;
    rsp.is_resp = 1'b1;
    rsp.status  = status_i;
    rsp.data    = srv_q.write ? srv_q.data : rdata_i;
    if (srv_q.addr == wse_pkg::CfgRegTap) begin
      rsp.status = (srv_q.write && !srv_tap_ok_q) ? wse_pkg::CfgErrRo : wse_pkg::CfgOk;
      if (!srv_q.write) rsp.data = {24'd0, child_q, 1'b0, parent_q};
    end
  end

  // The lowest-numbered child with a response; more than one is a collision.
  always_comb begin
    child_any  = 1'b0;
    child_many = 1'b0;
    child_sel  = '0;
    for (int d = L - 1; d >= 0; d--) begin
      if (child_rsp[d]) begin
        child_many = child_many || child_any;
        child_any  = 1'b1;
        child_sel  = 2'(d);
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs, one cycle later
  // ---------------------------------------------------------------------------
  logic [L-1:0]    out_valid_d;
  logic [L*LB-1:0] out_data_d;
  logic            own_rsp, own_vs_child;
  assign own_rsp      = srv_valid_q && srv_hit_q;
  assign own_vs_child = own_rsp && child_any && has_parent && srv_dir_q == pd;

  always_comb begin
    out_valid_d = '0;
    out_data_d  = '0;
    for (int d = 0; d < L; d++) begin
      if (own_rsp && srv_dir_q == 2'(d)) begin
        out_valid_d[d]          = 1'b1;
        out_data_d[d*LB +: LB]  = {^rsp, rsp};
      end else if (has_parent && pd == 2'(d) && child_any) begin
        out_valid_d[d]          = 1'b1;
        out_data_d[d*LB +: LB]  = child_word;
      end else if (from_parent && !mine[pd] && pd != 2'(d)) begin
        out_valid_d[d]          = 1'b1;
        out_data_d[d*LB +: LB]  = parent_word;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      parent_q     <= '0;
      child_q      <= '0;
      out_valid_o  <= '0;
      out_data_o   <= '0;
      srv_q        <= '0;
      srv_valid_q  <= 1'b0;
      srv_hit_q    <= 1'b0;
      srv_tap_ok_q <= 1'b0;
      srv_dir_q    <= '0;
    end else begin
      srv_valid_q  <= sel_valid && (hit || req.bcast);
      srv_hit_q    <= hit;
      srv_tap_ok_q <= tap_ok;
      srv_dir_q    <= sel;
      if (sel_valid) srv_q <= req;
      if (tap_ok) begin
        parent_q <= req.data[2:0];
        child_q  <= req.data[wse_pkg::TapChildLsb +: 4];
      end else begin
        parent_q <= parent_q ^ tap_flip[2:0];
        child_q  <= child_q ^ tap_flip[wse_pkg::TapChildLsb +: 4];
      end
      out_valid_o <= out_valid_d;
      out_data_o  <= out_data_d;
    end
  end

  assign req_valid_o  = srv_valid_q;
  assign req_hit_o    = srv_hit_q;
  assign req_o        = srv_q;
  assign tap_o        = {child_q, 1'b0, parent_q};
  assign tap_written_o = tap_ok;
  /* verilator lint_off UNUSEDSIGNAL */
  logic unused_flip;  // TAP bit 3 is constant 0
  /* verilator lint_on UNUSEDSIGNAL */
  assign unused_flip = tap_flip[3];
  assign parity_err_o = (in_valid_i & ~ok) != '0;
  assign collision_o  = child_many || own_vs_child;

endmodule
