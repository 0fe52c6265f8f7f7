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
   * The errno execve would return: ENOEXEC (8) for a malformed or unsupported file, ENOENT (2)
   * or EACCES (13) when the interpreter is missing or its read is denied.
   */
  readonly errno: number;

  /**
   * @param message Human-readable text, capitalized, without a trailing period.
   * @param offset File offset of the offending field.
   * @param field Name of the offending field.
   * @param errno What execve would return (default ENOEXEC, 8).
   */
  constructor(message: string, offset = -1, field = "", errno = 8) {
    super(message);
    this.name = "LoaderError";
    this.offset = offset;
    this.field = field;
    this.errno = errno;
  }
}
