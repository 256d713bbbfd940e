#include "CXMLBridge.h"
#include <libxml/xmlreader.h>
int cxml_bridge_version(void) { return LIBXML_VERSION; }
