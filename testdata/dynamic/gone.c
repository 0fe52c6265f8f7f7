/* A shared library that is linked against but never installed: loading needgone must fail. */
int kitemu_gone(int x) { return x + 1; }
