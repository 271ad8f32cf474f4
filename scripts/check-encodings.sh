#!/usr/bin/env bash
# Checks that the intrinsics of sw/pe/include/wse.h emit the encodings of
# docs/pe.md bit for bit: each intrinsic is compiled alone in a function
# whose operands arrive in a0/a1 (the calling convention pins them), and the
# instruction word found in the disassembly is compared with a word put
# together by hand from the spec's tables (fields listed beside each).
#   scripts/check-encodings.sh
# Exit status 0 when every word matches; prints one line per intrinsic.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OBJDUMP=${WSE_OBJDUMP:-riscv64-unknown-elf-objdump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/enc.c" <<'EOF'
#include <wse.h>
#define ENC __attribute__((noinline, used))
ENC void enc_fsend(uint32_t d) { wse_send(5, d); }
ENC uint32_t enc_frecv(void) { return wse_recv(23); }
ENC uint32_t enc_fpoll(void) { return wse_poll(1); }
ENC void enc_fsendv(uint32_t c, uint32_t d) { wse_sendv(c, d); }
ENC uint32_t enc_frecvv(uint32_t c) { return wse_recvv(c); }
ENC uint32_t enc_fpollv(uint32_t c) { return wse_pollv(c); }
ENC void enc_ftask(void (*h)(void)) { wse_task_bind(7, h); }
ENC void enc_twait(void) { wse_task_wait(); }
ENC void enc_dseta(uint32_t a, uint32_t t) { wse_dseta(3, t, a); }
ENC void enc_dsetl(uint32_t n, int32_t s) { wse_dsetl(2, n, s); }
ENC void enc_tcopy(void) { wse_tcopy(1, 2); }
ENC void enc_tadd(void) { wse_tadd(3, 0); }
ENC void enc_tmac(int32_t s) { wse_tmac(0, 3, s); }
ENC uint32_t enc_macs(void) { return wse_macs(); }
ENC uint32_t enc_zskip(void) { return wse_zskip(); }
ENC uint32_t enc_hartid(void) { return wse_hartid(); }
ENC uint32_t enc_cycle(void) { return wse_cycle(); }
ENC uint32_t enc_instret(void) { return wse_instret(); }
int main(void) { return 0; }
EOF
"$root/scripts/wse-cc" "$tmp/enc.c" -Wl,--no-gc-sections -o "$tmp/enc.elf"
"$OBJDUMP" -d "$tmp/enc.elf" >"$tmp/enc.dis"

# name  expected  fields (a0 = x10, a1 = x11; opcode custom-0 0x0B, custom-1 0x2B, SYSTEM 0x73)
expected=(
  "fsend   0055000b imm=5 rs1=a0 f3=0 rd=0"
  "frecv   0170150b imm=23 rs1=0 f3=1 rd=a0"
  "fpoll   0010250b imm=1 rs1=0 f3=2 rd=a0"
  "fsendv  00a5b00b f7=0 rs2=a0(color) rs1=a1(data) f3=3 rd=0"
  "frecvv  0005450b imm=0 rs1=a0 f3=4 rd=a0"
  "fpollv  0005550b imm=0 rs1=a0 f3=5 rd=a0"
  "ftask   0075600b imm=7 rs1=a0 f3=6 rd=0"
  "twait   0000708b imm=0 rs1=0 f3=7 rd=ra"
  "dseta   06b5002b f7=3(d) rs2=a1(type) rs1=a0(addr) f3=0 rd=0"
  "dsetl   04b5102b f7=2(d) rs2=a1(stride) rs1=a0(len) f3=1 rd=0"
  "tcopy   0c00202b f7=1<<2|2 rs2=0 rs1=0 f3=2 rd=0"
  "tadd    1800302b f7=3<<2|0 rs2=0 rs1=0 f3=3 rd=0"
  "tmac    0605402b f7=0<<2|3 rs2=0 rs1=a0(scalar) f3=4 rd=0"
  "macs    fc002573 csr=0xfc0 rs1=0 f3=2(csrrs) rd=a0"
  "zskip   fc102573 csr=0xfc1 rs1=0 f3=2 rd=a0"
  "hartid  f1402573 csr=0xf14 rs1=0 f3=2 rd=a0"
  "cycle   c0002573 csr=0xc00 rs1=0 f3=2 rd=a0"
  "instret c0202573 csr=0xc02 rs1=0 f3=2 rd=a0"
)

fail=0
for e in "${expected[@]}"; do
  read -r name want fields <<<"$e"
  # The function's words: the one with the instruction's major opcode.
  words=$(sed -n "/<enc_$name>:/,/^\$/p" "$tmp/enc.dis" | awk -F'\t' 'NF >= 2 {gsub(/ /, "", $2); print $2}')
  got=""
  for w in $words; do
    op=$((0x$w & 0x7f))
    if [[ $op == $((0x$want & 0x7f)) ]]; then got=$w; break; fi
  done
  if [[ $got == "$want" ]]; then
    printf 'ok    %-8s %s  %s\n' "$name" "$got" "$fields"
  else
    printf 'FAIL  %-8s got %s, want %s  %s\n' "$name" "${got:-none}" "$want" "$fields"
    fail=1
  fi
done
[[ $fail == 0 ]] || { echo "check-encodings: mismatches (disassembly kept in $tmp/enc.dis)" >&2; trap - EXIT; exit 1; }
echo "check-encodings: ${#expected[@]} intrinsics match docs/pe.md"
