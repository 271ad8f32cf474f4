# One entry point for everything: `make help` lists the targets.
# Builds live under build/ (CMake + Ninja); reports under build/reports/.

BUILD     ?= build
JOBS      ?= $(shell nproc)
TEST      ?=
SEED      ?= 1
SEEDS     ?= 3
WAVES     ?=
LIST      ?=
FILTER    ?=
THREADS   ?= 1
SCENARIO  ?=
CAMPAIGN  ?=

WSE       := $(BUILD)/bin/wse
RTL       := $(shell cat rtl/rtl.f)
NETLIST   := $(BUILD)/gl/wse_router_gl.v
DEPS_OK   := $(BUILD)/.deps-ok

.DEFAULT_GOAL := help
.PHONY: help deps build sim burnin test waves lint synth bench clean

help:
	@echo "wse: open RTL model of a wafer-scale AI engine"
	@echo ""
	@echo "  make sim                      tile/mesh regression (all tests x $(SEEDS) seeds, parallel),"
	@echo "                                then every burn-in scenario"
	@echo "  make sim TEST=<name> SEED=<n> one test; add WAVES=1 for an FST + GTKWave save file"
	@echo "  make sim LIST=1               list the tests"
	@echo "  make burnin                   list the burn-in scenarios (scenarios/*.json)"
	@echo "  make burnin SCENARIO=<name>   run one: summary, report.json, timeline and wafer-map SVGs"
	@echo "  make burnin SCENARIO=<name> CAMPAIGN=<n>  the same over n seeds, aggregate"
	@echo "  make test                     everything CI checks (unit, lint, regression, gate level)"
	@echo "  make waves TEST=<name> SEED=<n>  run with waves and open GTKWave (or print how to)"
	@echo "  make lint                     verilator -Wall lint of every RTL module and size"
	@echo "  make synth                    yosys synthesis, cell counts, timing estimate"
	@echo "  make bench                    throughput, latency, simulation speed, build cost"
	@echo "  make clean                    remove build/"
	@echo ""
	@echo "Variables: SEEDS=n JOBS=n FILTER=text THREADS=n BUILD=dir"

# Missing Debian packages are installed once per build directory.
$(DEPS_OK): scripts/install-deps.sh
	@scripts/install-deps.sh
	@mkdir -p $(BUILD) && touch $@

deps: $(DEPS_OK)

# verilate() reads the netlist at configure time, so it exists before CMake runs.
$(NETLIST): $(RTL) rtl/rtl.f scripts/netlist.sh | $(DEPS_OK)
	@echo "yosys: gate-level netlist of wse_router -> $@"
	@scripts/netlist.sh wse_router $@

$(BUILD)/build.ninja: CMakeLists.txt $(NETLIST) | $(DEPS_OK)
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null

build: $(BUILD)/build.ninja $(NETLIST)
	@cmake --build $(BUILD) -j $(JOBS)

sim: build
ifneq ($(LIST),)
	@$(WSE) sim --list
else ifneq ($(TEST),)
	@$(WSE) sim --test $(TEST) --seed $(SEED) --threads $(THREADS) \
	  $(if $(WAVES),--waves $(BUILD)/waves/$(TEST).seed$(SEED).fst)
else
	@$(WSE) sim --seeds $(SEEDS) --jobs $(JOBS) --reports $(BUILD)/reports $(if $(FILTER),--filter $(FILTER))
	$(if $(FILTER),,@$(WSE) burnin --all --jobs $(JOBS) --out $(BUILD)/reports/burnin)
endif

burnin: build
ifneq ($(SCENARIO),)
	@$(WSE) burnin $(SCENARIO) $(if $(CAMPAIGN),--campaign $(CAMPAIGN) --jobs $(JOBS))
else
	@$(WSE) burnin --list
endif

test: build
	@cd $(BUILD) && ctest --output-on-failure

waves: build
	@test -n "$(TEST)" || { echo "usage: make waves TEST=<name> [SEED=<n>]"; exit 2; }
	@$(WSE) sim --test $(TEST) --seed $(SEED) --waves $(BUILD)/waves/$(TEST).seed$(SEED).fst || true
	@if [ -n "$$DISPLAY" ] && command -v gtkwave >/dev/null; then \
	  gtkwave $(BUILD)/waves/$(TEST).seed$(SEED).fst.gtkw >/dev/null 2>&1 & \
	else \
	  echo "no display: open it later with  gtkwave $(BUILD)/waves/$(TEST).seed$(SEED).fst.gtkw"; \
	fi

lint: | $(DEPS_OK)
	@scripts/lint.sh

synth: | $(DEPS_OK)
	@scripts/synth.sh --out $(BUILD)/synth

bench: build
	@$(WSE) bench --reports $(BUILD)/reports

clean:
	rm -rf $(BUILD)
