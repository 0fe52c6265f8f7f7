#!/bin/sh
# Regenerate int_vectors.txt natively (x86-64 host): sh gen.sh
set -e
cd "$(dirname "$0")"
gcc -O1 -o /tmp/kitemu_gen_int gen_int.c
/tmp/kitemu_gen_int > int_vectors.txt
rm -f /tmp/kitemu_gen_int
