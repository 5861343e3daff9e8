import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Linux only: the harness reads another process's CPU time and memory from /proc, which needs no
// cooperation from the process under test (the service runs unmodified).

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name, so `fields[n]` is field n + 3 of the whole line. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses; the fields after its closing one do not.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User plus system CPU time of a process so far, in microseconds (resolution: one clock tick). */
export function cpuMicros(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / clockTicks;
}

export const parentPid = (pid: number) => Number(statFields(pid)[1]);

/** The live children of a process (Linux 3.5+; a single-threaded parent such as PostgreSQL's postmaster). */
export function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}

/**
 * CPU a process and its children have used so far, in microseconds: its own time, the time of the children
 * it has waited for (cutime, cstime), and that of the live ones. For PostgreSQL's postmaster this is every
 * backend's, those that disconnected included.
 */
export function treeCpuMicros(root: number): number {
  const withWaitedChildren = (pid: number) => {
    const fields = statFields(pid);
    // utime, stime, cutime, cstime: fields 14 to 17 of the whole line.
    return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1_000_000) / clockTicks;
  };
  let total = withWaitedChildren(root);
  for (const child of childPids(root)) {
    try {
      total += withWaitedChildren(child);
    } catch {
      // It exited since the list was read: its time is in the root's cutime from now on.
    }
  }
  return total;
}

/** Moves a process and its live children to `cores` (taskset -c); children forked later inherit the root's. */
export function pinTree(root: number, cores: string) {
  for (const pid of [root, ...childPids(root)]) {
    try {
      execFileSync('taskset', ['-cp', cores, String(pid)], { stdio: 'ignore' });
    } catch {
      // A backend that exited in between.
    }
  }
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
  return waitUntilQuiet(() => cpuMicros(pid), `process ${pid}`, quietMs, timeoutMs);
}

/** waitUntilIdle for any CPU reading: several processes, or a process tree such as PostgreSQL's. */
export async function waitUntilQuiet(cpu: () => number, what: string, quietMs = 200, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let before = cpu();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = cpu();
    if (now - before < quietMs * 1000 * 0.05) return;
    before = now;
  }
  throw new Error(`${what} still busy after ${timeoutMs} ms`);
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
