import { techniqueView } from '../render/catalogue.js';
import { browseCommand } from './browse.js';

export default browseCommand('techniques', 'technique', ['massage and self-care techniques', 'technique'], 'trigger-point', techniqueView);
