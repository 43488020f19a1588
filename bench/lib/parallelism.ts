/**
 * How much parallel CPU the bench really has. The CPU count says what the kernel shows; this process's
 * affinity may allow fewer (`availableParallelism`), and a VM's CPUs may share one physical core with each
 * other or with neighbours. So the same spin loop runs in one thread, then in one thread per available CPU
 * at once: with N real cores the N threads each take as long as the one alone.
 */
import { availableParallelism, cpus } from "node:os";
import { Worker } from "node:worker_threads";

const SPIN = `
const { parentPort } = require("node:worker_threads");
const started = performance.now();
let x = 0;
for (let i = 0; i < 4e7; i++) x += i % 7;
parentPort.postMessage(x > 0 ? performance.now() - started : 0);
`;

const spin = (threads: number) =>
  Promise.all(
    Array.from({ length: threads }, () => new Promise<number>((resolve, reject) => {
      const worker = new Worker(SPIN, { eval: true });
      worker.once("message", (ms: number) => void worker.terminate().then(() => resolve(ms)));
      worker.once("error", reject);
    })),
  );

export interface Parallelism {
  /** CPUs the kernel shows. */
  cpus: number;
  /** CPUs this process may run on (its affinity). */
  available: number;
  /** Threads' worth of spinning done at once, relative to one alone (≈ available when the cores are real). */
  effective: number;
  /** The spin loop's time alone, ms: the same code on the same machine takes longer when the host is busier,
   * which no figure on this side of the VM shows otherwise. */
  spinMs: number;
}

export async function measureParallelism(): Promise<Parallelism> {
  const available = availableParallelism();
  const [alone] = await spin(1);
  const together = await spin(available);
  const slowest = Math.max(...together);
  return { cpus: cpus().length, available, effective: Math.round(((available * alone) / slowest) * 100) / 100, spinMs: Math.round(alone * 10) / 10 };
}

export const describeParallelism = (p: Parallelism) =>
  `${p.cpus} CPUs, ${p.available} available to the bench, ${p.effective.toFixed(2)} effective (spin probe, ${p.spinMs.toFixed(0)} ms alone)`;
