/**
 * The chrono configuration of the times stage: chrono's English casual parsers and refiners, plus
 * ours. Order matters and is kept here (after chrono's own `configuration.ts`).
 */
import { Chrono, en } from 'chrono-node';
import { bareYearParser } from './parsers/bare-year.js';
import { bareNumberHourRefiner, nameCaseFilter, notADayFilter, timeOnlyFilter } from './refiners/filters.js';

function createTimesConfiguration() {
  // Casual, middle-endian ("03/04/2023" = March 4): chrono swaps day and month by itself when the
  // first number is over 12 ("14/10/2023"); truly ambiguous slash dates are reduced to the year
  // later, in `resolve.ts`.
  const config = en.configuration.createCasualConfiguration(false);
  // Our parsers go last: chrono's OverlapRemovalRefiner (first refiner) keeps the longer match, so
  // "May 2019" from chrono wins over any bare year inside it.
  config.parsers.push(bareYearParser);
  // Our filters run after every chrono refiner: merges ("Saturday, March 7", "Wednesday at 3pm")
  // must be complete before a part of them is judged alone.
  // bareNumberHourRefiner fixes the span before the filters read the text.
  config.refiners.push(bareNumberHourRefiner, nameCaseFilter, timeOnlyFilter, notADayFilter);
  return config;
}

/** The chrono instance used by the times stage; built once. */
export const timesChrono = new Chrono(createTimesConfiguration());
