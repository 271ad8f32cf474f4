// wse_pkg: types and constants shared by every block of the wafer-scale engine.
//
// The wavelet is the unit of fabric traffic: one 32-bit payload tagged with a
// color (a static virtual channel) and a control bit. Every link carries at
// most one wavelet per cycle under a valid/ready handshake (docs/fabric.md).
//
//   wavelet_t (38 bits)
//   +------+-----------+--------------------------------+
//   | 37   | 36..32    | 31..0                          |
//   | ctrl | color     | data                           |
//   +------+-----------+--------------------------------+
//
// The config packet travels the config network, a tree the firmware grows
// from the wafer edge (docs/config.md). A request addressed to a tile is
// turned into a response by that tile and climbs back to the edge.
//
//   cfg_pkt_t (73 bits); on a link, bit 73 is even parity over the packet
//   +---------+-------+-------+--------+-------+--------+--------+-------+--------+
//   | 72      | 71    | 70    | 69..68 | 67..60| 59..50 | 49..40 | 39..32| 31..0  |
//   | is_resp | write | bcast | status | tag   | row    | col    | addr  | data   |
//   +---------+-------+-------+--------+-------+--------+--------+-------+--------+
/* verilator lint_off UNUSEDPARAM */  // not every block uses every constant
package wse_pkg;

  // ---------------------------------------------------------------------------
  // Router ports
  // ---------------------------------------------------------------------------
  localparam int unsigned NumPorts  = 5;  // N, E, S, W, ramp
  localparam int unsigned NumLinks  = 4;  // N, E, S, W: the tile-to-tile links
  // Redundant wires (docs/repair.md): per side, one wire bundle per reach.
  // E/W reach r leads r+1 tiles away (skipping r); N/S reach 0 is straight,
  // 1 one column west, 2 one column east. REPAIR0 selects one per side.
  localparam int unsigned NumReach     = 3;
  localparam int unsigned NumPhysLinks = NumLinks * NumReach;  // side d, reach r at d*NumReach + r
  localparam int unsigned PortBits  = 3;

  typedef enum logic [PortBits-1:0] {
    DirN    = 3'd0,
    DirE    = 3'd1,
    DirS    = 3'd2,
    DirW    = 3'd3,
    DirRamp = 3'd4
  } dir_e;

  // ---------------------------------------------------------------------------
  // Wavelets and routes
  // ---------------------------------------------------------------------------
  localparam int unsigned DataBits  = 32;
  localparam int unsigned ColorBits = 5;
  localparam int unsigned MaxColors = 32;  // 2**ColorBits; NumColors <= MaxColors

  typedef struct packed {
    logic                 ctrl;
    logic [ColorBits-1:0] color;
    logic [DataBits-1:0]  data;
  } wavelet_t;

  localparam int unsigned WaveletBits = 1 + ColorBits + DataBits;

  // Field offsets inside a wavelet_t, for code that slices flat vectors of
  // wavelets (yosys 0.23 misreads packed arrays of structs; docs/rtl-subset.md).
  localparam int unsigned WaveletDataLsb  = 0;
  localparam int unsigned WaveletColorLsb = DataBits;
  localparam int unsigned WaveletCtrlBit  = DataBits + ColorBits;

  // One route table entry per color: the inputs a wavelet of that color is
  // accepted from and the outputs it is copied to (several bits = multicast).
  typedef struct packed {
    logic [NumPorts-1:0] rx_mask;
    logic [NumPorts-1:0] tx_mask;
  } route_t;

  localparam int unsigned RouteBits   = 2 * NumPorts;
  localparam int unsigned RouteTxLsb  = 0;
  localparam int unsigned RouteRxLsb  = NumPorts;

  // ---------------------------------------------------------------------------
  // Config access path
  // ---------------------------------------------------------------------------
  localparam int unsigned CoordBits   = 10;  // up to 1024 tiles per row/column
  localparam int unsigned CfgAddrBits = 8;   // word address of a tile register
  localparam int unsigned CfgTagBits  = 8;

  typedef enum logic [1:0] {
    CfgOk      = 2'd0,  // request served
    CfgErrAddr = 2'd1,  // no register at this address
    CfgErrRo   = 2'd2,  // write to a read-only register (ignored)
    CfgErrBusy = 2'd3   // MEM_DATA while the PE runs or before its read is ready: retry
  } cfg_status_e;

  typedef struct packed {
    logic                   is_resp;
    logic                   write;
    logic                   bcast;   // write to every tile of the row
    logic [1:0]             status;  // cfg_status_e, valid in responses
    logic [CfgTagBits-1:0]  tag;     // host's request id, echoed
    logic [CoordBits-1:0]   row;     // target row y
    logic [CoordBits-1:0]   col;     // target column x
    logic [CfgAddrBits-1:0] addr;
    logic [DataBits-1:0]    data;
  } cfg_pkt_t;

  localparam int unsigned CfgPktBits  = 3 + 2 + CfgTagBits + 2 * CoordBits + CfgAddrBits + DataBits;
  localparam int unsigned CfgLinkBits = CfgPktBits + 1;  // packet and its parity bit

  // Field offsets in a flat cfg_pkt_t / link word (docs/rtl-subset.md rule 1).
  localparam int unsigned CfgDataLsb   = 0;
  localparam int unsigned CfgAddrLsb   = DataBits;
  localparam int unsigned CfgColLsb    = CfgAddrLsb + CfgAddrBits;
  localparam int unsigned CfgRowLsb    = CfgColLsb + CoordBits;
  localparam int unsigned CfgTagLsb    = CfgRowLsb + CoordBits;
  localparam int unsigned CfgStatusLsb = CfgTagLsb + CfgTagBits;
  localparam int unsigned CfgBcastBit  = CfgStatusLsb + 2;
  localparam int unsigned CfgWriteBit  = CfgBcastBit + 1;
  localparam int unsigned CfgRespBit   = CfgWriteBit + 1;

  // TAP register: the node's place in the config network.
  localparam int unsigned TapParentBits = 3;  // 0 none, 1 + dir_e of the parent side
  localparam int unsigned TapChildLsb   = 4;  // [7:4] children, one bit per dir_e

  // ---------------------------------------------------------------------------
  // Tile register map (word addresses; docs/config.md)
  // ---------------------------------------------------------------------------
  localparam logic [CfgAddrBits-1:0] CfgRegId          = 8'h00;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegCtrl        = 8'h01;  // RW
  localparam logic [CfgAddrBits-1:0] CfgRegStatus      = 8'h02;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegScratch     = 8'h03;  // RW
  localparam logic [CfgAddrBits-1:0] CfgRegErrUnrouted = 8'h04;  // RW, saturating
  localparam logic [CfgAddrBits-1:0] CfgRegErrLast     = 8'h05;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegRxCount     = 8'h06;  // RW, wrapping
  localparam logic [CfgAddrBits-1:0] CfgRegTap         = 8'h07;  // RW, adopt rule
  localparam logic [CfgAddrBits-1:0] CfgRegPeCtrl      = 8'h08;  // RW (tiles with a PE)
  localparam logic [CfgAddrBits-1:0] CfgRegPeStatus    = 8'h09;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegTohostAddr  = 8'h0A;  // RW
  localparam logic [CfgAddrBits-1:0] CfgRegTohost      = 8'h0B;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegMemAddr     = 8'h0C;  // RW
  localparam logic [CfgAddrBits-1:0] CfgRegMemData     = 8'h0D;  // RW, PE stopped only
  localparam logic [CfgAddrBits-1:0] CfgRegPePc        = 8'h0E;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegPeInstret   = 8'h0F;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegPeCycles    = 8'h10;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegPeMacs      = 8'h11;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegPeZskip     = 8'h12;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegCfgCheck    = 8'h13;  // RW (write clears)
  localparam logic [CfgAddrBits-1:0] CfgRegBistCtrl    = 8'h14;  // RW (tiles with a PE)
  localparam logic [CfgAddrBits-1:0] CfgRegBistStatus  = 8'h15;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegBistAddr    = 8'h16;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegBistBits    = 8'h17;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegBistCount   = 8'h18;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegErrSram     = 8'h19;  // RW, saturating
  localparam logic [CfgAddrBits-1:0] CfgRegErrCfg      = 8'h1A;  // RW, saturating
  localparam logic [CfgAddrBits-1:0] CfgRegLinkTest    = 8'h1B;  // RW
  localparam logic [CfgAddrBits-1:0] CfgRegLinkErr     = 8'h1C;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegLinkWords   = 8'h1D;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegWdtLimit    = 8'h1E;  // RW (tiles with a PE)
  localparam logic [CfgAddrBits-1:0] CfgRegWdtStatus   = 8'h1F;  // RW (write clears)
  localparam logic [CfgAddrBits-1:0] CfgRegRouteBase   = 8'h20;  // RW, one per color
  localparam logic [CfgAddrBits-1:0] CfgRegRepairBase  = 8'h40;  // RW, four words
  localparam int unsigned            NumRepairRegs     = 4;
  localparam logic [CfgAddrBits-1:0] CfgRegRouterTest  = 8'h50;  // RW
  localparam logic [CfgAddrBits-1:0] CfgRegRouterErr   = 8'h51;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegRouterWords = 8'h52;  // RO
  localparam logic [CfgAddrBits-1:0] CfgRegLinkPerr    = 8'h53;  // RW (write clears)

  localparam logic [3:0] TileIdVersion = 4'd4;

  // ROUTER_TEST fields (wse_router_bist)
  localparam int unsigned RouterTestPhaseLsb = 8;   // [10:8] phase k, 0..4
  localparam int unsigned RouterTestDrainBit = 12;  // senders off, checkers on
  localparam int unsigned RouterTestCntBits  = 6;   // ROUTER_ERR/WORDS: 6 bits per port

  // CTRL fields
  localparam int unsigned CtrlEnableBit  = 0;  // router accepts wavelets
  localparam int unsigned CtrlPeResetBit = 1;  // PE held in reset (state cleared)
  localparam int unsigned CtrlHaltBit    = 2;  // PE frozen, state kept

  // SRAM word as the BIST sees it: 32 data bits and one even-parity bit per byte.
  localparam int unsigned SramRawBits = 36;

  // ---------------------------------------------------------------------------
  // Fault injection slots (simulation only: the ports that carry them exist
  // only when WSE_FAULTS is defined; docs/dft.md)
  // ---------------------------------------------------------------------------
  localparam int unsigned FltSramSlotBits = 64;
  localparam int unsigned FltKindLsb      = 0;   // [2:0] kind, 0 = no fault
  localparam int unsigned FltValueBit     = 3;   // stuck/transition/forced value
  localparam int unsigned FltRiseBit      = 4;   // coupling: aggressor rising (or state)
  localparam int unsigned FltBitLsb       = 8;   // [13:8] victim raw bit
  localparam int unsigned FltAuxBitLsb    = 16;  // [21:16] aggressor raw bit
  localparam int unsigned FltAddrLsb      = 32;  // [47:32] victim word
  localparam int unsigned FltAuxAddrLsb   = 48;  // [63:48] aggressor word or alias
  localparam logic [2:0]  FltSramStuck      = 3'd1;
  localparam logic [2:0]  FltSramTransition = 3'd2;
  localparam logic [2:0]  FltSramCfin       = 3'd3;  // inversion coupling
  localparam logic [2:0]  FltSramCfid       = 3'd4;  // idempotent coupling
  localparam logic [2:0]  FltSramCfst       = 3'd5;  // state coupling
  localparam logic [2:0]  FltSramDecoder    = 3'd6;  // address decoder
  localparam logic [2:0]  FltSramFlip       = 3'd7;  // transient flip, one cycle

  // Config upset hook (flt_cfg_i of wse_tile): one cycle with [15] set flips
  // bit [12:8] of register [7:0] (CTRL, TAP, TOHOST_ADDR, LINK_TEST,
  // ROUTER_TEST, WDT_LIMIT, ROUTE[c], REPAIR[i]) without touching its parity.
  localparam int unsigned FltCfgBits     = 16;
  localparam int unsigned FltCfgEnBit    = 15;

  // Tile-level fault bits (flt_tile_i of wse_tile)
  localparam int unsigned FltTileBits      = 16;
  localparam int unsigned FltTileDeadBit   = 0;   // config node, router and PE silent
  localparam int unsigned FltPeDeadBit     = 1;   // the PE never starts
  localparam int unsigned FltAluEnBit      = 2;   // an ALU result bit is stuck
  localparam int unsigned FltAluValueBit   = 3;   // its stuck value
  localparam int unsigned FltAluBitLsb     = 4;   // [8:4] which bit
  localparam int unsigned FltPortDeadLsb   = 9;   // [13:9] router ports silent (N, E, S, W, ramp)

endpackage
/* verilator lint_on UNUSEDPARAM */
