/**
 * One call that works whether the API answers through a callback or a returned promise.
 * devtools.network.getHAR is the case: Firefox's returns a promise; Chromium's is DevTools' own
 * extension API, which the polyfill does not wrap (it is not in its metadata), so it takes a
 * callback and returns nothing. Passing a callback AND taking a returned thenable serves both
 * with one code path; the first answer settles the promise and any later one is ignored.
 * Bounded: APIs like getHAR can stall while DevTools is busy or closing.
 */
export function callbackOrPromise<T>(call: (callback: (value: T) => void) => unknown, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = <V>(finish: (value: V) => void) => (value: V) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish(value);
    };
    const answer = settle(resolve);
    const fail = settle(reject);
    const timer = setTimeout(() => fail(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const returned = call(answer);
      if (isThenable<T>(returned)) returned.then(answer, fail);
    } catch (error) {
      fail(error);
    }
  });
}

function isThenable<T>(value: unknown): value is PromiseLike<T> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
