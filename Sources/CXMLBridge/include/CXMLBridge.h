#ifndef CXMLBRIDGE_H
#define CXMLBRIDGE_H
// Placeholder; the streaming reader API is defined by the readers work.
int cxml_bridge_version(void);
#endif
