// wse_cfg_guard: parity over the tile's config state, so an upset (a bit
// flip in a config flop) is detected (docs/dft.md, "Config register
// protection").
//
// The state is G slots of 32 bits (one register, or one route entry, each).
// A slot's parity bit is taken from the slot only when the host writes it
// (one cycle later, when the value is in place; at most one slot is written
// per cycle) and once after reset. A checker visits one slot per cycle, so
// two 32-bit parity trees serve all slots and an upset is flagged within G
// cycles; the slot stays flagged until the host rewrites (scrubs) it.
module wse_cfg_guard #(
  parameter int unsigned G = 8,  // slots
  // Derived, do not override.
  parameter int unsigned IdxBits = (G > 1) ? $clog2(G) : 1
) (
  input  logic            clk_i,
  input  logic            rst_ni,
  input  logic [G*32-1:0] state_i,    // the protected registers' current values
  input  logic [G-1:0]    written_i,  // slot g was written by the host this cycle
  output logic            mismatch_o  // some slot no longer matches its parity
);

  logic [G-1:0]       par_q, valid_q, bad_q;
  logic [IdxBits-1:0] idx_q, wr_idx, wr_idx_q;
  logic               wr_q;
  logic [31:0]        slot, wr_slot;
  logic               slot_par, wr_par;

  // The slot the checker visits, and the slot written last cycle.
  wse_index_mux #(.Width(32), .N(G)) u_slot (
    .data_i(state_i),
    .sel_i (idx_q),
    .data_o(slot)
  );
  wse_index_mux #(.Width(32), .N(G)) u_wr_slot (
    .data_i(state_i),
    .sel_i (wr_idx_q),
    .data_o(wr_slot)
  );
  assign slot_par = ^slot;
  assign wr_par   = ^wr_slot;

  always_comb begin
    wr_idx = '0;
    for (int unsigned g = 0; g < G; g++) begin
      if (written_i[g]) wr_idx = IdxBits'(g);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      idx_q    <= '0;
      wr_idx_q <= '0;
      wr_q     <= 1'b0;
    end else begin
      idx_q    <= (32'(idx_q) == G - 1) ? '0 : idx_q + 1'b1;
      wr_idx_q <= wr_idx;
      wr_q     <= written_i != '0;
    end
  end

  for (genvar g = 0; g < G; g++) begin : g_slot
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        par_q[g]   <= 1'b0;
        valid_q[g] <= 1'b0;
        bad_q[g]   <= 1'b0;
      end else if (wr_q && 32'(wr_idx_q) == g) begin
        par_q[g]   <= wr_par;
        valid_q[g] <= 1'b1;
        bad_q[g]   <= 1'b0;
      end else if (32'(idx_q) == g && !written_i[g]) begin
        if (!valid_q[g]) begin
          par_q[g]   <= slot_par;
          valid_q[g] <= 1'b1;
        end else begin
          bad_q[g] <= slot_par != par_q[g];
        end
      end
    end
  end

  assign mismatch_o = bad_q != '0;

endmodule
