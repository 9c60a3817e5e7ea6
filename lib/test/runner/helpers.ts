/** Helpers of the runner and CLI tests. */

/** Poll `cond` every 100 ms until it holds or `ms` pass; returns its last value. */
export async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}
