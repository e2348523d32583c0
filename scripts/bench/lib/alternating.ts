// Series of one-at-a-time operations measured in alternating rounds (series A, B, C, then A
// again...), after a warm-up, so that a machine that gets busier or quieter during the run
// skews every series alike.

export interface Series {
  label: string;
  /** One per operation, in ms. */
  latencies: number[];
  /** Operations per second, one per round. */
  rates: number[];
}

export function emptySeries(label: string): Series {
  return { label, latencies: [], rates: [] };
}

export async function measureAlternating(
  runs: ReadonlyArray<readonly [Series, () => unknown]>,
  { rounds, perRound, warmUp }: { rounds: number; perRound: number; warmUp: number },
): Promise<void> {
  for (const [, operation] of runs) for (let i = 0; i < warmUp; i++) await operation();
  for (let round = 0; round < rounds; round++) {
    for (const [s, operation] of runs) {
      const roundStarted = performance.now();
      for (let i = 0; i < perRound; i++) {
        const started = performance.now();
        await operation();
        s.latencies.push(performance.now() - started);
      }
      s.rates.push((perRound / (performance.now() - roundStarted)) * 1000);
    }
  }
}
