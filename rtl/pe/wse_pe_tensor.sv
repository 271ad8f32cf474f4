// wse_pe_tensor: the tensor engine: descriptor registers and the element
// pipeline behind tcopy, tadd and tmac (docs/pe.md, "Tensor extension").
//
// Two stages per element:
//   issue  check the element's addresses, read the memory source (SRAM port
//          A, free while the core waits) and the destination (port B), or
//          take the fabric source from its receive buffer;
//   write  combine, then write the destination (port W) or send it.
// Element i+1 issues while element i writes, so the engine sustains one
// element per cycle; the SRAM returns same-cycle writes to reads, so
// overlapping vectors behave as the sequential loop of the spec.
// A fault found at issue of element i is reported once element i-1 has
// written: elements before it are complete, nothing of element i happened.
module wse_pe_tensor #(
  parameter int unsigned NumColors = 24,
  parameter int unsigned Words     = 12288,
  // Derived, do not override.
  parameter int unsigned AddrBits  = (Words > 1) ? $clog2(Words) : 1
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  logic                          clear_i,     // PE start
  // Descriptor writes (dseta: field 0, dsetl: field 1)
  input  logic                          dset_we_i,
  input  logic                          dset_field_i,
  input  logic [1:0]                    dset_idx_i,
  input  logic [31:0]                   dset_a_i,    // addr / len
  input  logic [31:0]                   dset_b_i,    // type / stride
  output logic [7:0]                    desc_type_o,   // 2 bits per descriptor
  output logic [4*5-1:0]                desc_color_o,  // addr[4:0] per descriptor
  // Operation
  input  logic                          start_i,
  input  logic [1:0]                    op_i,        // 0 copy, 1 add, 2 mac
  input  logic [1:0]                    dst_i,
  input  logic [1:0]                    src_i,
  input  logic [15:0]                   scalar_i,
  output logic                          done_o,      // retire this cycle
  output logic                          trap_o,      // trap this cycle
  output logic [3:0]                    cause_o,
  output logic [31:0]                   tval_o,
  output logic                          active_o,    // owns SRAM ports and ramp
  // SRAM
  output logic                          a_re_o,
  output logic [AddrBits-1:0]           a_addr_o,
  input  logic [31:0]                   a_rdata_i,
  output logic                          b_re_o,
  output logic [AddrBits-1:0]           b_addr_o,
  input  logic [31:0]                   b_rdata_i,
  output logic [3:0]                    w_be_o,
  output logic [AddrBits-1:0]           w_addr_o,
  output logic [31:0]                   w_data_o,
  // Receive buffers and transmit register
  input  logic [NumColors-1:0]          rx_avail_i,
  output logic                          rx_pop_o,
  output logic [wse_pkg::ColorBits-1:0] rx_color_o,
  input  logic [31:0]                   rx_data_i,
  output logic                          tx_valid_o,
  input  logic                          tx_ready_i,
  output logic [wse_pkg::ColorBits-1:0] tx_color_o,
  output logic [31:0]                   tx_data_o,
  // Counters
  output logic                          mac_o,
  output logic                          zskip_o
);

  localparam logic [1:0] TypeMem16 = 2'd0;
  localparam logic [1:0] TypeMem32 = 2'd1;
  localparam logic [1:0] OpCopy    = 2'd0;
  localparam logic [1:0] OpMac     = 2'd2;
  localparam logic [32:0] Bytes    = 33'(Words) * 33'd4;

  // ---------------------------------------------------------------------------
  // Descriptor registers
  // ---------------------------------------------------------------------------
  logic [4*2-1:0]  d_type_q;
  logic [4*32-1:0] d_addr_q, d_len_q, d_stride_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      d_type_q   <= '0;
      d_addr_q   <= '0;
      d_len_q    <= '0;
      d_stride_q <= '0;
    end else if (clear_i) begin
      d_type_q   <= '0;
      d_addr_q   <= '0;
      d_len_q    <= '0;
      d_stride_q <= '0;
    end else if (dset_we_i) begin
      for (int unsigned d = 0; d < 4; d++) begin
        if (32'(dset_idx_i) == d) begin
          if (!dset_field_i) begin
            d_addr_q[d*32 +: 32] <= dset_a_i;
            d_type_q[d*2 +: 2]   <= dset_b_i[1:0];
          end else begin
            d_len_q[d*32 +: 32]    <= dset_a_i;
            d_stride_q[d*32 +: 32] <= dset_b_i;
          end
        end
      end
    end
  end

  always_comb begin
    desc_type_o = d_type_q;
    for (int unsigned d = 0; d < 4; d++) desc_color_o[d*5 +: 5] = d_addr_q[d*32 +: 5];
  end

  // ---------------------------------------------------------------------------
  // Operation state
  // ---------------------------------------------------------------------------
  logic        active_q;
  logic [1:0]  op_q;
  logic [15:0] scalar_q;
  logic [31:0] count_q, n_q;
  logic [1:0]  s_type_q, t_type_q;         // source, target (destination)
  logic [31:0] s_addr_q, t_addr_q, s_step_q, t_step_q;

  // Write stage
  logic        w_valid_q;
  /* verilator lint_off UNUSEDSIGNAL */  // word address and half select are used
  logic [31:0] w_addr_q;                   // destination byte address
  /* verilator lint_on UNUSEDSIGNAL */
  logic [31:0] w_fab_q;                    // fabric source data
  logic        w_s_half_q;                 // MEM16 source: upper half of the word

  logic        s_mem, t_mem, s_is16, t_is16;
  assign s_mem  = !s_type_q[1];
  assign t_mem  = !t_type_q[1];
  assign s_is16 = !s_type_q[0];            // MEM16 or FAB16
  assign t_is16 = !t_type_q[0];

  // ---- write stage ----
  logic [31:0] s_val, t_old, result, product;
  logic [15:0] s_half, t_half;
  logic        w_fire, skip;

  assign s_half = w_s_half_q ? a_rdata_i[31:16] : a_rdata_i[15:0];
  assign t_half = w_addr_q[1] ? b_rdata_i[31:16] : b_rdata_i[15:0];

  always_comb begin
    if (!s_mem)      s_val = s_is16 ? {{16{w_fab_q[15]}}, w_fab_q[15:0]} : w_fab_q;
    else if (s_is16) s_val = {{16{s_half[15]}}, s_half};
    else             s_val = a_rdata_i;
    t_old = (t_type_q == TypeMem16) ? {{16{t_half[15]}}, t_half} : b_rdata_i;
  end

  assign product = s_val * {{16{scalar_q[15]}}, scalar_q};

  always_comb begin
    unique case (op_q)
      OpCopy:  result = s_val;
      OpMac:   result = t_old + product;
      default: result = t_old + s_val;     // add
    endcase
  end

  assign skip   = (op_q == OpMac) && (s_val == '0);
  assign w_fire = w_valid_q && (t_mem || tx_ready_i);

  always_comb begin
    w_be_o   = '0;
    w_addr_o = w_addr_q[AddrBits+1:2];
    w_data_o = (t_type_q == TypeMem16) ? {result[15:0], result[15:0]} : result;
    if (w_valid_q && t_mem && !skip) begin
      w_be_o = (t_type_q == TypeMem16) ? (w_addr_q[1] ? 4'b1100 : 4'b0011) : 4'b1111;
    end
  end

  assign tx_valid_o = w_valid_q && !t_mem;
  assign tx_color_o = t_addr_q[4:0];
  assign tx_data_o  = t_is16 ? {{16{result[15]}}, result[15:0]} : result;
  assign mac_o      = w_fire && (op_q == OpMac);
  assign zskip_o    = mac_o && skip;

  // ---- issue stage ----
  logic        slot, more, s_avail;
  logic        s_misal, s_range, t_misal, t_range;
  logic        fault, do_issue;
  logic [3:0]  fault_cause;
  logic [31:0] fault_addr;

  assign slot = active_q && (!w_valid_q || w_fire);   // the write stage can take an element
  assign more = count_q != n_q;

  assign s_misal = s_mem && (s_is16 ? s_addr_q[0] : (s_addr_q[1:0] != 2'b00));
  assign s_range = s_mem && (33'(s_addr_q) >= Bytes);
  assign t_misal = t_mem && (t_is16 ? t_addr_q[0] : (t_addr_q[1:0] != 2'b00));
  assign t_range = t_mem && (33'(t_addr_q) >= Bytes);

  always_comb begin
    fault       = 1'b1;
    fault_cause = 4'd4;
    fault_addr  = s_addr_q;
    if (s_misal)      fault_cause = 4'd4;
    else if (s_range) fault_cause = 4'd5;
    else if (t_misal) begin fault_cause = 4'd6; fault_addr = t_addr_q; end
    else if (t_range) begin fault_cause = 4'd7; fault_addr = t_addr_q; end
    else              fault = 1'b0;
  end

  // Padded to every 5-bit color so the select is always in range; a fabric
  // descriptor's color was checked against NumColors before start.
  logic [wse_pkg::MaxColors-1:0] avail_pad;
  assign avail_pad = wse_pkg::MaxColors'(rx_avail_i);
  assign s_avail   = s_mem || avail_pad[s_addr_q[wse_pkg::ColorBits-1:0]];
  assign do_issue = slot && more && !fault && s_avail;

  assign a_re_o     = do_issue && s_mem;
  assign a_addr_o   = s_addr_q[AddrBits+1:2];
  assign b_re_o     = do_issue && (op_q != OpCopy);
  assign b_addr_o   = t_addr_q[AddrBits+1:2];
  assign rx_pop_o   = do_issue && !s_mem;
  assign rx_color_o = s_addr_q[4:0];

  assign trap_o   = slot && more && fault;
  assign cause_o  = fault_cause;
  assign tval_o   = fault_addr;
  assign done_o   = slot && !more;
  assign active_o = active_q;

  // ---------------------------------------------------------------------------
  // Sequencing
  // ---------------------------------------------------------------------------
  logic [1:0]  st_type, dt_type;
  /* verilator lint_off UNUSEDSIGNAL */  // bit 31 shifts out of the byte step
  logic [31:0] st_stride, dt_stride;
  /* verilator lint_on UNUSEDSIGNAL */
  assign st_type   = d_type_q[src_i*2 +: 2];
  assign dt_type   = d_type_q[dst_i*2 +: 2];
  assign st_stride = d_stride_q[src_i*32 +: 32];
  assign dt_stride = d_stride_q[dst_i*32 +: 32];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      active_q   <= 1'b0;
      op_q       <= '0;
      scalar_q   <= '0;
      count_q    <= '0;
      n_q        <= '0;
      s_type_q   <= '0;
      t_type_q   <= '0;
      s_addr_q   <= '0;
      t_addr_q   <= '0;
      s_step_q   <= '0;
      t_step_q   <= '0;
      w_valid_q  <= 1'b0;
      w_addr_q   <= '0;
      w_fab_q    <= '0;
      w_s_half_q <= 1'b0;
    end else if (clear_i) begin
      active_q  <= 1'b0;
      w_valid_q <= 1'b0;
    end else if (start_i) begin
      active_q  <= 1'b1;
      op_q      <= op_i;
      scalar_q  <= scalar_i;
      count_q   <= '0;
      n_q       <= d_len_q[src_i*32 +: 32];
      s_type_q  <= st_type;
      t_type_q  <= dt_type;
      s_addr_q  <= d_addr_q[src_i*32 +: 32];
      t_addr_q  <= d_addr_q[dst_i*32 +: 32];
      // Byte step per element: stride * element size.
      s_step_q  <= (st_type == TypeMem32) ? {st_stride[29:0], 2'b00} : {st_stride[30:0], 1'b0};
      t_step_q  <= (dt_type == TypeMem32) ? {dt_stride[29:0], 2'b00} : {dt_stride[30:0], 1'b0};
      w_valid_q <= 1'b0;
    end else if (active_q) begin
      if (done_o || trap_o) active_q <= 1'b0;
      if (w_fire) w_valid_q <= 1'b0;
      if (do_issue) begin
        w_valid_q  <= 1'b1;
        w_addr_q   <= t_addr_q;
        w_fab_q    <= rx_data_i;
        w_s_half_q <= s_addr_q[1];
        count_q    <= count_q + 32'd1;
        // A fabric operand's "address" is its color: it must not move.
        if (s_mem) s_addr_q <= s_addr_q + s_step_q;
        if (t_mem) t_addr_q <= t_addr_q + t_step_q;
      end
    end
  end

endmodule
