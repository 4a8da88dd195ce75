// The job queue feature's public face.
export { startWorker, PermanentJobError, retryDelayMs, type JobHandler, type Worker, type WorkerOptions } from './runner.ts';
