#ifndef COTEJO_CLIBXML2_SHIM_H
#define COTEJO_CLIBXML2_SHIM_H
// libxml2's headers pull in ICU, whose declarations clash with Foundation's own copy:
// read the version header first, switch ICU off, then include what Cotejo uses.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#endif
