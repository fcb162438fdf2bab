import { sliceCodeUnits } from '../shared/text.js';

/**
 * Lower-cases, decomposes compatibility characters (`ﬁ` → `fi`, `①` → `1`) and drops combining
 * marks, so `Métaclasses` and `metaclasses` compare equal. Lower-casing comes first because some
 * capitals (`İ`) lower-case into a letter plus a combining mark.
 */
function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/**
 * The comparison form of a label: folded, every run of non-letters/digits turned into one space.
 * Letters of every script count, so a roadmap written in Cyrillic or Japanese still gets
 * meaningful keys and search words.
 */
export function normalizeText(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** FNV-1a, 32 bits, base 36: short, stable across releases and platforms, not security-relevant. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}

/**
 * A URL- and key-safe form of `text`. Long texts are cut and suffixed with a hash of the whole
 * normalized text, so two long items that only differ near the end still get distinct slugs.
 * Text without any letter or digit (an emoji-only label) is identified by its hash alone.
 */
export function textSlug(text: string, maxLength = 80): string {
  const normalized = normalizeText(text);
  if (normalized === '') return `h${shortHash(text.trim())}`;
  const slug = normalized.replaceAll(' ', '-');
  if (slug.length <= maxLength) return slug;
  const head = sliceCodeUnits(slug, maxLength).replace(/-+$/u, '');
  return `${head}-${shortHash(normalized)}`;
}
