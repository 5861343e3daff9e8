import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Linux only: the harness reads another process's CPU time and memory from /proc, which needs no
// cooperation from the process under test (the service runs unmodified).

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User plus system CPU time of a process so far, in microseconds (resolution: one clock tick). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses; the fields after its closing one do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / clockTicks;
}

/** CPU time all processes of the machine have used (every state but idle and iowait), in microseconds. */
export function machineBusyMicros(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return ((user + nice + system + irq + softirq + steal) * 1_000_000) / clockTicks;
}

/**
 * Resolves once the process has used under 5% of a core for `quietMs`: a server keeps executing the
 * requests queued when a load run stops, and the next run must not inherit that backlog.
 */
export async function waitUntilIdle(pid: number, quietMs = 200, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let before = cpuMicros(pid);
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = cpuMicros(pid);
    if (now - before < quietMs * 1000 * 0.05) return;
    before = now;
  }
  throw new Error(`process ${pid} still busy after ${timeoutMs} ms`);
}

/** A kB field of /proc/<pid>/status (VmRSS: resident now; VmHWM: peak resident), in bytes. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

export const residentBytes = (pid: number) => statusBytes(pid, 'VmRSS');
export const peakResidentBytes = (pid: number) => statusBytes(pid, 'VmHWM');

/** Samples a process's resident memory every `intervalMs` and keeps the largest value seen. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private peak = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 50,
  ) {}

  start() {
    this.peak = residentBytes(this.pid);
    this.timer = setInterval(() => {
      try {
        this.peak = Math.max(this.peak, residentBytes(this.pid));
      } catch {
        // The process exited: the run fails on its own, with a clearer error.
      }
    }, this.intervalMs);
  }

  /** Stops sampling; returns the peak in bytes. */
  stop(): number {
    clearInterval(this.timer);
    try {
      this.peak = Math.max(this.peak, residentBytes(this.pid));
    } catch {
      // as above
    }
    return this.peak;
  }
}
