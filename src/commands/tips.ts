import { tipView } from '../render/catalogue.js';
import { browseCommand } from './browse.js';

export default browseCommand('tips', 'tip', ['lifestyle changes', 'lifestyle change'], 'take-breaks', tipView);
