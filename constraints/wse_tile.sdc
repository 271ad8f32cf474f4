# wse_tile timing constraints. Units: ns.
#
# scripts/synth.sh reads the clock period and the I/O delays from this file
# (it understands create_clock, set_input_delay, set_output_delay and
# set_false_path -from/-to with [get_ports {...}], glob patterns allowed); it
# applies them to wse_router, wse_tile and the wse_mesh edges. A port matched
# by several lines gets the largest delay. docs/synthesis.md has the method.

# Target 1.0 GHz. The real machine's 7 nm fabric runs at around 1 GHz; a tile
# that closes at 1 ns here is in the same class.
create_clock -name clk -period 1.000 [get_ports clk_i]

# Fabric links (N, E, S, W), the ramp, and the mesh edges (the leading * also
# matches ramp_* and north_/east_/south_/west_*). Links are flop to flop across
# the tile boundary: out_valid_o/out_data_o leave the router's output register
# and land in the neighbour's input FIFO. The ready back-pressure leaves the
# receiver's FIFO count flops through two gates and then enters the sender's
# output arbitration. 0.2 ns each side covers the neighbour's clock-to-q or
# setup, those gates, and the wire between abutted tiles. The parity wire of
# each link (out_par_o, docs/dft.md) is the XOR tree of the output register,
# made by the sender; the receiver's check of in_par_i feeds only LINK_PERR.
set_input_delay  -clock clk 0.200 [get_ports {*in_valid_i *in_data_i *in_par_i *out_ready_i}]
set_output_delay -clock clk 0.200 [get_ports {*in_ready_o *out_valid_o *out_data_o *out_par_o}]

# Config chain: one register stage per tile, west to east.
set_input_delay  -clock clk 0.200 [get_ports {cfg_in_valid_i cfg_in_data_i}]
set_output_delay -clock clk 0.200 [get_ports {cfg_out_valid_o cfg_out_data_o}]

# Position straps are constants (tied off by the mesh); the reset is
# asynchronous (recovery/removal are not estimated here).
set_false_path -from [get_ports {x_i y_i rst_ni}]
