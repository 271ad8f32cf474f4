// wse_rr_arbiter: round-robin arbiter over N requesters.
//
// Combinational: gnt_o is a one-hot function of req_i and the priority
// pointer. When advance_i is high and a grant is given, the pointer moves to
// the requester after the winner, so every persistent requester is served
// within N grants (no starvation). Cost: N-way priority search, log2(N) flops.
module wse_rr_arbiter #(
  parameter int unsigned N = 4,  // requesters, >= 1
  // Derived, do not override.
  parameter int unsigned IdxBits = (N > 1) ? $clog2(N) : 1
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic [N-1:0]       req_i,
  input  logic               advance_i,  // the grant was used this cycle
  output logic [N-1:0]       gnt_o,
  output logic [IdxBits-1:0] gnt_idx_o
);

  if (N == 1) begin : gen_single
    assign gnt_o     = req_i;
    assign gnt_idx_o = '0;
    logic unused;
    assign unused = clk_i ^ rst_ni ^ advance_i;
  end else begin : gen_rr
    logic [IdxBits-1:0] ptr_q, ptr_d;
    logic [IdxBits:0]   sum;
    logic [IdxBits-1:0] idx;
    logic               found;

    always_comb begin
      gnt_o     = '0;
      gnt_idx_o = '0;
      found     = 1'b0;
      sum       = '0;
      idx       = '0;
      for (int unsigned k = 0; k < N; k++) begin
        sum = {1'b0, ptr_q} + (IdxBits + 1)'(k);
        idx = (sum >= (IdxBits + 1)'(N)) ? IdxBits'(sum - (IdxBits + 1)'(N)) : IdxBits'(sum);
        if (!found && req_i[idx]) begin
          found      = 1'b1;
          gnt_o[idx] = 1'b1;
          gnt_idx_o  = idx;
        end
      end
    end

    always_comb begin
      ptr_d = ptr_q;
      if (advance_i && found) begin
        ptr_d = (gnt_idx_o == IdxBits'(N - 1)) ? '0 : gnt_idx_o + 1'b1;
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) ptr_q <= '0;
      else         ptr_q <= ptr_d;
    end
  end

endmodule
