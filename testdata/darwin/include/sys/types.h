#include <_types.h>
