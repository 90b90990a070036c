import { defineCommand } from '../command.js';
import { questionsDocument, renderQuestions } from '../render/check.js';
import { output } from '../render/output.js';

export default defineCommand({
  name: 'questions',
  summary: 'the check-in questionnaire, so scripts can build answer files',
  description:
    'Prints every red-flag question (asked first) and every check-in question with its answer ids.\nThe ids are what `neckcoach check --answers` accepts.',
  examples: [
    ['neckcoach questions', 'read the questionnaire'],
    ['neckcoach questions --json > questions.json', 'the machine-readable form'],
  ],
  async run(ctx) {
    const { loadCatalogue } = await import('../content/catalogue.js');
    const catalogue = await loadCatalogue();
    output(ctx, questionsDocument(catalogue), (paint, width) => renderQuestions(catalogue, { paint, width }));
  },
});
