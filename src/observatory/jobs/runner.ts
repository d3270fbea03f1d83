import { Worker } from 'node:worker_threads';
import type { Progress, Task, TaskResult } from './tasks.js';

/**
 * A small runner for long analyses, off the request thread: each task runs in its own worker
 * thread, at most `concurrency` at a time (one by default: the machine's other core serves
 * requests), the others wait in order. Cancelling ends a running worker at once, or takes a
 * waiting task out of the queue.
 */
export interface RunOptions {
  signal?: AbortSignal;
  onStart?: () => void;
  onProgress?: Progress;
}

export class JobCancelled extends Error {
  constructor() {
    super('Analyse annulée / Analysis cancelled');
    this.name = 'JobCancelled';
  }
}

export interface JobRunner {
  run<T extends Task>(task: T, options?: RunOptions): Promise<TaskResult<T>>;
  /** Tasks running or waiting. */
  readonly pending: number;
}

const WORKER = new URL('./worker-entry.mjs', import.meta.url);

interface Waiting {
  start: () => void;
}

export function createJobRunner({ concurrency = 1 }: { concurrency?: number } = {}): JobRunner {
  const queue: Waiting[] = [];
  let running = 0;
  let pending = 0;
  const next = () => {
    while (running < concurrency && queue.length > 0) {
      running++;
      queue.shift()!.start();
    }
  };
  const finished = () => {
    running--;
    pending--;
    next();
  };

  function run<T extends Task>(task: T, { signal, onStart, onProgress }: RunOptions = {}): Promise<TaskResult<T>> {
    if (signal?.aborted) return Promise.reject(new JobCancelled());
    pending++;
    return new Promise<TaskResult<T>>((resolve, reject) => {
      const waiting: Waiting = { start: () => startWorker() };
      const cancelWaiting = () => {
        queue.splice(queue.indexOf(waiting), 1);
        pending--;
        reject(new JobCancelled());
      };
      signal?.addEventListener('abort', cancelWaiting, { once: true });

      function startWorker() {
        signal?.removeEventListener('abort', cancelWaiting);
        let settled = false;
        const worker = new Worker(WORKER, { workerData: task });
        const settle = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', cancel);
          finished();
          outcome();
        };
        const cancel = () => settle(() => {
          void worker.terminate();
          reject(new JobCancelled());
        });
        signal?.addEventListener('abort', cancel, { once: true });
        worker.on('message', (message: { type: 'progress'; done: number; total: number } | { type: 'result'; result: TaskResult<T> }) => {
          if (settled) return;
          if (message.type === 'progress') onProgress?.(message.done, message.total);
          else settle(() => resolve(message.result));
        });
        worker.on('error', (error) => settle(() => reject(error)));
        worker.on('exit', (code) => settle(() => reject(new Error(`Le calcul s'est arrêté (code ${code}) / The worker stopped`))));
        onStart?.();
      }
      queue.push(waiting);
      next();
    });
  }

  return { run, get pending() { return pending; } };
}
