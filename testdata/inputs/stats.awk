# Per-team totals and averages from scores.txt (name team score age).
{
  total[$2] += $3
  count[$2]++
  ages += $4
  if ($3 > max) { max = $3; who = $1 }
}
END {
  n = split("blue gold green red", teams, " ")
  for (i = 1; i <= n; i++) {
    t = teams[i]
    if (count[t]) printf "%-6s n=%d total=%5d avg=%8.3f\n", t, count[t], total[t], total[t] / count[t]
  }
  printf "rows=%d mean_age=%.4f best=%s (%d)\n", NR, ages / NR, who, max
  x = 1
  for (i = 0; i < 20; i++) x = x * 3 % 1000003
  printf "x=%d ratio=%.6f int=%d substr=%s upper=%s len=%d\n", x, ages / 7, int(-7.9), substr("emulator", 2, 4), toupper("kite"), length("kitemu")
}
