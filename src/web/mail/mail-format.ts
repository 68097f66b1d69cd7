/** Mail headers must stay on one line whatever the registry holds (header injection). */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}
