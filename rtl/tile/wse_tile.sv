// wse_tile: one tile of the wafer: router, config/status registers and the
// slot where the processing element sits.
//
// Until the PE exists, the ramp (router port DirRamp) is brought out as tile
// ports so a testbench or a PE model drives it through real handshakes.
// The four logical fabric links (N, E, S, W) keep the router's port order
// (direction d of wse_pkg::dir_e); the repair shell steers each onto one of
// the side's redundant physical wires (docs/repair.md).
// All link and chain outputs come from flops (see wse_router, wse_tile_cfg).
module wse_tile #(
  parameter int unsigned NumColors   = 24,     // colors (route table entries), 1..32
  parameter int unsigned InFifoDepth = 2,      // router input FIFO depth, >= 1
  // 1: the PE sits on the ramp. 0: the ramp ports below stand in for it, so
  // fabric tests drive the router's ramp directly (the fabric-only tile).
  parameter int unsigned HasPe       = 0,
  parameter int unsigned SramWords   = 12288   // PE SRAM, 32-bit words (48 KiB)
) (
  input  logic                                              clk_i,
  input  logic                                              rst_ni,
  // Position straps
  input  logic [wse_pkg::CoordBits-1:0]                     x_i,
  input  logic [wse_pkg::CoordBits-1:0]                     y_i,
  // Fabric wires to the neighbours: side d (dir_e: N, E, S, W), reach r
  // at d*NumReach + r (wse_repair_shell, docs/repair.md)
  input  logic [wse_pkg::NumPhysLinks-1:0]                      in_valid_i,
  output logic [wse_pkg::NumPhysLinks-1:0]                      in_ready_o,
  input  logic [wse_pkg::NumPhysLinks*wse_pkg::WaveletBits-1:0] in_data_i,
  output logic [wse_pkg::NumPhysLinks-1:0]                      out_valid_o,
  input  logic [wse_pkg::NumPhysLinks-1:0]                      out_ready_i,
  output logic [wse_pkg::NumPhysLinks*wse_pkg::WaveletBits-1:0] out_data_o,
  // Link parity wires beside the data (wse_link_parity), same indexing
  input  logic [wse_pkg::NumPhysLinks-1:0]                      in_par_i,
  output logic [wse_pkg::NumPhysLinks-1:0]                      out_par_o,
  // Ramp: PE slot to router (ramp_in) and router to PE slot (ramp_out)
  input  logic                                              ramp_in_valid_i,
  output logic                                              ramp_in_ready_o,
  input  logic [wse_pkg::WaveletBits-1:0]                   ramp_in_data_i,
  output logic                                              ramp_out_valid_o,
  input  logic                                              ramp_out_ready_i,
  output logic [wse_pkg::WaveletBits-1:0]                   ramp_out_data_o,
  // Config network links to the four neighbours, indexed by dir_e
  input  logic [wse_pkg::NumLinks-1:0]                      cfg_in_valid_i,
  input  logic [wse_pkg::NumLinks*wse_pkg::CfgLinkBits-1:0] cfg_in_data_i,
  output logic [wse_pkg::NumLinks-1:0]                      cfg_out_valid_o,
  output logic [wse_pkg::NumLinks*wse_pkg::CfgLinkBits-1:0] cfg_out_data_o,
  // PE lockstep trace, for the harness only (zero without a PE; left open in
  // the mesh, so synthesis removes it): docs/pe.md
  output logic                                              tr_valid_o,
  output logic [31:0]                                       tr_pc_o,
  output logic [31:0]                                       tr_insn_o,
  output logic                                              tr_trap_o,
  output logic [3:0]                                        tr_cause_o,
  output logic                                              tr_rd_we_o,
  output logic [4:0]                                        tr_rd_o,
  output logic [31:0]                                       tr_rd_data_o,
  output logic [4:0]                                        tr_color_o,
  output logic [3:0]                                        tr_mem_be_o,
  output logic [31:0]                                       tr_mem_addr_o,
  output logic [31:0]                                       tr_mem_data_o,
  output logic                                              tr_tx_fire_o,
  output logic [wse_pkg::WaveletBits-1:0]                   tr_tx_data_o,
  output logic                                              tr_rx_fire_o
`ifdef WSE_FAULTS
  ,
  // Fault injection, simulation only (docs/dft.md): whole-tile, PE and
  // router-port faults, two SRAM cell-fault slots and config upsets.
  input  logic [wse_pkg::FltTileBits-1:0]                   flt_tile_i,
  input  logic [2*wse_pkg::FltSramSlotBits-1:0]             flt_sram_i,
  input  logic [wse_pkg::FltCfgBits-1:0]                    flt_cfg_i
`endif
);

  localparam int unsigned P  = wse_pkg::NumPorts;
  localparam int unsigned L  = wse_pkg::NumLinks;
  localparam int unsigned WB = wse_pkg::WaveletBits;

  logic                                 enable;
  logic [NumColors*wse_pkg::RouteBits-1:0] route;
  // r_*: the router's ports as the link BIST and the PE see them, outside
  // the router BIST; rb_*: between the router BIST and the router (where a
  // dead port is injected); rr_*: the router's own pins.
  logic [P-1:0]                         r_in_valid, r_in_ready, r_out_valid, r_out_ready;
  logic [P*WB-1:0]                      r_in_data, r_out_data;
  logic [P-1:0]                         rb_in_valid, rb_in_ready, rb_out_valid, rb_out_ready;
  logic [P-1:0]                         rr_in_valid, rr_in_ready, rr_out_valid, rr_out_ready;
  logic [P*WB-1:0]                      rb_in_data;
  logic [P-1:0]                         drop;
  logic [wse_pkg::ColorBits-1:0]        drop_color;
  logic [wse_pkg::PortBits-1:0]         drop_port;
  logic                                 busy;

  // The ramp as the router sees it: from the PE, or from the tile ports.
  logic          ramp_in_valid, ramp_in_ready, ramp_out_valid, ramp_out_ready;
  logic [WB-1:0] ramp_in_data;

  // The logical links between the link BIST and the repair shell.
  logic [L-1:0]    l_in_valid, l_in_ready, l_in_par, l_out_valid, l_out_ready, l_out_par;
  logic [L*WB-1:0] l_in_data, l_out_data;
  logic [8:0]      repair_links;
  logic [31:0]     repair_logical;

  wse_repair_shell u_repair_shell (
    .repair_i     (repair_links),
    .l_in_valid_o (l_in_valid),
    .l_in_ready_i (l_in_ready),
    .l_in_data_o  (l_in_data),
    .l_in_par_o   (l_in_par),
    .l_out_valid_i(l_out_valid),
    .l_out_ready_o(l_out_ready),
    .l_out_data_i (l_out_data),
    .l_out_par_i  (l_out_par),
    .p_in_valid_i (in_valid_i),
    .p_in_ready_o (in_ready_o),
    .p_in_data_i  (in_data_i),
    .p_in_par_i   (in_par_i),
    .p_out_valid_o(out_valid_o),
    .p_out_ready_i(out_ready_i),
    .p_out_data_o (out_data_o),
    .p_out_par_o  (out_par_o)
  );

  // The link BIST sits between the router's four link ports and the shell.
  logic [L-1:0]    link_tx_en, link_rx_en, lb_in_valid, lb_out_ready;
  logic [L-1:0]    link_in_ready, link_out_valid, cfg_out_valid;
  logic [L*WB-1:0] link_out_data;
  logic [31:0]     link_errors, link_words;

  wse_link_bist u_link_bist (
    .clk_i,
    .rst_ni,
    .tx_en_i      (link_tx_en),
    .rx_en_i      (link_rx_en),
    .r_out_valid_i(r_out_valid[L-1:0]),
    .r_out_data_i (r_out_data[L*WB-1:0]),
    .r_out_ready_o(lb_out_ready),
    .r_in_valid_o (lb_in_valid),
    .r_in_ready_i (r_in_ready[L-1:0]),
    .out_valid_o  (link_out_valid),
    .out_data_o   (link_out_data),
    .out_ready_i  (l_out_ready),
    .in_valid_i   (l_in_valid),
    .in_data_i    (l_in_data),
    .in_ready_o   (link_in_ready),
    .errors_o     (link_errors),
    .words_o      (link_words)
  );

  // Router port DirRamp (4) is the last slice, after the four links.
  assign r_in_valid  = {ramp_in_valid, lb_in_valid};
  assign r_in_data   = {ramp_in_data, l_in_data};
  assign r_out_ready = {ramp_out_ready, lb_out_ready};
  assign ramp_in_ready  = r_in_ready[wse_pkg::DirRamp];
`ifdef WSE_FAULTS
  // A dead tile is silent on every link and on the config network.
  logic tile_dead;
  assign tile_dead       = flt_tile_i[wse_pkg::FltTileDeadBit];
  assign l_in_ready      = tile_dead ? '0 : link_in_ready;
  assign l_out_valid     = tile_dead ? '0 : link_out_valid;
  assign cfg_out_valid_o = tile_dead ? '0 : cfg_out_valid;
`else
  assign l_in_ready      = link_in_ready;
  assign l_out_valid     = link_out_valid;
  assign cfg_out_valid_o = cfg_out_valid;
`endif
  assign l_out_data     = link_out_data;

  // Link parity in operation: made from the words this tile drives, checked
  // on the words it takes.
  logic [31:0] link_perr;
  logic        link_perr_clear;
  wse_link_parity u_link_parity (
    .clk_i,
    .rst_ni,
    .out_data_i(link_out_data),
    .out_par_o (l_out_par),
    .in_fire_i (l_in_valid & l_in_ready),
    .in_data_i (l_in_data),
    .in_par_i  (l_in_par),
    .clear_i   (link_perr_clear),
    .errors_o  (link_perr)
  );

  // Router BIST between the router and the outside; the dead-port hook sits
  // on the router's side of it, so the BIST sees a dead port as one.
  logic [P-1:0]    rbist_en;
  logic [2:0]      rbist_phase;
  logic            rbist_drain;
  logic [31:0]     rbist_errors, rbist_words;
  logic [P-1:0]    port_dead;
  wse_router_bist #(.NumColors(NumColors)) u_router_bist (
    .clk_i,
    .rst_ni,
    .en_i         (rbist_en),
    .phase_i      (rbist_phase),
    .drain_i      (rbist_drain),
    .r_in_valid_o (rb_in_valid),
    .r_in_ready_i (rb_in_ready),
    .r_in_data_o  (rb_in_data),
    .r_out_valid_i(rb_out_valid),
    .r_out_ready_o(rb_out_ready),
    .r_out_data_i (r_out_data),
    .in_valid_i   (r_in_valid),
    .in_ready_o   (r_in_ready),
    .in_data_i    (r_in_data),
    .out_valid_o  (r_out_valid),
    .out_ready_i  (r_out_ready),
    .errors_o     (rbist_errors),
    .words_o      (rbist_words)
  );
`ifdef WSE_FAULTS
  assign port_dead = flt_tile_i[wse_pkg::FltPortDeadLsb +: P];
`else
  assign port_dead = '0;
`endif
  // A dead port neither takes nor offers a word.
  assign rr_in_valid  = rb_in_valid & ~port_dead;
  assign rb_in_ready  = rr_in_ready & ~port_dead;
  assign rb_out_valid = rr_out_valid & ~port_dead;
  assign rr_out_ready = rb_out_ready & ~port_dead;
  assign ramp_out_valid = r_out_valid[wse_pkg::DirRamp];
  assign ramp_out_data_o = r_out_data[wse_pkg::DirRamp*WB +: WB];

  // PE control between the registers and the PE
  logic        pe_run, pe_halt, pe_reset, pe_mem_we, pe_running;
  logic [31:0] pe_tohost_addr, pe_mem_addr, pe_mem_wdata, pe_mem_rdata;
  logic [15:0] pe_status;
  logic [31:0] pe_tohost, pe_pc, pe_instret, pe_cycles, pe_macs, pe_zskip;
  logic        bist_start, sram_perr;
  logic [31:0] bist_status, bist_addr, bist_bits, bist_count;

  // mhartid reports the logical coordinate once the repair sets one
  // (REPAIR1[31]), so programs written for the logical grid run unchanged.
  logic [wse_pkg::CoordBits-1:0] hart_x, hart_y;
  assign hart_x = repair_logical[31] ? repair_logical[9:0] : x_i;
  assign hart_y = repair_logical[31] ? repair_logical[19:10] : y_i;
  /* verilator lint_off UNUSEDSIGNAL */
  logic unused_logical;
  /* verilator lint_on UNUSEDSIGNAL */
  assign unused_logical = ^repair_logical[30:20];

  if (HasPe != 0) begin : g_pe
    logic       exited, waiting, trapped, halted;
    logic [7:0] last_cause;

    wse_pe #(
      .NumColors(NumColors),
      .Words    (SramWords)
    ) u_pe (
      .clk_i,
      .rst_ni,
      .x_i          (hart_x),
      .y_i          (hart_y),
      .run_i        (pe_run),
      .halt_i       (pe_halt),
      .reset_i      (pe_reset),
      .tohost_addr_i(pe_tohost_addr),
      .mem_addr_i   (pe_mem_addr),
      .mem_we_i     (pe_mem_we),
      .mem_wdata_i  (pe_mem_wdata),
      .mem_rdata_o  (pe_mem_rdata),
      .running_o    (pe_running),
      .exited_o     (exited),
      .waiting_o    (waiting),
      .trapped_o    (trapped),
      .halted_o     (halted),
      .last_cause_o (last_cause),
      .tohost_o     (pe_tohost),
      .pc_o         (pe_pc),
      .instret_o    (pe_instret),
      .cycles_o     (pe_cycles),
      .macs_o       (pe_macs),
      .zskip_o      (pe_zskip),
      .bist_start_i (bist_start),
      .bist_status_o(bist_status),
      .bist_addr_o  (bist_addr),
      .bist_bits_o  (bist_bits),
      .bist_count_o (bist_count),
      .perr_o       (sram_perr),
      .tx_valid_o   (ramp_in_valid),
      .tx_ready_i   (ramp_in_ready),
      .tx_data_o    (ramp_in_data),
      .rx_valid_i   (ramp_out_valid),
      .rx_ready_o   (ramp_out_ready),
      .rx_data_i    (ramp_out_data_o),
      .tr_valid_o,
      .tr_pc_o,
      .tr_insn_o,
      .tr_trap_o,
      .tr_cause_o,
      .tr_rd_we_o,
      .tr_rd_o,
      .tr_rd_data_o,
      .tr_color_o,
      .tr_mem_be_o,
      .tr_mem_addr_o,
      .tr_mem_data_o
`ifdef WSE_FAULTS
      ,
      .flt_sram_i   (flt_sram_i),
      .flt_dead_i   (flt_tile_i[wse_pkg::FltPeDeadBit] || flt_tile_i[wse_pkg::FltTileDeadBit]),
      .flt_alu_i    (flt_tile_i[wse_pkg::FltAluEnBit +: 7])
`endif
    );

    assign pe_status        = {last_cause, 3'd0, halted, trapped, waiting, exited, pe_running};
    assign tr_tx_fire_o     = ramp_in_valid && ramp_in_ready;
    assign tr_tx_data_o     = ramp_in_data;
    assign tr_rx_fire_o     = ramp_out_valid && ramp_out_ready;
    // The ramp ports are for the fabric-only tile.
    assign ramp_in_ready_o  = 1'b0;
    assign ramp_out_valid_o = 1'b0;
    /* verilator lint_off UNUSEDSIGNAL */
    logic unused_ramp;
    /* verilator lint_on UNUSEDSIGNAL */
    assign unused_ramp = ^{ramp_in_valid_i, ramp_in_data_i, ramp_out_ready_i};
  end else begin : g_no_pe
    assign ramp_in_valid    = ramp_in_valid_i;
    assign ramp_in_data     = ramp_in_data_i;
    assign ramp_in_ready_o  = ramp_in_ready;
    assign ramp_out_valid_o = ramp_out_valid;
    assign ramp_out_ready   = ramp_out_ready_i;
    assign pe_running       = 1'b0;
    assign pe_mem_rdata     = '0;
    assign pe_status        = '0;
    /* verilator lint_off UNUSEDSIGNAL */
    logic unused_hart;
    /* verilator lint_on UNUSEDSIGNAL */
    assign unused_hart = ^{hart_x, hart_y};
    assign pe_tohost        = '0;
    assign pe_pc            = '0;
    assign pe_instret       = '0;
    assign pe_cycles        = '0;
    assign pe_macs          = '0;
    assign pe_zskip         = '0;
    assign bist_status      = '0;
    assign bist_addr        = '0;
    assign bist_bits        = '0;
    assign bist_count       = '0;
    assign sram_perr        = 1'b0;
    assign {tr_valid_o, tr_pc_o, tr_insn_o, tr_trap_o, tr_cause_o, tr_rd_we_o, tr_rd_o,
            tr_rd_data_o, tr_color_o, tr_mem_be_o, tr_mem_addr_o, tr_mem_data_o,
            tr_tx_fire_o, tr_tx_data_o, tr_rx_fire_o} = '0;
    /* verilator lint_off UNUSEDSIGNAL */
    logic unused_pe;
    /* verilator lint_on UNUSEDSIGNAL */
    assign unused_pe = ^{pe_run, pe_halt, pe_reset, pe_mem_we, pe_tohost_addr, pe_mem_addr, pe_mem_wdata,
                         bist_start};
`ifdef WSE_FAULTS
    logic unused_flt;
    assign unused_flt = ^{flt_sram_i, flt_tile_i[wse_pkg::FltPeDeadBit], flt_tile_i[wse_pkg::FltAluEnBit +: 7]};
`endif
  end

  wse_router #(
    .NumColors  (NumColors),
    .InFifoDepth(InFifoDepth)
  ) u_router (
    .clk_i,
    .rst_ni,
    .enable_i    (enable),
    .route_i     (route),
    .in_valid_i  (rr_in_valid),
    .in_ready_o  (rr_in_ready),
    .in_data_i   (rb_in_data),
    .out_valid_o (rr_out_valid),
    .out_ready_i (rr_out_ready),
    .out_data_o  (r_out_data),
    .drop_o      (drop),
    .drop_color_o(drop_color),
    .drop_port_o (drop_port),
    .busy_o      (busy)
  );

  wse_tile_cfg #(
    .NumColors(NumColors),
    .HasPe    (HasPe)
  ) u_cfg (
    .clk_i,
    .rst_ni,
    .x_i,
    .y_i,
    .cfg_in_valid_i,
    .cfg_in_data_i,
    .cfg_out_valid_o(cfg_out_valid),
    .cfg_out_data_o,
    .enable_o     (enable),
    .route_o      (route),
    .router_busy_i(busy),
    .drop_i       (drop),
    .drop_color_i (drop_color),
    .drop_port_i  (drop_port),
    .rx_fire_i    (r_in_valid & r_in_ready),
    .pe_run_o        (pe_run),
    .pe_halt_o       (pe_halt),
    .pe_reset_o      (pe_reset),
    .pe_tohost_addr_o(pe_tohost_addr),
    .pe_mem_addr_o   (pe_mem_addr),
    .pe_mem_we_o     (pe_mem_we),
    .pe_mem_wdata_o  (pe_mem_wdata),
    .pe_mem_rdata_i  (pe_mem_rdata),
    .pe_running_i    (pe_running),
    .pe_status_i     (pe_status),
    .pe_tohost_i     (pe_tohost),
    .pe_pc_i         (pe_pc),
    .pe_instret_i    (pe_instret),
    .pe_cycles_i     (pe_cycles),
    .pe_macs_i       (pe_macs),
    .pe_zskip_i      (pe_zskip),
    .bist_start_o    (bist_start),
    .bist_status_i   (bist_status),
    .bist_addr_i     (bist_addr),
    .bist_bits_i     (bist_bits),
    .bist_count_i    (bist_count),
    .sram_perr_i     (sram_perr),
    .link_tx_en_o    (link_tx_en),
    .link_rx_en_o    (link_rx_en),
    .link_errors_i   (link_errors),
    .link_words_i    (link_words),
    .link_perr_i     (link_perr),
    .link_perr_clear_o(link_perr_clear),
    .rbist_en_o      (rbist_en),
    .rbist_phase_o   (rbist_phase),
    .rbist_drain_o   (rbist_drain),
    .rbist_errors_i  (rbist_errors),
    .rbist_words_i   (rbist_words),
    .repair_links_o  (repair_links),
    .repair_logical_o(repair_logical)
`ifdef WSE_FAULTS
    ,
    .flt_cfg_i       (flt_cfg_i)
`endif
  );

endmodule
