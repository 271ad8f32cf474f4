// wse_pe_div: RV32M division and remainder, one quotient bit per cycle.
//
// start_i with the operands begins a division; done_o is high for one cycle
// with the result, 33 cycles later (one cycle to set up signs, 32 steps);
// the special cases of the RISC-V spec (divide by zero, INT_MIN / -1)
// finish the cycle after start. The result is held until the next start.
// An iterative divider keeps the PE small: division is rare in the
// workloads this machine runs, multiply-accumulate is not.
module wse_pe_div (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        clear_i,    // abandon a division in flight
  input  logic        start_i,
  input  logic [1:0]  op_i,       // funct3[1:0]: 0 div, 1 divu, 2 rem, 3 remu
  input  logic [31:0] a_i,        // dividend
  input  logic [31:0] b_i,        // divisor
  output logic        done_o,
  output logic [31:0] result_o
);

  logic        busy_q, done_q;
  logic [5:0]  step_q;
  logic [31:0] quo_q, rem_q, div_q, result_q;
  logic        neg_q_q, neg_r_q, want_rem_q;

  logic        is_signed, a_neg, b_neg;
  logic [31:0] a_abs, b_abs;
  logic [32:0] trial;
  logic [31:0] rem_shift;

  assign is_signed = !op_i[0];
  assign a_neg     = is_signed && a_i[31];
  assign b_neg     = is_signed && b_i[31];
  assign a_abs     = a_neg ? -a_i : a_i;
  assign b_abs     = b_neg ? -b_i : b_i;

  // Restoring step: shift the next dividend bit into the partial remainder.
  assign rem_shift = {rem_q[30:0], quo_q[31]};
  assign trial     = {1'b0, rem_shift} - {1'b0, div_q};

  logic [31:0] quo_final, rem_final;
  assign quo_final = neg_q_q ? -quo_q : quo_q;
  assign rem_final = neg_r_q ? -rem_q : rem_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q     <= 1'b0;
      done_q     <= 1'b0;
      step_q     <= '0;
      quo_q      <= '0;
      rem_q      <= '0;
      div_q      <= '0;
      result_q   <= '0;
      neg_q_q    <= 1'b0;
      neg_r_q    <= 1'b0;
      want_rem_q <= 1'b0;
    end else if (clear_i) begin
      busy_q <= 1'b0;
      done_q <= 1'b0;
    end else begin
      done_q <= 1'b0;
      if (start_i) begin
        if (b_i == '0) begin
          // x / 0 = all ones, x % 0 = x.
          result_q <= op_i[1] ? a_i : '1;
          done_q   <= 1'b1;
        end else if (is_signed && a_i == 32'h8000_0000 && b_i == '1) begin
          // Overflow: INT_MIN / -1 = INT_MIN, remainder 0.
          result_q <= op_i[1] ? '0 : 32'h8000_0000;
          done_q   <= 1'b1;
        end else begin
          busy_q     <= 1'b1;
          step_q     <= '0;
          quo_q      <= a_abs;   // the dividend shifts out as quotient bits shift in
          rem_q      <= '0;
          div_q      <= b_abs;
          neg_q_q    <= a_neg ^ b_neg;
          neg_r_q    <= a_neg;   // the remainder takes the dividend's sign
          want_rem_q <= op_i[1];
        end
      end else if (busy_q) begin
        if (trial[32]) begin
          rem_q <= rem_shift;
          quo_q <= {quo_q[30:0], 1'b0};
        end else begin
          rem_q <= trial[31:0];
          quo_q <= {quo_q[30:0], 1'b1};
        end
        step_q <= step_q + 6'd1;
        if (step_q == 6'd31) busy_q <= 1'b0;
      end
    end
  end

  // The last step's result is visible the cycle after busy_q falls.
  logic finish_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni)      finish_q <= 1'b0;
    else if (clear_i) finish_q <= 1'b0;
    else              finish_q <= busy_q && step_q == 6'd31;
  end

  assign done_o   = done_q || finish_q;
  assign result_o = done_q ? result_q : (want_rem_q ? rem_final : quo_final);

endmodule
