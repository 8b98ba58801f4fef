/**
 * A scan worker (worker_threads): reads the transcripts the main thread hands it with the same
 * TranscriptReader as a single-threaded scan, and sends each file's entries back as a batch. It
 * keeps no state of its own: the store, the dedup and the scan state stay on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { BatchSink } from './entry-batch';
import { TranscriptReader } from './transcript-reader';
import type { WorkerReply, WorkerTask } from './parallel-read';

/** Progress is reported in steps of this many bytes, not per chunk. */
const PROGRESS_STEP = 8 * 1024 * 1024;

if (parentPort) {
  const port = parentPort;
  const sink = new BatchSink();
  const reader = new TranscriptReader(sink, true);
  port.on('message', (task: WorkerTask) => {
    void (async () => {
      reader.counters.usageLines = 0;
      reader.counters.malformed = 0;
      let unreported = 0;
      try {
        const res = await reader.read(
          task.file,
          task.from,
          task.meta,
          (n) => {
            unreported += n;
            if (unreported >= PROGRESS_STEP) {
              port.postMessage({ kind: 'bytes', n: unreported } satisfies WorkerReply);
              unreported = 0;
            }
          },
          undefined,
          task.expectedBytes,
        );
        if (unreported > 0) port.postMessage({ kind: 'bytes', n: unreported } satisfies WorkerReply);
        const batch = sink.take();
        const reply: WorkerReply = { kind: 'file', id: task.id, ...res, counters: { ...reader.counters }, batch };
        port.postMessage(reply, [batch.nums.buffer, batch.refs.buffer]);
      } catch (err) {
        sink.take();
        const e = err as NodeJS.ErrnoException;
        port.postMessage({ kind: 'failed', id: task.id, code: e.code ?? null, message: e.message ?? String(err) } satisfies WorkerReply);
      }
    })();
  });
}
