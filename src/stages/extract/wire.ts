/**
 * Wire agencies an article credits as its source: datelines ("KALMAR (AP) —"), closing credits
 * ("— AFP"), bylines ("By Lena Morrow, Associated Press"), source lines ("Source: AP | 4 min read")
 * and copyright lines. Mentions such as
 * "Reuters reported" or "told AFP" are not credits, and photo credits never reach this module.
 */

/** Spellings of each agency, canonical name first. Longest spellings are tried first. */
const AGENCIES: ReadonlyArray<[string, string[]]> = [
  ['AP', ['AP', 'Associated Press', 'The Associated Press']],
  ['AFP', ['AFP', 'Agence France-Presse', 'Agence France Presse']],
  ['Reuters', ['Reuters', 'Thomson Reuters']],
  ['EFE', ['EFE', 'Agencia EFE']],
  ['dpa', ['dpa', 'DPA', 'Deutsche Presse-Agentur']],
  ['ANSA', ['ANSA']],
  ['Xinhua', ['Xinhua', 'Xinhua News Agency']],
  ['Kyodo', ['Kyodo', 'Kyodo News']],
  ['Yonhap', ['Yonhap', 'Yonhap News Agency']],
  ['PA', ['PA', 'PA Media', 'Press Association']],
  ['UPI', ['UPI', 'United Press International']],
  ['Anadolu', ['Anadolu', 'Anadolu Agency', 'AA']],
];

const CANONICAL = new Map<string, string>();
for (const [name, spellings] of AGENCIES) for (const s of spellings) CANONICAL.set(s.toLowerCase(), name);

const NAMES = [...CANONICAL.keys()]
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
  .join('|');
// Case-sensitive for the short acronyms would be nicer, but spellings vary ("Dpa"); the
// surrounding punctuation requirements keep false hits out.
const AGENCY = `(${NAMES})`;
const AGENCY_LIST = `${AGENCY}(?:\\s*(?:/|,|&|and)\\s*${AGENCY})*`;

/** "KALMAR, Valdoria (AP) —", "PORT AVEL, March 12 (Reuters) -", "(AFP) -" at a paragraph start. */
const DATELINE_RE = new RegExp(`^[^()\\n]{0,80}?\\((${NAMES})(?:\\s*[/,]\\s*(?:${NAMES}))*\\)\\s*[-–—:]`, 'i');
/** "… the river rose. — AFP" / "- Reuters" closing a paragraph, or a line of its own. */
const CLOSING_RE = new RegExp(`(?:^|\\s)[-–—]+\\s*\\(?${AGENCY_LIST}\\)?\\.?$`, 'i');
/** Whole credit line: "AFP", "(Reuters)", "Associated Press". */
const CREDIT_LINE_RE = new RegExp(`^[-–—]*\\s*\\(?${AGENCY_LIST}\\)?\\.?$`, 'i');
/** "© 2026 The Associated Press", "Copyright 2026 Reuters". */
const COPYRIGHT_RE = new RegExp(
  `(?:©|\\(c\\)|copyright)\\s*(?:\\d{4}\\s*)?(?:[-–—,]\\s*)?(?:the\\s+)?${AGENCY}\\b`,
  'i',
);
/** "Additional reporting by Reuters", "with AFP". */
const REPORTING_RE = new RegExp(`(?:additional\\s+)?reporting\\s+(?:by|from)\\s+(?:the\\s+)?${AGENCY_LIST}\\b`, 'i');
const ANY_AGENCY_RE = new RegExp(AGENCY, 'gi');
/** "Source: AP | 4 min read", "Via: Reuters": the agency list right after the label. */
const SOURCE_RE = new RegExp(`^(?:source|sources|via)\\s*:\\s*(${AGENCY_LIST})\\s*(?:$|[|·•,])`, 'i');

/** Where a line came from: wire credits are read differently in body text and in removed lines. */
export interface WireSource {
  text: string;
  /** `body` for kept paragraphs; otherwise the short removal reason (`byline`, `wire-credit`…). */
  kind: string;
}

/**
 * Canonical wire agencies credited by `sources`, in the order first seen.
 * @example findWires([{ text: 'KALMAR (AP) — Floods…', kind: 'body' }]) // ['AP']
 */
export function findWires(sources: readonly WireSource[]): string[] {
  const found: string[] = [];
  const add = (spelling: string | undefined) => {
    const name = spelling ? CANONICAL.get(spelling.toLowerCase()) : undefined;
    if (name && !found.includes(name)) found.push(name);
  };
  const addAll = (text: string) => {
    for (const m of text.matchAll(ANY_AGENCY_RE)) add(m[1]);
  };
  for (const { text, kind } of sources) {
    switch (kind) {
      case 'body': {
        const head = DATELINE_RE.exec(text.slice(0, 160));
        if (head && isAcronymCase(head[1])) addAll(head[0].slice(head[0].lastIndexOf('(')));
        const tail = CLOSING_RE.exec(text.slice(-80));
        if (tail) addAll(tail[0]);
        break;
      }
      case 'wire-credit':
        if (CREDIT_LINE_RE.test(text) || CLOSING_RE.test(text)) addAll(text);
        break;
      case 'byline-agency':
        addAll(text);
        break;
      case 'copyright': {
        const m = COPYRIGHT_RE.exec(text);
        if (m) add(m[1]);
        break;
      }
      case 'source-credit': {
        // "Source: AP | 4 min read": only an agency right after the label counts.
        const m = SOURCE_RE.exec(text);
        if (m) addAll(m[1] ?? '');
        break;
      }
      case 'credits': {
        const m = REPORTING_RE.exec(text);
        if (m) addAll(m[0].replace(/^.*?reporting\s+(?:by|from)\s+/i, ''));
        break;
      }
      default:
        break;
    }
  }
  return found;
}

/** Canonical agency name for a byline part ("Associated Press" → "AP"), or null. */
export function agencyOf(text: string): string | null {
  return (
    CANONICAL.get(
      text
        .trim()
        .replace(/^the\s+/i, 'the ')
        .toLowerCase(),
    ) ?? null
  );
}

/** Datelines write acronyms in capitals; "(Ap)" is not a credit. dpa is the one lower-case agency. */
function isAcronymCase(spelling: string | undefined): boolean {
  if (!spelling) return false;
  return spelling.length > 4 || spelling === spelling.toUpperCase() || spelling === 'dpa';
}
