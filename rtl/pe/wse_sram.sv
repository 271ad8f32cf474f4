// wse_sram: the PE's local SRAM, 32-bit words with byte enables.
//
// Two synchronous read ports and one write port, all usable in the same
// cycle: port A serves instruction fetch (and the tensor engine's source
// stream while the core waits), port B serves loads (and the tensor
// destination read), port W serves stores (and tensor results).
//
// A read returns the word as it is after this cycle's write: when port W
// writes the address a port reads in the same cycle, the read sees the new
// bytes. This makes the memory behave like the sequential model the ISS and
// the tensor instructions specify (element i+1 may read what element i
// writes). A port whose read enable is low keeps its output: the core relies
// on that to hold a fetched instruction while it stalls.
//
// Each byte lane is its own memory, so a byte write is a plain single-index
// write (docs/rtl-subset.md, rule 7) and maps onto a byte-enable SRAM macro.
module wse_sram #(
  parameter int unsigned Words = 12288,  // 48 KiB
  // Derived, do not override.
  parameter int unsigned AddrBits = (Words > 1) ? $clog2(Words) : 1
) (
  input  logic                clk_i,
  // Read port A
  input  logic                a_re_i,
  input  logic [AddrBits-1:0] a_addr_i,
  output logic [31:0]         a_rdata_o,
  // Read port B
  input  logic                b_re_i,
  input  logic [AddrBits-1:0] b_addr_i,
  output logic [31:0]         b_rdata_o,
  // Write port W
  input  logic [3:0]          w_be_i,
  input  logic [AddrBits-1:0] w_addr_i,
  input  logic [31:0]         w_data_i
);

  for (genvar lane = 0; lane < 4; lane++) begin : g_lane
    logic [7:0] mem_q [Words];
    logic [7:0] a_q, b_q;

    always_ff @(posedge clk_i) begin
      if (w_be_i[lane]) mem_q[w_addr_i] <= w_data_i[lane*8 +: 8];
    end

    always_ff @(posedge clk_i) begin
      if (a_re_i) begin
        a_q <= (w_be_i[lane] && w_addr_i == a_addr_i) ? w_data_i[lane*8 +: 8] : mem_q[a_addr_i];
      end
      if (b_re_i) begin
        b_q <= (w_be_i[lane] && w_addr_i == b_addr_i) ? w_data_i[lane*8 +: 8] : mem_q[b_addr_i];
      end
    end

    assign a_rdata_o[lane*8 +: 8] = a_q;
    assign b_rdata_o[lane*8 +: 8] = b_q;
  end

endmodule
