/** Who made an item. The pipeline runner stamps `stage` and `version`; a stage supplies the rest. */
export interface Provenance {
  stage: string;
  version: number;
  /** `stage/kebab-rule` that produced the item, e.g. `quotes/curly-with-said-verb`. */
  rule?: string;
  confidence?: number;
}
