import { causeView } from '../render/catalogue.js';
import { browseCommand } from './browse.js';

export default browseCommand('causes', 'cause', ['common causes of neck pain', 'cause'], 'poor-posture', causeView);
