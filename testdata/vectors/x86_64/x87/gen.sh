#!/bin/sh
# Regenerate x87_vectors.txt natively (x86-64 host): sh gen.sh
set -e
cd "$(dirname "$0")"
gcc -O1 -o /tmp/kitemu_gen_x87 gen_x87.c
/tmp/kitemu_gen_x87 > x87_vectors.txt
rm -f /tmp/kitemu_gen_x87
