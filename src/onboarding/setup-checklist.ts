import { DIGEST_CHANNEL_PERMISSIONS } from '../digest/digest-channel-permissions.js';
import type { DigestTiming } from '../digest/digest-slots.js';
import { describeTiming } from '../digest/digest-status.js';
import { PERMISSION_LABELS } from '../shared/discord-permissions.js';
import { escapeMarkdown } from '../shared/escape-markdown.js';
import type { CommandMention } from '../shared/slash-command-mention.js';
import { truncate } from '../shared/text.js';

const ROADMAP_NAME_SHOWN = 80;
const DIGEST_PERMISSION_LABELS = DIGEST_CHANNEL_PERMISSIONS.map(
  (permission) => PERMISSION_LABELS[permission],
);

/** What the checklist is built from; gathered by `gatherSetupFacts`. */
export interface SetupFacts {
  roadmaps: { count: number; defaultName: string | null };
  digest: {
    channelId: string;
    timing: DigestTiming;
    paused: boolean;
    /** Labels of what Waymark lacks there; null when the channel no longer exists. */
    missingPermissions: string[] | null;
  } | null;
  nudges: { enabled: boolean; silenceDays: number };
}

export interface ChecklistLine {
  done: boolean;
  text: string;
}

function roadmapLine(facts: SetupFacts['roadmaps'], mention: CommandMention): ChecklistLine {
  if (facts.count === 0) {
    return {
      done: false,
      text: `Roadmap: none yet. Install one with ${mention('roadmap template')} or ${mention('roadmap import')}.`,
    };
  }
  const count = facts.count > 1 ? ` (${facts.count} roadmaps)` : '';
  if (facts.defaultName === null) {
    return {
      done: false,
      text: `Roadmap: ${facts.count} installed but none is the default, so members must pick one with ${mention('roadmap follow')}.`,
    };
  }
  const name = escapeMarkdown(truncate(facts.defaultName, ROADMAP_NAME_SHOWN));
  return { done: true, text: `Roadmap: **${name}** is the default${count}.` };
}

function digestLines(digest: SetupFacts['digest'], mention: CommandMention): ChecklistLine[] {
  const setup = mention('digest setup');
  const permissionsLater: ChecklistLine = {
    done: false,
    text: `Waymark’s permissions in the digest channel: checked once ${setup} picks a channel.`,
  };
  if (digest === null) {
    return [
      { done: false, text: `Weekly digest: not set up. Choose its channel and time with ${setup}.` },
      permissionsLater,
    ];
  }
  if (digest.missingPermissions === null) {
    return [
      { done: false, text: `Weekly digest: its channel was deleted. Choose another with ${setup}.` },
      permissionsLater,
    ];
  }
  const where = `<#${digest.channelId}>, ${describeTiming(digest.timing)}`;
  const schedule: ChecklistLine = digest.paused
    ? { done: false, text: `Weekly digest: paused (${where}). Resume it with ${setup}.` }
    : { done: true, text: `Weekly digest: ${where}.` };
  const missing = digest.missingPermissions;
  const permissions: ChecklistLine =
    missing.length === 0
      ? {
          done: true,
          text: `Waymark can post the digest in <#${digest.channelId}> (${DIGEST_PERMISSION_LABELS.join(', ')}).`,
        }
      : {
          done: false,
          text: `Waymark is missing ${missing.join(', ')} in <#${digest.channelId}>. Grant ${missing.length > 1 ? 'them' : 'it'} to Waymark in that channel’s permissions, then check again with ${mention('help')}.`,
        };
  return [schedule, permissions];
}

function nudgesLine(nudges: SetupFacts['nudges'], mention: CommandMention): ChecklistLine {
  return nudges.enabled
    ? {
        done: true,
        text: `Nudges: on. Members who opt in with ${mention('settings')} \`nudges:True\` get a DM after ${nudges.silenceDays} quiet days.`,
      }
    : {
        done: false,
        text: `Nudges: off. Turn them on with ${mention('settings')} \`server-nudges:True\` (members then opt in).`,
      };
}

/** The admin's setup checklist: each line done or not, with the next step when not. */
export function buildSetupChecklist(facts: SetupFacts, mention: CommandMention): ChecklistLine[] {
  return [
    roadmapLine(facts.roadmaps, mention),
    ...digestLines(facts.digest, mention),
    nudgesLine(facts.nudges, mention),
  ];
}

export function renderChecklist(lines: readonly ChecklistLine[]): string {
  return lines.map((line) => `${line.done ? '✅' : '❌'} ${line.text}`).join('\n');
}
