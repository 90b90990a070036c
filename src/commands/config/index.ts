import { defineGroup } from '../../command.js';
import get from './get.js';
import list from './list.js';
import path from './path.js';
import reset from './reset.js';
import set from './set.js';

export default defineGroup({
  name: 'config',
  summary: 'read and change settings',
  examples: [
    ['neckcoach config set remind.every 30m', 'remind every half hour'],
    ['neckcoach config list', 'see everything'],
  ],
  subcommands: [get, set, list, path, reset],
});
