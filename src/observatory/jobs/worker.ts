import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';

/**
 * A worker thread runs one task and ends: the runner ends it to cancel. Progress is sent when a
 * whole percent more is done, so that a 999-permutation run posts about a hundred messages.
 */
const task = workerData as Task;
let reported = -1;
const result = runTask(task, (done, total) => {
  const percent = Math.floor((done * 100) / total);
  if (percent === reported) return;
  reported = percent;
  parentPort!.postMessage({ type: 'progress', done, total });
});
parentPort!.postMessage({ type: 'result', result });
