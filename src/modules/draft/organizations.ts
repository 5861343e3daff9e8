import type { OrganizationKind } from '../../generated/prisma/enums.js';
import { functionWords, type Span } from './text.js';

// Organizations by the shape of their names: a legal form at the end ("... Co", "... GmbH") or the front
// ("JSC ..."), a government or association noun ("... Bureau of Commerce", "... Chamber of Commerce",
// "... Investment Promotion Agency"), or a place followed by "provincial government". Unnamed parties
// ("local enterprises") are not organizations: the agreement rules take them as descriptions.

export interface OrganizationMention extends Span {
  name: string;
  kind: OrganizationKind;
}

const legalForms = ['Co., Ltd.', 'Co., Ltd', 'Co Ltd', 'Co. Ltd', 'Co.', 'Co', 'Ltd.', 'Ltd', 'Limited', 'Corp.', 'Corp', 'Corporation', 'Group', 'GmbH', 'AG', 'LLC', 'Inc.', 'Inc', 'PLC', 'JSC', 'LLP', 'S.A.', 'SA', 'SpA', 'S.p.A.', 'Srl', 'S.r.l.', 'SAS', 'BV', 'NV', 'Oy', 'AB', 'ASA', 'Kft', 'Zrt', 'Sdn Bhd', 'Bhd', 'Pte Ltd', 'Pty Ltd', 'Company', 'Holdings', 'Bank'];
const governmentNouns = ['City Hall', 'Government', 'Ministry', 'Bureau', 'Department', 'Commission', 'Agency', 'Embassy', 'Consulate', 'Consulate General', 'Administration', 'Committee', 'Office', 'Authority', 'Municipality', 'Council'];
const associationNouns = ['Chamber of Commerce', 'Chamber', 'Association', 'Federation', 'Society', 'Alliance', 'Union'];
const otherNouns = ['University', 'Institute', 'Academy', 'Center', 'Centre', 'Foundation', 'Museum', 'Hospital', 'Park', 'Zone', 'Development Area', 'School', 'College', 'Troupe', 'Orchestra', 'Ensemble'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A word of a name: capitalised, or a bracketed one ("China (Shandong)"), or "&".
const word = String.raw`(?:\p{Lu}[\p{L}\p{M}'’-]*|\(\p{Lu}[\p{L}\p{M}]*\)|&)`;
const join = String.raw`(?:\s+(?:of|and|for|the|de)\s+|\s+)`;
const nameWords = String.raw`${word}(?:${join}${word})*?`;

const companyPattern = new RegExp(String.raw`(?<![\p{L}])(?:${nameWords})\s+(?:${legalForms.map(escape).join('|')})(?![\p{L}])|(?<![\p{L}])(?:JSC|PJSC|LLP|LLC)\s+["“]?${word}(?:\s+${word})*["”]?`, 'gu');
const nounPattern = new RegExp(String.raw`(?<![\p{L}])(?:${nameWords})\s+(${[...associationNouns, ...governmentNouns, ...otherNouns].map(escape).join('|')})(?:\s+of\s+${word}(?:\s+(?:and\s+)?${word})*)?(?![\p{L}])`, 'gu');
// "the City of Tampere", "the Municipality of Lisbon": a city's government by its formal name.
const cityOfPattern = new RegExp(String.raw`(?<![\p{L}])(?:City|Municipality|Government|Chamber)\s+of\s+${word}(?:${join}${word})*`, 'gu');
const localGovernmentPattern = new RegExp(String.raw`(?<![\p{L}])${word}(?:\s+${word})*\s+(?:provincial|municipal|city|county|district|regional|state|prefectural)\s+government(?![\p{L}])`, 'gu');

// Capitalised nouns that end event names, not organizations ("... Cooperation and Exchange Conference").
const notOrganizations = /\b(?:Conference|Forum|Expo|Exhibition|Fair|Summit|Festival|Week|Initiative|Road|Games)\b/u;

function kindOf(name: string): OrganizationKind {
  if (/^(?:City|Municipality|Government)\s+of\s/.test(name)) return 'GOVERNMENT';
  if (legalForms.some((form) => name.endsWith(` ${form}`)) || /^(?:JSC|PJSC|LLP|LLC)\s/.test(name)) return 'COMPANY';
  if (/ government$/i.test(name) || governmentNouns.some((noun) => new RegExp(`\\b${noun}\\b`).test(name))) return 'GOVERNMENT';
  if (associationNouns.some((noun) => name.includes(noun))) return 'ASSOCIATION';
  return 'OTHER';
}

// Words before a name that are not part of it: "Executives of Hunan Xiangnong Machinery Co", "Nairobi-based ...".
const leadingPeople = new Set(['Executives', 'Representatives', 'Members', 'Officials', 'Staff', 'Employees', 'Workers', 'Leaders', 'Delegates', 'Students', 'Teachers', 'Guests', 'Visitors', 'Experts', 'Engineers', 'Managers']);

/** Drops leading function words ("The", "In"), "Executives of" and "<place>-based" a match may begin with, keeping offsets. */
function trimLead(text: string, start: number): { text: string; start: number } | null {
  const words = text.split(' ');
  let i = 0;
  let at = start;
  for (;;) {
    if (i < words.length - 1 && (functionWords.has(words[i]!) || /^\p{Lu}[\p{L}\p{M}]*-based$/u.test(words[i]!))) at += words[i++]!.length + 1;
    else if (i < words.length - 2 && leadingPeople.has(words[i]!) && /^(?:of|from|at)$/.test(words[i + 1]!)) {
      at += words[i]!.length + words[i + 1]!.length + 2;
      i += 2;
    }
    else break;
  }
  const rest = words.slice(i).join(' ');
  return rest === '' ? null : { text: rest, start: at };
}

/** Every organization the body names, longest match first, without overlaps. */
export function organizationMentions(body: string): OrganizationMention[] {
  const found: OrganizationMention[] = [];
  for (const pattern of [companyPattern, localGovernmentPattern, nounPattern, cityOfPattern]) {
    for (const match of body.matchAll(pattern)) {
      const trimmed = trimLead(match[0].replace(/[,.]$/, (p) => (match[0].endsWith('Co.') || match[0].endsWith('Ltd.') || match[0].endsWith('Inc.') ? p : '')), match.index);
      if (!trimmed || notOrganizations.test(trimmed.text)) continue;
      // A name is more than its noun: "Government" or "Co" alone is not one.
      if (trimmed.text.split(/\s+/).length < 2) continue;
      const span = { start: trimmed.start, end: trimmed.start + trimmed.text.length };
      if (found.some((f) => f.start < span.end && span.start < f.end)) continue;
      found.push({ ...span, name: trimmed.text, kind: kindOf(trimmed.text) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
