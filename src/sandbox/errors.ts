/**
 * The error the sandbox raises. Every host failure and every denial becomes a
 * {@link SysError} carrying a Linux errno value: Linux numbering is the common
 * currency of the sandbox, and the Darwin and Windows personalities translate
 * from it.
 * @module
 */

/** Operation not permitted. */
export const EPERM = 1;
/** No such file or directory. */
export const ENOENT = 2;
/** Input/output error. */
export const EIO = 5;
/** No such device or address. */
export const ENXIO = 6;
/** Bad file descriptor. */
export const EBADF = 9;
/** Resource temporarily unavailable. */
export const EAGAIN = 11;
/** Cannot allocate memory. */
export const ENOMEM = 12;
/** Permission denied. */
export const EACCES = 13;
/** Bad address. */
export const EFAULT = 14;
/** Device or resource busy. */
export const EBUSY = 16;
/** File exists. */
export const EEXIST = 17;
/** Invalid cross-device link. */
export const EXDEV = 18;
/** No such device. */
export const ENODEV = 19;
/** Not a directory. */
export const ENOTDIR = 20;
/** Is a directory. */
export const EISDIR = 21;
/** Invalid argument. */
export const EINVAL = 22;
/** Too many open files. */
export const EMFILE = 24;
/** Inappropriate ioctl for device. */
export const ENOTTY = 25;
/** File too large. */
export const EFBIG = 27;
/** No space left on device. */
export const ENOSPC = 28;
/** Illegal seek. */
export const ESPIPE = 29;
/** Read-only file system. */
export const EROFS = 30;
/** Broken pipe. */
export const EPIPE = 32;
/** File name too long. */
export const ENAMETOOLONG = 36;
/** Function not implemented. */
export const ENOSYS = 38;
/** Directory not empty. */
export const ENOTEMPTY = 39;
/** Too many levels of symbolic links. */
export const ELOOP = 40;
/** Invalid or incomplete multibyte or wide character. */
export const EILSEQ = 84;
/** Operation not supported. */
export const EOPNOTSUPP = 95;
/** Connection refused. */
export const ECONNREFUSED = 111;
/** Connection timed out. */
export const ETIMEDOUT = 110;
/** Interrupted system call. */
export const EINTR = 4;
/** Not a tty-like operation, for an unseekable or wrong-kind file. */
export const EBADFD = 77;
/** Value too large for defined data type. */
export const EOVERFLOW = 75;

/** Address already in use. */
export const EADDRINUSE = 98;
/** Cannot assign requested address. */
export const EADDRNOTAVAIL = 99;
/** Connection reset by peer. */
export const ECONNRESET = 104;
/** Network is unreachable. */
export const ENETUNREACH = 101;
/** Transport endpoint is not connected. */
export const ENOTCONN = 107;

/**
 * A failed operation: `errno` is the positive Linux errno value, `detail`
 * an optional explanation shown by the syscall trace instead of the standard
 * message (for denials: "denied: read /abs/path").
 *
 * @example
 * ```ts
 * throw new SysError(EACCES, "denied: read /etc/passwd");
 * ```
 */
export class SysError extends Error {
  /** Positive Linux errno value. */
  readonly errno: number;
  /** Text for the trace, or "" to use the standard message. */
  readonly detail: string;

  /**
   * @param errno positive Linux errno value
   * @param detail explanation for the trace ("" for the standard message)
   */
  constructor(errno: number, detail = "") {
    super(detail ? `Errno ${errno}: ${detail}` : `Errno ${errno}`);
    this.name = "SysError";
    this.errno = errno;
    this.detail = detail;
  }
}
