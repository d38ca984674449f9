/** The part of the npm `minhash` package's API that bench:scale uses (the package ships no types). */
declare module 'minhash' {
  export class Minhash {
    constructor(config?: { numPerm?: number });
    update(value: string): void;
    jaccard(other: Minhash): number;
  }
  export class LshIndex {
    constructor(config?: { bandSize?: number });
    insert(key: string, minhash: Minhash): void;
    query(minhash: Minhash): string[];
  }
}
