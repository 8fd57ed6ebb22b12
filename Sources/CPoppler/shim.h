#ifndef COTEJO_CPOPPLER_SHIM_H
#define COTEJO_CPOPPLER_SHIM_H
#include <poppler.h>
#include <cairo.h>
#include <glib.h>
#include <glib-object.h>
#endif
