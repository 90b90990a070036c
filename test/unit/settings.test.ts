import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../src/core/clock.js';
import { EVERY_DEFAULT, EVERY_MAX, EVERY_MIN, parseEvery, resolveSettings, SETTINGS, settingSpec } from '../../src/core/settings.js';
import { CliError } from '../../src/errors.js';
import { refused } from '../helpers/usage.js';

describe('parseEvery: breaks every 30-60 minutes', () => {
  it('45m is the default', () => expect(EVERY_DEFAULT).toBe(45 * MINUTE));
  it('accepts the floor', () => expect(parseEvery('30m')).toBe(EVERY_MIN));
  it('accepts the ceiling', () => expect(parseEvery('1h')).toBe(EVERY_MAX));
  it('accepts compound spans', () => expect(parseEvery('0h45m')).toBe(45 * MINUTE));
  it(
    'refuses 29m, naming the range',
    refused(() => parseEvery('29m'), /outside the accepted range.*30m to 60m/),
  );
  it(
    'refuses 61m',
    refused(() => parseEvery('61m'), /outside the accepted range/),
  );
  it(
    'refuses a bare number',
    refused(() => parseEvery('45'), /needs a unit/),
  );
  // The hint used to offer 90s, 7d and 2w, none of which is allowed.
  it.each([
    ['45', 'did you mean 45m? (breaks every 30m to 60m)'],
    ['1', 'did you mean 1h? (breaks every 30m to 60m)'],
    ['60', 'did you mean 60m? (breaks every 30m to 60m)'],
    ['90', 'use 30m to 60m, e.g. 45m'],
  ])('a bare %j suggests only allowed values', (text, hint) => {
    expect(() => parseEvery(text)).toThrow(`interval "${text}" needs a unit`);
    try {
      parseEvery(text);
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2, hint });
    }
  });

  it('accepts exactly the spans from 30 to 60 minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 180 }), (minutes) => {
        const inRange = minutes >= 30 && minutes <= 60;
        if (inRange) expect(parseEvery(`${minutes}m`)).toBe(minutes * MINUTE);
        else expect(() => parseEvery(`${minutes}m`)).toThrow(CliError);
      }),
    );
  });

  describe('NECKCOACH_MIN_INTERVAL (seconds, tests only) lowers the floor', () => {
    const env = { NECKCOACH_MIN_INTERVAL: '5' };
    it('5 s allows 10s', () => expect(parseEvery('10s', env)).toBe(10 * SECOND));
    it(
      'but not below it',
      refused(() => parseEvery('4s', env), /outside the accepted range/),
    );
    it(
      'nor above the ceiling',
      refused(() => parseEvery('2h', env), /outside the accepted range/),
    );
    it('cannot raise the floor', () => expect(parseEvery('30m', { NECKCOACH_MIN_INTERVAL: '3600' })).toBe(30 * MINUTE));
    it(
      'is ignored when not a positive number',
      refused(() => parseEvery('10s', { NECKCOACH_MIN_INTERVAL: 'soon' }), /outside/),
    );
  });
});

describe('SETTINGS', () => {
  it('declares the keys of the one config store (design §7)', () => {
    expect(SETTINGS.map((s) => s.key).sort()).toEqual(
      [
        'color',
        'emergencyNumber',
        'remind.awayAfter',
        'remind.days',
        'remind.every',
        'remind.onBreak',
        'remind.onReminder',
        'remind.quiet',
        'remind.terminal',
        'remind.workHours',
        'routine.default',
        'routine.sound',
        'routine.voice',
      ].sort(),
    );
  });

  it('every default is a value its own parser accepts', () => {
    for (const spec of SETTINGS) {
      if (spec.default === null) continue;
      expect(spec.parse(String(spec.default)), spec.key).toEqual(spec.default);
    }
  });

  const _ = (key: string, text: string, stored: unknown) => () => expect(settingSpec(key)!.parse(text)).toEqual(stored);
  it('remind.every normalises', _('remind.every', '1h', '1h'));
  it('remind.every compacts', _('remind.every', '30m', '30m'));
  it('remind.workHours normalises', _('remind.workHours', '9-17:30', '09:00-17:30'));
  it('remind.workHours none', _('remind.workHours', 'None', null));
  it('a hook is kept as written once it splits into words', _('remind.onBreak', ' log-break --to "my log" ', 'log-break --to "my log"'));
  it('none removes a hook', _('remind.onReminder', 'none', null));
  it(
    'a hook that needs a shell is refused',
    refused(() => settingSpec('remind.onBreak')!.parse('notify | tee'), /needs a shell/),
  );
  it('remind.days normalises', _('remind.days', 'monday-friday', 'mon-fri'));
  it('routine.sound off', _('routine.sound', 'off', false));
  it('routine.voice yes', _('routine.voice', 'YES', true));
  it('color', _('color', 'Never', 'never'));
  it('emergencyNumber', _('emergencyNumber', ' 112 ', '112'));
  it('emergencyNumber none', _('emergencyNumber', 'none', null));
  it(
    'refuses a bad boolean',
    refused(() => settingSpec('routine.sound')!.parse('maybe'), /true or false/),
  );
  it(
    'refuses a bad colour',
    refused(() => settingSpec('color')!.parse('blue'), /auto, always or never/),
  );
  it(
    'refuses a bad routine id',
    refused(() => settingSpec('routine.default')!.parse('Desk Break'), /routine id/),
  );
  it(
    'refuses a bad emergency number',
    refused(() => settingSpec('emergencyNumber')!.parse('call 911'), /2-6 digits/),
  );
  it('remind.awayAfter normalises', _('remind.awayAfter', '0h10m', '10m'));
  it(
    'remind.awayAfter refuses 1m, naming the range',
    refused(() => settingSpec('remind.awayAfter')!.parse('1m'), /outside the accepted range.*2m to 30m/),
  );
  it(
    'remind.awayAfter refuses 31m',
    refused(() => settingSpec('remind.awayAfter')!.parse('31m'), /outside/),
  );
  it('remind.awayAfter: the test floor lowers it', () =>
    expect(settingSpec('remind.awayAfter')!.parse('4s', { NECKCOACH_MIN_INTERVAL: '2' })).toBe('4s'));
  it('remind.terminal keeps the command as written', _('remind.terminal', ' xterm -e {cmd} ', 'xterm -e {cmd}'));
  it('remind.terminal accepts a JSON array', _('remind.terminal', '["kitty", "{cmd}"]', '["kitty", "{cmd}"]'));
  it('remind.terminal none clears it', _('remind.terminal', 'none', null));
  it(
    'remind.terminal refuses {cmd} inside a word',
    refused(() => settingSpec('remind.terminal')!.parse('sh -c "x {cmd}"'), /word of its own/),
  );
  it(
    'remind.terminal refuses an unclosed quote',
    refused(() => settingSpec('remind.terminal')!.parse("xterm -T 'break"), /unclosed ' quote/),
  );
  it('remind.quiet keeps the command', _('remind.quiet', 'in-meeting --quiet', 'in-meeting --quiet'));
  it(
    'remind.quiet refuses a JSON array of numbers',
    refused(() => settingSpec('remind.quiet')!.parse('[1, 2]'), /array of strings/),
  );
  it('unknown keys have no spec', () => expect(settingSpec('remind.evry')).toBeUndefined());
});

describe('resolveSettings: defaults → file, a bad value never stops the program', () => {
  const defaults = Object.fromEntries(SETTINGS.map((s) => [s.key, s.default]));

  it('no file gives the defaults', () => expect(resolveSettings(undefined)).toEqual({ settings: defaults, invalid: [] }));

  it('reads conf’s nested keys', () => {
    const { settings, invalid } = resolveSettings({
      remind: { every: '30m', workHours: '9-17', days: 'all' },
      routine: { sound: false },
      color: 'always',
    });
    expect(invalid).toEqual([]);
    expect(settings).toMatchObject({
      'remind.every': '30m',
      'remind.workHours': '09:00-17:00',
      'remind.days': 'all',
      'routine.sound': false,
      color: 'always',
    });
    expect(settings['routine.voice']).toBe(false);
  });

  it('falls back per key and names the bad ones', () => {
    const { settings, invalid } = resolveSettings({ remind: { every: '5m', days: 'funday' }, color: 'blue', emergencyNumber: '999' });
    expect(invalid.sort()).toEqual(['color', 'remind.days', 'remind.every']);
    expect(settings['remind.every']).toBe('45m');
    expect(settings['remind.days']).toBe('all');
    expect(settings.color).toBe('auto');
    expect(settings.emergencyNumber).toBe('999');
  });

  it('null work hours mean any time', () =>
    expect(resolveSettings({ remind: { workHours: null } }).settings['remind.workHours']).toBeNull());

  it('the test floor applies to a stored interval too', () => {
    expect(resolveSettings({ remind: { every: '10s' } }, { NECKCOACH_MIN_INTERVAL: '5' }).settings['remind.every']).toBe('10s');
  });

  it('never throws, whatever the file holds', () => {
    fc.assert(fc.property(fc.jsonValue(), (raw) => void resolveSettings(raw)));
  });
});
