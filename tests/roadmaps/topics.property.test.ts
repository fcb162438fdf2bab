import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_STATUSES, type ItemStatus } from '../../src/db/schema.js';
import { exportSourceMarkdown } from '../../src/roadmaps/export-roadmap.js';
import { parseRoadmap, TOPIC_SEPARATOR } from '../../src/roadmaps/parse-roadmap.js';
import { checklistRows } from './support/topic-fixtures.js';

interface ItemNode {
  kind: 'item';
  label: string;
  status: ItemStatus;
  children: ItemNode[];
}
interface TopicNode {
  kind: 'topic';
  title: string;
  children: (ItemNode | TopicNode)[];
}

const WORDS = [
  'Closures',
  'generators',
  'HTML',
  'forms',
  'videos',
  'Docker',
  'SQL',
  'joins',
  'décorateurs',
  '🚀',
];
const text = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 })
  .map((words) => `Learn ${words.join(' ')}`);
const status = fc.constantFrom(...ITEM_STATUSES);

const item = (depth: number): fc.Arbitrary<ItemNode> =>
  fc.record({
    kind: fc.constant('item' as const),
    label: text,
    status,
    children: depth > 0 ? fc.array(item(depth - 1), { maxLength: 2 }) : fc.constant([]),
  });

const topic = (depth: number): fc.Arbitrary<TopicNode> =>
  fc.record({
    kind: fc.constant('topic' as const),
    title: text,
    children: fc.array(depth > 0 ? fc.oneof(item(2), topic(depth - 1)) : item(2), {
      minLength: 1,
      maxLength: 3,
    }),
  });

const phases = fc.array(fc.array(fc.oneof(item(2), topic(2)), { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 3,
});

function note(value: ItemStatus): string {
  return value === 'learning' || value === 'skipped' ? ` _(${value})_` : '';
}

function render(
  nodes: readonly (ItemNode | TopicNode)[],
  indent: string,
  level: number,
  bullet: string,
): string[] {
  return nodes.flatMap((node) =>
    node.kind === 'topic'
      ? [
          `${indent}${bullet} ${'#'.repeat(level)} ${node.title}`,
          ...render(node.children, `${indent}  `, level + 1, bullet),
        ]
      : [
          `${indent}${bullet} [${node.status === 'done' ? 'x' : ' '}] ${node.label}${note(node.status)}`,
          ...render(node.children, `${indent}  `, level, bullet),
        ],
  );
}

/** What the file says: per item in order, its phase, topic, label, depth and status. */
function expected(tree: readonly (ItemNode | TopicNode)[][]) {
  const rows: [string, string | null, string, number, ItemStatus][] = [];
  const walk = (nodes: readonly (ItemNode | TopicNode)[], phase: string, topics: string[], depth: number) => {
    for (const node of nodes) {
      if (node.kind === 'topic') {
        walk(node.children, phase, [...topics, node.title], depth);
      } else {
        rows.push([
          phase,
          topics.length === 0 ? null : topics.join(TOPIC_SEPARATOR),
          node.label,
          depth,
          node.status,
        ]);
        walk(node.children, phase, topics, depth + 1);
      }
    }
  };
  for (const [index, nodes] of tree.entries()) walk(nodes, `Phase ${index + 1}`, [], 0);
  return rows;
}

describe('topics, through import and export', () => {
  it('GIVEN generated roadmaps with topics at several depths THEN import reads them and export(import(file)) keeps the checklist structure with the statuses it writes', () => {
    fc.assert(
      fc.property(
        phases,
        fc.constantFrom('-', '*'),
        fc.array(status, { minLength: 1 }),
        (tree, bullet, assigned) => {
          const source = [
            '# Generated roadmap',
            '',
            ...tree.flatMap((nodes, index) => [
              `## Phase ${index + 1}`,
              '',
              ...render(nodes, '', 3, bullet),
              '',
            ]),
          ].join('\n');
          const parsed = parseRoadmap(source);
          expect(checklistRows(parsed)).toEqual(expected(tree));
          expect(exportSourceMarkdown(parsed, (entry) => entry.status)).toBe(source);

          const statusAt = (position: number) => assigned[position % assigned.length] ?? 'todo';
          const reread = parseRoadmap(
            exportSourceMarkdown(parsed, (entry) => statusAt(entry.position)) ?? '',
          );
          expect(checklistRows(reread)).toEqual(
            expected(tree).map(([phase, topicPath, label, depth], position) => [
              phase,
              topicPath,
              label,
              depth,
              statusAt(position),
            ]),
          );
          expect(reread.items.map((entry) => entry.key)).toEqual(parsed.items.map((entry) => entry.key));
        },
      ),
      { numRuns: 200 },
    );
  });
});
