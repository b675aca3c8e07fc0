#ifndef ALLOT_CGLPK_SHIM_H
#define ALLOT_CGLPK_SHIM_H
#include <glpk.h>
#endif
