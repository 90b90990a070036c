import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { findOnPath } from './paths.js';
import { ensureDir } from './store.js';

export type ServiceKind = 'systemd' | 'launchd' | 'cron';

/** Marks what `install` wrote, so `uninstall` removes only that. */
export const MARKER = 'neckcoach-remind';
const UNIT_NAME = 'neckcoach-remind.service';
const AGENT_LABEL = 'dev.neckcoach.remind';
/** The environment a notification needs, passed into the service (design §3). */
const PASSED_ENV = ['DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'NECKCOACH_HOME'] as const;

export interface ServiceTarget {
  /** node, absolute. */
  node: string;
  /** dist/daemon.cjs, absolute. */
  daemon: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
}

interface Exec {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<Exec> {
  return new Promise((resolve) => {
    const child = execFile(file, [...args], { env, timeout: 15_000 }, (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}

const home = (env: NodeJS.ProcessEnv) => env.HOME || os.homedir();
export const unitPath = (env: NodeJS.ProcessEnv) =>
  path.join(env.XDG_CONFIG_HOME || path.join(home(env), '.config'), 'systemd', 'user', UNIT_NAME);
export const agentPath = (env: NodeJS.ProcessEnv) => path.join(home(env), 'Library', 'LaunchAgents', `${AGENT_LABEL}.plist`);

const passed = (env: NodeJS.ProcessEnv) => PASSED_ENV.filter((k) => env[k]).map((k) => [k, env[k]!] as const);

/**
 * A line break or other control character cannot be written safely into a unit, a plist or a
 * crontab line (a newline there would start a new crontab line that uninstall would not know).
 */
function refuseControlCharacters(t: ServiceTarget): void {
  const named: (readonly [string, string])[] = [['node', t.node], ['the daemon', t.daemon], ['the log file', t.logFile], ...passed(t.env)];
  for (const [name, value] of named) {
    if (/[\u0000-\u001f\u007f]/.test(value)) {
      throw new CliError(
        `${name} (${JSON.stringify(value)}) contains a control character, which a service file cannot hold`,
        ExitCode.Usage,
        'use a path without line breaks or tabs',
      );
    }
  }
}

// systemd unit quoting: double quotes, backslash-escaped; % is a specifier and doubles.
const unitQuote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;

export function renderSystemdUnit(t: ServiceTarget): string {
  refuseControlCharacters(t);
  return [
    `# Written by \`neckcoach remind install\` (${MARKER}); \`neckcoach remind uninstall\` removes it.`,
    '[Unit]',
    'Description=neckcoach break reminders',
    'After=graphical-session.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${unitQuote(t.node)} ${unitQuote(t.daemon)}`,
    ...passed(t.env).map(([k, v]) => `Environment=${unitQuote(`${k}=${v}`)}`),
    'Restart=on-failure',
    'RestartSec=30',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderLaunchdPlist(t: ServiceTarget): string {
  refuseControlCharacters(t);
  const env = passed(t.env);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by \`neckcoach remind install\` (${MARKER}); \`neckcoach remind uninstall\` removes it. -->
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>${AGENT_LABEL}</string>
  <key>ProgramArguments</key>
  <array><string>${xml(t.node)}</string><string>${xml(t.daemon)}</string></array>
${env.length ? `  <key>EnvironmentVariables</key>\n  <dict>\n${env.map(([k, v]) => `    <key>${k}</key><string>${xml(v)}</string>`).join('\n')}\n  </dict>\n` : ''}  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
  <key>StandardOutPath</key><string>${xml(t.logFile)}</string>
  <key>StandardErrorPath</key><string>${xml(t.logFile)}</string>
</dict>
</plist>
`;
}

// Quoted for the shell cron runs the line with; then `%`, which cron itself turns into a newline
// (even inside quotes), is escaped for cron, which removes the backslash.
const shQuote = (text: string) => (/^[\w@+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`).replace(/%/g, '\\%');

export function renderCronLine(t: ServiceTarget): string {
  refuseControlCharacters(t);
  const env = passed(t.env).map(([k, v]) => `${k}=${shQuote(v)}`);
  return `@reboot ${[...env, shQuote(t.node), shQuote(t.daemon)].join(' ')} >> ${shQuote(t.logFile)} 2>&1 # ${MARKER}`;
}

/** systemd when a user manager answers (not merely when systemctl exists), launchd on macOS, else cron. */
export async function detectKind(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<ServiceKind | null> {
  if (platform === 'darwin') return 'launchd';
  const systemctl = findOnPath('systemctl', env);
  if (systemctl && (await exec(systemctl, ['--user', 'show-environment'], env)).ok) return 'systemd';
  if (findOnPath('crontab', env)) return 'cron';
  return null;
}

export interface Step {
  /** What a person reads (`--dry-run` prints these). */
  describe: string;
  run: () => Promise<void>;
}

export interface Plan {
  kind: ServiceKind;
  file?: { path: string; content: string };
  steps: Step[];
  /** Nothing to do: already as asked. */
  unchanged: boolean;
}

class StepError extends Error {}

async function must(file: string | null, name: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Exec> {
  if (!file) throw new StepError(`${name} is not on PATH`);
  const result = await exec(file, args, env, input);
  if (!result.ok)
    throw new StepError(`\`${name} ${args.join(' ')}\` failed: ${(result.stderr || result.stdout).trim().split('\n')[0] ?? ''}`);
  return result;
}

const readText = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

const writeFile = (file: string, content: string) => {
  ensureDir(path.dirname(file));
  fs.writeFileSync(file, content, { mode: 0o644 });
};

async function crontabLines(env: NodeJS.ProcessEnv): Promise<string[]> {
  const crontab = findOnPath('crontab', env);
  if (!crontab) return [];
  const result = await exec(crontab, ['-l'], env);
  // "no crontab for <user>" exits 1: an empty table.
  return result.ok ? result.stdout.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) : [];
}

export async function installPlan(kind: ServiceKind, t: ServiceTarget): Promise<Plan> {
  const env = t.env;
  if (kind === 'systemd') {
    const file = unitPath(env);
    const content = renderSystemdUnit(t);
    const systemctl = findOnPath('systemctl', env);
    const same = readText(file) === content;
    return {
      kind,
      file: { path: file, content },
      unchanged: false,
      steps: [
        ...(same ? [] : [{ describe: `write ${file}`, run: async () => writeFile(file, content) }]),
        {
          describe: 'systemctl --user daemon-reload',
          run: async () => void (await must(systemctl, 'systemctl', ['--user', 'daemon-reload'], env)),
        },
        {
          describe: `systemctl --user enable --now ${UNIT_NAME}`,
          run: async () => void (await must(systemctl, 'systemctl', ['--user', 'enable', '--now', UNIT_NAME], env)),
        },
      ],
    };
  }
  if (kind === 'launchd') {
    const file = agentPath(env);
    const content = renderLaunchdPlist(t);
    const launchctl = findOnPath('launchctl', env);
    const same = readText(file) === content;
    return {
      kind,
      file: { path: file, content },
      unchanged: same,
      steps: same
        ? []
        : [
            { describe: `write ${file}`, run: async () => writeFile(file, content) },
            {
              describe: `launchctl load -w ${file}`,
              run: async () => void (await must(launchctl, 'launchctl', ['load', '-w', file], env)),
            },
          ],
    };
  }
  const line = renderCronLine(t);
  const lines = await crontabLines(env);
  const same = lines.includes(line);
  const next = [...lines.filter((l) => !l.endsWith(`# ${MARKER}`)), line];
  return {
    kind,
    file: { path: 'crontab', content: `${line}\n` },
    unchanged: same,
    steps: same
      ? []
      : [
          {
            describe: `crontab: add \`${line}\``,
            run: async () => void (await must(findOnPath('crontab', env), 'crontab', ['-'], env, `${next.join('\n')}\n`)),
          },
        ],
  };
}

/** Removes only what install wrote: a file carrying our marker, crontab lines ending in it. */
export async function uninstallPlan(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<Plan[]> {
  const plans: Plan[] = [];
  const unit = unitPath(env);
  const unitText = readText(unit);
  if (unitText?.includes(MARKER)) {
    const systemctl = findOnPath('systemctl', env);
    plans.push({
      kind: 'systemd',
      unchanged: false,
      steps: [
        {
          describe: `systemctl --user disable --now ${UNIT_NAME}`,
          // A unit whose manager is gone (no user session) is still removed below.
          run: async () => void (systemctl && (await exec(systemctl, ['--user', 'disable', '--now', UNIT_NAME], env))),
        },
        { describe: `remove ${unit}`, run: async () => fs.rmSync(unit, { force: true }) },
        {
          describe: 'systemctl --user daemon-reload',
          run: async () => void (systemctl && (await exec(systemctl, ['--user', 'daemon-reload'], env))),
        },
      ],
    });
  }
  const agent = agentPath(env);
  if (readText(agent)?.includes(MARKER)) {
    const launchctl = findOnPath('launchctl', env);
    plans.push({
      kind: 'launchd',
      unchanged: false,
      steps: [
        {
          describe: `launchctl unload -w ${agent}`,
          run: async () => void (launchctl && platform === 'darwin' && (await exec(launchctl, ['unload', '-w', agent], env))),
        },
        { describe: `remove ${agent}`, run: async () => fs.rmSync(agent, { force: true }) },
      ],
    });
  }
  const lines = await crontabLines(env);
  if (lines.some((l) => l.endsWith(`# ${MARKER}`))) {
    const kept = lines.filter((l) => !l.endsWith(`# ${MARKER}`));
    plans.push({
      kind: 'cron',
      unchanged: false,
      steps: [
        {
          describe: 'crontab: remove the neckcoach @reboot line',
          run: async () =>
            void (await must(
              findOnPath('crontab', env),
              'crontab',
              kept.length ? ['-'] : ['-r'],
              env,
              kept.length ? `${kept.join('\n')}\n` : undefined,
            )),
        },
      ],
    });
  }
  return plans;
}

/** Whether install has set something up, and which kind (for `status`). */
export async function serviceStatus(env: NodeJS.ProcessEnv): Promise<{ installed: boolean; kind: ServiceKind | null }> {
  if (readText(unitPath(env))?.includes(MARKER)) return { installed: true, kind: 'systemd' };
  if (readText(agentPath(env))?.includes(MARKER)) return { installed: true, kind: 'launchd' };
  if ((await crontabLines(env)).some((l) => l.endsWith(`# ${MARKER}`))) return { installed: true, kind: 'cron' };
  return { installed: false, kind: null };
}

export { StepError };

/** Runs an install or uninstall plan in order; a failed step is a runtime error naming what failed. */
export async function runSteps(steps: readonly { describe: string; run: () => Promise<void> }[]): Promise<void> {
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      if (error instanceof StepError) throw new CliError(error.message, ExitCode.Runtime);
      throw error;
    }
  }
}
