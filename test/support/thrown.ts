/** Runs `build` and returns what it threw (undefined when nothing was thrown), for assertions on the error itself. */
export function thrownBy(build: () => unknown): unknown {
  try {
    build();
  } catch (e) {
    return e;
  }
  return undefined;
}
