// wse_mesh: a Width x Height array of tiles with every edge port exposed.
//
// Coordinates: x grows east (column), y grows south (row); tile (x, y) has
// flat index t = y*Width + x. Besides the nearest-neighbour links
// ((x,y).E to (x+1,y).W, (x,y).S to (x,y+1).N) every tile has skip wires
// two and three tiles along its row and diagonal wires to the row above and
// below; the repair registers pick which carry the logical mesh
// (wse_repair_shell). The edges are host I/O:
//   north_*[x]  tile (x, 0) port N        south_*[x]  tile (x, Height-1) port S
//   west_*[y*3+r]  tile (r, y) port W, reach r: the wafer's west edge seen
//                  from a row whose first r tiles are skipped (docs/repair.md)
//   east_*[y*3+r]  tile (Width-1-r, y) port E, reach r
// "in" is into the wafer, "out" is out of it. Ramp ports of tile t are slice t.
// Config network: every edge tile's outward config link is an entry point,
// cfg_<side>_in/out_*[i] indexed like the fabric edge ports; the host must
// accept every word (docs/config.md).
module wse_mesh #(
  parameter int unsigned Width       = 4,   // tiles per row, >= 1
  parameter int unsigned Height      = 4,   // tiles per column, >= 1
  parameter int unsigned NumColors   = 24,  // colors, 1..32
  parameter int unsigned InFifoDepth = 2,   // router input FIFO depth, >= 1
  parameter int unsigned HasPe       = 0, // tiles carry PEs (else ramps are ports)
  parameter int unsigned SramWords   = 12288, // PE SRAM words per tile
  // Derived, do not override.
  parameter int unsigned NumTiles    = Width * Height
) (
  input  logic                                      clk_i,
  input  logic                                      rst_ni,
  // North edge, one port per column
  input  logic [Width-1:0]                          north_in_valid_i,
  output logic [Width-1:0]                          north_in_ready_o,
  input  logic [Width*wse_pkg::WaveletBits-1:0]     north_in_data_i,
  output logic [Width-1:0]                          north_out_valid_o,
  input  logic [Width-1:0]                          north_out_ready_i,
  output logic [Width*wse_pkg::WaveletBits-1:0]     north_out_data_o,
  // East edge, one port per row
  input  logic [Height*wse_pkg::NumReach-1:0]       east_in_valid_i,
  output logic [Height*wse_pkg::NumReach-1:0]       east_in_ready_o,
  input  logic [Height*wse_pkg::NumReach*wse_pkg::WaveletBits-1:0] east_in_data_i,
  output logic [Height*wse_pkg::NumReach-1:0]       east_out_valid_o,
  input  logic [Height*wse_pkg::NumReach-1:0]       east_out_ready_i,
  output logic [Height*wse_pkg::NumReach*wse_pkg::WaveletBits-1:0] east_out_data_o,
  // South edge, one port per column
  input  logic [Width-1:0]                          south_in_valid_i,
  output logic [Width-1:0]                          south_in_ready_o,
  input  logic [Width*wse_pkg::WaveletBits-1:0]     south_in_data_i,
  output logic [Width-1:0]                          south_out_valid_o,
  input  logic [Width-1:0]                          south_out_ready_i,
  output logic [Width*wse_pkg::WaveletBits-1:0]     south_out_data_o,
  // West edge, one port per row
  input  logic [Height*wse_pkg::NumReach-1:0]       west_in_valid_i,
  output logic [Height*wse_pkg::NumReach-1:0]       west_in_ready_o,
  input  logic [Height*wse_pkg::NumReach*wse_pkg::WaveletBits-1:0] west_in_data_i,
  output logic [Height*wse_pkg::NumReach-1:0]       west_out_valid_o,
  input  logic [Height*wse_pkg::NumReach-1:0]       west_out_ready_i,
  output logic [Height*wse_pkg::NumReach*wse_pkg::WaveletBits-1:0] west_out_data_o,
  // Ramps (PE slots), one per tile
  input  logic [NumTiles-1:0]                       ramp_in_valid_i,
  output logic [NumTiles-1:0]                       ramp_in_ready_o,
  input  logic [NumTiles*wse_pkg::WaveletBits-1:0]  ramp_in_data_i,
  output logic [NumTiles-1:0]                       ramp_out_valid_o,
  input  logic [NumTiles-1:0]                       ramp_out_ready_i,
  output logic [NumTiles*wse_pkg::WaveletBits-1:0]  ramp_out_data_o,
  // Config network entry points, one per edge tile side
  input  logic [Width-1:0]                          cfg_north_in_valid_i,
  input  logic [Width*wse_pkg::CfgLinkBits-1:0]     cfg_north_in_data_i,
  output logic [Width-1:0]                          cfg_north_out_valid_o,
  output logic [Width*wse_pkg::CfgLinkBits-1:0]     cfg_north_out_data_o,
  input  logic [Height-1:0]                         cfg_east_in_valid_i,
  input  logic [Height*wse_pkg::CfgLinkBits-1:0]    cfg_east_in_data_i,
  output logic [Height-1:0]                         cfg_east_out_valid_o,
  output logic [Height*wse_pkg::CfgLinkBits-1:0]    cfg_east_out_data_o,
  input  logic [Width-1:0]                          cfg_south_in_valid_i,
  input  logic [Width*wse_pkg::CfgLinkBits-1:0]     cfg_south_in_data_i,
  output logic [Width-1:0]                          cfg_south_out_valid_o,
  output logic [Width*wse_pkg::CfgLinkBits-1:0]     cfg_south_out_data_o,
  input  logic [Height-1:0]                         cfg_west_in_valid_i,
  input  logic [Height*wse_pkg::CfgLinkBits-1:0]    cfg_west_in_data_i,
  output logic [Height-1:0]                         cfg_west_out_valid_o,
  output logic [Height*wse_pkg::CfgLinkBits-1:0]    cfg_west_out_data_o
);

  localparam int unsigned L  = wse_pkg::NumLinks;
  localparam int unsigned RC = wse_pkg::NumReach;
  localparam int unsigned PL = wse_pkg::NumPhysLinks;
  localparam int unsigned WB = wse_pkg::WaveletBits;
  localparam int unsigned CB = wse_pkg::CfgLinkBits;
  localparam int unsigned N  = 32'(wse_pkg::DirN);
  localparam int unsigned E  = 32'(wse_pkg::DirE);
  localparam int unsigned S  = 32'(wse_pkg::DirS);
  localparam int unsigned W  = 32'(wse_pkg::DirW);

  // Per-tile wire bundles, tile t side d reach r at [t*PL + d*RC + r].
  logic [NumTiles*PL-1:0]    in_valid, in_ready, out_ready;
  logic [NumTiles*PL*WB-1:0] in_data;
  // Link parity wires (wse_link_parity): between tiles they travel with the
  // data; on the edge the mesh makes them from the host's words, and the
  // parity of outgoing edge words is not brought out.
  logic [NumTiles*PL-1:0]    in_par;
  // Bundles that lead off the wafer (diagonals on the N/S edges, skips past
  // the W/E edges) have no wire; nothing reads their outputs.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [NumTiles*PL-1:0]    out_valid, out_par;
  logic [NumTiles*PL*WB-1:0] out_data;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [NumTiles*L-1:0]    cfg_in_valid, cfg_out_valid;
  logic [NumTiles*L*CB-1:0] cfg_in_data, cfg_out_data;

  // A row narrower than the skip reach has no tile for the farther west and
  // east edge ports: they never take or offer a word.
  for (genvar y = 0; y < Height; y++) begin : gen_edge_row
    for (genvar r = Width; r < RC; r++) begin : gen_no_tile
      localparam int unsigned K = y*RC + r;
      assign west_in_ready_o[K]          = 1'b0;
      assign west_out_valid_o[K]         = 1'b0;
      assign west_out_data_o[K*WB +: WB] = '0;
      assign east_in_ready_o[K]          = 1'b0;
      assign east_out_valid_o[K]         = 1'b0;
      assign east_out_data_o[K*WB +: WB] = '0;
      /* verilator lint_off UNUSEDSIGNAL */
      logic unused_port;
      /* verilator lint_on UNUSEDSIGNAL */
      assign unused_port = ^{west_in_valid_i[K], west_in_data_i[K*WB +: WB], west_out_ready_i[K],
                             east_in_valid_i[K], east_in_data_i[K*WB +: WB], east_out_ready_i[K]};
    end
  end

  for (genvar y = 0; y < Height; y++) begin : gen_row
    for (genvar x = 0; x < Width; x++) begin : gen_col
      localparam int unsigned T = y * Width + x;

      // Fabric wires: side d, reach r of this tile takes the bundle that
      // the tile at (NXP-4, NYP-4) drives on its facing side (docs/repair.md).
      for (genvar d = 0; d < L; d++) begin : gen_side
        for (genvar r = 0; r < RC; r++) begin : gen_reach
          localparam int unsigned I  = T*PL + d*RC + r;
          // N/S reach: 0 straight, 1 one column west, 2 one column east;
          // E/W reach r: r+1 tiles away. The far end is (NXP-4, NYP-4): the
          // offset of 4 keeps the arithmetic unsigned (yosys reads no int').
          localparam int unsigned NXP = (d == N || d == S) ? ((r == 0) ? x + 4 : (r == 1) ? x + 3 : x + 5)
                                      : (d == E) ? x + 5 + r : x + 3 - r;
          localparam int unsigned NYP = (d == N) ? y + 3 : (d == S) ? y + 5 : y + 4;
          // The far end's side and reach point back at this tile.
          localparam int unsigned FD = (d + 2) % 4;
          localparam int unsigned FR = (d == N || d == S) ? ((r == 0) ? 0 : 3 - r) : r;
          if (NXP >= 4 && NXP < Width + 4 && NYP >= 4 && NYP < Height + 4) begin : gen_link
            localparam int unsigned J = ((NYP - 4) * Width + (NXP - 4))*PL + FD*RC + FR;
            assign in_valid[I]           = out_valid[J];
            assign in_data[I*WB +: WB]   = out_data[J*WB +: WB];
            assign in_par[I]             = out_par[J];
            assign out_ready[I]          = in_ready[J];
          end else if (d == N && NYP == 3 && r == 0) begin : gen_n_edge
            assign in_valid[I]           = north_in_valid_i[x];
            assign in_data[I*WB +: WB]   = north_in_data_i[x*WB +: WB];
            assign in_par[I]             = ^north_in_data_i[x*WB +: WB];
            assign north_in_ready_o[x]   = in_ready[I];
            assign north_out_valid_o[x]  = out_valid[I];
            assign north_out_data_o[x*WB +: WB] = out_data[I*WB +: WB];
            assign out_ready[I]          = north_out_ready_i[x];
          end else if (d == S && NYP == Height + 4 && r == 0) begin : gen_s_edge
            assign in_valid[I]           = south_in_valid_i[x];
            assign in_data[I*WB +: WB]   = south_in_data_i[x*WB +: WB];
            assign in_par[I]             = ^south_in_data_i[x*WB +: WB];
            assign south_in_ready_o[x]   = in_ready[I];
            assign south_out_valid_o[x]  = out_valid[I];
            assign south_out_data_o[x*WB +: WB] = out_data[I*WB +: WB];
            assign out_ready[I]          = south_out_ready_i[x];
          end else if (d == W && NXP == 3) begin : gen_w_edge
            localparam int unsigned K = y*RC + r;  // west port of row y, reach r
            assign in_valid[I]           = west_in_valid_i[K];
            assign in_data[I*WB +: WB]   = west_in_data_i[K*WB +: WB];
            assign in_par[I]             = ^west_in_data_i[K*WB +: WB];
            assign west_in_ready_o[K]    = in_ready[I];
            assign west_out_valid_o[K]   = out_valid[I];
            assign west_out_data_o[K*WB +: WB] = out_data[I*WB +: WB];
            assign out_ready[I]          = west_out_ready_i[K];
          end else if (d == E && NXP == Width + 4) begin : gen_e_edge
            localparam int unsigned K = y*RC + r;
            assign in_valid[I]           = east_in_valid_i[K];
            assign in_data[I*WB +: WB]   = east_in_data_i[K*WB +: WB];
            assign in_par[I]             = ^east_in_data_i[K*WB +: WB];
            assign east_in_ready_o[K]    = in_ready[I];
            assign east_out_valid_o[K]   = out_valid[I];
            assign east_out_data_o[K*WB +: WB] = out_data[I*WB +: WB];
            assign out_ready[I]          = east_out_ready_i[K];
          end else begin : gen_none  // off the wafer: no wire
            assign in_valid[I]           = 1'b0;
            assign in_data[I*WB +: WB]   = '0;
            assign in_par[I]             = 1'b0;
            assign out_ready[I]          = 1'b0;
          end
        end
      end

      // Config network, same pattern as the links (no ready: it never stalls).
      if (y == 0) begin : gen_cn_edge
        assign cfg_in_valid[T*L+N]            = cfg_north_in_valid_i[x];
        assign cfg_in_data[(T*L+N)*CB +: CB]  = cfg_north_in_data_i[x*CB +: CB];
        assign cfg_north_out_valid_o[x]       = cfg_out_valid[T*L+N];
        assign cfg_north_out_data_o[x*CB +: CB] = cfg_out_data[(T*L+N)*CB +: CB];
      end else begin : gen_cn_link
        localparam int unsigned U = (y - 1) * Width + x;
        assign cfg_in_valid[T*L+N]            = cfg_out_valid[U*L+S];
        assign cfg_in_data[(T*L+N)*CB +: CB]  = cfg_out_data[(U*L+S)*CB +: CB];
      end
      if (y == Height - 1) begin : gen_cs_edge
        assign cfg_in_valid[T*L+S]            = cfg_south_in_valid_i[x];
        assign cfg_in_data[(T*L+S)*CB +: CB]  = cfg_south_in_data_i[x*CB +: CB];
        assign cfg_south_out_valid_o[x]       = cfg_out_valid[T*L+S];
        assign cfg_south_out_data_o[x*CB +: CB] = cfg_out_data[(T*L+S)*CB +: CB];
      end else begin : gen_cs_link
        localparam int unsigned D = (y + 1) * Width + x;
        assign cfg_in_valid[T*L+S]            = cfg_out_valid[D*L+N];
        assign cfg_in_data[(T*L+S)*CB +: CB]  = cfg_out_data[(D*L+N)*CB +: CB];
      end
      if (x == 0) begin : gen_cw_edge
        assign cfg_in_valid[T*L+W]            = cfg_west_in_valid_i[y];
        assign cfg_in_data[(T*L+W)*CB +: CB]  = cfg_west_in_data_i[y*CB +: CB];
        assign cfg_west_out_valid_o[y]        = cfg_out_valid[T*L+W];
        assign cfg_west_out_data_o[y*CB +: CB] = cfg_out_data[(T*L+W)*CB +: CB];
      end else begin : gen_cw_link
        localparam int unsigned Q = y * Width + x - 1;
        assign cfg_in_valid[T*L+W]            = cfg_out_valid[Q*L+E];
        assign cfg_in_data[(T*L+W)*CB +: CB]  = cfg_out_data[(Q*L+E)*CB +: CB];
      end
      if (x == Width - 1) begin : gen_ce_edge
        assign cfg_in_valid[T*L+E]            = cfg_east_in_valid_i[y];
        assign cfg_in_data[(T*L+E)*CB +: CB]  = cfg_east_in_data_i[y*CB +: CB];
        assign cfg_east_out_valid_o[y]        = cfg_out_valid[T*L+E];
        assign cfg_east_out_data_o[y*CB +: CB] = cfg_out_data[(T*L+E)*CB +: CB];
      end else begin : gen_ce_link
        localparam int unsigned R = y * Width + x + 1;
        assign cfg_in_valid[T*L+E]            = cfg_out_valid[R*L+W];
        assign cfg_in_data[(T*L+E)*CB +: CB]  = cfg_out_data[(R*L+W)*CB +: CB];
      end

      wse_tile #(
        .NumColors  (NumColors),
        .InFifoDepth(InFifoDepth),
        .HasPe      (HasPe),
        .SramWords  (SramWords)
      ) u_tile (
        .clk_i,
        .rst_ni,
        .x_i             (wse_pkg::CoordBits'(x)),
        .y_i             (wse_pkg::CoordBits'(y)),
        .in_valid_i      (in_valid[T*PL +: PL]),
        .in_ready_o      (in_ready[T*PL +: PL]),
        .in_data_i       (in_data[T*PL*WB +: PL*WB]),
        .out_valid_o     (out_valid[T*PL +: PL]),
        .out_ready_i     (out_ready[T*PL +: PL]),
        .out_data_o      (out_data[T*PL*WB +: PL*WB]),
        .in_par_i        (in_par[T*PL +: PL]),
        .out_par_o       (out_par[T*PL +: PL]),
        .ramp_in_valid_i (ramp_in_valid_i[T]),
        .ramp_in_ready_o (ramp_in_ready_o[T]),
        .ramp_in_data_i  (ramp_in_data_i[T*WB +: WB]),
        .ramp_out_valid_o(ramp_out_valid_o[T]),
        .ramp_out_ready_i(ramp_out_ready_i[T]),
        .ramp_out_data_o (ramp_out_data_o[T*WB +: WB]),
        .cfg_in_valid_i  (cfg_in_valid[T*L +: L]),
        .cfg_in_data_i   (cfg_in_data[T*L*CB +: L*CB]),
        .cfg_out_valid_o (cfg_out_valid[T*L +: L]),
        .cfg_out_data_o  (cfg_out_data[T*L*CB +: L*CB]),
        // The lockstep trace is for tile-level simulation only.
        /* verilator lint_off PINCONNECTEMPTY */
        .tr_valid_o      (),
        .tr_pc_o         (),
        .tr_insn_o       (),
        .tr_trap_o       (),
        .tr_cause_o      (),
        .tr_rd_we_o      (),
        .tr_rd_o         (),
        .tr_rd_data_o    (),
        .tr_color_o      (),
        .tr_mem_be_o     (),
        .tr_mem_addr_o   (),
        .tr_mem_data_o   (),
        .tr_tx_fire_o    (),
        .tr_tx_data_o    (),
        .tr_rx_fire_o    ()
        /* verilator lint_on PINCONNECTEMPTY */
`ifdef WSE_FAULTS
        ,
        .flt_tile_i      ('0),  // faults are injected on the stitched mesh
        .flt_sram_i      ('0),
        .flt_cfg_i       ('0)
`endif
      );
    end
  end

endmodule
