import { describe, expect, it } from 'vitest';
import { numbersIn, statesNumber } from '../src/shared/numbers.js';

// The numbers a news sentence states, as the import's evidence checks read them: each case lists the numbers
// found in order as [text, value] or [text, value, 'ordinal'].

type Expected = [text: string, value: number, ordinal?: 'ordinal'];

const cases: [sentence: string, expected: Expected[]][] = [
  // Digits, separators, decimals, percent.
  ['Two companies from Liaocheng signed', [['Two', 2]]],
  ['60 representatives of 11 enterprises', [['60', 60], ['11', 11]]],
  ['more than 1,500 visitors', [['1,500', 1500]]],
  ['a budget of 12,000,000 tenge', [['12,000,000', 12000000]]],
  ['exports grew 15% last year', [['15%', 15]]],
  ['a 1.2 ton load', [['1.2', 1.2]]],
  ['items 2,3 and 1,5000', [['2', 2], ['3', 3], ['1', 1], ['5000', 5000]]],
  ['in 2023.', [['2023', 2023]]],
  ['on 2023-11-20', [['2023', 2023], ['11', 11], ['20', 20]]],
  // Scale words after digits.
  ['USD 1.2 million', [['1.2 million', 1200000]]],
  ['3.5 billion yuan', [['3.5 billion', 3500000000]]],
  ['2 mln tons', [['2 mln', 2000000]]],
  ['2mln tons and 3bn dollars', [['2mln', 2000000], ['3bn', 3000000000]]],
  ['5k runners', [['5k', 5000]]],
  ['5 k runners', [['5', 5]]],
  ['1 trillion won', [['1 trillion', 1000000000000]]],
  ['4 Thousand guests', [['4 Thousand', 4000]]],
  // Numbers in words.
  ['Twenty firms came', [['Twenty', 20]]],
  ['sixty-five delegates', [['sixty-five', 65]]],
  ['sixty five delegates', [['sixty five', 65]]],
  ['zero tariffs', [['zero', 0]]],
  ['eleven enterprises', [['eleven', 11]]],
  ['three Central Asian countries', [['three', 3]]],
  ['one hundred and twenty guests', [['one hundred and twenty', 120]]],
  ['one hundred twenty guests', [['one hundred twenty', 120]]],
  ['a hundred guests', [['a hundred', 100]]],
  ['A hundred and five guests', [['A hundred and five', 105]]],
  ['a dozen firms', [['a dozen', 12]]],
  ['dozen firms', [['dozen', 12]]],
  ['two dozen firms', [['two dozen', 24]]],
  ['a million visitors', [['a million', 1000000]]],
  ['three million tons', [['three million', 3000000]]],
  ['two hundred and fifty thousand tons', [['two hundred and fifty thousand', 250000]]],
  ['two million three hundred thousand yuan', [['two million three hundred thousand', 2300000]]],
  ['one thousand and five', [['one thousand and five', 1005]]],
  ['nineteen hundred', [['nineteen hundred', 1900]]],
  ['one two three', [['one', 1], ['two', 2], ['three', 3]]],
  ['twenty twenty', [['twenty', 20], ['twenty', 20]]],
  ['five and six', [['five', 5], ['six', 6]]],
  ['one hundred and', [['one hundred', 100]]],
  ['twenty,\none', [['twenty', 20], ['one', 1]]],
  ['one of the largest', [['one', 1]]],
  // Ordinals.
  ['the 10th anniversary', [['10th', 10, 'ordinal']]],
  ['the 3rd forum and the 1st fair', [['3rd', 3, 'ordinal'], ['1st', 1, 'ordinal']]],
  ['the first visit', [['first', 1, 'ordinal']]],
  ['the Third Forum', [['Third', 3, 'ordinal']]],
  ['the twenty-first century', [['twenty-first', 21, 'ordinal']]],
  ['the one hundred and first session', [['one hundred and first', 101, 'ordinal']]],
  ['the hundredth visitor', [['hundredth', 100, 'ordinal']]],
  ['the twentieth meeting', [['twentieth', 20, 'ordinal']]],
  // No numbers.
  ['someone often sets the tone', []],
  ['hundreds of visitors and thousands of dozens', []],
  ['a delegation and a forum', []],
  ['B2B talks on COVID-19 and the G20 with Su-35 jets', []],
  ['', []],
];

describe('numbersIn', () => {
  it.each(cases)('%j', (sentence, expected) => {
    const found = numbersIn(sentence);
    expect(found.map((n): Expected => (n.ordinal ? [n.text, n.value, 'ordinal'] : [n.text, n.value]))).toEqual(expected);
    for (const n of found) expect(n.text).toBe(sentence.slice(n.start, n.end));
  });

  it.each([
    ['USD 1.2 million', 4, 15],
    ['   Twenty firms', 3, 9],
    ['😀 5 firms', 3, 4],
    ['Ürümqi hosted sixty-five firms', 14, 24],
    ['the 10th anniversary', 4, 8],
    ['up 15%!', 3, 6],
  ])('%j gives offsets [%i, %i)', (sentence, start, end) => {
    expect(numbersIn(sentence)).toEqual([expect.objectContaining({ start, end, text: sentence.slice(start, end) })]);
  });
});

describe('statesNumber', () => {
  it.each([
    ['60 representatives of 11 enterprises', 11, true],
    ['60 representatives of 11 enterprises', 60, true],
    ['60 representatives of 11 enterprises', 12, false],
    ['Two companies from Liaocheng signed', 2, true],
    ['the 10th anniversary', 10, false],
    ['the first visit', 1, false],
    ['USD 1.2 million', 1200000, true],
    ['USD 1.2 million', 1.2, false],
    ['3.5 billion yuan', 3.5e9, true],
    ['three Central Asian countries', 3, true],
    ['more than 1,500 visitors', 1500, true],
    ['exports grew 15%', 15, true],
    ['a dozen firms', 12, true],
    ['zero tariffs', 0, true],
    ['someone often sets the tone', 1, false],
    ['COVID-19 rules', 19, false],
    ['', 0, false],
  ])('%j states %d: %s', (quote, value, expected) => {
    expect(statesNumber(quote, value)).toBe(expected);
  });
});
