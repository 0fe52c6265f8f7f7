/* kitemu's minimal libSystem headers: types shared by the others (Darwin LP64). */
#ifndef _KITEMU_TYPES_H
#define _KITEMU_TYPES_H
typedef unsigned long size_t;
typedef long ssize_t;
typedef long long off_t;
typedef unsigned short mode_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef long time_t;
typedef unsigned long clock_t;
typedef int dev_t;
typedef unsigned long long ino_t;
typedef unsigned short nlink_t;
typedef long long blkcnt_t;
typedef int blksize_t;
#ifndef NULL
#define NULL ((void *)0)
#endif
#endif
