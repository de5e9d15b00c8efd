/** The newest result of any measure command, for "Insert Result as Comment". */
export interface LastResult {
  /** "D(P‖Q)", "H(P)", ... */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** Where its inputs came from ("distributions.py, lines 6-7"). */
  readonly source: string;
}

export class LastResultStore {
  private value: LastResult | undefined;

  get current(): LastResult | undefined {
    return this.value;
  }

  set(result: LastResult): void {
    this.value = result;
  }
}
