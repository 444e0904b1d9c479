/** A pino destination that keeps every log line in memory, so tests can prove what never reaches the logs. */
import { Writable } from 'node:stream';

export class MemoryLog extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    callback();
  }
  text(): string {
    return this.lines.join('\n');
  }
}
