// A short-lived child that loads node-notifier, sends one notification and exits, so the resident
// daemon never holds node-notifier in memory. The parent kills it if it hangs.
// argv[2]: JSON {title, message}. Exit 0 delivered to the notification service; 1 with the reason on stderr.
import notifier from 'node-notifier';

const fail = (message: string) => {
  process.stderr.write(`${message.trim().split('\n').filter(Boolean).at(-1) ?? 'the notification could not be sent'}\n`);
  process.exitCode = 1;
};

let payload: { title?: unknown; message?: unknown };
try {
  payload = JSON.parse(process.argv[2] ?? '');
} catch {
  payload = {};
}
if (typeof payload.title !== 'string' || typeof payload.message !== 'string') {
  fail('notify-child needs a JSON argument {title, message}');
} else {
  notifier.notify(
    // notify-send takes its expire time in seconds here (node-notifier multiplies by 1000).
    { title: payload.title, message: payload.message, wait: false, timeout: 15, urgency: 'normal', 'app-name': 'neckcoach' } as never,
    // node-notifier hands notify-send's stderr over as the "error" even on success: only an Error is a failure.
    (error: unknown) => {
      if (error instanceof Error) fail(error.message);
    },
  );
}
