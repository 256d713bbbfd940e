#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
// Only CXMLBridge's C sources include this: libxml2's headers clash with Foundation in Swift.
#include <libxml/xmlreader.h>
#endif
