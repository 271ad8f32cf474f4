// wse_fifo: synchronous valid/ready FIFO.
//
// Latency: one cycle from a write to the entry being visible at the output.
// in_ready_o and out_valid_o are functions of the FIFO state only: there is no
// combinational path from any input to any output, so FIFOs can sit at both
// ends of a link without forming a loop. Cost: Depth*Width flops plus pointers.
//
// Depth 1 is handled in a named branch: a single register whose ready is
// "empty", so it sustains only one transfer every second cycle. Depth >= 2
// sustains one transfer per cycle.
module wse_fifo #(
  parameter int unsigned Width = 8,  // bits per entry
  parameter int unsigned Depth = 2,  // entries, >= 1
  // Derived, do not override.
  parameter int unsigned CountBits = $clog2(Depth + 1)
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // Write side
  input  logic                 in_valid_i,
  output logic                 in_ready_o,
  input  logic [Width-1:0]     in_data_i,
  // Read side
  output logic                 out_valid_o,
  input  logic                 out_ready_i,
  output logic [Width-1:0]     out_data_o,
  // Status
  output logic [CountBits-1:0] count_o
);

  logic push, pop;
  assign push = in_valid_i & in_ready_o;
  assign pop  = out_valid_o & out_ready_i;

  if (Depth == 1) begin : gen_depth1
    logic             full_q;
    logic [Width-1:0] data_q;

    assign in_ready_o  = ~full_q;
    assign out_valid_o = full_q;
    assign out_data_o  = data_q;
    assign count_o     = CountBits'(full_q);

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        full_q <= 1'b0;
      end else if (push) begin
        full_q <= 1'b1;
      end else if (pop) begin
        full_q <= 1'b0;
      end
    end

    always_ff @(posedge clk_i) begin
      if (push) data_q <= in_data_i;
    end
  end else begin : gen_depthn
    localparam int unsigned PtrBits = $clog2(Depth);

    logic [Width-1:0]     mem_q [Depth];
    logic [PtrBits-1:0]   wr_ptr_q, wr_ptr_d, rd_ptr_q, rd_ptr_d;
    logic [CountBits-1:0] count_q, count_d;

    assign in_ready_o  = (count_q != CountBits'(Depth));
    assign out_valid_o = (count_q != '0);
    assign out_data_o  = mem_q[rd_ptr_q];
    assign count_o     = count_q;

    always_comb begin
      wr_ptr_d = wr_ptr_q;
      rd_ptr_d = rd_ptr_q;
      count_d  = count_q;
      if (push) begin
        wr_ptr_d = (wr_ptr_q == PtrBits'(Depth - 1)) ? '0 : wr_ptr_q + 1'b1;
      end
      if (pop) begin
        rd_ptr_d = (rd_ptr_q == PtrBits'(Depth - 1)) ? '0 : rd_ptr_q + 1'b1;
      end
      if (push && !pop) count_d = count_q + 1'b1;
      if (pop && !push) count_d = count_q - 1'b1;
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        wr_ptr_q <= '0;
        rd_ptr_q <= '0;
        count_q  <= '0;
      end else begin
        wr_ptr_q <= wr_ptr_d;
        rd_ptr_q <= rd_ptr_d;
        count_q  <= count_d;
      end
    end

    always_ff @(posedge clk_i) begin
      if (push) mem_q[wr_ptr_q] <= in_data_i;
    end
  end

endmodule
