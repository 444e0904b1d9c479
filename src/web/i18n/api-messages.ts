/**
 * The API's entry to the text catalog: titles and details of every problem code, texts of field-error codes.
 * The texts live by feature in `./catalog/` (its index says how to add some); `{name}` placeholders are
 * filled from the problem's parameters.
 */
export { apiMessages, type FieldCode, type ProblemCode } from './catalog/index.ts';
