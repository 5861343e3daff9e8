import type { Context } from '../../context.js';
import type { Figure } from '../../generated/prisma/client.js';
import { loadAll, loadRequired } from '../../shared/loaders.js';

// What the exports show of a record's people, other side and figures: one cell each, items joined by "; ".

const qualifierText: Record<Figure['qualifier'], string> = { EXACT: '', APPROXIMATE: 'about ', MORE_THAN: 'more than ', LESS_THAN: 'less than ', RANGE: '' };

/** A figure as a spreadsheet cell shows it: "60 representatives", "more than 1500 exhibitors", "20 to 30 tons". */
export function figureText(figure: Pick<Figure, 'value' | 'upTo' | 'qualifier' | 'unit'>): string {
  const number = figure.qualifier === 'RANGE' && figure.upTo != null ? `${figure.value} to ${figure.upTo}` : `${figure.value}`;
  return `${qualifierText[figure.qualifier]}${number} ${figure.unit}`;
}

/** A figure as GeoJSON properties carry it. */
export const figureProperties = (f: Figure) => ({ value: f.value, upTo: f.upTo, qualifier: f.qualifier, unit: f.unit, unitKey: f.unitKey, description: f.description });

/** An event's people (delegation side) and counterparts ("HOST: Hungarian Investment Promotion Agency"). */
export async function eventSides({ loaders }: Context, eventId: number) {
  const [attendees, sides] = await Promise.all([loaders.peopleByEvent.load(eventId), loaders.counterpartsByEvent.load(eventId)]);
  const people = await loadAll(loaders.person, attendees.map((a) => a.personId));
  const counterparts = await Promise.all(
    sides.map(async (side) => `${side.role}: ${side.organizationId != null ? (await loadRequired(loaders.organization, side.organizationId)).name : (await loadRequired(loaders.person, side.personId!)).name}`),
  );
  return { people: people.map((p) => p.name), counterparts };
}

/** An agreement's signatories' names. */
export async function signatoryNames({ loaders }: Context, agreementId: number) {
  return (await loadAll(loaders.person, (await loaders.signatoriesByAgreement.load(agreementId)).map((s) => s.personId))).map((p) => p.name);
}
