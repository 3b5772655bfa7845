/** Runs a step and prints how long it took ("⏱ label: 12.3 s"); the integ tier's timings. */
export async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await step();
  } finally {
    process.stdout.write(`⏱ ${label}: ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  }
}
