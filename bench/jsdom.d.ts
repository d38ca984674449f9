/** The part of jsdom's API the extraction benchmark uses (jsdom ships no types; @types/jsdom is not installed). */
declare module 'jsdom' {
  export class VirtualConsole {}
  export class JSDOM {
    constructor(html: string, options?: { url?: string; virtualConsole?: VirtualConsole });
    window: { document: unknown; close(): void };
  }
}
