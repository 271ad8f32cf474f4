// wse_mesh: a Width x Height array of tiles with every edge port exposed.
//
// Coordinates: x grows east (column), y grows south (row); tile (x, y) has
// flat index t = y*Width + x. Link (x,y).E connects to (x+1,y).W and
// (x,y).S to (x,y+1).N. The edges are host I/O:
//   north_*[x]  tile (x, 0) port N        south_*[x]  tile (x, Height-1) port S
//   west_*[y]   tile (0, y) port W        east_*[y]   tile (Width-1, y) port E
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
  input  logic [Height-1:0]                         east_in_valid_i,
  output logic [Height-1:0]                         east_in_ready_o,
  input  logic [Height*wse_pkg::WaveletBits-1:0]    east_in_data_i,
  output logic [Height-1:0]                         east_out_valid_o,
  input  logic [Height-1:0]                         east_out_ready_i,
  output logic [Height*wse_pkg::WaveletBits-1:0]    east_out_data_o,
  // South edge, one port per column
  input  logic [Width-1:0]                          south_in_valid_i,
  output logic [Width-1:0]                          south_in_ready_o,
  input  logic [Width*wse_pkg::WaveletBits-1:0]     south_in_data_i,
  output logic [Width-1:0]                          south_out_valid_o,
  input  logic [Width-1:0]                          south_out_ready_i,
  output logic [Width*wse_pkg::WaveletBits-1:0]     south_out_data_o,
  // West edge, one port per row
  input  logic [Height-1:0]                         west_in_valid_i,
  output logic [Height-1:0]                         west_in_ready_o,
  input  logic [Height*wse_pkg::WaveletBits-1:0]    west_in_data_i,
  output logic [Height-1:0]                         west_out_valid_o,
  input  logic [Height-1:0]                         west_out_ready_i,
  output logic [Height*wse_pkg::WaveletBits-1:0]    west_out_data_o,
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
  localparam int unsigned WB = wse_pkg::WaveletBits;
  localparam int unsigned CB = wse_pkg::CfgLinkBits;
  localparam int unsigned N  = 32'(wse_pkg::DirN);
  localparam int unsigned E  = 32'(wse_pkg::DirE);
  localparam int unsigned S  = 32'(wse_pkg::DirS);
  localparam int unsigned W  = 32'(wse_pkg::DirW);

  // Per-tile link bundles, tile t direction d at [t*L + d].
  logic [NumTiles*L-1:0]    in_valid, in_ready, out_valid, out_ready;
  logic [NumTiles*L*WB-1:0] in_data, out_data;
  // Link parity wires (wse_link_parity): between tiles they travel with the
  // data; on the edge the mesh makes them from the host's words, and the
  // parity of outgoing edge words is not brought out.
  logic [NumTiles*L-1:0]    in_par;
  /* verilator lint_off UNUSEDSIGNAL */  // edge tiles' outward parity
  logic [NumTiles*L-1:0]    out_par;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [NumTiles*L-1:0]    cfg_in_valid, cfg_out_valid;
  logic [NumTiles*L*CB-1:0] cfg_in_data, cfg_out_data;

  for (genvar y = 0; y < Height; y++) begin : gen_row
    for (genvar x = 0; x < Width; x++) begin : gen_col
      localparam int unsigned T = y * Width + x;

      // North side of the tile.
      if (y == 0) begin : gen_n_edge
        assign in_valid[T*L+N]           = north_in_valid_i[x];
        assign in_data[(T*L+N)*WB +: WB] = north_in_data_i[x*WB +: WB];
        assign in_par[T*L+N]            = ^north_in_data_i[x*WB +: WB];
        assign north_in_ready_o[x]       = in_ready[T*L+N];
        assign north_out_valid_o[x]      = out_valid[T*L+N];
        assign north_out_data_o[x*WB +: WB] = out_data[(T*L+N)*WB +: WB];
        assign out_ready[T*L+N]          = north_out_ready_i[x];
      end else begin : gen_n_link
        localparam int unsigned U = (y - 1) * Width + x;
        assign in_valid[T*L+N]           = out_valid[U*L+S];
        assign in_data[(T*L+N)*WB +: WB] = out_data[(U*L+S)*WB +: WB];
        assign in_par[T*L+N]            = out_par[U*L+S];
        assign out_ready[T*L+N]          = in_ready[U*L+S];
      end

      // South side.
      if (y == Height - 1) begin : gen_s_edge
        assign in_valid[T*L+S]           = south_in_valid_i[x];
        assign in_data[(T*L+S)*WB +: WB] = south_in_data_i[x*WB +: WB];
        assign in_par[T*L+S]            = ^south_in_data_i[x*WB +: WB];
        assign south_in_ready_o[x]       = in_ready[T*L+S];
        assign south_out_valid_o[x]      = out_valid[T*L+S];
        assign south_out_data_o[x*WB +: WB] = out_data[(T*L+S)*WB +: WB];
        assign out_ready[T*L+S]          = south_out_ready_i[x];
      end else begin : gen_s_link
        localparam int unsigned D = (y + 1) * Width + x;
        assign in_valid[T*L+S]           = out_valid[D*L+N];
        assign in_data[(T*L+S)*WB +: WB] = out_data[(D*L+N)*WB +: WB];
        assign in_par[T*L+S]            = out_par[D*L+N];
        assign out_ready[T*L+S]          = in_ready[D*L+N];
      end

      // West side.
      if (x == 0) begin : gen_w_edge
        assign in_valid[T*L+W]           = west_in_valid_i[y];
        assign in_data[(T*L+W)*WB +: WB] = west_in_data_i[y*WB +: WB];
        assign in_par[T*L+W]            = ^west_in_data_i[y*WB +: WB];
        assign west_in_ready_o[y]        = in_ready[T*L+W];
        assign west_out_valid_o[y]       = out_valid[T*L+W];
        assign west_out_data_o[y*WB +: WB] = out_data[(T*L+W)*WB +: WB];
        assign out_ready[T*L+W]          = west_out_ready_i[y];
      end else begin : gen_w_link
        localparam int unsigned Q = y * Width + x - 1;
        assign in_valid[T*L+W]           = out_valid[Q*L+E];
        assign in_data[(T*L+W)*WB +: WB] = out_data[(Q*L+E)*WB +: WB];
        assign in_par[T*L+W]            = out_par[Q*L+E];
        assign out_ready[T*L+W]          = in_ready[Q*L+E];
      end

      // East side.
      if (x == Width - 1) begin : gen_e_edge
        assign in_valid[T*L+E]           = east_in_valid_i[y];
        assign in_data[(T*L+E)*WB +: WB] = east_in_data_i[y*WB +: WB];
        assign in_par[T*L+E]            = ^east_in_data_i[y*WB +: WB];
        assign east_in_ready_o[y]        = in_ready[T*L+E];
        assign east_out_valid_o[y]       = out_valid[T*L+E];
        assign east_out_data_o[y*WB +: WB] = out_data[(T*L+E)*WB +: WB];
        assign out_ready[T*L+E]          = east_out_ready_i[y];
      end else begin : gen_e_link
        localparam int unsigned R = y * Width + x + 1;
        assign in_valid[T*L+E]           = out_valid[R*L+W];
        assign in_data[(T*L+E)*WB +: WB] = out_data[(R*L+W)*WB +: WB];
        assign in_par[T*L+E]            = out_par[R*L+W];
        assign out_ready[T*L+E]          = in_ready[R*L+W];
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
        .in_valid_i      (in_valid[T*L +: L]),
        .in_ready_o      (in_ready[T*L +: L]),
        .in_data_i       (in_data[T*L*WB +: L*WB]),
        .out_valid_o     (out_valid[T*L +: L]),
        .out_ready_i     (out_ready[T*L +: L]),
        .out_data_o      (out_data[T*L*WB +: L*WB]),
        .in_par_i        (in_par[T*L +: L]),
        .out_par_o       (out_par[T*L +: L]),
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
