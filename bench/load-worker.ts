// The load generator: a separate process the harness pins to its own core (taskset -c 1), so that
// autocannon never competes with the server for CPU. It takes jobs over IPC and answers with numbers.
import autocannon from 'autocannon';
import { percentile, splitConnections, type LoadJob, type LoadResult, type WorkerMessage } from './load.js';

/** A growable array of latencies: autocannon's own histogram rounds to whole milliseconds. */
class Latencies {
  private values = new Float64Array(1 << 16);
  private count = 0;

  add(ms: number) {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ms;
  }

  sorted(): Float64Array {
    return this.values.slice(0, this.count).sort();
  }
}

/** One autocannon instance against one URL, its 2xx latencies added to `latencies`. */
function cannon(url: string, job: LoadJob, connections: number, latencies: Latencies): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: job.body,
        connections,
        duration: job.duration,
        // Slow operations at high concurrency queue for seconds; a timeout would count as an error instead.
        timeout: 60,
      },
      (error: unknown, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    // Only 2xx latencies count, as in autocannon's own histogram; other statuses are reported as non2xx.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.add(responseTime);
    });
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const urls = Array.isArray(job.url) ? job.url : [job.url];
  if (job.connections < urls.length) throw new Error(`${job.connections} connections cannot reach ${urls.length} servers`);
  const latencies = new Latencies();
  const cpuBefore = process.cpuUsage();
  const shares = splitConnections(job.connections, urls.length);
  const results = await Promise.all(urls.map((url, index) => cannon(url, job, shares[index]!, latencies)));
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.sorted();
  const total = (pick: (result: autocannon.Result) => number) => results.reduce((sum, result) => sum + pick(result), 0);
  const seconds = Math.max(...results.map((result) => result.duration));
  return {
    requests: total((result) => result.requests.total),
    sent: total((result) => result.requests.sent),
    seconds,
    requestsPerSecond: total((result) => result.requests.total) / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    errors: total((result) => result.errors),
    timeouts: total((result) => result.timeouts),
    non2xx: total((result) => result.non2xx),
    loaderCpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

process.on('message', (message: WorkerMessage) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
