import { InputError, fieldName, parseWith } from '../input.js';
import { buildFramework, type Framework } from './model.js';
import { FrameworkSchema } from './schema.js';

/** Parses and validates a framework file's text; any problem throws InputError with lines. */
export function parseFramework(text: string, file: string): Framework {
  const { value, parsed } = parseWith(FrameworkSchema, text, file);
  const { framework, issues } = buildFramework(value);
  if (issues.length) {
    throw new InputError(
      file,
      issues.map((i) => ({ line: parsed.lineOf(i.src), field: fieldName(i.src), message: i.message })),
    );
  }
  return framework;
}
