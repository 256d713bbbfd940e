#ifndef CXMLBRIDGE_H
#define CXMLBRIDGE_H

/*
 * A small, safe streaming XML reader over libxml2's SAX2 push parser: the document's nodes are
 * handed out one at a time, as libxml2's own xmlTextReader would give them, without a tree being
 * built. This header is the only interface Swift sees: it includes no libxml2 header.
 *
 * Safety: documents are parsed with XML_PARSE_NONET and without XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD or XML_PARSE_HUGE; the process-wide external entity loader refuses every
 * external resource (no file, no network), so external entities and DTDs are never read, and
 * libxml2's entity-amplification limits stay in force.
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cxml_reader cxml_reader;

enum {
    CXML_END = 0,          /* no more nodes */
    CXML_ELEMENT = 1,      /* start tag (also for an empty element, see cxml_is_empty) */
    CXML_END_ELEMENT = 2,  /* end tag */
    CXML_TEXT = 3,         /* text, CDATA or whitespace */
    CXML_ENTITY_REF = 4,   /* an entity reference that was not expanded (name in cxml_name) */
    CXML_LEAF = 5,         /* an element holding only text (or nothing): start, text and end in one
                              node; name, attributes and text are set, no CXML_END_ELEMENT follows */
    CXML_ERROR = -1        /* a fatal error: see cxml_error_message / cxml_error_line */
};

/* Opens a file (read in chunks, never whole) or a memory buffer (copied). `encoding` may be NULL
 * (detect from BOM and declaration). Returns NULL and writes a message into `err` on failure. */
cxml_reader *cxml_open_file(const char *path, const char *encoding, char *err, size_t errlen);
cxml_reader *cxml_open_memory(const char *bytes, size_t length, const char *name, const char *encoding,
                              char *err, size_t errlen);
void cxml_close(cxml_reader *r);

/* The current node, filled by cxml_next in one call. Strings are UTF-8 and valid until the next
 * cxml_next. Whitespace-only text that follows an end tag (indentation between elements) is
 * skipped: it can only belong to an element that has child elements. */
typedef struct cxml_node {
    int kind;            /* CXML_* */
    int depth;           /* 0 for the root element */
    int is_empty;        /* <a/>: no CXML_END_ELEMENT follows */
    int is_whitespace;   /* CXML_TEXT holding only whitespace */
    int attribute_count; /* CXML_ELEMENT, CXML_LEAF: see cxml_attribute */
    long line;           /* CXML_ELEMENT, CXML_LEAF: line of the start tag */
    const char *name;    /* local name of an element or entity */
    const char *ns;      /* namespace URI of an element, or NULL */
    const char *text;    /* CXML_TEXT, CXML_LEAF: the text */
    size_t text_length;
} cxml_node;

/* Advances to the next node, fills `node` (may be NULL) and returns its kind (CXML_*). */
int cxml_next(cxml_reader *r, cxml_node *node);

/* About the current node (prefer the fields of cxml_node: after a CXML_LEAF or a start tag that was
 * followed by a look-ahead, libxml2's current node is further on). Strings are UTF-8,
 * NUL-terminated, valid until the next cxml_next. */
int cxml_depth(cxml_reader *r);
int cxml_is_empty(cxml_reader *r);       /* <a/> : no CXML_END_ELEMENT follows */
const char *cxml_name(cxml_reader *r);   /* local name (element or entity) */
const char *cxml_namespace(cxml_reader *r); /* namespace URI or NULL */
const char *cxml_text(cxml_reader *r);   /* text of a CXML_TEXT node */
int cxml_is_whitespace(cxml_reader *r);  /* CXML_TEXT that holds only whitespace */
long cxml_line(cxml_reader *r);          /* line of the current node (1-based) */

/* Attributes of the current element (namespace declarations excluded). */
int cxml_attribute_count(cxml_reader *r);
/* Returns 0 on success; `local`, `ns` (may be NULL) and `value` are set. */
int cxml_attribute(cxml_reader *r, int index, const char **local, const char **ns, const char **value);

/* 1 when attribute `index`'s value is escaped text (`&amp;`, `&#233;`) holding entity references
 * (`&co;`) left for the caller to expand; 0 when it is the plain value. */
int cxml_attribute_is_escaped(cxml_reader *r, int index);

/* The replacement text of the internal general entity `name` declared in the document's DTD, as
 * declared (it may refer to other entities: the caller expands those, within its own bounds).
 * NULL for an external, parameter or undeclared entity: those are never read. Valid until the
 * next cxml_next. */
const char *cxml_internal_entity(cxml_reader *r, const char *name);

/* The first error or warning message libxml2 reported (NULL when none) and its line. */
const char *cxml_error_message(cxml_reader *r);
long cxml_error_line(cxml_reader *r);

int cxml_bridge_version(void);

#ifdef __cplusplus
}
#endif
#endif
