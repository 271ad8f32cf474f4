// wse_tile_cfg: one tile's config/status registers and its node on the
// config network (wse_cfg_node, docs/config.md).
//
// These registers are reachable only through the config network: nothing
// else in the tile can write them (the PE's loads and stores reach only its
// SRAM). Register map: docs/config.md.
module wse_tile_cfg #(
  parameter int unsigned NumColors = 24,  // route table entries, 1..32
  parameter int unsigned HasPe     = 0   // 1: PE registers 0x08..0x12 exist
) (
  input  logic                                  clk_i,
  input  logic                                  rst_ni,
  // Position straps (tied off by the mesh)
  input  logic [wse_pkg::CoordBits-1:0]         x_i,
  input  logic [wse_pkg::CoordBits-1:0]         y_i,
  // Config network links, indexed by dir_e (N, E, S, W)
  input  logic [wse_pkg::NumLinks-1:0]          cfg_in_valid_i,
  input  logic [wse_pkg::NumLinks*wse_pkg::CfgLinkBits-1:0] cfg_in_data_i,
  output logic [wse_pkg::NumLinks-1:0]          cfg_out_valid_o,
  output logic [wse_pkg::NumLinks*wse_pkg::CfgLinkBits-1:0] cfg_out_data_o,
  // Register outputs to the router
  output logic                                  enable_o,
  output logic [NumColors*wse_pkg::RouteBits-1:0] route_o,
  // Status inputs from the router
  input  logic                                  router_busy_i,
  input  logic [wse_pkg::NumPorts-1:0]          drop_i,
  input  logic [wse_pkg::ColorBits-1:0]         drop_color_i,
  input  logic [wse_pkg::PortBits-1:0]          drop_port_i,
  input  logic [wse_pkg::NumPorts-1:0]          rx_fire_i,  // a wavelet entered at port
  // PE control and host memory access (docs/pe.md); unused without a PE
  output logic                                  pe_run_o,
  output logic                                  pe_halt_o,   // CTRL.pe_halt
  output logic                                  pe_reset_o,  // CTRL.pe_reset
  output logic [31:0]                           pe_tohost_addr_o,
  output logic [31:0]                           pe_mem_addr_o,
  output logic                                  pe_mem_we_o,
  output logic [31:0]                           pe_mem_wdata_o,
  input  logic [31:0]                           pe_mem_rdata_i,
  input  logic                                  pe_running_i,
  input  logic [15:0]                           pe_status_i,  // PE_STATUS layout
  input  logic [31:0]                           pe_tohost_i,
  input  logic [31:0]                           pe_pc_i,
  input  logic [31:0]                           pe_instret_i,
  input  logic [31:0]                           pe_cycles_i,
  input  logic [31:0]                           pe_macs_i,
  input  logic [31:0]                           pe_zskip_i,
  // Memory BIST and SRAM parity (docs/dft.md); unused without a PE
  output logic                                  bist_start_o,
  input  logic [31:0]                           bist_status_i,
  input  logic [31:0]                           bist_addr_i,
  input  logic [31:0]                           bist_bits_i,
  input  logic [31:0]                           bist_count_i,
  input  logic                                  sram_perr_i,
  // Link BIST (docs/dft.md)
  output logic [wse_pkg::NumLinks-1:0]          link_tx_en_o,
  output logic [wse_pkg::NumLinks-1:0]          link_rx_en_o,
  input  logic [31:0]                           link_errors_i,
  input  logic [31:0]                           link_words_i,
  input  logic [31:0]                           link_perr_i,        // LINK_PERR
  output logic                                  link_perr_clear_o,
  // Router BIST (docs/dft.md)
  output logic [wse_pkg::NumPorts-1:0]          rbist_en_o,
  output logic [2:0]                            rbist_phase_o,
  output logic                                  rbist_drain_o,
  input  logic [31:0]                           rbist_errors_i,
  input  logic [31:0]                           rbist_words_i,
  // Repair state to the repair shell and the PE (docs/repair.md)
  output logic [8:0]                            repair_links_o,    // REPAIR0[8:0]
  output logic [31:0]                           repair_logical_o   // REPAIR1
`ifdef WSE_FAULTS
  ,
  input  logic [wse_pkg::FltCfgBits-1:0]        flt_cfg_i  // config upset, simulation only
`endif
);

  localparam int unsigned RB = wse_pkg::RouteBits;
  localparam int unsigned P  = wse_pkg::NumPorts;

  // ---------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------
  // CTRL: [0] router enable, [1] PE held in reset, [2] PE halted.
  logic [2:0]            ctrl_q, ctrl_d;
  logic [31:0]           scratch_q, scratch_d;
  logic [31:0]           err_unrouted_q, err_unrouted_d;
  logic [31:0]           err_last_q, err_last_d;
  logic [31:0]           rx_count_q, rx_count_d;
  logic [NumColors*RB-1:0] route_q, route_d;

  // ---------------------------------------------------------------------------
  // Request decode
  // ---------------------------------------------------------------------------
  // The node has already matched row, col and tag: the registers read only
  // the access fields.
  /* verilator lint_off UNUSEDSIGNAL */
  wse_pkg::cfg_pkt_t req;
  /* verilator lint_on UNUSEDSIGNAL */
  logic              is_req, hit, do_write;
  logic [31:0]       rdata;
  logic [1:0]        status;
  logic              route_hit;
  logic [31:0]       route_idx;
  logic [7:0]        tap;
  logic              cfg_perr, cfg_collision, tap_written;

  // Simulation-only config upset: flips one stored bit, parity untouched.
  logic [wse_pkg::CfgAddrBits-1:0] flip_reg;
  logic [31:0]                     flip_mask;
`ifdef WSE_FAULTS
  assign flip_reg  = flt_cfg_i[wse_pkg::FltCfgEnBit] ? flt_cfg_i[7:0] : 8'hFF;
  assign flip_mask = 32'd1 << flt_cfg_i[12:8];
`else
  assign flip_reg  = 8'hFF;  // no such register: nothing flips
  assign flip_mask = '0;
`endif

  wse_cfg_node u_node (
    .clk_i,
    .rst_ni,
    .x_i,
    .y_i,
    .in_valid_i  (cfg_in_valid_i),
    .in_data_i   (cfg_in_data_i),
    .out_valid_o (cfg_out_valid_o),
    .out_data_o  (cfg_out_data_o),
    .req_valid_o (is_req),
    .req_hit_o   (hit),
    .req_o       (req),
    .status_i    (status),
    .rdata_i     (rdata),
    .tap_o       (tap),
    .tap_written_o(tap_written),
    .parity_err_o(cfg_perr),
    .collision_o (cfg_collision)
`ifdef WSE_FAULTS
    ,
    .flt_tap_i   ((flip_reg == wse_pkg::CfgRegTap) ? flip_mask[7:0] : 8'd0)
`endif
  );

  // TAP itself is written by the node (adopt rule), never by a broadcast.
  assign do_write  = is_req && req.write && req.addr != wse_pkg::CfgRegTap;
  assign route_idx = 32'(req.addr) - 32'(wse_pkg::CfgRegRouteBase);
  assign route_hit = (req.addr >= wse_pkg::CfgRegRouteBase) && (route_idx < NumColors);

  // REPAIR[0..3]: REPAIR0 steers the links (wse_repair_shell), REPAIR1 is
  // the logical coordinate mhartid reports, REPAIR2/3 are spare words for
  // the firmware (docs/repair.md); all guarded by CFG_CHECK.
  localparam int unsigned NR = wse_pkg::NumRepairRegs;
  logic [NR*32-1:0] repair_q;
  assign repair_links_o   = repair_q[8:0];
  assign repair_logical_o = repair_q[32 +: 32];
  logic [31:0]      repair_idx, repair_rdata;
  logic             repair_hit;
  assign repair_idx = 32'(req.addr) - 32'(wse_pkg::CfgRegRepairBase);
  assign repair_hit = (req.addr >= wse_pkg::CfgRegRepairBase) && (repair_idx < NR);
  wse_index_mux #(.Width(32), .N(NR)) u_repair_read (
    .data_i(repair_q),
    .sel_i (repair_idx[1:0]),
    .data_o(repair_rdata)
  );

  localparam int unsigned RouteSelBits = (NumColors > 1) ? $clog2(NumColors) : 1;
  logic [RB-1:0] route_rdata;

  wse_index_mux #(
    .Width(RB),
    .N    (NumColors)
  ) u_route_read (
    .data_i(route_q),
    .sel_i (route_idx[RouteSelBits-1:0]),
    .data_o(route_rdata)
  );

  // PE registers: MEM_DATA is served only while the PE is stopped and the
  // SRAM word at MEM_ADDR has been read (one cycle after MEM_ADDR settles).
  logic        pe_run_q, pe_run_d;
  logic [31:0] err_sram_q, err_cfg_q;
  logic [7:0]  link_test_q;
  logic [12:0] router_test_q;
  logic [31:0] wdt_limit_q, wdt_idle_q, wdt_last_q;
  logic [23:0] wdt_fires_q, cfg_upsets_q;
  logic        wdt_fired_q, cfg_upset_seen_q, cfg_upset_now, cfg_upset_q;
  logic        wr_ok;
  assign wr_ok = do_write && status == wse_pkg::CfgOk;

  logic [31:0] tohost_addr_q, tohost_addr_d, mem_addr_q, mem_addr_d;
  logic        mem_ready_q, mem_access, pe_hit, mem_busy;

  assign pe_hit   = (HasPe != 0) && (((req.addr >= wse_pkg::CfgRegPeCtrl) &&
                    (req.addr <= wse_pkg::CfgRegPeZskip)) ||
                    ((req.addr >= wse_pkg::CfgRegBistCtrl) && (req.addr <= wse_pkg::CfgRegErrSram)) ||
                    (req.addr == wse_pkg::CfgRegWdtLimit) || (req.addr == wse_pkg::CfgRegWdtStatus));
  assign mem_busy = pe_run_q || pe_running_i || (!req.write && !mem_ready_q);

  // Read mux and access check.
  always_comb begin
    rdata  = '0;
    status = wse_pkg::CfgOk;
    if (route_hit) begin
      rdata = 32'(route_rdata);
    end else if (repair_hit) begin
      rdata = repair_rdata;
    end else if (pe_hit) begin
      unique case (req.addr)
        wse_pkg::CfgRegPeCtrl:      rdata = 32'(pe_run_q);
        wse_pkg::CfgRegPeStatus:    rdata = 32'(pe_status_i);
        wse_pkg::CfgRegTohostAddr:  rdata = tohost_addr_q;
        wse_pkg::CfgRegTohost:      rdata = pe_tohost_i;
        wse_pkg::CfgRegMemAddr:     rdata = mem_addr_q;
        wse_pkg::CfgRegMemData: begin
          rdata  = pe_mem_rdata_i;
          status = mem_busy ? wse_pkg::CfgErrBusy : wse_pkg::CfgOk;
        end
        wse_pkg::CfgRegPePc:        rdata = pe_pc_i;
        wse_pkg::CfgRegPeInstret:   rdata = pe_instret_i;
        wse_pkg::CfgRegPeCycles:    rdata = pe_cycles_i;
        wse_pkg::CfgRegPeMacs:      rdata = pe_macs_i;
        wse_pkg::CfgRegPeZskip:     rdata = pe_zskip_i;
        wse_pkg::CfgRegBistCtrl:    rdata = '0;
        wse_pkg::CfgRegBistStatus:  rdata = bist_status_i;
        wse_pkg::CfgRegBistAddr:    rdata = bist_addr_i;
        wse_pkg::CfgRegBistBits:    rdata = bist_bits_i;
        wse_pkg::CfgRegBistCount:   rdata = bist_count_i;
        wse_pkg::CfgRegErrSram:     rdata = err_sram_q;
        wse_pkg::CfgRegWdtLimit:    rdata = wdt_limit_q;
        wse_pkg::CfgRegWdtStatus:   rdata = {wdt_fires_q, 7'd0, wdt_fired_q};
        default:                    status = wse_pkg::CfgErrAddr;  // 0x13
      endcase
      if (req.write && req.addr != wse_pkg::CfgRegPeCtrl && req.addr != wse_pkg::CfgRegTohostAddr &&
          req.addr != wse_pkg::CfgRegMemAddr && req.addr != wse_pkg::CfgRegMemData &&
          req.addr != wse_pkg::CfgRegBistCtrl && req.addr != wse_pkg::CfgRegErrSram &&
          req.addr != wse_pkg::CfgRegWdtLimit && req.addr != wse_pkg::CfgRegWdtStatus &&
          status == wse_pkg::CfgOk) begin
        status = wse_pkg::CfgErrRo;
      end
    end else begin
      unique case (req.addr)
        wse_pkg::CfgRegId:          rdata = {wse_pkg::TileIdVersion, 8'(NumColors), y_i, x_i};
        wse_pkg::CfgRegCtrl:        rdata = 32'(ctrl_q);
        wse_pkg::CfgRegStatus:      rdata = {30'd0, (err_unrouted_q != '0), router_busy_i};
        wse_pkg::CfgRegScratch:     rdata = scratch_q;
        wse_pkg::CfgRegErrUnrouted: rdata = err_unrouted_q;
        wse_pkg::CfgRegErrLast:     rdata = err_last_q;
        wse_pkg::CfgRegRxCount:     rdata = rx_count_q;
        wse_pkg::CfgRegTap:         rdata = 32'(tap);  // the node answers TAP itself
        wse_pkg::CfgRegCfgCheck:    rdata = {cfg_upsets_q, 6'd0, cfg_upset_seen_q, cfg_upset_now};
        wse_pkg::CfgRegErrCfg:      rdata = err_cfg_q;
        wse_pkg::CfgRegLinkTest:    rdata = {24'd0, link_test_q};
        wse_pkg::CfgRegLinkErr:     rdata = link_errors_i;
        wse_pkg::CfgRegLinkWords:   rdata = link_words_i;
        wse_pkg::CfgRegLinkPerr:    rdata = link_perr_i;
        wse_pkg::CfgRegRouterTest:  rdata = 32'(router_test_q);
        wse_pkg::CfgRegRouterErr:   rdata = rbist_errors_i;
        wse_pkg::CfgRegRouterWords: rdata = rbist_words_i;
        default:                    status = wse_pkg::CfgErrAddr;
      endcase
      // Read-only registers.
      if (req.write && status == wse_pkg::CfgOk &&
          (req.addr == wse_pkg::CfgRegId || req.addr == wse_pkg::CfgRegStatus ||
           req.addr == wse_pkg::CfgRegErrLast || req.addr == wse_pkg::CfgRegLinkErr ||
           req.addr == wse_pkg::CfgRegLinkWords || req.addr == wse_pkg::CfgRegRouterErr ||
           req.addr == wse_pkg::CfgRegRouterWords)) begin
        status = wse_pkg::CfgErrRo;
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Register next state
  // ---------------------------------------------------------------------------
  // Router events are registered before they reach the counters: the router's
  // route lookup and the 32-bit adders would otherwise form one long path.
  // Counters therefore lag the events by one cycle.
  logic [2:0]                    drop_count_q, drop_count_d, rx_inc_q, rx_inc_d;
  logic                          drop_any_q;
  logic [wse_pkg::PortBits-1:0]  drop_port_q;
  logic [wse_pkg::ColorBits-1:0] drop_color_q;
  logic [32:0]                   unrouted_sum;

  always_comb begin
    drop_count_d = '0;
    rx_inc_d     = '0;
    for (int unsigned i = 0; i < P; i++) begin
      drop_count_d = drop_count_d + 3'(drop_i[i]);
      rx_inc_d     = rx_inc_d + 3'(rx_fire_i[i]);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      drop_count_q <= '0;
      rx_inc_q     <= '0;
      drop_any_q   <= 1'b0;
      drop_port_q  <= '0;
      drop_color_q <= '0;
    end else begin
      drop_count_q <= drop_count_d;
      rx_inc_q     <= rx_inc_d;
      drop_any_q   <= (drop_i != '0);
      drop_port_q  <= drop_port_i;
      drop_color_q <= drop_color_i;
    end
  end

  assign unrouted_sum = {1'b0, err_unrouted_q} + 33'(drop_count_q);

  // A broadcast write of MEM_DATA loads the same word into every tile of the
  // row: one program load per row instead of one per tile.
  assign mem_access = (hit || (is_req && req.bcast && req.write)) &&
                      (req.addr == wse_pkg::CfgRegMemData) && pe_hit && status == wse_pkg::CfgOk;

  always_comb begin
    pe_run_d      = pe_run_q;
    tohost_addr_d = tohost_addr_q;
    mem_addr_d    = mem_access ? mem_addr_q + 32'd4 : mem_addr_q;
    if (flip_reg == wse_pkg::CfgRegTohostAddr) tohost_addr_d = tohost_addr_q ^ flip_mask;
    if (do_write && pe_hit && status == wse_pkg::CfgOk) begin
      if (req.addr == wse_pkg::CfgRegPeCtrl)     pe_run_d      = req.data[0];
      if (req.addr == wse_pkg::CfgRegTohostAddr) tohost_addr_d = req.data;
      if (req.addr == wse_pkg::CfgRegMemAddr)    mem_addr_d    = {req.data[31:2], 2'b00};
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pe_run_q      <= 1'b0;
      tohost_addr_q <= '1;
      mem_addr_q    <= '0;
      mem_ready_q   <= 1'b0;
    end else begin
      pe_run_q      <= pe_run_d;
      tohost_addr_q <= tohost_addr_d;
      mem_addr_q    <= mem_addr_d;
      // The SRAM read of this cycle's MEM_ADDR is valid next cycle if the
      // address does not move and the PE stays stopped.
      mem_ready_q   <= (mem_addr_d == mem_addr_q) && !pe_run_q && !pe_running_i;
    end
  end

  assign pe_run_o         = pe_run_q;
  assign pe_tohost_addr_o = tohost_addr_q;
  assign pe_mem_addr_o    = mem_addr_q;
  assign pe_mem_we_o      = mem_access && req.write;
  assign pe_mem_wdata_o   = req.data;
  assign link_tx_en_o     = link_test_q[3:0];
  assign link_rx_en_o     = link_test_q[7:4];
  assign link_perr_clear_o = wr_ok && req.addr == wse_pkg::CfgRegLinkPerr;
  assign rbist_en_o       = router_test_q[wse_pkg::NumPorts-1:0];
  assign rbist_phase_o    = router_test_q[wse_pkg::RouterTestPhaseLsb +: 3];
  assign rbist_drain_o    = router_test_q[wse_pkg::RouterTestDrainBit];
  assign bist_start_o     = do_write && pe_hit && req.addr == wse_pkg::CfgRegBistCtrl &&
                            req.data[0] && status == wse_pkg::CfgOk;

  // Error counters saturate: a wrapped counter would hide errors. A host
  // write (to clear them) wins over a same-cycle error.
  // Watchdog: the host asked the PE to run, it has not exited, and its
  // instruction count has not moved for WDT_LIMIT cycles (0 = off). Counts
  // fires; the flag stays until the host clears WDT_STATUS.
  logic wdt_expired;
  assign wdt_expired = wdt_limit_q != '0 && wdt_idle_q >= wdt_limit_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      err_sram_q       <= '0;
      err_cfg_q        <= '0;
      link_test_q      <= '0;
      router_test_q    <= '0;
      repair_q         <= '0;
      wdt_limit_q      <= '0;
      wdt_idle_q       <= '0;
      wdt_last_q       <= '0;
      wdt_fired_q      <= 1'b0;
      wdt_fires_q      <= '0;
      cfg_upset_q      <= 1'b0;
      cfg_upset_seen_q <= 1'b0;
      cfg_upsets_q     <= '0;
    end else begin
      if (wr_ok && req.addr == wse_pkg::CfgRegLinkTest)             link_test_q <= req.data[7:0];
      else if (flip_reg == wse_pkg::CfgRegLinkTest)                 link_test_q <= link_test_q ^ flip_mask[7:0];
      if (wr_ok && req.addr == wse_pkg::CfgRegRouterTest)           router_test_q <= req.data[12:0];
      else if (flip_reg == wse_pkg::CfgRegRouterTest)               router_test_q <= router_test_q ^ flip_mask[12:0];
      for (int unsigned i = 0; i < NR; i++) begin
        if (wr_ok && repair_hit && repair_idx == i)                 repair_q[i*32 +: 32] <= req.data;
        else if (32'(flip_reg) == 32'(wse_pkg::CfgRegRepairBase) + i) repair_q[i*32 +: 32] <= repair_q[i*32 +: 32] ^ flip_mask;
      end
      if (wr_ok && pe_hit && req.addr == wse_pkg::CfgRegWdtLimit)   wdt_limit_q <= req.data;
      else if (flip_reg == wse_pkg::CfgRegWdtLimit)                 wdt_limit_q <= wdt_limit_q ^ flip_mask;
      wdt_last_q <= pe_instret_i;
      // Not counting while the PE is not asked to run, has exited, or is
      // held in reset or halted by the host.
      if (!pe_run_q || pe_status_i[1] || ctrl_q[2:1] != '0 || pe_instret_i != wdt_last_q) wdt_idle_q <= '0;
      else if (!wdt_expired)                                          wdt_idle_q <= wdt_idle_q + 32'd1;
      if (wr_ok && pe_hit && req.addr == wse_pkg::CfgRegWdtStatus) begin
        wdt_fired_q <= 1'b0;
        wdt_fires_q <= '0;
        wdt_idle_q  <= '0;
      end else if (wdt_expired && !wdt_fired_q) begin
        wdt_fired_q <= 1'b1;
        if (wdt_fires_q != '1) wdt_fires_q <= wdt_fires_q + 24'd1;
      end
      cfg_upset_q <= cfg_upset_now;
      if (wr_ok && req.addr == wse_pkg::CfgRegCfgCheck) begin
        cfg_upset_seen_q <= 1'b0;
        cfg_upsets_q     <= '0;
      end else if (cfg_upset_now && !cfg_upset_q) begin
        cfg_upset_seen_q <= 1'b1;
        if (cfg_upsets_q != '1) cfg_upsets_q <= cfg_upsets_q + 24'd1;
      end
      if (do_write && pe_hit && req.addr == wse_pkg::CfgRegErrSram) err_sram_q <= req.data;
      else if (sram_perr_i && err_sram_q != '1)                     err_sram_q <= err_sram_q + 32'd1;
      if (do_write && req.addr == wse_pkg::CfgRegErrCfg)            err_cfg_q  <= req.data;
      else if ((cfg_perr || cfg_collision) && err_cfg_q != '1)      err_cfg_q  <= err_cfg_q + 32'd1;
    end
  end

  always_comb begin
    ctrl_d         = ctrl_q;
    scratch_d      = scratch_q;
    route_d        = route_q;
    err_last_d     = err_last_q;
    rx_count_d     = rx_count_q + 32'(rx_inc_q);
    // Saturating: a counter that wrapped to a small number would hide errors.
    err_unrouted_d = unrouted_sum[32] ? '1 : unrouted_sum[31:0];
    if (drop_any_q) begin
      err_last_d = {1'b1, 20'd0, drop_port_q, 3'd0, drop_color_q};
    end
    if (flip_reg == wse_pkg::CfgRegCtrl) ctrl_d = ctrl_q ^ flip_mask[2:0];
    for (int unsigned c = 0; c < NumColors; c++) begin
      if (32'(flip_reg) == 32'(wse_pkg::CfgRegRouteBase) + c) route_d[c*RB +: RB] = route_q[c*RB +: RB] ^ flip_mask[RB-1:0];
    end
    // A host write wins over a same-cycle hardware update.
    if (do_write && status == wse_pkg::CfgOk) begin
      if (route_hit) begin
        for (int unsigned c = 0; c < NumColors; c++) begin
          if (route_idx == c) route_d[c*RB +: RB] = req.data[RB-1:0];
        end
      end else begin
        unique case (req.addr)
          wse_pkg::CfgRegCtrl:        ctrl_d         = req.data[2:0];
          wse_pkg::CfgRegScratch:     scratch_d      = req.data;
          wse_pkg::CfgRegErrUnrouted: err_unrouted_d = req.data;
          wse_pkg::CfgRegRxCount:     rx_count_d     = req.data;
          default: ;
        endcase
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ctrl_q          <= 3'(1 << wse_pkg::CtrlEnableBit);
      scratch_q       <= '0;
      err_unrouted_q  <= '0;
      err_last_q      <= '0;
      rx_count_q      <= '0;
      route_q         <= '0;
    end else begin
      ctrl_q          <= ctrl_d;
      scratch_q       <= scratch_d;
      err_unrouted_q  <= err_unrouted_d;
      err_last_q      <= err_last_d;
      rx_count_q      <= rx_count_d;
      route_q         <= route_d;
    end
  end

  assign enable_o   = ctrl_q[wse_pkg::CtrlEnableBit];
  assign pe_halt_o  = ctrl_q[wse_pkg::CtrlHaltBit];
  assign pe_reset_o = ctrl_q[wse_pkg::CtrlPeResetBit];
  assign route_o  = route_q;

  // ---------------------------------------------------------------------------
  // Config register protection: one parity slot per register or route entry
  // ---------------------------------------------------------------------------
  localparam int unsigned G = NumColors + 6 + NR;
  logic [G*32-1:0] guard_state;
  logic [G-1:0]    guard_written, guard_mismatch;
  always_comb begin
    guard_state   = '0;
    guard_written = '0;
    for (int unsigned c = 0; c < NumColors; c++) begin
      guard_state[c*32 +: RB] = route_q[c*RB +: RB];
      guard_written[c]        = wr_ok && route_hit && route_idx == c;
    end
    guard_state[NumColors*32 +: 32]     = 32'(ctrl_q);
    guard_written[NumColors]            = wr_ok && req.addr == wse_pkg::CfgRegCtrl;
    guard_state[(NumColors+1)*32 +: 32] = tohost_addr_q;
    guard_written[NumColors+1]          = wr_ok && pe_hit && req.addr == wse_pkg::CfgRegTohostAddr;
    guard_state[(NumColors+2)*32 +: 32] = 32'(link_test_q);
    guard_written[NumColors+2]          = wr_ok && req.addr == wse_pkg::CfgRegLinkTest;
    guard_state[(NumColors+3)*32 +: 32] = wdt_limit_q;
    guard_written[NumColors+3]          = wr_ok && pe_hit && req.addr == wse_pkg::CfgRegWdtLimit;
    guard_state[(NumColors+4)*32 +: 32] = 32'(router_test_q);
    guard_written[NumColors+4]          = wr_ok && req.addr == wse_pkg::CfgRegRouterTest;
    // TAP is written by the node's adopt rule, in the cycle it takes effect.
    guard_state[(NumColors+5)*32 +: 32] = 32'(tap);
    guard_written[NumColors+5]          = tap_written;
    for (int unsigned i = 0; i < NR; i++) begin
      guard_state[(NumColors+6+i)*32 +: 32] = repair_q[i*32 +: 32];
      guard_written[NumColors+6+i]          = wr_ok && repair_hit && repair_idx == i;
    end
  end

  wse_cfg_guard #(.G(G)) u_guard (
    .clk_i,
    .rst_ni,
    .state_i   (guard_state),
    .written_i (guard_written),
    .mismatch_o(guard_mismatch)
  );
  assign cfg_upset_now = guard_mismatch != '0;

endmodule
