import type { ChalkInstance } from 'chalk';
import type { Catalogue, Cause, Source, Technique, Tip } from '../content/schema.js';
import { wrap } from '../core/wrap.js';

/** How a browse command lists its records and shows one in full (human form). */
export interface BrowseView<T> {
  heading: string;
  /** Optional sub-headings: items are listed under the group each belongs to, in this order. */
  groups?: readonly { title: string; has(item: T): boolean }[];
  line(item: T, paint: ChalkInstance): string;
  /** Lines shown under the list, before the footer. */
  after?(catalogue: Catalogue, paint: ChalkInstance, width: number): string[];
  full(item: T, catalogue: Catalogue, paint: ChalkInstance, width: number): string[];
  /** A closing line under the list, e.g. how to see one in full. */
  footer: string;
}

const EVIDENCE_LABEL: Record<Technique['evidence'], string> = {
  moderate: 'moderate evidence',
  low: 'low evidence',
  'very-low': 'very low evidence',
  uncertain: 'evidence uncertain',
};

export function sourceLabel(source: Source): string {
  const who = source.authors ?? source.publisher;
  return [source.title, who, source.year].filter(Boolean).join(', ');
}

function section(title: string, body: string[], paint: ChalkInstance): string[] {
  return body.length ? ['', paint.bold(title), ...body] : [];
}

/** `  - text`, continuation lines indented under the text. */
export function bullets(items: readonly string[], width: number, mark = '-'): string[] {
  return items.map((item) => wrap(item, width, '    ').replace(/^ {4}/, `  ${mark} `));
}

function sourcesBlock(ids: readonly string[], catalogue: Catalogue, paint: ChalkInstance, width: number): string[] {
  const lines = ids.map((id) => catalogue.sources.find((s) => s.id === id)).filter((s): s is Source => Boolean(s));
  return section(
    'Sources',
    bullets(lines.map(sourceLabel), width).map((l) => paint.dim(l)),
    paint,
  );
}

const titleFor = (list: readonly { id: string; title: string }[], id: string) => list.find((x) => x.id === id)?.title ?? id;

const pad = (id: string) => id.padEnd(24);

export const causeView: BrowseView<Cause> = {
  heading: 'Common contributors to neck pain',
  line: (cause, paint) => `  ${paint.cyan(pad(cause.id))}${cause.title}`,
  full: (cause, catalogue, paint, width) => [
    paint.bold(cause.title) + paint.dim(`  (${cause.id})`),
    '',
    wrap(cause.summary, width),
    '',
    wrap(cause.explanation, width),
    ...section(
      'Techniques that may suit it',
      bullets(
        cause.techniques.map((id) => titleFor(catalogue.techniques, id)),
        width,
      ),
      paint,
    ),
    ...section(
      'Routines to try',
      bullets(
        cause.routines.map((id) => `${titleFor(catalogue.routines, id)}: neckcoach routine ${id}`),
        width,
      ),
      paint,
    ),
    ...section('When to see a professional', [wrap(cause.professional, width, '  ')], paint),
    ...sourcesBlock(cause.sources, catalogue, paint, width),
  ],
  footer: 'Show one in full: neckcoach causes <id>.\nThese are common contributors to neck pain, not a diagnosis.',
};

export const techniqueView: BrowseView<Technique> = {
  heading: 'Massage and self-care techniques',
  groups: [
    { title: 'With a massage therapist or other professional', has: (t) => t.kind === 'professional' },
    { title: 'Self-care', has: (t) => t.kind === 'self-care' },
  ],
  line: (t, paint) => `  ${paint.cyan(pad(t.id))}${t.title}${paint.dim(` · ${EVIDENCE_LABEL[t.evidence]}`)}`,
  after: (catalogue, paint, width) =>
    section(
      'How massage may help',
      bullets(
        catalogue.mechanisms.map((m) => `${m.title}: ${m.summary}`),
        width,
      ),
      paint,
    ),
  full: (t, catalogue, paint, width) => [
    paint.bold(t.title) + paint.dim(`  (${t.id}; ${t.professionalOnly ? 'only with a trained professional' : t.kind})`),
    '',
    wrap(t.summary, width),
    '',
    wrap(t.mayHelp, width),
    ...section('Cautions', bullets(t.cautions, width), paint),
    ...section(
      'Leave it out when',
      bullets(
        (t.avoid ?? []).map((a) => a.why),
        width,
      ),
      paint,
    ),
    ...section(`Evidence (${EVIDENCE_LABEL[t.evidence]})`, [wrap(t.evidenceNote, width, '  ')], paint),
    ...section(
      'May suit',
      bullets(
        t.causes.map((id) => titleFor(catalogue.causes, id)),
        width,
      ),
      paint,
    ),
    ...section(
      'Try it',
      bullets(
        (t.routines ?? []).map((id) => `neckcoach routine ${id}`),
        width,
      ),
      paint,
    ),
    ...sourcesBlock(t.sources, catalogue, paint, width),
  ],
  footer: 'Show one in full: neckcoach techniques <id>.',
};

export const tipView: BrowseView<Tip> = {
  heading: 'Lifestyle changes',
  line: (tip, paint) => `  ${paint.cyan(pad(tip.id))}${tip.title}`,
  full: (tip, catalogue, paint, width) => [
    paint.bold(tip.title) + paint.dim(`  (${tip.id})`),
    '',
    wrap(tip.summary, width),
    '',
    wrap(tip.detail, width),
    ...section('Try it', tip.routine ? [`  neckcoach routine ${tip.routine}`] : [], paint),
    ...sourcesBlock(tip.sources, catalogue, paint, width),
  ],
  footer: 'Show one in full: neckcoach tips <id>.',
};
