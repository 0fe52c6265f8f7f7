#!/bin/sh
# Regenerate sse_vectors.txt natively (x86-64 host): sh gen.sh
set -e
cd "$(dirname "$0")"
gcc -O1 -o /tmp/kitemu_gen_sse gen_sse.c
/tmp/kitemu_gen_sse > sse_vectors.txt
rm -f /tmp/kitemu_gen_sse
