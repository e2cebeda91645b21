/** Small helpers shared by the benchmark scripts: timing, medians, printing figures. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Runs `fn` repeatedly for ~`ms` and returns operations per second (median of `rounds`). */
export function opsPerSecond(fn: () => void, ms = 500, rounds = 5): number {
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t > ms / 4) break;
    n *= 2;
  }
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    rates.push((n * 1000) / (performance.now() - t));
  }
  return median(rates);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function report(name: string, value: number | string, unit: string): void {
  process.stdout.write(`${name.padEnd(58)} ${typeof value === 'number' ? fmt(value, value < 100 ? 2 : 0) : value} ${unit}\n`);
}
