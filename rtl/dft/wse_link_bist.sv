// wse_link_bist: built-in test of the four fabric links of a tile
// (docs/dft.md, "Link test").
//
// A side with its transmit test on drives a pseudo-random sequence on its
// outgoing link every cycle (valid high, the 38 wires of the wavelet from a
// 38-bit Galois LFSR), ignoring ready, while the router's output waits. A
// side with its receive check on takes every incoming word (ready high),
// keeps it from the router, and checks that each word is the LFSR step of
// the one before: the check synchronises itself, so sender and receiver need
// not start in the same cycle. A stuck, open or bridged data wire breaks the
// step within a few words; a dead valid wire shows as too few words.
// Counts are 8 bits per side, saturating, cleared when the check starts.
module wse_link_bist (
  input  logic                                              clk_i,
  input  logic                                              rst_ni,
  input  logic [wse_pkg::NumLinks-1:0]                      tx_en_i,
  input  logic [wse_pkg::NumLinks-1:0]                      rx_en_i,
  // Router side
  input  logic [wse_pkg::NumLinks-1:0]                      r_out_valid_i,
  input  logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0] r_out_data_i,
  output logic [wse_pkg::NumLinks-1:0]                      r_out_ready_o,
  output logic [wse_pkg::NumLinks-1:0]                      r_in_valid_o,
  input  logic [wse_pkg::NumLinks-1:0]                      r_in_ready_i,
  // Tile ports
  output logic [wse_pkg::NumLinks-1:0]                      out_valid_o,
  output logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0] out_data_o,
  input  logic [wse_pkg::NumLinks-1:0]                      out_ready_i,
  input  logic [wse_pkg::NumLinks-1:0]                      in_valid_i,
  input  logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0] in_data_i,
  output logic [wse_pkg::NumLinks-1:0]                      in_ready_o,
  // Results: side d in [8*d +: 8]
  output logic [31:0]                                       errors_o,
  output logic [31:0]                                       words_o
);

  localparam int unsigned L  = wse_pkg::NumLinks;
  localparam int unsigned WB = wse_pkg::WaveletBits;
  // x^38 + x^6 + x^5 + x + 1, right-shifting Galois form.
  localparam logic [WB-1:0] Taps = WB'((64'd1 << 37) | (64'd1 << 5) | (64'd1 << 4) | 64'd1);

  function automatic logic [WB-1:0] lfsr_step(input logic [WB-1:0] s);
    lfsr_step = (s >> 1) ^ (s[0] ? Taps : '0);
  endfunction

  for (genvar d = 0; d < L; d++) begin : g_side
    logic [WB-1:0] tx_q, prev_q, word;
    logic          have_prev_q, rx_en_q;
    logic [7:0]    err_q, cnt_q;

    assign word = in_data_i[d*WB +: WB];

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        tx_q        <= WB'(64'h2A_5A5A_A5A5 + 64'(d));
        prev_q      <= '0;
        have_prev_q <= 1'b0;
        rx_en_q     <= 1'b0;
        err_q       <= '0;
        cnt_q       <= '0;
      end else begin
        if (tx_en_i[d]) tx_q <= lfsr_step(tx_q);
        rx_en_q <= rx_en_i[d];
        if (rx_en_i[d] && !rx_en_q) begin
          have_prev_q <= 1'b0;
          err_q       <= '0;
          cnt_q       <= '0;
        end else if (rx_en_i[d] && in_valid_i[d]) begin
          prev_q      <= word;
          have_prev_q <= 1'b1;
          if (cnt_q != '1) cnt_q <= cnt_q + 8'd1;
          if (have_prev_q && word != lfsr_step(prev_q) && err_q != '1) err_q <= err_q + 8'd1;
        end
      end
    end

    assign out_valid_o[d]          = tx_en_i[d] ? 1'b1 : r_out_valid_i[d];
    assign out_data_o[d*WB +: WB]  = tx_en_i[d] ? tx_q : r_out_data_i[d*WB +: WB];
    assign r_out_ready_o[d]        = tx_en_i[d] ? 1'b0 : out_ready_i[d];
    assign r_in_valid_o[d]         = rx_en_i[d] ? 1'b0 : in_valid_i[d];
    assign in_ready_o[d]           = rx_en_i[d] ? 1'b1 : r_in_ready_i[d];
    assign errors_o[8*d +: 8]      = err_q;
    assign words_o[8*d +: 8]       = cnt_q;
  end

endmodule
