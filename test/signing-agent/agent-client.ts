/** A test's side of the agent's WebSocket: `ws` trusting the agent's certificate, one call at a time by id. */
import WebSocket from 'ws';

export interface AgentAnswer {
  id: string | null;
  result?: unknown;
  error?: { code: string; message: string; triesLeft?: number };
}

export interface AgentClient {
  call(method: string, params?: Record<string, unknown>): Promise<AgentAnswer>;
  /** Sends raw text (malformed messages) and waits for the next answer. */
  raw(text: string): Promise<AgentAnswer>;
  close(): void;
}

export function connectAgent(url: string, options: { ca: string; origin?: string }): Promise<AgentClient> {
  const socket = new WebSocket(url, { ca: options.ca, ...(options.origin && { origin: options.origin }) });
  let next = 0;
  const waiting: Array<(answer: AgentAnswer) => void> = [];
  socket.on('message', (data) => waiting.shift()?.(JSON.parse(data.toString()) as AgentAnswer));
  const send = (text: string) =>
    new Promise<AgentAnswer>((resolve) => {
      waiting.push(resolve);
      socket.send(text);
    });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) =>
      reject(
        Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode }),
      ),
    );
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        call: (method, params) => send(JSON.stringify({ id: `t${++next}`, method, params: params ?? {} })),
        raw: send,
        close: () => socket.close(),
      }),
    );
  });
}
