#!/usr/bin/env bash
# Regenerates int_vectors.txt: builds gen_int.c for riscv64 (rv64gc + Zba + Zbb) and runs
# it under qemu-riscv64. The binary goes to a temporary directory; only the source and the
# vector file are committed.
#   bash testdata/vectors/riscv64/int/gen.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
riscv64-linux-gnu-gcc -O1 -static -march=rv64gc_zba_zbb -Wall -Wextra -o "$TMP/gen_int" \
  "$HERE/gen_int.c"
{
  echo "# $(qemu-riscv64 --version | head -n 1)"
  qemu-riscv64 -cpu rv64,zba=true,zbb=true "$TMP/gen_int"
} >"$TMP/int_vectors.txt"
mv "$TMP/int_vectors.txt" "$HERE/int_vectors.txt"
echo "wrote $HERE/int_vectors.txt ($(grep -vc '^#' "$HERE/int_vectors.txt") vectors)"
