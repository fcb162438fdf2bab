import { readdirSync, readFileSync } from 'node:fs';
import type { ParsedRoadmap } from '../../../src/roadmaps/parse-roadmap.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** The roadmap files under tests/roadmaps/fixtures, shaped like large public roadmaps. */
export const TOPIC_FIXTURES = readdirSync(FIXTURES).filter((name) => name.endsWith('.md'));

export function readTopicFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The checklist structure of a parsed roadmap: per item, its phase, topic, label, depth and status. */
export function checklistRows(roadmap: ParsedRoadmap) {
  return roadmap.items.map((item) => [
    roadmap.phases[item.phaseIndex]?.title,
    item.topic,
    item.label,
    item.depth,
    item.status,
  ]);
}
