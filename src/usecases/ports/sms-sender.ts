/** Hands a text message to the SMS centre. The adapter speaks SMPP 3.4; use cases see only this. */
export interface SmsSender {
  /**
   * Resolves with the SMS centre's message id once the centre accepted the message (submit_sm_resp OK).
   * Rejects with SmsUnavailableError when it cannot be handed over within the configured deadline.
   */
  send(message: { to: string; text: string }): Promise<{ messageId: string }>;
  /** Whether the link to the SMS centre is bound right now (readiness, metrics). */
  isReady(): boolean;
  close(): Promise<void>;
}

export class SmsUnavailableError extends Error {
  override readonly name = 'SmsUnavailableError';
}
