import { describe, expect, it } from 'vitest';
import { cutAtWord } from '../../src/roadmaps/item-label.js';
import { choiceName } from '../../src/roadmaps/item-search.js';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';

function item(line: string) {
  const [parsed] = parseRoadmap(`- [ ] ${line}\n`).items;
  return { label: parsed?.label, description: parsed?.description, tags: parsed?.tags };
}

describe('item labels', () => {
  it('GIVEN a short item THEN it is its own label, without a description', () => {
    expect(item('Learn closures')).toEqual({ label: 'Learn closures', description: null, tags: [] });
  });

  it('GIVEN several sentences THEN the first is the label and the rest the description', () => {
    expect(item('Learn SQL. Joins come next! Then indexes?')).toMatchObject({
      label: 'Learn SQL.',
      description: 'Joins come next! Then indexes?',
    });
  });

  it('GIVEN abbreviations and initials THEN the sentence does not end there', () => {
    expect(item('Use tools (e.g. Docker, i.e. containers) etc. with J. K. Smith')).toMatchObject({
      label: 'Use tools (e.g. Docker, i.e. containers) etc. with J. K. Smith',
      description: null,
    });
  });

  it('GIVEN a bold term with a colon THEN the term is the label and badges become tags', () => {
    expect(item('**Charset:** ![High](h.svg) ![SEO](s.svg) The charset is UTF-8.')).toEqual({
      label: 'Charset',
      description: 'The charset is UTF-8.',
      tags: ['High', 'SEO'],
    });
    expect(item('**Charset**: declared first')).toMatchObject({
      label: 'Charset',
      description: 'declared first',
    });
    expect(item('**Bold** without a colon')).toMatchObject({ label: 'Bold without a colon' });
  });

  it('GIVEN a badge-only item THEN its alt text is still its label', () => {
    expect(item('![Deprecated](d.svg)')).toEqual({
      label: 'Deprecated',
      description: null,
      tags: ['Deprecated'],
    });
  });

  it('GIVEN a title line over notes THEN the first line is the label', () => {
    const [parsed] = parseRoadmap('- [ ] Learn closures\n  They capture variables.\n').items;
    expect([parsed?.label, parsed?.description]).toEqual(['Learn closures', 'They capture variables.']);
    const [wrapped] = parseRoadmap('- [ ] Learn closures and\n  generators\n').items;
    expect([wrapped?.label, wrapped?.description]).toEqual(['Learn closures and generators', null]);
  });

  it('cuts at a word boundary within the limit, and a single long word where it must', () => {
    expect(cutAtWord('alpha beta gamma', 100)).toBe('alpha beta gamma');
    expect(cutAtWord('alpha beta, gamma delta', 14)).toBe('alpha beta…');
    expect(cutAtWord('x'.repeat(150), 100)).toBe(`${'x'.repeat(99)}…`);
  });
});

describe('choiceName: Phase · Topic · Item within 100 characters', () => {
  const phaseTitle = 'Phase 1: Laying the Bedrock';

  it('GIVEN room THEN phase, topic and item are all shown', () => {
    expect(choiceName({ phaseTitle, topic: 'HTML › Forms', label: 'Validations' })).toBe(
      'Phase 1 · HTML › Forms · Validations',
    );
    expect(choiceName({ phaseTitle, topic: null, label: 'Validations' })).toBe('Phase 1 · Validations');
  });

  it('GIVEN a long label THEN the topic is cut first, then left out, then the phase; never the label', () => {
    const label = 'l'.repeat(70);
    const topic = 't'.repeat(40);
    const cut = choiceName({ phaseTitle, topic, label });
    expect(cut).toBe(`Phase 1 · ${'t'.repeat(16)}… · ${label}`);
    expect(cut).toHaveLength(100);

    const longer = 'l'.repeat(85);
    expect(choiceName({ phaseTitle, topic, label: longer })).toBe(`Phase 1 · ${longer}`);
    const longest = 'l'.repeat(95);
    expect(choiceName({ phaseTitle, topic, label: longest })).toBe(longest);
  });
});
