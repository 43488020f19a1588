/**
 * Reads `perf script -F time,ip,sym` output (one header line with the time, then one frame per line, leaf
 * first, blank line between samples) into samples that know whether they were in V8's garbage collector,
 * in its epilogue callbacks, and which runtime class's destructor ran there. For ./pause-profile.ts.
 */

export interface StackSample {
  /** Seconds, perf's clock. */
  at: number;
  gc: boolean;
  epilogue: boolean;
  /** The outermost `workerd::api::` or `workerd::jsg::` destructor on the stack, if any. */
  freed: string | null;
}

const DESTRUCTOR = /(workerd::(?:api|jsg)::[\w:<>]*?)::~/;

export function parsePerfScript(text: string): StackSample[] {
  const samples: StackSample[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.trim().split("\n");
    const at = Number(/([\d.]+):\s*$/.exec(lines[0] ?? "")?.[1]);
    if (!Number.isFinite(at)) continue;
    const frames = lines.slice(1);
    const stack = frames.join("\n");
    let freed: string | null = null;
    // Frames run leaf first: the last destructor found is the outermost one, the object being freed.
    for (const f of frames) freed = DESTRUCTOR.exec(f)?.[1] ?? freed;
    const epilogue = stack.includes("CallGCEpilogueCallbacks");
    samples.push({ at, gc: /Heap::CollectGarbage|Scavenge|MarkCompact/.test(stack), epilogue, freed: epilogue ? freed : null });
  }
  return samples;
}

export interface BusyStretch {
  ms: number;
  samples: number;
  gc: number;
  epilogue: number;
  /** Destructor classes in the epilogue, most samples first. */
  freed: [string, number][];
}

/**
 * Stretches in which the thread was sampled at least `minSamples` times within `windowSeconds`, extended
 * while samples keep coming less than 2 ms apart: the thread busy without a break.
 */
export function busyStretches(samples: readonly StackSample[], o: { windowSeconds: number; minSamples: number }): BusyStretch[] {
  const stretches: BusyStretch[] = [];
  let from = 0;
  for (let i = 0; i < samples.length; i++) {
    while (samples[i].at - samples[from].at > o.windowSeconds) from++;
    if (i - from + 1 < o.minSamples) continue;
    // The stretch is the unbroken run around this window: back to its first sample, on to its last.
    let start = i;
    while (start > from && samples[start].at - samples[start - 1].at < 0.002) start--;
    let to = i;
    while (to + 1 < samples.length && samples[to + 1].at - samples[to].at < 0.002) to++;
    const part = samples.slice(start, to + 1);
    const freed = new Map<string, number>();
    for (const s of part) if (s.freed) freed.set(s.freed, (freed.get(s.freed) ?? 0) + 1);
    stretches.push({
      ms: (part[part.length - 1].at - part[0].at) * 1000,
      samples: part.length,
      gc: part.filter((s) => s.gc).length,
      epilogue: part.filter((s) => s.epilogue).length,
      freed: [...freed].sort((a, b) => b[1] - a[1]).slice(0, 4),
    });
    i = to;
    from = to + 1;
  }
  return stretches;
}
