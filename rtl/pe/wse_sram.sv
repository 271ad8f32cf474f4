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
// Each byte is stored with an even-parity bit (written by the PE, checked on
// every read it consumes) so a flipped or stuck cell is noticed in operation;
// the memory BIST reads and writes the 36 raw bits (docs/dft.md).
//
// Each byte lane is its own 9-bit memory, so a byte write is a plain
// single-index write (docs/rtl-subset.md, rule 7) and maps onto a byte-enable
// SRAM macro.
//
// Simulation with WSE_FAULTS replaces the lanes by a word-wide model of the
// same ports that also applies the injected cell faults (stuck-at,
// transition, coupling, address decoder, bit flips); synthesis never sees it.
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
  output logic [3:0]          a_par_o,
  // Read port B
  input  logic                b_re_i,
  input  logic [AddrBits-1:0] b_addr_i,
  output logic [31:0]         b_rdata_o,
  output logic [3:0]          b_par_o,
  // Write port W
  input  logic [3:0]          w_be_i,
  input  logic [AddrBits-1:0] w_addr_i,
  input  logic [31:0]         w_data_i,
  input  logic [3:0]          w_par_i
`ifdef WSE_FAULTS
  ,
  input  logic [2*wse_pkg::FltSramSlotBits-1:0] flt_i  // two fault slots
`endif
);

`ifndef WSE_FAULTS

  for (genvar lane = 0; lane < 4; lane++) begin : g_lane
    logic [8:0] mem_q [Words];
    logic [8:0] a_q, b_q, w;

    assign w = {w_par_i[lane], w_data_i[lane*8 +: 8]};

    always_ff @(posedge clk_i) begin
      if (w_be_i[lane]) mem_q[w_addr_i] <= w;
    end

    always_ff @(posedge clk_i) begin
      if (a_re_i) a_q <= (w_be_i[lane] && w_addr_i == a_addr_i) ? w : mem_q[a_addr_i];
      if (b_re_i) b_q <= (w_be_i[lane] && w_addr_i == b_addr_i) ? w : mem_q[b_addr_i];
    end

    assign a_rdata_o[lane*8 +: 8] = a_q[7:0];
    assign b_rdata_o[lane*8 +: 8] = b_q[7:0];
    assign a_par_o[lane]          = a_q[8];
    assign b_par_o[lane]          = b_q[8];
  end

`else
  // ---------------------------------------------------------------------------
  // Simulation model with cell faults. A raw word is {par[3:0], data[31:0]}:
  // raw bit b < 32 is data bit b, raw bit 32 + l the parity of byte l.
  // ---------------------------------------------------------------------------
  localparam int unsigned SB = wse_pkg::FltSramSlotBits;
  localparam int unsigned RB = wse_pkg::SramRawBits;

  logic [RB-1:0] mem_q [Words];
  logic [RB-1:0] a_q, b_q;

  // Field accessors of a fault slot: each reads only its own field.
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [SB-1:0] slot(input int unsigned i);
    slot = flt_i[i*SB +: SB];
  endfunction
  function automatic logic [2:0] kind(input logic [SB-1:0] f);
    kind = f[wse_pkg::FltKindLsb +: 3];
  endfunction
  function automatic int unsigned faddr(input logic [SB-1:0] f);
    faddr = 32'(f[wse_pkg::FltAddrLsb +: 16]);
  endfunction
  function automatic int unsigned fbit(input logic [SB-1:0] f);
    fbit = 32'(f[wse_pkg::FltBitLsb +: 6]);
  endfunction
  function automatic logic fval(input logic [SB-1:0] f);
    fval = f[wse_pkg::FltValueBit];
  endfunction
  function automatic logic frise(input logic [SB-1:0] f);
    frise = f[wse_pkg::FltRiseBit];
  endfunction
  function automatic int unsigned faux(input logic [SB-1:0] f);
    faux = 32'(f[wse_pkg::FltAuxAddrLsb +: 16]);
  endfunction
  function automatic int unsigned fauxbit(input logic [SB-1:0] f);
    fauxbit = 32'(f[wse_pkg::FltAuxBitLsb +: 6]);
  endfunction

  /* verilator lint_on UNUSEDSIGNAL */

  // Address decoder fault: the access lands on the alias.
  function automatic int unsigned remap(input int unsigned a);
    remap = a;
    for (int unsigned i = 0; i < 2; i++) begin
      if (kind(slot(i)) == wse_pkg::FltSramDecoder && faddr(slot(i)) == a) remap = faux(slot(i));
    end
  endfunction

  logic [RB-1:0] w_raw, w_mask;
  int unsigned   w_eff;
  logic [RB-1:0] w_old, w_new;
  always_comb begin
    w_raw  = {w_par_i, w_data_i};
    w_mask = {w_be_i, {8{w_be_i[3]}}, {8{w_be_i[2]}}, {8{w_be_i[1]}}, {8{w_be_i[0]}}};
    w_eff  = remap(32'(w_addr_i));
    w_old  = mem_q[w_eff];
    w_new  = (w_old & ~w_mask) | (w_raw & w_mask);
    for (int unsigned i = 0; i < 2; i++) begin
      if (faddr(slot(i)) == w_eff) begin
        if (kind(slot(i)) == wse_pkg::FltSramTransition) begin
          // value 1: the cell cannot rise; value 0: it cannot fall.
          if (w_old[fbit(slot(i))] != fval(slot(i)) &&
              w_new[fbit(slot(i))] == fval(slot(i))) begin
            w_new[fbit(slot(i))] = w_old[fbit(slot(i))];
          end
        end
        if (kind(slot(i)) == wse_pkg::FltSramStuck) w_new[fbit(slot(i))] = fval(slot(i));
      end
    end
    // Coupling on a victim in the same word as the aggressor.
    for (int unsigned i = 0; i < 2; i++) begin
      if ((kind(slot(i)) == wse_pkg::FltSramCfin || kind(slot(i)) == wse_pkg::FltSramCfid) &&
          w_be_i != '0 && faux(slot(i)) == w_eff && faddr(slot(i)) == w_eff &&
          w_old[fauxbit(slot(i))] != w_new[fauxbit(slot(i))] &&
          w_new[fauxbit(slot(i))] == frise(slot(i))) begin
        w_new[fbit(slot(i))] = (kind(slot(i)) == wse_pkg::FltSramCfin) ? !w_new[fbit(slot(i))]
                                                                        : fval(slot(i));
      end
    end
  end

  // A read sees this cycle's write, then the cell faults that act on reads.
  function automatic logic [RB-1:0] read_word(input int unsigned a);
    int unsigned   e;
    logic [RB-1:0] agg;
    e         = remap(a);
    read_word = (w_be_i != '0 && w_eff == e) ? w_new : mem_q[e];
    for (int unsigned i = 0; i < 2; i++) begin
      if (faddr(slot(i)) == e && kind(slot(i)) == wse_pkg::FltSramStuck) begin
        read_word[fbit(slot(i))] = fval(slot(i));
      end
      if (faddr(slot(i)) == e && kind(slot(i)) == wse_pkg::FltSramCfst) begin
        agg = (w_be_i != '0 && w_eff == faux(slot(i))) ? w_new : mem_q[faux(slot(i))];
        if (agg[fauxbit(slot(i))] == frise(slot(i))) begin
          read_word[fbit(slot(i))] = fval(slot(i));
        end
      end
    end
  endfunction

  always_ff @(posedge clk_i) begin
    if (w_be_i != '0) mem_q[w_eff] <= w_new;
    for (int unsigned i = 0; i < 2; i++) begin
      // Coupling on a victim in another word: an aggressor transition.
      if ((kind(slot(i)) == wse_pkg::FltSramCfin || kind(slot(i)) == wse_pkg::FltSramCfid) &&
          w_be_i != '0 && faux(slot(i)) == w_eff && faddr(slot(i)) != w_eff &&
          w_old[fauxbit(slot(i))] != w_new[fauxbit(slot(i))] &&
          w_new[fauxbit(slot(i))] == frise(slot(i))) begin
        mem_q[faddr(slot(i))][fbit(slot(i))] <=
            (kind(slot(i)) == wse_pkg::FltSramCfin) ? !mem_q[faddr(slot(i))][fbit(slot(i))]
                                                    : fval(slot(i));
      end
      // A transient flip: the testbench raises it for one cycle.
      if (kind(slot(i)) == wse_pkg::FltSramFlip) begin
        mem_q[faddr(slot(i))][fbit(slot(i))] <= !mem_q[faddr(slot(i))][fbit(slot(i))];
      end
    end
    if (a_re_i) a_q <= read_word(32'(a_addr_i));
    if (b_re_i) b_q <= read_word(32'(b_addr_i));
  end

  assign a_rdata_o = a_q[31:0];
  assign b_rdata_o = b_q[31:0];
  assign a_par_o   = a_q[35:32];
  assign b_par_o   = b_q[35:32];
`endif

endmodule
