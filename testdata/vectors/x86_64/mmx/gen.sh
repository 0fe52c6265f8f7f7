#!/bin/sh
# Regenerate mmx_vectors.txt natively (x86-64 host): sh gen.sh
set -e
cd "$(dirname "$0")"
gcc -O1 -o /tmp/kitemu_gen_mmx gen_mmx.c
/tmp/kitemu_gen_mmx > mmx_vectors.txt
rm -f /tmp/kitemu_gen_mmx
