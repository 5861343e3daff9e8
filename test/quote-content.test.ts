import { describe, expect, test } from 'vitest';
import { dateMentions, datePrecision, quoteStatesDate, type DateParts } from '../src/modules/import/quote-content.js';
import { foldedWords, foldName, namesIn, organizationKey } from '../src/shared/names.js';

// The seed article's date: every yearless date in its quotes is read in 2023.
const ref = '2023-09-15';

/** A mention's end written compactly: 'Y-M-D', '?' after a part inferred rather than stated, '_' for a part it lacks. */
function compact(parts: DateParts | null): string | null {
  if (!parts) return null;
  const show = (value: number | null, stated: boolean) => (value === null ? '_' : `${value}${stated ? '' : '?'}`);
  return [show(parts.year, parts.stated.year), show(parts.month, parts.stated.month), show(parts.day, parts.stated.day)].join('-');
}

const read = (quote: string, reference: string | null = ref) =>
  dateMentions(quote, reference).map((m) => ({ text: m.text, at: [m.start, m.end], from: compact(m.from), to: compact(m.to) }));

describe('datePrecision', () => {
  test.each([
    ['2023-09-06', 'DAY'],
    ['2023-09', 'MONTH'],
    ['2023', 'YEAR'],
  ])('%s is %s', (value, precision) => {
    expect(datePrecision(value)).toBe(precision);
  });

  test.each(['2023-9-6', '23', '2023-13', '2023-02-30', '2023-09-06T00:00', ''])('%j is not a date value', (value) => {
    expect(() => datePrecision(value)).toThrow(RangeError);
  });
});

describe('dateMentions', () => {
  test.each([
    // Ranges: both ends, the month carried to the end, the year inferred for both.
    ['from Sept 2 to 9', 'Sept 2 to 9', [5, 16], '2023?-9-2', '2023?-9-9'],
    ['from Oct 5-9', 'Oct 5-9', [5, 12], '2023?-10-5', '2023?-10-9'],
    ['October 5 to 9, 2023', 'October 5 to 9, 2023', [0, 20], '2023-10-5', '2023-10-9'],
    // chrono reads "2 through 9" as hours and stops at an en dash; both are rewritten for it.
    ['Sept 2 through 9', 'Sept 2 through 9', [0, 16], '2023?-9-2', '2023?-9-9'],
    ['Sept 2–9', 'Sept 2–9', [0, 8], '2023?-9-2', '2023?-9-9'],
    ['Sept 2 – 9', 'Sept 2 – 9', [0, 10], '2023?-9-2', '2023?-9-9'],
    // The year written once at the end of a range is the start's too, also across a new year.
    ['2 September to 9 September 2023', '2 September to 9 September 2023', [0, 31], '2023-9-2', '2023-9-9'],
    ['Dec 28 to Jan 3, 2024', 'Dec 28 to Jan 3, 2024', [0, 21], '2023-12-28', '2024-1-3'],
    // Single days; chrono's text of "on 6 September" begins with "on", the mention's does not.
    ['held on Sept 6 in Samarkand', 'Sept 6', [8, 14], '2023?-9-6', null],
    ['Sept. 6', 'Sept. 6', [0, 7], '2023?-9-6', null],
    ['on 6 September', '6 September', [3, 14], '2023?-9-6', null],
    ['2023-09-06', '2023-09-06', [0, 10], '2023-9-6', null],
    // A month alone has no day (chrono implies the 1st); a year alone is a year, which chrono does not read.
    ['in September 2023', 'September 2023', [3, 17], '2023-9-_', null],
    ['in September', 'September', [3, 12], '2023?-9-_', null],
    ['in 2023', '2023', [3, 7], '2023-_-_', null],
  ])('%j', (quote, text, at, from, to) => {
    expect(read(quote)).toEqual([{ text, at, from, to }]);
  });

  test.each([
    ['10th anniversary'],
    ['Two companies'],
    ['In Astana, the capital of Kazakhstan'],
    // A weekday, a time or a date relative to the article states no month or year.
    ['on Tuesday'],
    ['at 10am'],
    ['yesterday'],
    ['last year'],
    ['this month'],
    // chrono takes a lowercase "march" for the month.
    ['a march through town'],
    // Numbers, not years.
    ['1,200 people and 2,023 others'],
    ['FY2023 results'],
  ])('%j has no date', (quote) => {
    expect(dateMentions(quote, ref)).toEqual([]);
  });

  test('offsets are UTF-16 offsets into the quote itself', () => {
    const quote = '🇰🇿 “From Sept 2 to 9”';
    const [mention] = dateMentions(quote, ref);
    expect(quote.slice(mention!.start, mention!.end)).toBe('Sept 2 to 9');
  });

  test('a quote with several dates gives them in order, years alone included', () => {
    expect(read('between Sept 30 and Oct 2, and again from 2019 to 2021').map((m) => m.text)).toEqual(['Sept 30', 'Oct 2', '2019', '2021']);
  });

  // A news article dated early in January means the December just past.
  test.each([
    ['Dec 28', '2023-01-10', '2022?-12-28'],
    ['in December', '2023-01-10', '2022?-12-_'],
    ['Feb 3', '2023-01-10', '2023?-2-3'],
  ])('%j in an article of %s is %s', (quote, reference, from) => {
    expect(read(quote, reference)[0]?.from).toBe(from);
  });

  test.each([
    ['Sept 6', '_-9-6'],
    ['in September', '_-9-_'],
    ['Sept 6, 2023', '2023-9-6'],
    ['Dec 28 to Jan 3, 2024', '2023-12-28'],
  ])('without a reference date, %j has no year unless it states one: %s', (quote, from) => {
    expect(read(quote, null)[0]?.from).toBe(from);
  });

  test('a reference date must be a day', () => {
    expect(() => dateMentions('Sept 6', '2023-09')).toThrow(RangeError);
  });
});

describe('quoteStatesDate', () => {
  test.each([
    // The seed article's quotes.
    ['from Sept 2 to 9', '2023-09-02', 'INFERRED'],
    ['from Sept 2 to 9', '2023-09-09', 'INFERRED'],
    ['held on Sept 6 in Samarkand', '2023-09-06', 'INFERRED'],
    ['on Sept 5 in Tashkent', '2023-09-05', 'INFERRED'],
    ['held on Sept 6, 2023', '2023-09-06', 'STATED'],
    ['October 5 to 9, 2023', '2023-10-09', 'STATED'],
    // A month or year value is backed by a mention of that month or year, a more precise one included.
    ['in September 2023', '2023-09', 'STATED'],
    ['in September', '2023-09', 'INFERRED'],
    ['held on Sept 6', '2023-09', 'INFERRED'],
    ['from Sept 28 to Oct 3', '2023-10', 'INFERRED'],
    ['in 2023', '2023', 'STATED'],
  ])('%j backs %s (year %s)', (quote, value, year) => {
    expect(quoteStatesDate(quote, value, ref)).toMatchObject({ stated: true, basis: { year } });
  });

  test('the basis has a part for each part of the value', () => {
    expect(quoteStatesDate('held on Sept 6', '2023-09-06', ref)).toEqual({ stated: true, basis: { year: 'INFERRED', month: 'STATED', day: 'STATED' } });
    // A leap day without its year, in an article of a leap year (chrono finds no Feb 29 in the year after).
    expect(quoteStatesDate('on Feb 29', '2024-02-29', '2024-03-06')).toEqual({ stated: true, basis: { year: 'INFERRED', month: 'STATED', day: 'STATED' } });
    expect(quoteStatesDate('in September 2023', '2023-09', ref)).toEqual({ stated: true, basis: { year: 'STATED', month: 'STATED' } });
  });

  test('of two mentions that back the value, the one stating more is the basis', () => {
    expect(quoteStatesDate('On Sept 6 (Sept 6, 2023) it opened', '2023-09-06', ref).basis?.year).toBe('STATED');
  });

  test.each([
    ['In Astana, the capital of Kazakhstan', '2023-09-06'],
    ['In Astana, the capital of Kazakhstan', '2023'],
    ['held on Sept 6', '2023-09-07'],
    // The year inferred from the article's date is 2023.
    ['held on Sept 6', '2022-09-06'],
    // Inside a range is not an end of it.
    ['from Sept 2 to 9', '2023-09-05'],
    // A month does not state a day of it, nor does a year a month.
    ['in September 2023', '2023-09-06'],
    ['in 2023', '2023-09'],
    ['in September 2023', '2023-10'],
    ['on Tuesday', '2023-09-12'],
  ])('%j does not back %s', (quote, value) => {
    expect(quoteStatesDate(quote, value, ref)).toEqual({ stated: false });
  });

  test('an article of January 2023 saying "Dec 28" backs 2022-12-28, not 2023-12-28', () => {
    expect(quoteStatesDate('arrived on Dec 28', '2022-12-28', '2023-01-10').stated).toBe(true);
    expect(quoteStatesDate('arrived on Dec 28', '2023-12-28', '2023-01-10').stated).toBe(false);
  });

  test('without a reference date only a stated year backs a value', () => {
    expect(quoteStatesDate('held on Sept 6', '2023-09-06', null).stated).toBe(false);
    expect(quoteStatesDate('held on Sept 6, 2023', '2023-09-06', null).stated).toBe(true);
  });

  test('a value that is no date is an error, not a quote that fails to back it', () => {
    expect(() => quoteStatesDate('held on Sept 6', '2023-09-31', ref)).toThrow(RangeError);
  });
});

describe('foldName', () => {
  test.each([
    ['Düsseldorf', 'dusseldorf'],
    ['KÖLN', 'koln'],
    ['Straße', 'strasse'],
    ['İstanbul', 'istanbul'],
    ['Łódź', 'lodz'],
    ['Shandong’s', "shandong's"],
    ['  New \t York  ', 'new york'],
    ['Ｔｏｋｙｏ', 'tokyo'],
    // Other scripts keep their letters; kana and Hangul stay composed.
    ['Москва', 'москва'],
    ['聊城市', '聊城市'],
    ['ガザ', 'ガザ'],
    ['서울', '서울'],
  ])('%j folds to %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });

  test('folding is idempotent', () => {
    for (const name of ['Düsseldorf', 'ガザ', 'Shandong’s', 'İstanbul']) expect(foldName(foldName(name))).toBe(foldName(name));
  });

  test('foldedWords joins at periods and apostrophes and splits at other punctuation', () => {
    expect(foldedWords('Co., Ltd. (S.A.) Xi’an-based')).toEqual(['co', 'ltd', 'sa', 'xian', 'based']);
  });
});

describe('namesIn', () => {
  test.each([
    ['flew to Dusseldorf', ['Düsseldorf'], 'Düsseldorf'],
    ['KÖLN AND BONN', ['Köln'], 'Köln'],
    ['a Liaocheng-based firm', ['Liaocheng'], 'Liaocheng'],
    ["Liaocheng's mayor", ['Liaocheng'], 'Liaocheng'],
    ['Shandong’s governor', ['Shandong'], 'Shandong'],
    ['(Samarkand)', ['Samarkand'], 'Samarkand'],
    // The first of the names that the quote mentions, in the order of the names.
    ['from Tashkent to Samarkand', ['Samarkand', 'Tashkent'], 'Samarkand'],
    ['from Tashkent to Samarkand', ['Bukhara', 'Tashkent'], 'Tashkent'],
    // A name in a script without spaces is found inside a longer word.
    ['聊城市代表团访问', ['聊城'], '聊城'],
    // An occurrence inside a word does not hide a later whole one.
    ['the Ulmer delegation left Ulm', ['Ulm'], 'Ulm'],
    ['New  York', ['New York'], 'New York'],
  ])('%j mentions %j: %j', (quote, names, found) => {
    expect(namesIn(quote, names)).toBe(found);
  });

  test.each([
    ['the Ulmer delegation', ['Ulm']],
    ['Liaochengs', ['Liaocheng']],
    ['in Astana', ['Asta']],
    ['In Astana, the capital of Kazakhstan', ['Tashkent', 'Samarkand']],
    ['anything', ['']],
  ])('%j mentions none of %j', (quote, names) => {
    expect(namesIn(quote, names)).toBeNull();
  });
});

describe('organizationKey', () => {
  test.each([
    ['Shandong Sinoglory Health Food Co', 'Shandong Sinoglory Health Food Co., Ltd.'],
    ['Shandong Sinoglory Health Food Co', 'SHANDONG SINOGLORY HEALTH FOOD COMPANY LIMITED'],
    ['Sinoglory Group', 'Sinoglory'],
    ['Siemens AG', 'Siemens'],
    ['Airbus S.A.', 'Airbus'],
    ['Acme Inc.', 'Acme Corporation'],
    ['JSC Kazakhstan Temir Zholy', 'Kazakhstan Temir Zholy JSC'],
    ['Müller GmbH', 'Muller'],
  ])('%j and %j share a key', (a, b) => {
    expect(organizationKey(a)).toBe(organizationKey(b));
  });

  test.each([
    ['Shandong Sinoglory Health Food Co., Ltd.', 'shandong sinoglory health food'],
    // Legal forms only: the key keeps them rather than be empty.
    ['Co., Ltd.', 'co ltd'],
    ['Group', 'group'],
    // Nothing but punctuation: the folded name itself.
    ['&', '&'],
    // A legal word inside the name is part of it.
    ['Group of Seven Co', 'group of seven'],
  ])('%j has the key %j', (name, key) => {
    expect(organizationKey(name)).toBe(key);
  });

  test('Sinoglory and Sinoglory Health Food stay apart', () => {
    expect(organizationKey('Sinoglory Ltd')).not.toBe(organizationKey('Sinoglory Health Food Ltd'));
  });

  test('a blank name has no key', () => {
    expect(() => organizationKey('  ')).toThrow(RangeError);
  });
});
