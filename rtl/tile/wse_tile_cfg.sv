// wse_tile_cfg: one tile's node on the config chain and its config/status
// registers.
//
// The config chain runs along each row from the west edge to the east edge,
// one register stage per tile. A request whose col equals this tile's x_i is
// served here and leaves as a response (read data, or the written value
// echoed); a broadcast write is applied by every tile of the row and keeps
// travelling as a request; anything else passes unchanged. The chain never
// stalls, so the east edge must accept a packet every cycle.
//
// Latency: 1 cycle per tile, a request to column c of a W-wide row returns
// at the east edge W cycles after it entered at the west edge.
// These registers are reachable only through the chain: nothing else in the
// tile can write them. Register map: docs/config.md.
module wse_tile_cfg #(
  parameter int unsigned NumColors = 24,  // route table entries, 1..32
  parameter int unsigned HasPe     = 0   // 1: PE registers 0x08..0x12 exist
) (
  input  logic                                  clk_i,
  input  logic                                  rst_ni,
  // Position straps (tied off by the mesh)
  input  logic [wse_pkg::CoordBits-1:0]         x_i,
  input  logic [wse_pkg::CoordBits-1:0]         y_i,
  // Config chain
  input  logic                                  cfg_in_valid_i,
  input  logic [wse_pkg::CfgPktBits-1:0]        cfg_in_data_i,
  output logic                                  cfg_out_valid_o,
  output logic [wse_pkg::CfgPktBits-1:0]        cfg_out_data_o,
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
  input  logic [31:0]                           pe_zskip_i
);

  localparam int unsigned RB = wse_pkg::RouteBits;
  localparam int unsigned P  = wse_pkg::NumPorts;

  // ---------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------
  logic                  enable_q, enable_d;
  logic [31:0]           scratch_q, scratch_d;
  logic [31:0]           err_unrouted_q, err_unrouted_d;
  logic [31:0]           err_last_q, err_last_d;
  logic [31:0]           rx_count_q, rx_count_d;
  logic [NumColors*RB-1:0] route_q, route_d;

  // ---------------------------------------------------------------------------
  // Request decode
  // ---------------------------------------------------------------------------
  wse_pkg::cfg_pkt_t req, rsp;
  logic              is_req, hit, do_write;
  logic [31:0]       rdata;
  logic [1:0]        status;
  logic              route_hit;
  logic [31:0]       route_idx;

  assign req       = cfg_in_data_i;
  assign is_req    = cfg_in_valid_i && !req.is_resp;
  assign hit       = is_req && !req.bcast && (req.col == x_i);
  assign do_write  = is_req && req.write && (hit || req.bcast);
  assign route_idx = 32'(req.addr) - 32'(wse_pkg::CfgRegRouteBase);
  assign route_hit = (req.addr >= wse_pkg::CfgRegRouteBase) && (route_idx < NumColors);

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
  logic [31:0] tohost_addr_q, tohost_addr_d, mem_addr_q, mem_addr_d;
  logic        mem_ready_q, mem_access, pe_hit, mem_busy;

  assign pe_hit   = (HasPe != 0) && (req.addr >= wse_pkg::CfgRegPeCtrl) &&
                    (req.addr <= wse_pkg::CfgRegPeZskip);
  assign mem_busy = pe_run_q || pe_running_i || (!req.write && !mem_ready_q);

  // Read mux and access check.
  always_comb begin
    rdata  = '0;
    status = wse_pkg::CfgOk;
    if (route_hit) begin
      rdata = 32'(route_rdata);
    end else if (pe_hit) begin
      unique case (req.addr)
        wse_pkg::CfgRegPeCtrl:     rdata = 32'(pe_run_q);
        wse_pkg::CfgRegPeStatus:   rdata = 32'(pe_status_i);
        wse_pkg::CfgRegTohostAddr: rdata = tohost_addr_q;
        wse_pkg::CfgRegTohost:     rdata = pe_tohost_i;
        wse_pkg::CfgRegMemAddr:    rdata = mem_addr_q;
        wse_pkg::CfgRegMemData: begin
          rdata  = pe_mem_rdata_i;
          status = mem_busy ? wse_pkg::CfgErrBusy : wse_pkg::CfgOk;
        end
        wse_pkg::CfgRegPePc:       rdata = pe_pc_i;
        wse_pkg::CfgRegPeInstret:  rdata = pe_instret_i;
        wse_pkg::CfgRegPeCycles:   rdata = pe_cycles_i;
        wse_pkg::CfgRegPeMacs:     rdata = pe_macs_i;
        default:                   rdata = pe_zskip_i;   // CfgRegPeZskip
      endcase
      if (req.write && req.addr != wse_pkg::CfgRegPeCtrl && req.addr != wse_pkg::CfgRegTohostAddr &&
          req.addr != wse_pkg::CfgRegMemAddr && req.addr != wse_pkg::CfgRegMemData) begin
        status = wse_pkg::CfgErrRo;
      end
    end else begin
      unique case (req.addr)
        wse_pkg::CfgRegId: begin
          rdata  = {wse_pkg::TileIdVersion, 8'(NumColors), y_i, x_i};
          status = req.write ? wse_pkg::CfgErrRo : wse_pkg::CfgOk;
        end
        wse_pkg::CfgRegCtrl:        rdata = 32'(enable_q);
        wse_pkg::CfgRegStatus: begin
          rdata  = {30'd0, (err_unrouted_q != '0), router_busy_i};
          status = req.write ? wse_pkg::CfgErrRo : wse_pkg::CfgOk;
        end
        wse_pkg::CfgRegScratch:     rdata = scratch_q;
        wse_pkg::CfgRegErrUnrouted: rdata = err_unrouted_q;
        wse_pkg::CfgRegErrLast: begin
          rdata  = err_last_q;
          status = req.write ? wse_pkg::CfgErrRo : wse_pkg::CfgOk;
        end
        wse_pkg::CfgRegRxCount:     rdata = rx_count_q;
        default:                    status = wse_pkg::CfgErrAddr;
      endcase
    end
  end

  // Response: the addressed tile turns the request around; others forward it.
  always_comb begin
    rsp = req;
    if (hit) begin
      rsp.is_resp = 1'b1;
      rsp.status  = status;
      rsp.data    = req.write ? req.data : rdata;
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

  always_comb begin
    enable_d       = enable_q;
    scratch_d      = scratch_q;
    route_d        = route_q;
    err_last_d     = err_last_q;
    rx_count_d     = rx_count_q + 32'(rx_inc_q);
    // Saturating: a counter that wrapped to a small number would hide errors.
    err_unrouted_d = unrouted_sum[32] ? '1 : unrouted_sum[31:0];
    if (drop_any_q) begin
      err_last_d = {1'b1, 20'd0, drop_port_q, 3'd0, drop_color_q};
    end
    // A host write wins over a same-cycle hardware update.
    if (do_write && status == wse_pkg::CfgOk) begin
      if (route_hit) begin
        for (int unsigned c = 0; c < NumColors; c++) begin
          if (route_idx == c) route_d[c*RB +: RB] = req.data[RB-1:0];
        end
      end else begin
        unique case (req.addr)
          wse_pkg::CfgRegCtrl:        enable_d       = req.data[wse_pkg::CtrlEnableBit];
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
      enable_q        <= 1'b1;
      scratch_q       <= '0;
      err_unrouted_q  <= '0;
      err_last_q      <= '0;
      rx_count_q      <= '0;
      route_q         <= '0;
      cfg_out_valid_o <= 1'b0;
      cfg_out_data_o  <= '0;
    end else begin
      enable_q        <= enable_d;
      scratch_q       <= scratch_d;
      err_unrouted_q  <= err_unrouted_d;
      err_last_q      <= err_last_d;
      rx_count_q      <= rx_count_d;
      route_q         <= route_d;
      cfg_out_valid_o <= cfg_in_valid_i;
      cfg_out_data_o  <= rsp;
    end
  end

  assign enable_o = enable_q;
  assign route_o  = route_q;

endmodule
