// wse_mbist: March C- memory BIST over the PE SRAM as a raw 36-bit array
// (32 data bits and 4 byte-parity bits), docs/dft.md.
//
//   {⇕(w0); ⇑(r0,w1); ⇑(r1,w0); ⇓(r0,w1); ⇓(r1,w0); ⇕(r0)}
//
// runs once per data background: background 0 is all zeros, background k
// (1..6) has bit i equal to bit k-1 of i, so any two bits of a word differ in
// some background and intra-word coupling shows up. "0" is the background,
// "1" its complement. A final ⇕(w0) of zeros leaves the memory clean with
// good parity. One operation per cycle; a read is checked the cycle after.
//
// Cost: (70 + 1) * Words cycles (plus a few), the same for every tile, so a
// broadcast start tests the whole wafer in the time of one tile.
module wse_mbist #(
  parameter int unsigned Words = 12288,
  // Derived, do not override.
  parameter int unsigned AddrBits = (Words > 1) ? $clog2(Words) : 1
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic                            start_i,
  output logic                            active_o,   // owns the SRAM ports
  // SRAM ports (read port A, write port W, raw words)
  output logic                            re_o,
  output logic [AddrBits-1:0]             raddr_o,
  input  logic [wse_pkg::SramRawBits-1:0] rdata_i,
  output logic                            we_o,
  output logic [AddrBits-1:0]             waddr_o,
  output logic [wse_pkg::SramRawBits-1:0] wdata_o,
  // Results (BIST_* registers)
  output logic [31:0]                     status_o,
  output logic [31:0]                     fail_addr_o,
  output logic [31:0]                     fail_bits_o,
  output logic [31:0]                     fail_count_o
);

  localparam int unsigned RB       = wse_pkg::SramRawBits;
  localparam int unsigned NumBg    = 7;   // ceil(log2(36)) + 1
  localparam int unsigned LastElem = 5;
  localparam int unsigned FinalBg  = NumBg;  // the clean-up pass after the last background

  function automatic logic [RB-1:0] background(input logic [2:0] k);
    background = '0;
    for (int unsigned i = 0; i < RB; i++) begin
      if (k != 3'd0) background[i] = 1'(i >> (32'(k) - 1));
    end
  endfunction

  logic                busy_q, done_q, fail_q;
  logic [2:0]          bg_q, elem_q;
  logic                op_q;          // second operation of a two-operation element
  logic [AddrBits-1:0] addr_q;
  logic                chk_q;
  logic [RB-1:0]       exp_q;
  logic [AddrBits-1:0] chk_addr_q;
  logic [2:0]          fail_bg_q, fail_elem_q;
  logic [AddrBits-1:0] fail_addr_q;
  logic [RB-1:0]       fail_bits_q;
  logic [31:0]         fail_count_q;

  // Element table: direction, and what each operation reads or writes.
  logic          down, two_ops, is_read, val;  // val: 0 = background, 1 = complement
  logic [RB-1:0] bgp, data;
  always_comb begin
    down    = (elem_q == 3'd3) || (elem_q == 3'd4);
    two_ops = (elem_q >= 3'd1) && (elem_q <= 3'd4);
    unique case (elem_q)
      3'd0:    begin is_read = 1'b0;  val = 1'b0; end
      3'd1:    begin is_read = !op_q; val = op_q; end          // r0, w1
      3'd2:    begin is_read = !op_q; val = !op_q; end         // r1, w0
      3'd3:    begin is_read = !op_q; val = op_q; end          // r0, w1
      3'd4:    begin is_read = !op_q; val = !op_q; end         // r1, w0
      default: begin is_read = 1'b1;  val = 1'b0; end          // r0
    endcase
    if (bg_q == 3'(FinalBg)) begin
      is_read = 1'b0;
      val     = 1'b0;
    end
    bgp  = background(bg_q == 3'(FinalBg) ? 3'd0 : bg_q);
    data = val ? ~bgp : bgp;
  end

  logic last_op, last_addr, last_elem;
  assign last_op   = !two_ops || op_q;
  assign last_addr = down ? (addr_q == '0) : (32'(addr_q) == Words - 1);
  assign last_elem = (bg_q == 3'(FinalBg)) || (elem_q == 3'(LastElem));

  assign re_o    = busy_q && is_read;
  assign raddr_o = addr_q;
  assign we_o    = busy_q && !is_read;
  assign waddr_o = addr_q;
  assign wdata_o = data;

  logic          mismatch;
  logic [RB-1:0] diff;
  assign diff     = rdata_i ^ exp_q;
  assign mismatch = chk_q && (diff != '0);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q       <= 1'b0;
      done_q       <= 1'b0;
      fail_q       <= 1'b0;
      bg_q         <= '0;
      elem_q       <= '0;
      op_q         <= 1'b0;
      addr_q       <= '0;
      chk_q        <= 1'b0;
      exp_q        <= '0;
      chk_addr_q   <= '0;
      fail_bg_q    <= '0;
      fail_elem_q  <= '0;
      fail_addr_q  <= '0;
      fail_bits_q  <= '0;
      fail_count_q <= '0;
    end else begin
      chk_q      <= busy_q && is_read;
      exp_q      <= data;
      chk_addr_q <= addr_q;
      if (mismatch) begin
        if (!fail_q) begin
          fail_addr_q <= chk_addr_q;
          fail_bits_q <= diff;
          fail_bg_q   <= bg_q;
          fail_elem_q <= elem_q;
        end
        fail_q <= 1'b1;
        if (fail_count_q != '1) fail_count_q <= fail_count_q + 32'd1;
      end
      if (start_i && !busy_q) begin
        busy_q       <= 1'b1;
        done_q       <= 1'b0;
        fail_q       <= 1'b0;
        bg_q         <= '0;
        elem_q       <= '0;
        op_q         <= 1'b0;
        addr_q       <= '0;
        fail_count_q <= '0;
        fail_addr_q  <= '0;
        fail_bits_q  <= '0;
        fail_bg_q    <= '0;
        fail_elem_q  <= '0;
      end else if (busy_q) begin
        if (!last_op) begin
          op_q <= 1'b1;
        end else begin
          op_q <= 1'b0;
          if (!last_addr) begin
            addr_q <= down ? addr_q - 1'b1 : addr_q + 1'b1;
          end else if (!last_elem) begin
            elem_q <= elem_q + 3'd1;
            // Elements 3 and 4 walk down from the top.
            addr_q <= (elem_q == 3'd2 || elem_q == 3'd3) ? AddrBits'(Words - 1) : '0;
          end else if (bg_q != 3'(FinalBg)) begin
            bg_q   <= bg_q + 3'd1;
            elem_q <= '0;
            addr_q <= '0;
          end else begin
            busy_q <= 1'b0;
            done_q <= 1'b1;
          end
        end
      end
    end
  end

  // The last read's check lands one cycle after busy falls: done waits for it.
  assign active_o     = busy_q;
  assign status_o     = {16'd0, fail_bits_q[35:32], 1'b0, fail_elem_q, 1'b0, fail_bg_q,
                         1'b0, fail_q, done_q && !chk_q, busy_q || chk_q};
  assign fail_addr_o  = 32'(fail_addr_q);
  assign fail_bits_o  = fail_bits_q[31:0];
  assign fail_count_o = fail_count_q;

endmodule
