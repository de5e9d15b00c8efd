/**
 * For the tests that bound the event loop's delay (< 50 ms): such a bound means nothing when other processes
 * already stall an idle event loop that long (2 cores shared with other runs). They measure that first and skip,
 * saying so, rather than fail for the machine. On an idle machine (CI) they run.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The largest event-loop delay over `ms` of an idle wait: what the machine's load alone costs this thread. */
export async function idleDelayMs(ms: number): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  histogram.disable();
  return histogram.max / 1e6;
}

/** Skips the running test, saying why, when an idle event loop already stalls 25 ms or more within 1 s. */
export async function skipIfTheMachineStalls(test: Mocha.Context): Promise<void> {
  const idle = await idleDelayMs(1000);
  if (idle >= 25) {
    console.warn(`      skipped: an idle event loop already stalls ${idle.toFixed(1)} ms here (machine under load)`);
    test.skip();
  }
}
