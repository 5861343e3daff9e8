import { foldedWords, foldName } from './names.js';

// A figure's unit as stats sum it: "Representatives" and "representative" are one unit, and so are
// "USD", "US dollars" and "$". Only what is certain is folded: no unit is converted into another.

/** Currencies by ISO 4217 code, with the words and signs articles write them with. */
const currencies: Record<string, string[]> = {
  USD: ['usd', 'us dollar', 'dollar', '$', 'us$', 'u.s. dollar'],
  CNY: ['cny', 'yuan', 'rmb', 'renminbi'],
  EUR: ['eur', 'euro', '€'],
  GBP: ['gbp', 'pound sterling', '£'],
  HKD: ['hkd', 'hk$', 'hong kong dollar'],
  HUF: ['huf', 'forint'],
  KZT: ['kzt', 'tenge'],
  UZS: ['uzs', 'uzbek som', 'uzbek sum'],
  KGS: ['kgs', 'kyrgyz som'],
  RUB: ['rub', 'rouble', 'ruble'],
  JPY: ['jpy', 'yen'],
};
const signs = ['$', '€', '£', '¥'];

// US dollars, and not Hong Kong, Australian or Canadian ones: "$" or "dollars" with no other country before them.
const usDollars = /\bUSD\b|\bUS\$|\bU\.?S\.? dollars?\b|(?<![\p{L}$])\$|(?<!\b\p{Lu}\p{L}* )\bdollars?\b/u;

/** A word without its plural ending: enterprises, companies, tons, boxes. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const phrase = (text: string) => foldedWords(text).map(singular).join(' ');

/** The currency code a unit stands for, if it is one. */
function currencyOf(unit: string): string | undefined {
  const key = phrase(unit);
  const upper = unit.trim().toUpperCase();
  if (currencies[upper]) return upper;
  const lower = unit.trim().toLowerCase();
  return Object.keys(currencies).find((code) => currencies[code]!.some((name) => name === key || name === lower));
}

/** The unit's key: a currency's ISO code, else its words folded and singular ("enterprise", "metric ton"). */
export function unitKey(unit: string): string {
  return currencyOf(unit) ?? (phrase(unit) || foldName(unit).trim());
}

/** Whether the quote says the unit: its words (singular or plural), or for a currency one of its names or signs. */
export function unitMentioned(quote: string, unit: string): boolean {
  const currency = currencyOf(unit);
  const words = ` ${phrase(quote)} `;
  if (currency === 'USD') return usDollars.test(quote);
  if (currency) {
    const names = currencies[currency]!;
    return names.some((name) => (signs.includes(name) ? quote.includes(name) : words.includes(` ${phrase(name)} `))) || (currency === 'CNY' && quote.includes('¥'));
  }
  return words.includes(` ${phrase(unit)} `);
}
