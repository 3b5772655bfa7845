/** Runs `build` and returns what it threw (undefined when nothing was thrown), for assertions on the error itself. */
export function thrownBy(build: () => unknown): unknown {
  try {
    build();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The message of what `build` throws; fails the test when nothing is thrown. */
export function thrownMessage(build: () => unknown): string {
  const error = thrownBy(build);
  if (error === undefined) throw new Error('nothing was thrown');
  return error instanceof Error ? error.message : String(error);
}
