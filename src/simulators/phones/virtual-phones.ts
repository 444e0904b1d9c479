/**
 * Virtual phones, like a mail catcher for SMS: the messages each phone received (bounded), the phones seen
 * recently, and live subscriptions for the phone pages. Phones are keyed by E.164 number.
 */
export interface PhoneMessage {
  from: string;
  to: string;
  text: string;
  /** ISO-8601 UTC */
  at: string;
}

type Listener = (message: PhoneMessage) => void;

export class VirtualPhones {
  readonly #inboxes = new Map<string, PhoneMessage[]>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #now: () => Date;
  readonly #perPhone: number;
  readonly #phones: number;

  constructor(options: { now?: () => Date; messagesPerPhone?: number; phones?: number } = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#perPhone = options.messagesPerPhone ?? 200;
    this.#phones = options.phones ?? 100_000;
  }

  /** A message arrives on phone `to` (E.164). */
  receive(to: string, from: string, text: string): PhoneMessage {
    const message: PhoneMessage = { from, to, text, at: this.#now().toISOString() };
    let inbox = this.#inboxes.get(to);
    if (inbox) this.#inboxes.delete(to);
    else inbox = [];
    inbox.push(message);
    if (inbox.length > this.#perPhone) inbox.shift();
    // Re-inserting keeps the Map ordered by last activity: the oldest phone is the first key.
    this.#inboxes.set(to, inbox);
    if (this.#inboxes.size > this.#phones) this.#inboxes.delete(this.#inboxes.keys().next().value!);
    for (const listener of this.#listeners.get(to) ?? []) listener(message);
    return message;
  }

  /** Messages the phone received, oldest first. */
  inbox(phone: string): PhoneMessage[] {
    return [...(this.#inboxes.get(phone) ?? [])];
  }

  /** Phones that received messages, most recent first. */
  recent(limit = 50): Array<{ phone: string; messages: number; lastAt: string }> {
    return [...this.#inboxes.entries()]
      .reverse()
      .slice(0, limit)
      .map(([phone, inbox]) => ({ phone, messages: inbox.length, lastAt: inbox[inbox.length - 1]!.at }));
  }

  subscribe(phone: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(phone);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(phone, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#listeners.delete(phone);
    };
  }
}
