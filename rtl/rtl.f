rtl/common/wse_pkg.sv
rtl/common/wse_fifo.sv
rtl/common/wse_rr_arbiter.sv
rtl/common/wse_index_mux.sv
rtl/fabric/wse_router.sv
rtl/tile/wse_tile_cfg.sv
rtl/tile/wse_tile.sv
rtl/mesh/wse_mesh.sv
