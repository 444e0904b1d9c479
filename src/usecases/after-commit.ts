/**
 * Work that follows a committed change (an audit row, a lock release, lifting a sign-in lock): the change has
 * happened, so a failure here is logged and never replaces the answer the citizen is owed.
 */
export type Warn = (message: string, details: Record<string, unknown>) => void;

export async function afterCommit(
  warn: Warn | undefined,
  message: string,
  details: Record<string, unknown>,
  action: () => Promise<unknown>,
): Promise<void> {
  try {
    await action();
  } catch (error) {
    warn?.(message, { ...details, error: error instanceof Error ? error.name : 'unknown' });
  }
}
