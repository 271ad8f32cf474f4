// wse_router_bist: loopback self-test of the router's five ports and of every
// color (docs/dft.md, "Router test").
//
// Sits between the router and everything outside it (the link BIST and the
// PE). A port with its test on is cut off from the outside (valid and ready
// low there) and looped: a sender drives the router's input p with a
// sequence and a checker takes everything the router's output p emits. The
// firmware routes every color c of phase k back to the port it came in on,
// port (c + k) mod 5, so in five phases every color crosses every port, in
// and out, and all tiles of the wafer test at once from one broadcast.
//
// Word n on port p: data a 32-bit Galois LFSR, ctrl the parity of data, color
// the next of the port's colors c0, c0 + 5, ... below NumColors, where
// c0 = (p - k) mod 5. The checker synchronises itself on the data (each word
// the LFSR step of the one before) and checks ctrl and that the color
// belongs to the port, so a lost, duplicated, misrouted or corrupted word
// counts. Counts: 6 bits per port, saturating, cleared when the test starts:
// when the port is looped, or when drain falls on a looped port. The second
// lets the firmware keep every port cut off from the fabric from the first
// phase to the last (drain between phases), so nothing from outside, such
// as a neighbour's stuck valid wire, reaches a router being tested.
module wse_router_bist #(
  parameter int unsigned NumColors = 24
) (
  input  logic                                              clk_i,
  input  logic                                              rst_ni,
  input  logic [wse_pkg::NumPorts-1:0]                      en_i,     // loop port p
  input  logic [2:0]                                        phase_i,  // k, 0..4
  input  logic                                              drain_i,  // senders stop
  // Router side
  output logic [wse_pkg::NumPorts-1:0]                      r_in_valid_o,
  input  logic [wse_pkg::NumPorts-1:0]                      r_in_ready_i,
  output logic [wse_pkg::NumPorts*wse_pkg::WaveletBits-1:0] r_in_data_o,
  input  logic [wse_pkg::NumPorts-1:0]                      r_out_valid_i,
  output logic [wse_pkg::NumPorts-1:0]                      r_out_ready_o,
  input  logic [wse_pkg::NumPorts*wse_pkg::WaveletBits-1:0] r_out_data_i,
  // Outside (link BIST sides 0..3, PE ramp 4); the router's output data
  // goes outside directly
  input  logic [wse_pkg::NumPorts-1:0]                      in_valid_i,
  output logic [wse_pkg::NumPorts-1:0]                      in_ready_o,
  input  logic [wse_pkg::NumPorts*wse_pkg::WaveletBits-1:0] in_data_i,
  output logic [wse_pkg::NumPorts-1:0]                      out_valid_o,
  input  logic [wse_pkg::NumPorts-1:0]                      out_ready_i,
  // Results: port p in [6*p +: 6]
  output logic [31:0]                                       errors_o,
  output logic [31:0]                                       words_o
);

  localparam int unsigned P  = wse_pkg::NumPorts;
  localparam int unsigned WB = wse_pkg::WaveletBits;
  localparam int unsigned CB = wse_pkg::ColorBits;
  localparam int unsigned NB = wse_pkg::RouterTestCntBits;
  // x^32 + x^22 + x^2 + x + 1, right-shifting Galois form.
  localparam logic [31:0] Taps = 32'h8020_0003;

  function automatic logic [31:0] lfsr_step(input logic [31:0] s);
    lfsr_step = (s >> 1) ^ (s[0] ? Taps : '0);
  endfunction

  logic drain_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) drain_q <= 1'b0;
    else         drain_q <= drain_i;
  end

  for (genvar p = 0; p < P; p++) begin : g_port
    logic [CB-1:0] c0, col_q, col_next, rx_color;
    logic [31:0]   lfsr_q, prev_q, rx_data;
    logic          rx_ctrl, en_q, have_prev_q, color_ok, take, send, start;
    logic [NB-1:0] err_q, cnt_q;

    // c0 = (p - k) mod 5, k in 0..4.
    localparam logic [3:0] PIdx = 4'(p);
    logic [3:0] k4, c0_4;
    assign k4       = {1'b0, phase_i};
    assign c0_4     = (PIdx >= k4) ? PIdx - k4 : PIdx + 4'd5 - k4;
    assign c0       = CB'(c0_4);
    assign col_next = (32'(col_q) + 5 < NumColors) ? col_q + CB'(5) : c0;

    assign rx_data  = r_out_data_i[p*WB + wse_pkg::WaveletDataLsb +: 32];
    assign rx_color = r_out_data_i[p*WB + wse_pkg::WaveletColorLsb +: CB];
    assign rx_ctrl  = r_out_data_i[p*WB + wse_pkg::WaveletCtrlBit];
    always_comb begin
      color_ok = 1'b0;
      for (int unsigned j = 0; j < 7; j++) begin
        if (32'(rx_color) == 32'(c0) + 5 * j && 32'(rx_color) < NumColors) color_ok = 1'b1;
      end
    end

    // Not on the cycle the test is switched off either (en_q still high):
    // a word sent then would stay in the router for the next phase.
    assign start = en_i[p] && (!en_q || (drain_q && !drain_i));
    assign send  = en_q && en_i[p] && !drain_i && !drain_q;
    assign take  = en_q && r_out_valid_i[p];

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        en_q        <= 1'b0;
        col_q       <= '0;
        lfsr_q      <= 32'h1357_9BDF + 32'(p);
        prev_q      <= '0;
        have_prev_q <= 1'b0;
        err_q       <= '0;
        cnt_q       <= '0;
      end else begin
        en_q <= en_i[p];
        if (start) begin
          col_q       <= c0;
          have_prev_q <= 1'b0;
          err_q       <= '0;
          cnt_q       <= '0;
        end else begin
          if (send && r_in_ready_i[p]) begin
            col_q  <= col_next;
            lfsr_q <= lfsr_step(lfsr_q);
          end
          if (take) begin
            prev_q      <= rx_data;
            have_prev_q <= 1'b1;
            if (cnt_q != '1) cnt_q <= cnt_q + NB'(1);
            if ((!color_ok || rx_ctrl != ^rx_data || (have_prev_q && rx_data != lfsr_step(prev_q))) &&
                err_q != '1) begin
              err_q <= err_q + NB'(1);
            end
          end
        end
      end
    end

    assign r_in_valid_o[p]         = en_q ? send : in_valid_i[p];
    assign r_in_data_o[p*WB +: WB] = en_q ? {^lfsr_q, col_q, lfsr_q} : in_data_i[p*WB +: WB];
    assign in_ready_o[p]           = en_q ? 1'b0 : r_in_ready_i[p];
    assign r_out_ready_o[p]        = en_q ? 1'b1 : out_ready_i[p];
    assign out_valid_o[p]          = en_q ? 1'b0 : r_out_valid_i[p];
    assign errors_o[NB*p +: NB]    = err_q;
    assign words_o[NB*p +: NB]     = cnt_q;
  end

  assign errors_o[31:NB*P] = '0;
  assign words_o[31:NB*P]  = '0;

endmodule
