#!/usr/bin/env bash
# Regenerates vectors.txt: builds gen_vectors.c for aarch64 and runs it under
# qemu-aarch64 -cpu max,pauth=off. The binary goes to a temporary directory; only the
# source and the vector file are committed.
#   bash testdata/vectors/aarch64/int/gen.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
aarch64-linux-gnu-gcc -O1 -static -march=armv8.3-a+crc+lse+rcpc -Wall -Wextra -o "$TMP/gen" "$HERE/gen_vectors.c"
{
  echo "# $(qemu-aarch64 --version | head -n 1), -cpu max,pauth=off"
  qemu-aarch64 -cpu max,pauth=off "$TMP/gen"
} >"$TMP/vectors.txt"
mv "$TMP/vectors.txt" "$HERE/vectors.txt"
echo "wrote $HERE/vectors.txt ($(grep -vc '^#' "$HERE/vectors.txt") vectors)"
