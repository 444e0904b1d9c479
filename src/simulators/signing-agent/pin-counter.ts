/**
 * The user PIN's try counter, as a real token keeps it (SoftHSM2 does not lock): five wrong PINs in a row
 * lock the PIN until the security officer unblocks it (here `POST /dev/token/reset`); a right PIN before
 * that starts the count again. Kept in a file beside the token, so a restart does not unlock it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const PIN_TRIES = 5;

export class PinCounter {
  private failures: number;

  constructor(private readonly file: string) {
    this.failures = readFailures(file);
  }

  get locked(): boolean {
    return this.failures >= PIN_TRIES;
  }

  get triesLeft(): number {
    return Math.max(0, PIN_TRIES - this.failures);
  }

  /** Counts a wrong PIN; returns the tries left (0: now locked). */
  fail(): number {
    this.failures += 1;
    this.save();
    return this.triesLeft;
  }

  succeed(): void {
    if (this.failures === 0) return;
    this.failures = 0;
    this.save();
  }

  reset(): void {
    this.failures = 0;
    this.save();
  }

  private save() {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify({ failures: this.failures }));
  }
}

function readFailures(file: string): number {
  try {
    const failures = (JSON.parse(readFileSync(file, 'utf8')) as { failures?: unknown }).failures;
    return typeof failures === 'number' && Number.isInteger(failures) && failures >= 0 ? failures : 0;
  } catch {
    return 0;
  }
}
