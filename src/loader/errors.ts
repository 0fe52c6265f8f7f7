/**
 * Typed loader errors. A malformed executable always ends in a
 * {@link LoaderError} that names the field and the file offset.
 * @module
 */

/** A malformed or unsupported executable. */
export class LoaderError extends SyntaxError {
  /** File offset of the offending field (or -1 when it has none). */
  readonly offset: number;
  /** Name of the offending field, e.g. "p_offset". */
  readonly field: string;

  /**
   * @param message Human-readable text, capitalized, without a trailing period.
   * @param offset File offset of the offending field.
   * @param field Name of the offending field.
   */
  constructor(message: string, offset = -1, field = "") {
    super(message);
    this.name = "LoaderError";
    this.offset = offset;
    this.field = field;
  }
}
