import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  connections: number;
  seconds: number;
  /** Called about once a second with the seconds elapsed and the responses of that second. */
  onSecond?: (elapsed: number, perSecond: number) => void;
}

export interface LoadResult {
  requests: number;
  rpsAvg: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

/** One autocannon run; resolves with the figures the report prints. */
export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let elapsed = 0;
    const instance = autocannon(
      {
        url: opts.url,
        headers: opts.headers,
        method: opts.method ?? 'GET',
        body: opts.body,
        connections: opts.connections,
        duration: opts.seconds,
      },
      (err, result) => {
        clearInterval(timer);
        if (err) return reject(err);
        resolve({
          requests: result.requests.total,
          rpsAvg: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', () => {
      count++;
    });
    const timer = setInterval(() => {
      elapsed++;
      opts.onSecond?.(elapsed, count);
      count = 0;
    }, 1000);
    timer.unref();
  });
}
