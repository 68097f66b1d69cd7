/** Why a line is stopped or limited: the rule key, the seed clause it rests on, and Chinese text. */
export interface Reason {
  readonly rule: string;
  readonly clause: string;
  readonly text: string;
}
