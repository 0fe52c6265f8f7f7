#ifndef _KITEMU_LOCALE_H
#define _KITEMU_LOCALE_H
#define LC_ALL 0
char *setlocale(int, const char *);
#endif
