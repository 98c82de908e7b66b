/**
 * The JSON text of a `T`, written by the domain from typed rows: what `http/typed-answer.ts`
 * sends as it is. The contract tests parse such texts with the schemas of `T`.
 */
export type JsonText<T> = string & { readonly [json]?: T };
declare const json: unique symbol;
