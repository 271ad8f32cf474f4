#!/usr/bin/env bash
# Installs the Debian packages the build and tests need, only if missing.
# Called by every Makefile target that builds; fast (one dpkg query) when all
# packages are present. Needs root (or sudo) only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  verilator yosys gtkwave
  libboost-test-dev zlib1g-dev
  python3
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    SUDO="sudo"
  else
    echo "install-deps: error: not root and no sudo; install these packages: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

for tool in verilator yosys cmake ninja python3 riscv64-unknown-elf-gcc; do
  command -v "$tool" >/dev/null || { echo "install-deps: error: $tool still missing" >&2; exit 1; }
done
echo "install-deps: done"
