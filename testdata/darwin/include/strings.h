#ifndef _KITEMU_STRINGS_H
#define _KITEMU_STRINGS_H
#include <_types.h>
int strcasecmp(const char *, const char *);
int strncasecmp(const char *, const char *, size_t);
void bzero(void *, size_t);
#endif
