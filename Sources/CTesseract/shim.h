#ifndef COTEJO_CTESSERACT_SHIM_H
#define COTEJO_CTESSERACT_SHIM_H
// Tesseract's C API and the Leptonica images it reads (Debian: libtesseract-dev, libleptonica-dev).
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#endif
