import { readFile } from 'node:fs/promises';

export interface RoadmapTemplate {
  /** The slash-command choice value; stable, never shown. */
  name: string;
  title: string;
  description: string;
  /** The template's markdown, to be parsed and imported like any uploaded file. */
  load(): Promise<string>;
}

/** Bundled roadmaps. The markdown ships next to this module, so it is read relative to it. */
export const ROADMAP_TEMPLATES: readonly RoadmapTemplate[] = [
  {
    name: 'python-developer',
    title: 'Python Developer Roadmap',
    description: 'Four phases: Python core, web with Django and APIs, data analysis, machine learning.',
    load: () => readFile(new URL('./python-developer.md', import.meta.url), 'utf8'),
  },
];

export function findRoadmapTemplate(name: string): RoadmapTemplate | undefined {
  return ROADMAP_TEMPLATES.find((template) => template.name === name);
}
