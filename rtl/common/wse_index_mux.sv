// wse_index_mux: element sel_i of a flat vector of N elements, as a balanced
// tree of 2:1 multiplexers.
//
// Combinational: ceil(log2 N) mux levels, (N-1)*Width mux cells. An index at
// or above N gives zero. Exists because yosys 0.23 builds a variable
// part-select `v[sel*Width +: Width]` as a barrel shifter, about twice as large,
// and a compare-per-element loop as a priority chain N levels deep.
module wse_index_mux #(
  parameter int unsigned Width   = 8,  // bits per element
  parameter int unsigned N       = 4,  // elements, >= 1
  // Derived, do not override.
  parameter int unsigned SelBits = (N > 1) ? $clog2(N) : 1
) (
  input  logic [N*Width-1:0] data_i,
  input  logic [SelBits-1:0] sel_i,
  output logic [Width-1:0]   data_o
);

  localparam int unsigned Leaves = 1 << SelBits;

  // Pairwise reduction in place: level l halves the candidates using sel_i[l].
  // It is procedural because continuous assigns into one shared vector look
  // like a combinational loop to the simulator (UNOPTFLAT). Writes at index j
  // only overwrite entries that have already been read.
  logic [Leaves*Width-1:0] level;

  always_comb begin
    level = '0;
    level[N*Width-1:0] = data_i;
    for (int unsigned l = 0; l < SelBits; l++) begin
      for (int unsigned j = 0; j < (Leaves >> (l + 1)); j++) begin
        level[j*Width +: Width] = sel_i[l] ? level[(2*j+1)*Width +: Width]
                                           : level[(2*j)*Width +: Width];
      end
    end
    data_o = level[Width-1:0];
  end

endmodule
