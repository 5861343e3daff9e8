import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of a V8 .cpuprofile (written by node --cpu-prof) that self time needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  /** Microseconds of the monotonic clock, as process.hrtime.bigint() / 1000n reads it in any process. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  operation: string;
  /** Sampled time with the process busy (idle excluded), ms. */
  busyMs: number;
  /** Functions by self time, largest first, as shares of busy time. */
  top: { function: string; location: string; selfMs: number; share: number }[];
  /** Self time grouped by where the code lives (a package, the service's own code, node, GC). */
  byOwner: { owner: string; share: number }[];
}

/** Where a function's code lives: an npm package, the service itself, node's internals, or V8. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'V8/native';
  if (url.startsWith('node:')) return 'node internals';
  const nodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nodeModules) return nodeModules[1]!;
  if (url.includes('/dist/src/')) return `service (${url.slice(url.indexOf('/dist/src/') + '/dist/src/'.length).split('/').slice(0, 2).join('/')})`;
  return url;
}

function shortLocation(url: string, line: number): string {
  if (!url) return '';
  const inPackage = url.lastIndexOf('node_modules/');
  const short = inPackage >= 0 ? url.slice(inPackage + 'node_modules/'.length) : url.includes('/dist/') ? url.slice(url.indexOf('/dist/') + 1) : url;
  return `${short.replace(/^file:\/\//, '')}:${line + 1}`;
}

/** Monotonic microseconds, comparable with a profile's sample times. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Sums self time per function and per owner in one profile, over the samples taken within `window`
 * (monotonic µs): the load, not the start-up and shutdown around it.
 */
export function summarizeProfile(file: string, operation: string, window: { from: number; to: number }, limit = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfByFunction = new Map<string, { function: string; location: string; selfMs: number }>();
  const selfByOwner = new Map<string, number>();
  let busyMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    at += profile.timeDeltas[index] ?? 0;
    if (!frame || frame.functionName === '(idle)' || at < window.from || at > window.to) return;
    busyMs += ms;
    const location = shortLocation(frame.url, frame.lineNumber);
    const key = `${frame.functionName}@${location}`;
    const entry = selfByFunction.get(key) ?? { function: frame.functionName || '(anonymous)', location, selfMs: 0 };
    entry.selfMs += ms;
    selfByFunction.set(key, entry);
    const owner = ownerOf(frame.url, frame.functionName);
    selfByOwner.set(owner, (selfByOwner.get(owner) ?? 0) + ms);
  });
  return {
    operation,
    busyMs,
    top: [...selfByFunction.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, limit)
      .map((entry) => ({ ...entry, share: entry.selfMs / busyMs })),
    byOwner: [...selfByOwner.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([owner, ms]) => ({ owner, share: ms / busyMs })),
  };
}

/** The one .cpuprofile node wrote into `dir`. */
export function profileFileIn(dir: string): string {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  return path.join(dir, file);
}

export function profileMarkdown(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  return [
    `**${summary.operation}** (${summary.busyMs.toFixed(0)} ms busy): by owner ${summary.byOwner.slice(0, 6).map((o) => `${o.owner} ${pct(o.share)}`).join(', ')}`,
    '',
    '| self | function | location |',
    '|--:|---|---|',
    ...summary.top.slice(0, 8).map((entry) => `| ${pct(entry.share)} | ${entry.function} | ${entry.location} |`),
  ].join('\n');
}
