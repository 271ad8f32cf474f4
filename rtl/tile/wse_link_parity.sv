// wse_link_parity: integrity check of the four fabric links in operation
// (docs/dft.md, "Parity in operation").
//
// Every link carries one more wire beside the wavelet: the even parity of
// its 38 data wires, made by the sender from the word it drives. The
// receiver checks every word it takes (valid and ready) and counts
// mismatches per side, 8 bits each,
// saturating, until the host clears LINK_PERR. One wrong wire, or any odd
// number, is caught on the first word where it matters.
module wse_link_parity (
  input  logic                                              clk_i,
  input  logic                                              rst_ni,
  input  logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0] out_data_i,  // words this tile drives
  output logic [wse_pkg::NumLinks-1:0]                      out_par_o,
  input  logic [wse_pkg::NumLinks-1:0]                      in_fire_i,   // word taken
  input  logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0] in_data_i,
  input  logic [wse_pkg::NumLinks-1:0]                      in_par_i,
  input  logic                                              clear_i,     // host write of LINK_PERR
  output logic [31:0]                                       errors_o     // side d in [8*d +: 8]
);

  localparam int unsigned L  = wse_pkg::NumLinks;
  localparam int unsigned WB = wse_pkg::WaveletBits;

  for (genvar d = 0; d < L; d++) begin : g_side
    logic [7:0] err_q;
    logic       bad;
    assign out_par_o[d] = ^out_data_i[d*WB +: WB];
    assign bad          = in_fire_i[d] && (^in_data_i[d*WB +: WB] != in_par_i[d]);
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni)                  err_q <= '0;
      else if (clear_i)             err_q <= '0;
      else if (bad && err_q != '1)  err_q <= err_q + 8'd1;
    end
    assign errors_o[8*d +: 8] = err_q;
  end

endmodule
