// wse_repair_shell: steers a tile's four logical links onto the redundant
// physical wires (docs/repair.md).
//
// Every side has NumReach wire bundles; REPAIR0 picks one per side, so a
// logical neighbour may sit one or two tiles further along the row (skipping
// dead or spare tiles) or one column aside in the next row. A side that is
// not selected sees valid and ready low on every bundle, so a mapped-out
// tile never takes a word off a wire and never offers one: traffic between
// its neighbours runs on their own skip wires, past it.
// Outgoing data and parity fan out to all bundles of a side unqualified:
// only valid says a word is there (saves a gate per wire).
module wse_repair_shell (
  // REPAIR0: [1:0] N, [3:2] S, [5:4] E, [7:6] W select, 3 = off; [8] mapped out
  input  logic [8:0]                                            repair_i,
  // Logical side, indexed by dir_e (N, E, S, W), toward the router
  output logic [wse_pkg::NumLinks-1:0]                          l_in_valid_o,
  input  logic [wse_pkg::NumLinks-1:0]                          l_in_ready_i,
  output logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0]     l_in_data_o,
  output logic [wse_pkg::NumLinks-1:0]                          l_in_par_o,
  input  logic [wse_pkg::NumLinks-1:0]                          l_out_valid_i,
  output logic [wse_pkg::NumLinks-1:0]                          l_out_ready_o,
  input  logic [wse_pkg::NumLinks*wse_pkg::WaveletBits-1:0]     l_out_data_i,
  input  logic [wse_pkg::NumLinks-1:0]                          l_out_par_i,
  // Physical wires, side d reach r at d*NumReach + r
  input  logic [wse_pkg::NumPhysLinks-1:0]                      p_in_valid_i,
  output logic [wse_pkg::NumPhysLinks-1:0]                      p_in_ready_o,
  input  logic [wse_pkg::NumPhysLinks*wse_pkg::WaveletBits-1:0] p_in_data_i,
  input  logic [wse_pkg::NumPhysLinks-1:0]                      p_in_par_i,
  output logic [wse_pkg::NumPhysLinks-1:0]                      p_out_valid_o,
  input  logic [wse_pkg::NumPhysLinks-1:0]                      p_out_ready_i,
  output logic [wse_pkg::NumPhysLinks*wse_pkg::WaveletBits-1:0] p_out_data_o,
  output logic [wse_pkg::NumPhysLinks-1:0]                      p_out_par_o
);

  localparam int unsigned L  = wse_pkg::NumLinks;
  localparam int unsigned R  = wse_pkg::NumReach;
  localparam int unsigned WB = wse_pkg::WaveletBits;

  for (genvar d = 0; d < L; d++) begin : gen_side
    // REPAIR0 field order is N, S, E, W; dir_e order is N, E, S, W.
    localparam int unsigned F = (d == 0) ? 0 : (d == 1) ? 4 : (d == 2) ? 2 : 6;
    logic [1:0] sel;
    assign sel = repair_i[8] ? 2'd3 : repair_i[F +: 2];

    logic [R-1:0] hit;  // one-hot of the selected bundle, zero when off
    for (genvar r = 0; r < R; r++) begin : gen_reach
      assign hit[r] = (sel == 2'(r));
      assign p_in_ready_o[d*R + r]          = hit[r] & l_in_ready_i[d];
      assign p_out_valid_o[d*R + r]         = hit[r] & l_out_valid_i[d];
      assign p_out_data_o[(d*R + r)*WB +: WB] = l_out_data_i[d*WB +: WB];
      assign p_out_par_o[d*R + r]           = l_out_par_i[d];
    end

    always_comb begin
      l_in_valid_o[d]         = 1'b0;
      l_in_data_o[d*WB +: WB] = '0;
      l_in_par_o[d]           = 1'b0;
      l_out_ready_o[d]        = 1'b0;
      for (int r = 0; r < R; r++) begin
        if (hit[r]) begin
          l_in_valid_o[d]         = p_in_valid_i[d*R + r];
          l_in_data_o[d*WB +: WB] = p_in_data_i[(d*R + r)*WB +: WB];
          l_in_par_o[d]           = p_in_par_i[d*R + r];
          l_out_ready_o[d]        = p_out_ready_i[d*R + r];
        end
      end
    end
  end

endmodule
