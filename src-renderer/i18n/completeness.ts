import type { Messages } from './resources.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(messages: Messages, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

/**
 * What a translation lacks compared with the reference language: every key, with plural keys
 * checked per form — a language needs exactly the plural categories its own rules use
 * (Polish has four, English two), since i18next picks the form with Intl.PluralRules.
 */
export function translationProblems(reference: Messages, candidate: Messages, language: string): string[] {
  const ref = flatten(reference);
  const cand = flatten(candidate);
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const expected = new Set<string>();
  for (const key of ref.keys()) {
    const plural = PLURAL_SUFFIX.exec(key);
    if (!plural) expected.add(key);
    else for (const c of categories) expected.add(key.slice(0, plural.index) + '_' + c);
  }
  const problems: string[] = [];
  for (const key of expected) {
    const value = cand.get(key);
    if (value === undefined) problems.push(`${language}: missing ${key}`);
    else if (value.trim() === '') problems.push(`${language}: empty ${key}`);
  }
  for (const key of cand.keys()) if (!expected.has(key)) problems.push(`${language}: unexpected ${key}`);
  for (const [key, value] of ref) {
    const refVars = [...value.matchAll(/{{\s*(\w+)\s*}}/g)]
      .map((m) => m[1])
      .sort()
      .join(',');
    const plural = PLURAL_SUFFIX.exec(key);
    const twins = plural ? [...categories].map((c) => key.slice(0, plural.index) + '_' + c) : [key];
    for (const twin of twins) {
      const v = cand.get(twin);
      if (v === undefined) continue;
      const vars = [...v.matchAll(/{{\s*(\w+)\s*}}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
      if (vars !== refVars && !(plural && vars === refVars.replace('count', '').replace(/^,|,$/, ''))) {
        problems.push(`${language}: ${twin} uses {{${vars}}} but ${key} uses {{${refVars}}}`);
      }
    }
  }
  return problems;
}
