/** A small two-phase roadmap with a nested item, shared by repository and end-to-end tests. */
export const WEB_ROADMAP = `# Web path

## Phase 1: Basics
- [ ] Learn HTML
  - [ ] Semantic elements
- [ ] Learn CSS flexbox layouts
- [ ] Learn the DOM

## Phase 2: Backend
- [ ] Build a REST API with Express
- [ ] Write integration tests
`;
