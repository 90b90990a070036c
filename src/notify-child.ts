// macOS and Windows: a short-lived child that loads node-notifier, shows one notification and exits,
// so the resident daemon never holds node-notifier in memory. With buttons it waits for the answer
// and prints it (the button's label, or "activate" for a click); the parent kills it if it hangs.
// argv[2]: JSON {title, message, actions: [labels], timeout: seconds}. Exit 0 shown; 1 with the reason on stderr.
import notifier from 'node-notifier';

const fail = (message: string) => {
  process.stderr.write(`${message.trim().split('\n').filter(Boolean).at(-1) ?? 'the notification could not be sent'}\n`);
  process.exitCode = 1;
};

let payload: { title?: unknown; message?: unknown; actions?: unknown; timeout?: unknown };
try {
  payload = JSON.parse(process.argv[2] ?? '');
} catch {
  payload = {};
}
const actions = Array.isArray(payload.actions) ? payload.actions.filter((a): a is string => typeof a === 'string') : [];
if (typeof payload.title !== 'string' || typeof payload.message !== 'string') {
  fail('notify-child needs a JSON argument {title, message}');
} else {
  notifier.notify(
    {
      title: payload.title,
      message: payload.message,
      // node-notifier takes seconds here.
      timeout: typeof payload.timeout === 'number' ? payload.timeout : 15,
      wait: actions.length > 0,
      ...(actions.length > 0 ? { actions } : {}),
      'app-name': 'neckcoach',
    } as never,
    // node-notifier hands a helper's stderr over as the "error" even on success: only an Error is a failure.
    (error: unknown, response: string, metadata?: { activationValue?: string; button?: string }) => {
      if (error instanceof Error) return fail(error.message);
      if (actions.length > 0) process.stdout.write(`${metadata?.activationValue ?? metadata?.button ?? response ?? ''}\n`);
    },
  );
}
