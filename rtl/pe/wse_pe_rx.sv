// wse_pe_rx: the PE's receive buffers, one wavelet per color.
//
// The router delivers wavelets for the colors routed to the ramp in arrival
// order; the PE consumes them by color (frecv, tensor fabric sources, task
// wake-up). One buffer per color lets a program read color 3 while a
// wavelet of color 5 waits. A wavelet whose color's buffer is full stays on
// the ramp (back-pressure, nothing is lost) and holds back the ones behind it.
//
// A buffer popped in a cycle accepts a new wavelet in the same cycle, so one
// color streams at one wavelet per cycle (tmac's operand rate).
module wse_pe_rx #(
  parameter int unsigned NumColors = 24
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  logic                          clear_i,   // PE start: drop nothing in flight, empty buffers
  input  logic                          enable_i,  // PE running: accept from the ramp
  // Ramp from the router
  input  logic                          ramp_valid_i,
  output logic                          ramp_ready_o,
  input  logic [wse_pkg::WaveletBits-1:0] ramp_data_i,
  // Consumer side
  output logic [NumColors-1:0]          avail_o,   // buffer c holds a wavelet
  input  logic                          pop_i,
  input  logic [wse_pkg::ColorBits-1:0] pop_color_i,
  output logic [31:0]                   pop_data_o // data of buffer pop_color_i
);

  logic [NumColors-1:0]    valid_q;
  logic [NumColors*32-1:0] data_q;
  logic [wse_pkg::ColorBits-1:0] in_color;
  logic [NumColors-1:0]    pop_onehot, in_onehot;
  logic                    accept;

  localparam int unsigned SelBits = (NumColors > 1) ? $clog2(NumColors) : 1;

  /* verilator lint_off UNUSEDSIGNAL */  // the ctrl bit means nothing to the PE
  logic unused_ctrl;
  /* verilator lint_on UNUSEDSIGNAL */
  assign unused_ctrl = ramp_data_i[wse_pkg::WaveletCtrlBit];
  assign in_color = ramp_data_i[wse_pkg::WaveletColorLsb +: wse_pkg::ColorBits];

  always_comb begin
    for (int unsigned c = 0; c < NumColors; c++) begin
      pop_onehot[c] = pop_i && (32'(pop_color_i) == c);
      in_onehot[c]  = (32'(in_color) == c);
    end
  end

  // The router only delivers routed colors (< NumColors); a wavelet of any
  // other color would match no buffer and wait forever, so it is accepted
  // and dropped instead of blocking the ramp (it cannot occur: the route
  // table has no entry for it).
  assign accept       = enable_i && ((in_onehot & valid_q & ~pop_onehot) == '0);
  assign ramp_ready_o = accept;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
      data_q  <= '0;
    end else if (clear_i) begin
      valid_q <= '0;
    end else begin
      for (int unsigned c = 0; c < NumColors; c++) begin
        if (ramp_valid_i && accept && in_onehot[c]) begin
          valid_q[c]        <= 1'b1;
          data_q[c*32 +: 32] <= ramp_data_i[wse_pkg::WaveletDataLsb +: 32];
        end else if (pop_onehot[c]) begin
          valid_q[c] <= 1'b0;
        end
      end
    end
  end

  assign avail_o = valid_q;

  wse_index_mux #(
    .Width(32),
    .N    (NumColors)
  ) u_pop_mux (
    .data_i(data_q),
    .sel_i (pop_color_i[SelBits-1:0]),
    .data_o(pop_data_o)
  );

endmodule
