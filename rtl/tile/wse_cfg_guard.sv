// wse_cfg_guard: parity over the tile's config state, so an upset (a bit
// flip in a config flop) is detected (docs/dft.md, "Config register
// protection").
//
// The state is G slots of 32 bits (one register, or one route entry, each).
// A slot's parity bit is taken from the slot itself only when the host
// writes it (and once after reset); any other change of the slot breaks the
// match and shows as an error until the host rewrites (scrubs) the slot.
module wse_cfg_guard #(
  parameter int unsigned G = 8  // slots
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic [G*32-1:0] state_i,  // the protected registers' current values
  input  logic [G-1:0]  written_i,  // slot g was written by the host this cycle
  output logic [G-1:0]  mismatch_o  // slot g no longer matches its parity
);

  logic [G-1:0] par_q, valid_q, refresh_q;

  for (genvar g = 0; g < G; g++) begin : g_slot
    logic par;
    assign par = ^state_i[g*32 +: 32];
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        par_q[g]     <= 1'b0;
        valid_q[g]   <= 1'b0;
        refresh_q[g] <= 1'b0;
      end else begin
        // The written value is in the slot one cycle after the write.
        refresh_q[g] <= written_i[g];
        if (!valid_q[g] || refresh_q[g]) begin
          par_q[g]   <= par;
          valid_q[g] <= 1'b1;
        end
      end
    end
    assign mismatch_o[g] = valid_q[g] && !refresh_q[g] && (par != par_q[g]);
  end

endmodule
