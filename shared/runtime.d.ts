// shared/ compiles against ES2023 only (no DOM, no Node). The few APIs below are part of the minimum common
// web-interoperable runtime (WinterCG) that Node, Electron and browsers all provide, so shared/ may use them.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
