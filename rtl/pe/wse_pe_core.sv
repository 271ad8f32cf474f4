// wse_pe_core: the PE's RV32IM core with the machine-mode CSRs and the
// fabric, task and tensor instructions (specification: docs/pe.md).
//
// Two stages. F puts the PC on the SRAM instruction port; X decodes the
// word the SRAM returns, reads the register file, executes and writes the
// register file at the end of the same cycle, so the next instruction sees
// the result: no hazards, no forwarding. X holds its instruction while it
// waits (load data, divider, fabric, tensor engine) by not reading the
// instruction port, whose output then stays put. Sequential flow fetches
// pc+4 in the same cycle X completes (no bubble); anything that changes the
// flow (taken branch, jump, trap, mret, twait, end of a tensor instruction,
// which used the instruction port for its operands) costs one bubble.
module wse_pe_core #(
  parameter int unsigned NumColors = 24,
  parameter int unsigned Words     = 12288,
  // Derived, do not override.
  parameter int unsigned AddrBits  = (Words > 1) ? $clog2(Words) : 1
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  logic                          start_i,      // reset the core state and run
  input  logic                          run_i,        // PE_CTRL.run
  input  logic                          halt_i,       // CTRL.pe_halt: stop at an instruction boundary
  input  logic [31:0]                   hartid_i,
  input  logic [31:0]                   tohost_addr_i,
  // Instruction port (SRAM port A)
  output logic                          if_re_o,
  output logic [AddrBits-1:0]           if_addr_o,
  input  logic [31:0]                   if_rdata_i,
  // Data ports (SRAM port B read, port W write)
  output logic                          ld_re_o,
  output logic [AddrBits-1:0]           ld_addr_o,
  input  logic [31:0]                   ld_rdata_i,
  output logic [3:0]                    st_be_o,
  output logic [AddrBits-1:0]           st_addr_o,
  output logic [31:0]                   st_data_o,
  // Receive buffers
  input  logic [NumColors-1:0]          rx_avail_i,
  output logic                          rx_pop_o,
  output logic [wse_pkg::ColorBits-1:0] rx_color_o,
  input  logic [31:0]                   rx_data_i,
  // Transmit register
  output logic                          tx_valid_o,
  input  logic                          tx_ready_i,
  output logic [wse_pkg::ColorBits-1:0] tx_color_o,
  output logic [31:0]                   tx_data_o,
  // Tensor engine
  output logic                          dset_we_o,
  output logic                          dset_field_o,
  output logic [1:0]                    dset_idx_o,
  output logic [31:0]                   dset_a_o,
  output logic [31:0]                   dset_b_o,
  input  logic [7:0]                    desc_type_i,
  input  logic [4*5-1:0]                desc_color_i,
  output logic                          t_start_o,
  output logic [1:0]                    t_op_o,
  output logic [1:0]                    t_dst_o,
  output logic [1:0]                    t_src_o,
  output logic [15:0]                   t_scalar_o,
  input  logic                          t_done_i,
  input  logic                          t_trap_i,
  input  logic [3:0]                    t_cause_i,
  input  logic [31:0]                   t_tval_i,
  input  logic                          t_mac_i,
  input  logic                          t_zskip_i,
  // Status for the tile registers
  output logic                          running_o,
  output logic                          exited_o,
  output logic                          waiting_o,
  output logic                          trapped_o,
  output logic                          halted_o,     // halt_i and X empty: stopped, state kept
  output logic [7:0]                    last_cause_o,
  output logic [31:0]                   tohost_o,
  output logic [31:0]                   pc_o,
  output logic [31:0]                   instret_o,
  output logic [31:0]                   cycles_o,
  output logic [31:0]                   macs_o,
  output logic [31:0]                   zskip_o,
  // Retirement trace (harness only; unconnected in the mesh)
  output logic                          tr_valid_o,
  output logic [31:0]                   tr_pc_o,
  output logic [31:0]                   tr_insn_o,
  output logic                          tr_trap_o,
  output logic [3:0]                    tr_cause_o,
  output logic                          tr_rd_we_o,
  output logic [4:0]                    tr_rd_o,
  output logic [31:0]                   tr_rd_data_o,
  output logic [4:0]                    tr_color_o
`ifdef WSE_FAULTS
  ,
  // Wrong-result fault, simulation only: [0] on, [1] stuck value, [6:2] bit
  // of the ALU result (register-register and immediate ALU instructions).
  input  logic [6:0]                    flt_alu_i
`endif
);

  localparam logic [32:0] Bytes = 33'(Words) * 33'd4;

  // Opcodes
  localparam logic [6:0] OpLui    = 7'b0110111;
  localparam logic [6:0] OpAuipc  = 7'b0010111;
  localparam logic [6:0] OpJal    = 7'b1101111;
  localparam logic [6:0] OpJalr   = 7'b1100111;
  localparam logic [6:0] OpBranch = 7'b1100011;
  localparam logic [6:0] OpLoad   = 7'b0000011;
  localparam logic [6:0] OpStore  = 7'b0100011;
  localparam logic [6:0] OpImm    = 7'b0010011;
  localparam logic [6:0] OpReg    = 7'b0110011;
  localparam logic [6:0] OpFence  = 7'b0001111;
  localparam logic [6:0] OpSystem = 7'b1110011;
  localparam logic [6:0] OpCust0  = 7'b0001011;
  localparam logic [6:0] OpCust1  = 7'b0101011;

  // Trap causes
  localparam logic [3:0] CauseMisFetch = 4'd0;
  localparam logic [3:0] CauseFetch    = 4'd1;
  localparam logic [3:0] CauseIllegal  = 4'd2;
  localparam logic [3:0] CauseBreak    = 4'd3;
  localparam logic [3:0] CauseMisLoad  = 4'd4;
  localparam logic [3:0] CauseLoad     = 4'd5;
  localparam logic [3:0] CauseMisStore = 4'd6;
  localparam logic [3:0] CauseStore    = 4'd7;
  localparam logic [3:0] CauseEcall    = 4'd11;

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  logic          exited_q;
  logic [31:0]   pc_q;
  logic          xv_q;        // X holds an instruction slot (fetched word or fetch fault)
  logic          xf_q;        // the slot is a fetch fault (PC outside SRAM)
  logic          ld_q;        // load: second cycle, data on ld_rdata_i
  logic          div_q;       // divider running for the instruction in X
  logic          ten_q;       // tensor engine running for the instruction in X
  logic [32*32-1:0] rf_q;     // x0..x31; x0 is never written

  logic          mie_q, mpie_q;
  logic [31:0]   mtvec_q, mepc_q, mcause_q, mtval_q, mscratch_q;
  logic [2:0]    mie_bits_q;  // MSIE, MTIE, MEIE
  logic [63:0]   mcycle_q, minstret_q;
  logic [31:0]   macs_q, zskip_q;
  logic          trapped_q;
  logic [7:0]    last_cause_q;
  logic [31:0]   tohost_q;
  logic [NumColors-1:0]    bound_q;
  logic [NumColors*30-1:0] handler_q;

  logic running;
  // The start cycle only resets: nothing of the previous run may act in it.
  assign running = run_i && !exited_q && !start_i;

  // ---------------------------------------------------------------------------
  // Decode
  // ---------------------------------------------------------------------------
  logic [31:0] insn;
  logic [6:0]  opcode, f7;
  logic [2:0]  f3;
  logic [4:0]  rd, rs1, rs2;
  logic [31:0] imm_i, imm_s, imm_b, imm_u, imm_j;

  // A tensor instruction lends the instruction port to the engine, which
  // reads operands through it: X keeps its own copy of the instruction.
  logic [31:0] insn_hold_q;
  assign insn   = ten_q ? insn_hold_q : if_rdata_i;
  assign opcode = insn[6:0];
  assign rd     = insn[11:7];
  assign f3     = insn[14:12];
  assign rs1    = insn[19:15];
  assign rs2    = insn[24:20];
  assign f7     = insn[31:25];
  assign imm_i  = {{20{insn[31]}}, insn[31:20]};
  assign imm_s  = {{20{insn[31]}}, insn[31:25], insn[11:7]};
  assign imm_b  = {{19{insn[31]}}, insn[31], insn[7], insn[30:25], insn[11:8], 1'b0};
  assign imm_u  = {insn[31:12], 12'd0};
  assign imm_j  = {{11{insn[31]}}, insn[31], insn[19:12], insn[20], insn[30:21], 1'b0};

  logic [31:0] a, b;   // x[rs1], x[rs2]

  wse_index_mux #(.Width(32), .N(32)) u_rs1 (.data_i(rf_q), .sel_i(rs1), .data_o(a));
  wse_index_mux #(.Width(32), .N(32)) u_rs2 (.data_i(rf_q), .sel_i(rs2), .data_o(b));

  // ---------------------------------------------------------------------------
  // ALU, branch, multiply
  // ---------------------------------------------------------------------------
  logic [31:0] alu_b, alu, alu_res;
  logic        is_imm_op;
  logic [4:0]  shamt;

  assign is_imm_op = (opcode == OpImm);
  assign alu_b     = is_imm_op ? imm_i : b;
  assign shamt     = alu_b[4:0];

  always_comb begin
    unique case (f3)
      3'b000:  alu = (!is_imm_op && f7[5]) ? a - alu_b : a + alu_b;
      3'b001:  alu = a << shamt;
      3'b010:  alu = {31'd0, $signed(a) < $signed(alu_b)};
      3'b011:  alu = {31'd0, a < alu_b};
      3'b100:  alu = a ^ alu_b;
      3'b101:  alu = f7[5] ? 32'($signed(a) >>> shamt) : a >> shamt;
      3'b110:  alu = a | alu_b;
      default: alu = a & alu_b;
    endcase
  end

`ifdef WSE_FAULTS
  logic [31:0] alu_stuck;
  assign alu_stuck = 32'd1 << flt_alu_i[6:2];
  assign alu_res   = !flt_alu_i[0] ? alu : flt_alu_i[1] ? (alu | alu_stuck) : (alu & ~alu_stuck);
`else
  assign alu_res = alu;
`endif

  logic taken;
  always_comb begin
    unique case (f3)
      3'b000:  taken = (a == b);
      3'b001:  taken = (a != b);
      3'b100:  taken = ($signed(a) < $signed(b));
      3'b101:  taken = ($signed(a) >= $signed(b));
      3'b110:  taken = (a < b);
      default: taken = (a >= b);   // 3'b111; 010/011 are illegal
    endcase
  end

  // One 33x33 signed multiplier serves mul, mulh, mulhsu, mulhu.
  logic [32:0] mul_a, mul_b;
  /* verilator lint_off UNUSEDSIGNAL */  // bits 65:64 only extend the signs
  logic [65:0] mul_p;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [31:0] mul_res;
  assign mul_a   = {(f3[1:0] != 2'b11) && a[31], a};   // mulhu: unsigned a
  assign mul_b   = {(f3[1:0] == 2'b01) && b[31], b};   // only mulh: signed b
  assign mul_p   = 66'($signed(mul_a) * $signed(mul_b));
  assign mul_res = (f3[1:0] == 2'b00) ? mul_p[31:0] : mul_p[63:32];

  logic        div_start, div_done;
  logic [31:0] div_res;

  wse_pe_div u_div (
    .clk_i,
    .rst_ni,
    .clear_i (start_i),
    .start_i (div_start),
    .op_i    (f3[1:0]),
    .a_i     (a),
    .b_i     (b),
    .done_o  (div_done),
    .result_o(div_res)
  );

  // ---------------------------------------------------------------------------
  // Load/store addressing
  // ---------------------------------------------------------------------------
  logic [31:0] ea;
  logic        ea_misal, ea_range;
  assign ea       = a + ((opcode == OpStore) ? imm_s : imm_i);
  assign ea_misal = (f3[1:0] == 2'b01) ? ea[0] : (f3[1:0] == 2'b10) ? (ea[1:0] != 2'b00) : 1'b0;
  assign ea_range = (33'(ea) >= Bytes);

  // Load data of the second cycle: the address is still ea (rs1 and the
  // instruction are unchanged while X waits).
  logic [31:0] ld_val;
  logic [7:0]  ld_byte;
  logic [15:0] ld_half;
  assign ld_byte = ld_rdata_i[ea[1:0]*8 +: 8];
  assign ld_half = ea[1] ? ld_rdata_i[31:16] : ld_rdata_i[15:0];
  always_comb begin
    unique case (f3)
      3'b000:  ld_val = {{24{ld_byte[7]}}, ld_byte};
      3'b001:  ld_val = {{16{ld_half[15]}}, ld_half};
      3'b100:  ld_val = {24'd0, ld_byte};
      3'b101:  ld_val = {16'd0, ld_half};
      default: ld_val = ld_rdata_i;
    endcase
  end

  // ---------------------------------------------------------------------------
  // CSRs
  // ---------------------------------------------------------------------------
  logic [11:0] csr_addr;
  logic [31:0] csr_src, csr_old, csr_new;
  logic        csr_exists, csr_writes, csr_ro;
  assign csr_addr   = insn[31:20];
  assign csr_src    = f3[2] ? {27'd0, rs1} : a;
  assign csr_writes = (f3[1:0] == 2'b01) || (rs1 != 5'd0);
  assign csr_ro     = (csr_addr[11:10] == 2'b11);

  always_comb begin
    csr_exists = 1'b1;
    csr_old    = '0;
    unique case (csr_addr)
      12'h300: csr_old = {19'd0, 2'b11, 3'd0, mpie_q, 3'd0, mie_q, 3'd0};
      12'h301: csr_old = 32'h4080_1100;
      12'h304: csr_old = {20'd0, mie_bits_q[2], 3'd0, mie_bits_q[1], 3'd0, mie_bits_q[0], 3'd0};
      12'h305: csr_old = mtvec_q;
      12'h310: csr_old = '0;
      12'h340: csr_old = mscratch_q;
      12'h341: csr_old = mepc_q;
      12'h342: csr_old = mcause_q;
      12'h343: csr_old = mtval_q;
      12'h344: csr_old = '0;
      12'hB00, 12'hC00: csr_old = mcycle_q[31:0];
      12'hB80, 12'hC80: csr_old = mcycle_q[63:32];
      12'hB02, 12'hC02: csr_old = minstret_q[31:0];
      12'hB82, 12'hC82: csr_old = minstret_q[63:32];
      12'hF11, 12'hF12, 12'hF13: csr_old = '0;
      12'hF14: csr_old = hartid_i;
      12'hFC0: csr_old = macs_q;
      12'hFC1: csr_old = zskip_q;
      default: csr_exists = 1'b0;
    endcase
  end

  always_comb begin
    unique case (f3[1:0])
      2'b01:   csr_new = csr_src;
      2'b10:   csr_new = csr_old | csr_src;
      default: csr_new = csr_old & ~csr_src;
    endcase
  end

  // ---------------------------------------------------------------------------
  // Fabric and tasks
  // ---------------------------------------------------------------------------
  logic [31:0] color_val;      // immediate or register color, full width for the range check
  logic        color_ok;
  logic [4:0]  color;
  logic [wse_pkg::MaxColors-1:0] avail_pad;
  logic        have;
  // Register forms: fsendv (011) takes x[rs2], frecvv/fpollv (100, 101) x[rs1].
  assign color_val = (f3 == 3'b011) ? b :
                     (f3 == 3'b100 || f3 == 3'b101) ? a : {27'd0, rs2};
  assign color_ok  = color_val < NumColors;
  assign color     = color_val[4:0];
  assign avail_pad = wse_pkg::MaxColors'(rx_avail_i);
  assign have      = avail_pad[color];

  // twait: lowest bound color with a wavelet.
  logic [NumColors-1:0] ready_tasks;
  logic [4:0]           task_color;
  logic [29:0]          task_handler;
  localparam int unsigned ColorSel = (NumColors > 1) ? $clog2(NumColors) : 1;
  assign ready_tasks = bound_q & rx_avail_i;
  always_comb begin
    task_color = '0;
    for (int i = NumColors - 1; i >= 0; i--) begin
      if (ready_tasks[i]) task_color = 5'(i);
    end
  end
  wse_index_mux #(.Width(30), .N(NumColors)) u_handler (
    .data_i(handler_q), .sel_i(task_color[ColorSel-1:0]), .data_o(task_handler));

  // Tensor legality: fabric descriptors need a valid color, add/mac a memory destination.
  logic [1:0] t_dst, t_src;
  /* verilator lint_off UNUSEDSIGNAL */  // bit 1 says fabric; bit 0 (width) is the engine's
  logic [1:0] dst_type, src_type;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [4:0] dst_color, src_color;
  logic       tensor_ok;
  assign t_dst     = f7[3:2];
  assign t_src     = f7[1:0];
  assign dst_type  = desc_type_i[t_dst*2 +: 2];
  assign src_type  = desc_type_i[t_src*2 +: 2];
  assign dst_color = desc_color_i[t_dst*5 +: 5];
  assign src_color = desc_color_i[t_src*5 +: 5];
  assign tensor_ok = (!dst_type[1] || (32'(dst_color) < NumColors && f3 == 3'b010)) &&
                     (!src_type[1] || 32'(src_color) < NumColors);

  // ---------------------------------------------------------------------------
  // Execute: legality, completion, next PC, register write
  // ---------------------------------------------------------------------------
  logic        legal;
  always_comb begin
    legal = 1'b0;
    unique case (opcode)
      OpLui, OpAuipc, OpJal: legal = 1'b1;
      OpJalr:   legal = (f3 == 3'b000);
      OpBranch: legal = (f3[2:1] != 2'b01);
      OpLoad:   legal = (f3 == 3'b000) || (f3 == 3'b001) || (f3 == 3'b010) ||
                        (f3 == 3'b100) || (f3 == 3'b101);
      OpStore:  legal = (f3 == 3'b000) || (f3 == 3'b001) || (f3 == 3'b010);
      OpImm:    legal = (f3 == 3'b001) ? (f7 == 7'd0) :
                        (f3 == 3'b101) ? (f7 == 7'd0 || f7 == 7'b0100000) : 1'b1;
      OpReg:    legal = (f7 == 7'b0000001) || (f7 == 7'd0) ||
                        (f7 == 7'b0100000 && (f3 == 3'b000 || f3 == 3'b101));
      OpFence:  legal = (f3 == 3'b000) || (f3 == 3'b001);
      OpSystem: begin
        if (f3 == 3'b000) begin
          legal = (insn == 32'h0000_0073) || (insn == 32'h0010_0073) || (insn == 32'h3020_0073);
        end else begin
          legal = (f3 != 3'b100) && csr_exists && !(csr_writes && csr_ro);
        end
      end
      OpCust0: begin
        unique case (f3)
          3'b000:  legal = (f7 == 7'd0) && (rd == 5'd0) && color_ok;          // fsend
          3'b001,
          3'b010:  legal = (f7 == 7'd0) && (rs1 == 5'd0) && color_ok;         // frecv, fpoll
          3'b011:  legal = (f7 == 7'd0) && (rd == 5'd0) && color_ok;          // fsendv
          3'b100,
          3'b101:  legal = (insn[31:20] == 12'd0) && color_ok;                // frecvv, fpollv
          3'b110:  legal = (f7 == 7'd0) && (rd == 5'd0) && color_ok;          // ftask
          default: legal = (insn[31:15] == 17'd0) && (bound_q != '0);         // twait
        endcase
      end
      OpCust1: begin
        unique case (f3)
          3'b000:  legal = (f7[6:2] == 5'd0) && (rd == 5'd0) && (b < 32'd4);  // dseta
          3'b001:  legal = (f7[6:2] == 5'd0) && (rd == 5'd0);                 // dsetl
          3'b010,
          3'b011:  legal = (f7[6:4] == 3'd0) && (rd == 5'd0) && (rs1 == 5'd0) &&
                           (rs2 == 5'd0) && tensor_ok;                        // tcopy, tadd
          3'b100:  legal = (f7[6:4] == 3'd0) && (rd == 5'd0) && (rs2 == 5'd0) &&
                           tensor_ok;                                         // tmac
          default: legal = 1'b0;
        endcase
      end
      default: legal = 1'b0;
    endcase
  end

  logic        is_muldiv, is_div, is_csr;
  assign is_muldiv = (opcode == OpReg) && (f7 == 7'b0000001);
  assign is_div    = is_muldiv && f3[2];
  assign is_csr    = (opcode == OpSystem) && (f3 != 3'b000);

  // Per-cycle outcome of X.
  logic        complete;   // the instruction retires or traps this cycle
  logic        trap;
  logic [3:0]  cause;
  logic [31:0] tval;
  logic        redirect;
  logic [31:0] target;
  logic        rd_we;
  logic [31:0] rd_val;
  logic        wait_fabric;
  logic [31:0] pc_plus4;
  logic [31:0] jump_target;

  assign pc_plus4    = pc_q + 32'd4;
  assign jump_target = (opcode == OpJal)    ? pc_q + imm_j :
                       (opcode == OpBranch) ? pc_q + imm_b : ((a + imm_i) & ~32'd1);

  always_comb begin
    complete    = 1'b0;
    trap        = 1'b0;
    cause       = CauseIllegal;
    tval        = insn;
    redirect    = 1'b0;
    target      = pc_plus4;
    rd_we       = 1'b0;
    rd_val      = alu_res;
    wait_fabric = 1'b0;
    div_start   = 1'b0;
    ld_re_o     = 1'b0;
    st_be_o     = '0;
    st_data_o   = b;
    rx_pop_o    = 1'b0;
    tx_valid_o  = 1'b0;
    dset_we_o   = 1'b0;
    t_start_o   = 1'b0;

    if (running && xv_q) begin
      if (xf_q) begin
        complete = 1'b1;
        trap     = 1'b1;
        cause    = CauseFetch;
        tval     = pc_q;
      end else if (!legal && !ten_q) begin
        complete = 1'b1;
        trap     = 1'b1;
      end else begin
        unique case (opcode)
          OpLui: begin
            complete = 1'b1; rd_we = 1'b1; rd_val = imm_u;
          end
          OpAuipc: begin
            complete = 1'b1; rd_we = 1'b1; rd_val = pc_q + imm_u;
          end
          OpJal, OpJalr: begin
            complete = 1'b1;
            if (jump_target[1:0] != 2'b00) begin
              trap = 1'b1; cause = CauseMisFetch; tval = jump_target;
            end else begin
              rd_we = 1'b1; rd_val = pc_plus4; redirect = 1'b1; target = jump_target;
            end
          end
          OpBranch: begin
            complete = 1'b1;
            if (taken) begin
              if (jump_target[1:0] != 2'b00) begin
                trap = 1'b1; cause = CauseMisFetch; tval = jump_target;
              end else begin
                redirect = 1'b1; target = jump_target;
              end
            end
          end
          OpLoad: begin
            if (ea_misal) begin
              complete = 1'b1; trap = 1'b1; cause = CauseMisLoad; tval = ea;
            end else if (ea_range) begin
              complete = 1'b1; trap = 1'b1; cause = CauseLoad; tval = ea;
            end else if (!ld_q) begin
              ld_re_o = 1'b1;
            end else begin
              complete = 1'b1; rd_we = 1'b1; rd_val = ld_val;
            end
          end
          OpStore: begin
            complete = 1'b1;
            if (ea_misal) begin
              trap = 1'b1; cause = CauseMisStore; tval = ea;
            end else if (ea_range) begin
              trap = 1'b1; cause = CauseStore; tval = ea;
            end else begin
              unique case (f3[1:0])
                2'b00:   begin st_be_o = 4'b0001 << ea[1:0]; st_data_o = {4{b[7:0]}}; end
                2'b01:   begin st_be_o = ea[1] ? 4'b1100 : 4'b0011; st_data_o = {2{b[15:0]}}; end
                default: st_be_o = 4'b1111;
              endcase
            end
          end
          OpImm: begin
            complete = 1'b1; rd_we = 1'b1;
          end
          OpReg: begin
            if (!is_muldiv) begin
              complete = 1'b1; rd_we = 1'b1;
            end else if (!is_div) begin
              complete = 1'b1; rd_we = 1'b1; rd_val = mul_res;
            end else begin
              div_start = !div_q;
              if (div_done) begin
                complete = 1'b1; rd_we = 1'b1; rd_val = div_res;
              end
            end
          end
          OpFence: complete = 1'b1;
          OpSystem: begin
            complete = 1'b1;
            if (is_csr) begin
              rd_we = 1'b1; rd_val = csr_old;
            end else if (insn == 32'h0000_0073) begin
              trap = 1'b1; cause = CauseEcall; tval = '0;
            end else if (insn == 32'h0010_0073) begin
              trap = 1'b1; cause = CauseBreak; tval = pc_q;
            end else begin   // mret
              redirect = 1'b1; target = mepc_q;
            end
          end
          OpCust0: begin
            unique case (f3)
              3'b000, 3'b011: begin   // fsend, fsendv
                tx_valid_o  = 1'b1;
                complete    = tx_ready_i;
                wait_fabric = !tx_ready_i;
              end
              3'b001, 3'b100: begin   // frecv, frecvv
                rx_pop_o    = have;
                complete    = have;
                wait_fabric = !have;
                rd_we       = 1'b1;
                rd_val      = rx_data_i;
              end
              3'b010, 3'b101: begin   // fpoll, fpollv
                complete = 1'b1; rd_we = 1'b1; rd_val = {31'd0, have};
              end
              3'b110: complete = 1'b1; // ftask
              default: begin          // twait
                complete    = (ready_tasks != '0);
                wait_fabric = (ready_tasks == '0);
                rd_we       = 1'b1;
                rd_val      = pc_plus4;
                redirect    = 1'b1;
                target      = {task_handler, 2'b00};
              end
            endcase
          end
          OpCust1: begin
            if (f3[2:1] == 2'b00) begin   // dseta, dsetl
              complete  = 1'b1;
              dset_we_o = 1'b1;
            end else if (!ten_q) begin
              t_start_o = 1'b1;
            end else if (t_trap_i) begin
              complete = 1'b1; trap = 1'b1; cause = t_cause_i; tval = t_tval_i;
            end else if (t_done_i) begin
              // The engine used the instruction port: fetch pc+4 again.
              complete = 1'b1; redirect = 1'b1; target = pc_plus4;
            end
          end
          default: ;
        endcase
      end
    end
    if (trap) begin
      rd_we    = 1'b0;
      st_be_o  = '0;
      redirect = 1'b1;
      target   = {mtvec_q[31:2], 2'b00};
    end
    // Only a completing instruction writes: a frecv or twait that waits must
    // not touch rd, which may also be its color register (frecvv a2, a2).
    if (rd == 5'd0 || !complete) rd_we = 1'b0;
  end

  assign ld_addr_o  = ea[AddrBits+1:2];
  assign st_addr_o  = ea[AddrBits+1:2];
  assign rx_color_o = color;
  assign tx_color_o = color;
  assign tx_data_o  = a;

  assign dset_field_o = f3[0];
  assign dset_idx_o   = f7[1:0];
  assign dset_a_o     = a;
  assign dset_b_o     = b;
  assign t_op_o       = f3[1:0] - 2'd2;   // 010 copy, 011 add, 100 mac -> 0, 1, 2
  assign t_dst_o      = t_dst;
  assign t_src_o      = t_src;
  assign t_scalar_o   = a[15:0];

  // Fetch: pc+4 in the cycle X completes without a redirect; the PC held in
  // pc_q when X is empty (after a redirect or at start).
  logic [31:0] fetch_pc;
  logic        fetch, fetch_ok;
  // A halt lets the instruction in X finish and fetches nothing more; the
  // next fetch, when the halt is lifted, is pc_q.
  assign fetch    = running && !halt_i && (!xv_q || (complete && !redirect));
  assign fetch_pc = xv_q ? pc_plus4 : pc_q;
  assign fetch_ok = (33'(fetch_pc) < Bytes);
  assign if_re_o   = fetch && fetch_ok;
  assign if_addr_o = fetch_pc[AddrBits+1:2];

  // ---------------------------------------------------------------------------
  // State update
  // ---------------------------------------------------------------------------
  logic retire, csr_we, exit_store;
  assign retire     = complete && !trap;
  assign csr_we     = retire && is_csr && csr_writes;
  assign exit_store = retire && (opcode == OpStore) && (f3 == 3'b010) &&
                      (ea == tohost_addr_i) && (b != '0);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      exited_q     <= 1'b0;
      pc_q         <= '0;
      xv_q         <= 1'b0;
      xf_q         <= 1'b0;
      ld_q         <= 1'b0;
      div_q        <= 1'b0;
      ten_q        <= 1'b0;
      rf_q         <= '0;
      mie_q        <= 1'b0;
      mpie_q       <= 1'b0;
      mie_bits_q   <= '0;
      mtvec_q      <= '0;
      mepc_q       <= '0;
      mcause_q     <= '0;
      mtval_q      <= '0;
      mscratch_q   <= '0;
      mcycle_q     <= '0;
      minstret_q   <= '0;
      macs_q       <= '0;
      zskip_q      <= '0;
      trapped_q    <= 1'b0;
      last_cause_q <= '0;
      tohost_q     <= '0;
      bound_q      <= '0;
      handler_q    <= '0;
      insn_hold_q  <= '0;
    end else if (start_i) begin
      exited_q     <= 1'b0;
      pc_q         <= '0;
      xv_q         <= 1'b0;
      xf_q         <= 1'b0;
      ld_q         <= 1'b0;
      div_q        <= 1'b0;
      ten_q        <= 1'b0;
      rf_q         <= '0;
      mie_q        <= 1'b0;
      mpie_q       <= 1'b0;
      mie_bits_q   <= '0;
      mtvec_q      <= '0;
      mepc_q       <= '0;
      mcause_q     <= '0;
      mtval_q      <= '0;
      mscratch_q   <= '0;
      mcycle_q     <= '0;
      minstret_q   <= '0;
      macs_q       <= '0;
      zskip_q      <= '0;
      trapped_q    <= 1'b0;
      last_cause_q <= '0;
      tohost_q     <= '0;
      bound_q      <= '0;
      handler_q    <= '0;
    end else if (running) begin
      // Fetch and flow
      if (fetch) begin
        xv_q <= 1'b1;
        xf_q <= !fetch_ok;
        pc_q <= fetch_pc;
      end else if (complete) begin   // redirect
        xv_q <= 1'b0;
        pc_q <= target;
      end
      ld_q  <= ld_re_o;
      if (t_start_o) insn_hold_q <= insn;
      div_q <= (div_q || div_start) && !complete;
      ten_q <= (ten_q || t_start_o) && !complete;

      if (rd_we) begin
        for (int unsigned r = 1; r < 32; r++) begin
          if (32'(rd) == r) rf_q[r*32 +: 32] <= rd_val;
        end
      end

      // Counters: a CSR write of a counter replaces this cycle's increment.
      if (!(csr_we && (csr_addr == 12'hB00 || csr_addr == 12'hB80))) mcycle_q <= mcycle_q + 64'd1;
      if (retire && !(csr_we && (csr_addr == 12'hB02 || csr_addr == 12'hB82))) begin
        minstret_q <= minstret_q + 64'd1;
      end
      if (t_mac_i)   macs_q  <= macs_q + 32'd1;
      if (t_zskip_i) zskip_q <= zskip_q + 32'd1;

      if (csr_we) begin
        unique case (csr_addr)
          12'h300: begin mie_q <= csr_new[3]; mpie_q <= csr_new[7]; end
          12'h304: mie_bits_q <= {csr_new[11], csr_new[7], csr_new[3]};
          12'h305: mtvec_q    <= {csr_new[31:2], 2'b00};
          12'h340: mscratch_q <= csr_new;
          12'h341: mepc_q     <= {csr_new[31:2], 2'b00};
          12'h342: mcause_q   <= csr_new;
          12'h343: mtval_q    <= csr_new;
          12'hB00: mcycle_q[31:0]    <= csr_new;
          12'hB80: mcycle_q[63:32]   <= csr_new;
          12'hB02: minstret_q[31:0]  <= csr_new;
          12'hB82: minstret_q[63:32] <= csr_new;
          default: ;
        endcase
      end

      if (trap) begin
        mepc_q       <= pc_q;
        mcause_q     <= 32'(cause);
        mtval_q      <= tval;
        mpie_q       <= mie_q;
        mie_q        <= 1'b0;
        trapped_q    <= 1'b1;
        last_cause_q <= 8'(cause);
      end else if (retire && opcode == OpSystem && !is_csr) begin   // mret
        mie_q  <= mpie_q;
        mpie_q <= 1'b1;
      end

      if (retire && opcode == OpCust0 && f3 == 3'b110) begin   // ftask
        for (int unsigned c = 0; c < NumColors; c++) begin
          if (32'(color) == c) begin
            bound_q[c]            <= (a != '0);
            handler_q[c*30 +: 30] <= a[31:2];
          end
        end
      end

      if (exit_store) begin
        exited_q <= 1'b1;
        tohost_q <= b;
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs
  // ---------------------------------------------------------------------------
  assign running_o    = running;
  assign exited_o     = exited_q;
  assign waiting_o    = wait_fabric || (ten_q && !t_done_i && !t_trap_i);
  assign trapped_o    = trapped_q;
  assign halted_o     = halt_i && !xv_q;
  assign last_cause_o = last_cause_q;
  assign tohost_o     = tohost_q;
  assign pc_o         = pc_q;
  assign instret_o    = minstret_q[31:0];
  assign cycles_o     = mcycle_q[31:0];
  assign macs_o       = macs_q;
  assign zskip_o      = zskip_q;

  assign tr_valid_o   = complete;
  assign tr_pc_o      = pc_q;
  assign tr_insn_o    = xf_q ? '0 : insn;
  assign tr_trap_o    = trap;
  assign tr_cause_o   = cause;
  assign tr_rd_we_o   = rd_we;
  assign tr_rd_o      = rd;
  assign tr_rd_data_o = rd_val;
  assign tr_color_o   = task_color;

endmodule
