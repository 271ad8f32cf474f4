// wse_pe: the processing element: core, local SRAM, receive buffers,
// transmit register and tensor engine (docs/pe.md).
//
// The SRAM's ports are shared by owner, never arbitrated per cycle:
//   PE stopped         port A reads the host's MEM_ADDR, port W takes host writes;
//   core running       port A fetches, port B loads, port W stores;
//   tensor instruction the engine owns all three (the core waits in X).
// So no owner ever loses a cycle it counted on, and the host path needs no
// handshake beyond "only while stopped".
//
// The ramp to the router leaves from a register (tx_valid_q), like every
// link output of the tile.
module wse_pe #(
  parameter int unsigned NumColors = 24,
  parameter int unsigned Words     = 12288,  // SRAM words (48 KiB)
  // Derived, do not override.
  parameter int unsigned AddrBits  = (Words > 1) ? $clog2(Words) : 1
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic [wse_pkg::CoordBits-1:0]   x_i,
  input  logic [wse_pkg::CoordBits-1:0]   y_i,
  // Control and host memory access from the tile registers
  input  logic                            run_i,
  input  logic                            halt_i,         // CTRL.pe_halt: stop between instructions
  input  logic                            reset_i,        // CTRL.pe_reset: hold in the start state
  input  logic [31:0]                     tohost_addr_i,
  /* verilator lint_off UNUSEDSIGNAL */  // bits above the SRAM and below the word
  input  logic [31:0]                     mem_addr_i,     // byte address (MEM_ADDR)
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic                            mem_we_i,       // host write of MEM_DATA
  input  logic [31:0]                     mem_wdata_i,
  output logic [31:0]                     mem_rdata_o,    // word at last cycle's MEM_ADDR while stopped
  // Status
  output logic                            running_o,
  output logic                            exited_o,
  output logic                            waiting_o,
  output logic                            trapped_o,
  output logic                            halted_o,
  output logic [7:0]                      last_cause_o,
  output logic [31:0]                     tohost_o,
  output logic [31:0]                     pc_o,
  output logic [31:0]                     instret_o,
  output logic [31:0]                     cycles_o,
  output logic [31:0]                     macs_o,
  output logic [31:0]                     zskip_o,
  // Memory BIST and parity (docs/dft.md)
  input  logic                            bist_start_i,
  output logic [31:0]                     bist_status_o,
  output logic [31:0]                     bist_addr_o,
  output logic [31:0]                     bist_bits_o,
  output logic [31:0]                     bist_count_o,
  output logic                            perr_o,         // a consumed read had bad parity
  // Ramp: PE to router, router to PE
  output logic                            tx_valid_o,
  input  logic                            tx_ready_i,
  output logic [wse_pkg::WaveletBits-1:0] tx_data_o,
  input  logic                            rx_valid_i,
  output logic                            rx_ready_o,
  input  logic [wse_pkg::WaveletBits-1:0] rx_data_i,
  // Lockstep trace (harness only)
  output logic                            tr_valid_o,
  output logic [31:0]                     tr_pc_o,
  output logic [31:0]                     tr_insn_o,
  output logic                            tr_trap_o,
  output logic [3:0]                      tr_cause_o,
  output logic                            tr_rd_we_o,
  output logic [4:0]                      tr_rd_o,
  output logic [31:0]                     tr_rd_data_o,
  output logic [4:0]                      tr_color_o,
  output logic [3:0]                      tr_mem_be_o,    // SRAM write by the core or engine
  output logic [31:0]                     tr_mem_addr_o,  // byte address of the word
  output logic [31:0]                     tr_mem_data_o
`ifdef WSE_FAULTS
  ,
  input  logic [2*wse_pkg::FltSramSlotBits-1:0] flt_sram_i,
  input  logic                            flt_dead_i,     // never starts
  input  logic [6:0]                      flt_alu_i       // wrong result (wse_pe_core)
`endif
);

  // ---------------------------------------------------------------------------
  // Start: PE_CTRL.run rising resets the core, engine and receive buffers.
  // ---------------------------------------------------------------------------
  // PE_CTRL.run is ignored while the memory BIST owns the SRAM.
  logic run, run_q, start, bist_active;
`ifdef WSE_FAULTS
  assign run = run_i && !bist_active && !flt_dead_i;
`else
  assign run = run_i && !bist_active;
`endif
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) run_q <= 1'b0;
    else         run_q <= run;
  end
  // CTRL.pe_reset holds the start state (core, engine and receive buffers
  // cleared); the PE runs from address 0 when it is released with run set.
  assign start = (run && !run_q) || reset_i;

  // ---------------------------------------------------------------------------
  // Blocks
  // ---------------------------------------------------------------------------
  logic                 if_re, ld_re;
  logic [AddrBits-1:0]  if_addr, ld_addr, st_addr;
  logic [3:0]           st_be;
  logic [31:0]          st_data;
  logic                 a_re, b_re;
  logic [AddrBits-1:0]  a_addr, b_addr, w_addr;
  logic [3:0]           w_be;
  logic [31:0]          w_data, a_rdata, b_rdata;

  logic [NumColors-1:0] rx_avail;
  logic                 c_pop, t_pop, pop;
  logic [4:0]           c_pop_color, t_pop_color, pop_color;
  logic [31:0]          pop_data;

  logic                 c_tx_valid, t_tx_valid, tx_in_valid, tx_accept;
  logic [4:0]           c_tx_color, t_tx_color;
  logic [31:0]          c_tx_data, t_tx_data;

  logic                 dset_we, dset_field;
  logic [1:0]           dset_idx;
  logic [31:0]          dset_a, dset_b;
  logic [7:0]           desc_type;
  logic [19:0]          desc_color;
  logic                 t_start, t_done, t_trap, t_active, t_mac, t_zskip;
  logic [1:0]           t_op, t_dst, t_src;
  logic [15:0]          t_scalar;
  logic [3:0]           t_cause;
  logic [31:0]          t_tval;

  logic                 t_a_re, t_b_re;
  logic [AddrBits-1:0]  t_a_addr, t_b_addr, t_w_addr;
  logic [3:0]           t_w_be;
  logic [31:0]          t_w_data;

  logic                 running;

  wse_pe_core #(
    .NumColors(NumColors),
    .Words    (Words)
  ) u_core (
    .clk_i,
    .rst_ni,
    .start_i      (start),
    .run_i        (run),
    .halt_i,
    .hartid_i     ({12'd0, 10'(y_i), 10'(x_i)}),
    .tohost_addr_i,
    .if_re_o      (if_re),
    .if_addr_o    (if_addr),
    .if_rdata_i   (a_rdata),
    .ld_re_o      (ld_re),
    .ld_addr_o    (ld_addr),
    .ld_rdata_i   (b_rdata),
    .st_be_o      (st_be),
    .st_addr_o    (st_addr),
    .st_data_o    (st_data),
    .rx_avail_i   (rx_avail),
    .rx_pop_o     (c_pop),
    .rx_color_o   (c_pop_color),
    .rx_data_i    (pop_data),
    .tx_valid_o   (c_tx_valid),
    .tx_ready_i   (tx_accept),
    .tx_color_o   (c_tx_color),
    .tx_data_o    (c_tx_data),
    .dset_we_o    (dset_we),
    .dset_field_o (dset_field),
    .dset_idx_o   (dset_idx),
    .dset_a_o     (dset_a),
    .dset_b_o     (dset_b),
    .desc_type_i  (desc_type),
    .desc_color_i (desc_color),
    .t_start_o    (t_start),
    .t_op_o       (t_op),
    .t_dst_o      (t_dst),
    .t_src_o      (t_src),
    .t_scalar_o   (t_scalar),
    .t_done_i     (t_done),
    .t_trap_i     (t_trap),
    .t_cause_i    (t_cause),
    .t_tval_i     (t_tval),
    .t_mac_i      (t_mac),
    .t_zskip_i    (t_zskip),
    .running_o    (running),
    .exited_o,
    .waiting_o,
    .trapped_o,
    .halted_o,
    .last_cause_o,
    .tohost_o,
    .pc_o,
    .instret_o,
    .cycles_o,
    .macs_o,
    .zskip_o,
    .tr_valid_o,
    .tr_pc_o,
    .tr_insn_o,
    .tr_trap_o,
    .tr_cause_o,
    .tr_rd_we_o,
    .tr_rd_o,
    .tr_rd_data_o,
    .tr_color_o
`ifdef WSE_FAULTS
    ,
    .flt_alu_i
`endif
  );

  wse_pe_tensor #(
    .NumColors(NumColors),
    .Words    (Words)
  ) u_tensor (
    .clk_i,
    .rst_ni,
    .clear_i     (start),
    .dset_we_i   (dset_we),
    .dset_field_i(dset_field),
    .dset_idx_i  (dset_idx),
    .dset_a_i    (dset_a),
    .dset_b_i    (dset_b),
    .desc_type_o (desc_type),
    .desc_color_o(desc_color),
    .start_i     (t_start),
    .op_i        (t_op),
    .dst_i       (t_dst),
    .src_i       (t_src),
    .scalar_i    (t_scalar),
    .done_o      (t_done),
    .trap_o      (t_trap),
    .cause_o     (t_cause),
    .tval_o      (t_tval),
    .active_o    (t_active),
    .a_re_o      (t_a_re),
    .a_addr_o    (t_a_addr),
    .a_rdata_i   (a_rdata),
    .b_re_o      (t_b_re),
    .b_addr_o    (t_b_addr),
    .b_rdata_i   (b_rdata),
    .w_be_o      (t_w_be),
    .w_addr_o    (t_w_addr),
    .w_data_o    (t_w_data),
    .rx_avail_i  (rx_avail),
    .rx_pop_o    (t_pop),
    .rx_color_o  (t_pop_color),
    .rx_data_i   (pop_data),
    .tx_valid_o  (t_tx_valid),
    .tx_ready_i  (tx_accept),
    .tx_color_o  (t_tx_color),
    .tx_data_o   (t_tx_data),
    .mac_o       (t_mac),
    .zskip_o     (t_zskip)
  );

  // ---------------------------------------------------------------------------
  // SRAM port owners
  // ---------------------------------------------------------------------------
  logic                            host_we;
  logic                            m_re, m_we;
  logic [AddrBits-1:0]             m_raddr, m_waddr;
  logic [wse_pkg::SramRawBits-1:0] m_wdata;
  logic [3:0]                      w_par, a_par, b_par;
  assign host_we = mem_we_i && !run && !bist_active;

  wse_mbist #(
    .Words(Words)
  ) u_mbist (
    .clk_i,
    .rst_ni,
    .start_i     (bist_start_i && !run),
    .active_o    (bist_active),
    .re_o        (m_re),
    .raddr_o     (m_raddr),
    .rdata_i     ({a_par, a_rdata}),
    .we_o        (m_we),
    .waddr_o     (m_waddr),
    .wdata_o     (m_wdata),
    .status_o    (bist_status_o),
    .fail_addr_o (bist_addr_o),
    .fail_bits_o (bist_bits_o),
    .fail_count_o(bist_count_o)
  );

  // Even parity per byte; the BIST writes raw words, parity bits included.
  always_comb begin
    for (int unsigned l = 0; l < 4; l++) w_par[l] = ^w_data[l*8 +: 8];
    if (bist_active) w_par = m_wdata[35:32];
  end

  always_comb begin
    if (bist_active) begin
      a_re = m_re;    a_addr = m_raddr;
      b_re = 1'b0;    b_addr = '0;
      w_be = m_we ? 4'b1111 : 4'b0000;
      w_addr = m_waddr;
      w_data = m_wdata[31:0];
    end else if (t_active) begin
      a_re = t_a_re;  a_addr = t_a_addr;
      b_re = t_b_re;  b_addr = t_b_addr;
      w_be = t_w_be;  w_addr = t_w_addr;  w_data = t_w_data;
    end else if (run) begin
      a_re = if_re;   a_addr = if_addr;
      b_re = ld_re;   b_addr = ld_addr;
      w_be = st_be;   w_addr = st_addr;   w_data = st_data;
    end else begin
      // Stopped: port A follows MEM_ADDR so MEM_DATA reads find the word ready.
      a_re = 1'b1;    a_addr = mem_addr_i[AddrBits+1:2];
      b_re = 1'b0;    b_addr = '0;
      w_be = host_we ? 4'b1111 : 4'b0000;
      w_addr = mem_addr_i[AddrBits+1:2];
      w_data = mem_wdata_i;
    end
  end

  wse_sram #(
    .Words(Words)
  ) u_sram (
    .clk_i,
    .a_re_i   (a_re),
    .a_addr_i (a_addr),
    .a_rdata_o(a_rdata),
    .b_re_i   (b_re),
    .b_addr_i (b_addr),
    .b_rdata_o(b_rdata),
    .w_be_i   (w_be),
    .w_addr_i (w_addr),
    .w_data_i (w_data),
    .a_par_o  (a_par),
    .b_par_o  (b_par),
    .w_par_i  (w_par)
`ifdef WSE_FAULTS
    ,
    .flt_i    (flt_sram_i)
`endif
  );

  assign mem_rdata_o = a_rdata;

  // Parity is checked on the reads a running PE consumes (fetch, load,
  // tensor operands), one cycle after the read was issued.
  logic a_chk_q, b_chk_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      a_chk_q <= 1'b0;
      b_chk_q <= 1'b0;
    end else begin
      a_chk_q <= a_re && run && !bist_active;
      b_chk_q <= b_re && run && !bist_active;
    end
  end
  always_comb begin
    perr_o = 1'b0;
    for (int unsigned l = 0; l < 4; l++) begin
      if (a_chk_q && (^{a_par[l], a_rdata[l*8 +: 8]})) perr_o = 1'b1;
      if (b_chk_q && (^{b_par[l], b_rdata[l*8 +: 8]})) perr_o = 1'b1;
    end
  end

  // ---------------------------------------------------------------------------
  // Receive buffers
  // ---------------------------------------------------------------------------
  assign pop       = t_active ? t_pop : c_pop;
  assign pop_color = t_active ? t_pop_color : c_pop_color;

  wse_pe_rx #(
    .NumColors(NumColors)
  ) u_rx (
    .clk_i,
    .rst_ni,
    .clear_i     (start),
    .enable_i    (running),
    .ramp_valid_i(rx_valid_i),
    .ramp_ready_o(rx_ready_o),
    .ramp_data_i (rx_data_i),
    .avail_o     (rx_avail),
    .pop_i       (pop),
    .pop_color_i (pop_color),
    .pop_data_o  (pop_data)
  );

  // ---------------------------------------------------------------------------
  // Transmit register
  // ---------------------------------------------------------------------------
  logic                            tx_valid_q;
  logic [wse_pkg::WaveletBits-1:0] tx_data_q;

  assign tx_in_valid = t_active ? t_tx_valid : c_tx_valid;
  assign tx_accept   = !tx_valid_q || tx_ready_i;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tx_valid_q <= 1'b0;
      tx_data_q  <= '0;
    end else if (tx_in_valid && tx_accept) begin
      tx_valid_q <= 1'b1;
      tx_data_q  <= t_active ? {1'b0, t_tx_color, t_tx_data} : {1'b0, c_tx_color, c_tx_data};
    end else if (tx_ready_i) begin
      tx_valid_q <= 1'b0;
    end
  end

  assign tx_valid_o = tx_valid_q;
  assign tx_data_o  = tx_data_q;
  assign running_o  = running;

  // ---------------------------------------------------------------------------
  // Trace of SRAM writes made by the program (host writes happen while stopped)
  // ---------------------------------------------------------------------------
  assign tr_mem_be_o   = run ? w_be : 4'b0000;
  assign tr_mem_addr_o = 32'(w_addr) << 2;
  assign tr_mem_data_o = w_data;

endmodule
