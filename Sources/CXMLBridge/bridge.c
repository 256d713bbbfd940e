#include "CXMLBridge.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

#define CXML_MAX_ATTRS_INLINE 32

struct cxml_reader {
    xmlTextReaderPtr reader;
    int fd;
    char *memory;
    int kind;
    /* attributes of the current element */
    int nattrs;
    int cap;
    const char **names;
    const char **nss;
    const char **values;
    xmlChar **owned; /* values we had to build (attribute with entity children) */
    int *escaped;    /* per attribute: its value is escaped text with entity references left in */
    int nowned;
    char *error;
    long error_line;
    /* Copies that must outlive libxml2's current node (look-ahead for leaves). */
    char *arena;
    size_t alen, acap;
    size_t *name_off, *ns_off, *val_off;
    char *textbuf;
    size_t tlen, tcap;
    /* What the next cxml_next returns before reading on. */
    int state;          /* 0: read on; 1: queued text, then the live node; 2: the live node */
    int deferred;       /* a look-ahead read ended (0) or failed (-1): report it when reached */
    int deferred_rc;
    cxml_node queued;
};

enum { ST_READ = 0, ST_TEXT = 1, ST_LIVE = 2 };
#define NO_OFFSET ((size_t)-1)

/* External entities and DTDs are never loaded: no file is read, no URL fetched. */
static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_library(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_loader);
}

static void on_error(void *arg, xmlErrorPtr e) {
    cxml_reader *r = (cxml_reader *)arg;
    if (r == NULL || e == NULL || r->error != NULL) return;
    if (e->level < XML_ERR_ERROR && e->code != XML_WAR_UNDECLARED_ENTITY) return;
    const char *msg = e->message ? e->message : "XML error";
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    r->error = (char *)malloc(n + 1);
    if (r->error) { memcpy(r->error, msg, n); r->error[n] = 0; }
    r->error_line = e->line;
}

static int read_fd(void *ctx, char *buf, int len) {
    cxml_reader *r = (cxml_reader *)ctx;
    for (;;) {
        ssize_t n = read(r->fd, buf, (size_t)len);
        if (n >= 0) return (int)n;
        if (errno == EINTR) continue;
        return -1;
    }
}

static int close_fd(void *ctx) {
    cxml_reader *r = (cxml_reader *)ctx;
    if (r->fd >= 0) { close(r->fd); r->fd = -1; }
    return 0;
}

static const int kOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS |
                            XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

static cxml_reader *setup(cxml_reader *r, xmlTextReaderPtr reader, char *err, size_t errlen) {
    if (reader == NULL) {
        snprintf(err, errlen, "cannot start the XML parser");
        cxml_close(r);
        return NULL;
    }
    r->reader = reader;
    xmlTextReaderSetStructuredErrorHandler(reader, on_error, r);
    return r;
}

cxml_reader *cxml_open_file(const char *path, const char *encoding, char *err, size_t errlen) {
    pthread_once(&init_once, init_library);
    cxml_reader *r = (cxml_reader *)calloc(1, sizeof(cxml_reader));
    if (r == NULL) { snprintf(err, errlen, "out of memory"); return NULL; }
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        free(r);
        return NULL;
    }
    xmlTextReaderPtr reader = xmlReaderForIO(read_fd, close_fd, r, path, encoding, kOptions);
    return setup(r, reader, err, errlen);
}

cxml_reader *cxml_open_memory(const char *bytes, size_t length, const char *name, const char *encoding,
                              char *err, size_t errlen) {
    pthread_once(&init_once, init_library);
    cxml_reader *r = (cxml_reader *)calloc(1, sizeof(cxml_reader));
    if (r == NULL) { snprintf(err, errlen, "out of memory"); return NULL; }
    r->fd = -1;
    if (length > 0x7fffffff) { snprintf(err, errlen, "too large"); free(r); return NULL; }
    r->memory = (char *)malloc(length + 1);
    if (r->memory == NULL) { snprintf(err, errlen, "out of memory"); free(r); return NULL; }
    if (length) memcpy(r->memory, bytes, length);
    xmlTextReaderPtr reader = xmlReaderForMemory(r->memory, (int)length, name, encoding, kOptions);
    return setup(r, reader, err, errlen);
}

static void free_owned(cxml_reader *r) {
    for (int i = 0; i < r->nowned; i++) xmlFree(r->owned[i]);
    r->nowned = 0;
}

void cxml_close(cxml_reader *r) {
    if (r == NULL) return;
    if (r->reader) xmlFreeTextReader(r->reader);
    if (r->fd >= 0) close(r->fd);
    free_owned(r);
    free(r->names);
    free(r->nss);
    free(r->values);
    free(r->owned);
    free(r->escaped);
    free(r->name_off);
    free(r->ns_off);
    free(r->val_off);
    free(r->arena);
    free(r->textbuf);
    free(r->memory);
    free(r->error);
    free(r);
}

static int grow(cxml_reader *r, int need) {
    if (need <= r->cap) return 1;
    int cap = r->cap ? r->cap * 2 : 16;
    while (cap < need) cap *= 2;
    const char **a = (const char **)realloc(r->names, sizeof(char *) * cap);
    if (!a) return 0;
    r->names = a;
    a = (const char **)realloc(r->nss, sizeof(char *) * cap);
    if (!a) return 0;
    r->nss = a;
    a = (const char **)realloc(r->values, sizeof(char *) * cap);
    if (!a) return 0;
    r->values = a;
    xmlChar **o = (xmlChar **)realloc(r->owned, sizeof(xmlChar *) * cap);
    if (!o) return 0;
    r->owned = o;
    int *e = (int *)realloc(r->escaped, sizeof(int) * cap);
    if (!e) return 0;
    r->escaped = e;
    size_t *z = (size_t *)realloc(r->name_off, sizeof(size_t) * cap);
    if (!z) return 0;
    r->name_off = z;
    z = (size_t *)realloc(r->ns_off, sizeof(size_t) * cap);
    if (!z) return 0;
    r->ns_off = z;
    z = (size_t *)realloc(r->val_off, sizeof(size_t) * cap);
    if (!z) return 0;
    r->val_off = z;
    r->cap = cap;
    return 1;
}

/* Appends a NUL-terminated copy of `p` to the arena; returns its offset (NO_OFFSET when out of memory). */
static size_t arena_put(cxml_reader *r, const char *p, size_t n) {
    if (r->alen + n + 1 > r->acap) {
        size_t cap = r->acap ? r->acap * 2 : 4096;
        while (r->alen + n + 1 > cap) cap *= 2;
        char *a = (char *)realloc(r->arena, cap);
        if (a == NULL) return NO_OFFSET;
        r->arena = a;
        r->acap = cap;
    }
    size_t off = r->alen;
    memcpy(r->arena + off, p, n);
    r->arena[off + n] = 0;
    r->alen += n + 1;
    return off;
}

/* Copies the attributes of the current element into the arena (they must survive a look-ahead). */
static void collect_attributes(cxml_reader *r, xmlNodePtr node) {
    r->nattrs = 0;
    if (node == NULL || node->type != XML_ELEMENT_NODE) return;
    int n = 0;
    for (xmlAttrPtr a = node->properties; a != NULL; a = a->next) n++;
    if (n == 0 || !grow(r, n)) return;
    int i = 0;
    for (xmlAttrPtr a = node->properties; a != NULL; a = a->next, i++) {
        r->names[i] = (const char *)a->name; /* interned in the parser's dictionary */
        r->ns_off[i] = (a->ns && a->ns->href) ? arena_put(r, (const char *)a->ns->href, strlen((const char *)a->ns->href)) : NO_OFFSET;
        const char *v;
        xmlChar *built = NULL;
        r->escaped[i] = 0;
        if (a->children != NULL && a->children->next == NULL && a->children->type == XML_TEXT_NODE) {
            v = a->children->content ? (const char *)a->children->content : "";
        } else if (a->children == NULL) {
            v = "";
        } else {
            /* Text mixed with entity references: escaped text with the references left in, for
             * the caller to expand within its bounds (libxml2 would expand without any). */
            built = xmlNodeListGetString(node->doc, a->children, 0);
            v = built ? (const char *)built : "";
            r->escaped[i] = 1;
        }
        r->val_off[i] = arena_put(r, v, strlen(v));
        if (built) xmlFree(built);
    }
    r->nattrs = n;
    for (i = 0; i < n; i++) {
        r->nss[i] = r->ns_off[i] == NO_OFFSET ? NULL : r->arena + r->ns_off[i];
        r->values[i] = r->val_off[i] == NO_OFFSET ? "" : r->arena + r->val_off[i];
    }
}

static int fail(cxml_reader *r, cxml_node *node, int rc) {
    if (rc == 0) { r->kind = CXML_END; node->kind = CXML_END; return CXML_END; }
    if (r->error == NULL) {
        r->error = strdup("the XML parser stopped");
        r->error_line = xmlTextReaderGetParserLineNumber(r->reader);
    }
    r->kind = CXML_ERROR;
    node->kind = CXML_ERROR;
    return CXML_ERROR;
}

static int is_text(int type) {
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA || type == XML_READER_TYPE_WHITESPACE ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static int keep_text(cxml_reader *r, const xmlChar *v) {
    size_t n = v ? strlen((const char *)v) : 0;
    if (n + 1 > r->tcap) {
        size_t cap = r->tcap ? r->tcap : 256;
        while (n + 1 > cap) cap *= 2;
        char *t = (char *)realloc(r->textbuf, cap);
        if (t == NULL) return 0;
        r->textbuf = t;
        r->tcap = cap;
    }
    if (n) memcpy(r->textbuf, v, n);
    r->textbuf[n] = 0;
    r->tlen = n;
    return 1;
}

/* Describes libxml2's current node; for a non-empty element, reads ahead to fold
 * <a attr="…">text</a> into one CXML_LEAF. */
static int describe(cxml_reader *r, cxml_node *node) {
    for (;;) {
        int type = xmlTextReaderNodeType(r->reader);
        switch (type) {
        case XML_READER_TYPE_ELEMENT: {
            xmlNodePtr cur = xmlTextReaderCurrentNode(r->reader);
            r->alen = 0;
            collect_attributes(r, cur);
            node->kind = CXML_ELEMENT;
            node->depth = xmlTextReaderDepth(r->reader);
            node->is_empty = xmlTextReaderIsEmptyElement(r->reader) == 1;
            node->name = (const char *)xmlTextReaderConstLocalName(r->reader); /* dictionary string */
            const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r->reader);
            node->ns = ns;
            node->line = cur ? xmlGetLineNo(cur) : -1;
            if (node->line <= 0) node->line = xmlTextReaderGetParserLineNumber(r->reader);
            node->attribute_count = r->nattrs;
            r->kind = CXML_ELEMENT;
            if (node->is_empty) return CXML_ELEMENT;
            if (ns != NULL) {
                /* The namespace string lives in the tree: keep a copy across the look-ahead. */
                size_t off = arena_put(r, ns, strlen(ns));
                node->ns = off == NO_OFFSET ? NULL : r->arena + off;
                for (int i = 0; i < r->nattrs; i++) {
                    r->nss[i] = r->ns_off[i] == NO_OFFSET ? NULL : r->arena + r->ns_off[i];
                    r->values[i] = r->val_off[i] == NO_OFFSET ? "" : r->arena + r->val_off[i];
                }
            }
            /* Look ahead. */
            int rc = xmlTextReaderRead(r->reader);
            if (rc <= 0) { r->deferred = 1; r->deferred_rc = rc; r->state = ST_READ; return CXML_ELEMENT; }
            int t1 = xmlTextReaderNodeType(r->reader);
            if (t1 == XML_READER_TYPE_END_ELEMENT) {
                node->kind = CXML_LEAF;
                node->text = "";
                node->text_length = 0;
                r->kind = CXML_END_ELEMENT;
                return CXML_LEAF;
            }
            if (is_text(t1)) {
                int ws = t1 == XML_READER_TYPE_WHITESPACE || t1 == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
                if (!keep_text(r, xmlTextReaderConstValue(r->reader))) { r->state = ST_LIVE; return CXML_ELEMENT; }
                int depth = xmlTextReaderDepth(r->reader);
                rc = xmlTextReaderRead(r->reader);
                if (rc > 0 && xmlTextReaderNodeType(r->reader) == XML_READER_TYPE_END_ELEMENT) {
                    node->kind = CXML_LEAF;
                    node->text = r->textbuf;
                    node->text_length = r->tlen;
                    r->kind = CXML_END_ELEMENT;
                    return CXML_LEAF;
                }
                memset(&r->queued, 0, sizeof(r->queued));
                r->queued.kind = CXML_TEXT;
                r->queued.is_whitespace = ws;
                r->queued.text = r->textbuf;
                r->queued.text_length = r->tlen;
                r->queued.depth = depth;
                r->state = ST_TEXT;
                if (rc <= 0) { r->deferred = 1; r->deferred_rc = rc; }
                return CXML_ELEMENT;
            }
            r->state = ST_LIVE;
            return CXML_ELEMENT;
        }
        case XML_READER_TYPE_END_ELEMENT:
            r->kind = CXML_END_ELEMENT;
            node->kind = CXML_END_ELEMENT;
            node->depth = xmlTextReaderDepth(r->reader);
            return CXML_END_ELEMENT;
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            if (r->kind == CXML_END_ELEMENT) break; /* indentation between elements */
            node->is_whitespace = 1;
            /* fall through */
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA: {
            const xmlChar *v = xmlTextReaderConstValue(r->reader);
            node->kind = CXML_TEXT;
            node->text = v ? (const char *)v : "";
            node->text_length = v ? strlen((const char *)v) : 0;
            node->depth = xmlTextReaderDepth(r->reader);
            r->kind = CXML_TEXT;
            return CXML_TEXT;
        }
        case XML_READER_TYPE_ENTITY_REFERENCE: {
            /* The parser has read ahead: its line is not the reference's. The reference node
             * carries none either, so take the enclosing element's start tag. */
            xmlNodePtr cur = xmlTextReaderCurrentNode(r->reader);
            long line = cur ? xmlGetLineNo(cur) : -1;
            if (line <= 0 && cur && cur->parent) line = xmlGetLineNo(cur->parent);
            if (line <= 0) line = xmlTextReaderGetParserLineNumber(r->reader);
            node->kind = CXML_ENTITY_REF;
            node->name = (const char *)xmlTextReaderConstLocalName(r->reader);
            node->depth = xmlTextReaderDepth(r->reader);
            node->line = line;
            r->kind = CXML_ENTITY_REF;
            return CXML_ENTITY_REF;
        }
        default:
            break; /* comments, processing instructions, doctype … */
        }
        memset(node, 0, sizeof(*node));
        int rc = xmlTextReaderRead(r->reader);
        if (rc <= 0) return fail(r, node, rc);
    }
}

int cxml_next(cxml_reader *r, cxml_node *node) {
    cxml_node scratch;
    if (node == NULL) node = &scratch;
    memset(node, 0, sizeof(*node));
    switch (r->state) {
    case ST_TEXT:
        *node = r->queued;
        r->kind = CXML_TEXT;
        r->state = r->deferred ? ST_READ : ST_LIVE;
        return CXML_TEXT;
    case ST_LIVE:
        r->state = ST_READ;
        return describe(r, node);
    default:
        break;
    }
    if (r->deferred) {
        r->deferred = 0;
        return fail(r, node, r->deferred_rc);
    }
    int rc = xmlTextReaderRead(r->reader);
    if (rc <= 0) return fail(r, node, rc);
    return describe(r, node);
}

int cxml_depth(cxml_reader *r) { return xmlTextReaderDepth(r->reader); }
int cxml_is_empty(cxml_reader *r) { return xmlTextReaderIsEmptyElement(r->reader) == 1; }
const char *cxml_name(cxml_reader *r) { return (const char *)xmlTextReaderConstLocalName(r->reader); }
const char *cxml_namespace(cxml_reader *r) { return (const char *)xmlTextReaderConstNamespaceUri(r->reader); }
const char *cxml_text(cxml_reader *r) {
    const xmlChar *v = xmlTextReaderConstValue(r->reader);
    return v ? (const char *)v : "";
}
int cxml_is_whitespace(cxml_reader *r) {
    int t = xmlTextReaderNodeType(r->reader);
    return t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}
long cxml_line(cxml_reader *r) {
    xmlNodePtr n = xmlTextReaderCurrentNode(r->reader);
    long line = n ? xmlGetLineNo(n) : -1;
    if (line <= 0) line = xmlTextReaderGetParserLineNumber(r->reader);
    return line;
}
int cxml_attribute_count(cxml_reader *r) { return r->nattrs; }
int cxml_attribute(cxml_reader *r, int index, const char **local, const char **ns, const char **value) {
    if (index < 0 || index >= r->nattrs) return -1;
    *local = r->names[index];
    *ns = r->nss[index];
    *value = r->values[index];
    return 0;
}
int cxml_attribute_is_escaped(cxml_reader *r, int index) {
    if (index < 0 || index >= r->nattrs) return 0;
    return r->escaped[index];
}

const char *cxml_internal_entity(cxml_reader *r, const char *name) {
    /* The document through the current node: xmlTextReaderCurrentDoc would make the reader keep
     * every node (no more streaming). */
    xmlNodePtr cur = xmlTextReaderCurrentNode(r->reader);
    xmlDocPtr doc = cur ? cur->doc : NULL;
    if (doc == NULL || name == NULL) return NULL;
    xmlEntityPtr ent = xmlGetDocEntity(doc, (const xmlChar *)name);
    if (ent == NULL || ent->etype != XML_INTERNAL_GENERAL_ENTITY || ent->content == NULL) return NULL;
    return (const char *)ent->content;
}
const char *cxml_error_message(cxml_reader *r) { return r->error; }
long cxml_error_line(cxml_reader *r) { return r->error_line; }
int cxml_bridge_version(void) { return LIBXML_VERSION; }
