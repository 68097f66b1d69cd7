/** A configured key with its Chinese name (industries, processes, fuels, livelihood duties…). */
export interface KeyName {
  key: string;
  name: string;
}
