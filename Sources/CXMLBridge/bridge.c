#include "CXMLBridge.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    int nowned;
    char *error;
    long error_line;
};

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
    r->cap = cap;
    return 1;
}

static void collect_attributes(cxml_reader *r) {
    r->nattrs = 0;
    xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
    if (node == NULL || node->type != XML_ELEMENT_NODE) return;
    int n = 0;
    for (xmlAttrPtr a = node->properties; a != NULL; a = a->next) n++;
    if (n == 0 || !grow(r, n)) return;
    int i = 0;
    for (xmlAttrPtr a = node->properties; a != NULL; a = a->next, i++) {
        r->names[i] = (const char *)a->name;
        r->nss[i] = (a->ns && a->ns->href) ? (const char *)a->ns->href : NULL;
        if (a->children != NULL && a->children->next == NULL && a->children->type == XML_TEXT_NODE) {
            r->values[i] = a->children->content ? (const char *)a->children->content : "";
        } else if (a->children == NULL) {
            r->values[i] = "";
        } else {
            /* Text mixed with entity references: the references are not expanded. */
            xmlChar *v = xmlNodeListGetString(node->doc, a->children, 0);
            r->owned[r->nowned++] = v;
            r->values[i] = v ? (const char *)v : "";
        }
    }
    r->nattrs = n;
}

int cxml_next(cxml_reader *r, cxml_node *node) {
    cxml_node scratch;
    if (node == NULL) node = &scratch;
    free_owned(r);
    r->nattrs = 0;
    memset(node, 0, sizeof(*node));
    for (;;) {
        int rc = xmlTextReaderRead(r->reader);
        if (rc == 0) { r->kind = CXML_END; node->kind = CXML_END; return CXML_END; }
        if (rc < 0) {
            if (r->error == NULL) {
                r->error = strdup("the XML parser stopped");
                r->error_line = xmlTextReaderGetParserLineNumber(r->reader);
            }
            r->kind = CXML_ERROR;
            node->kind = CXML_ERROR;
            return CXML_ERROR;
        }
        int type = xmlTextReaderNodeType(r->reader);
        switch (type) {
        case XML_READER_TYPE_ELEMENT:
            r->kind = CXML_ELEMENT;
            collect_attributes(r);
            node->depth = xmlTextReaderDepth(r->reader);
            node->is_empty = xmlTextReaderIsEmptyElement(r->reader) == 1;
            node->name = (const char *)xmlTextReaderConstLocalName(r->reader);
            node->ns = (const char *)xmlTextReaderConstNamespaceUri(r->reader);
            node->attribute_count = r->nattrs;
            break;
        case XML_READER_TYPE_END_ELEMENT:
            r->kind = CXML_END_ELEMENT;
            node->depth = xmlTextReaderDepth(r->reader);
            break;
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            if (r->kind == CXML_END_ELEMENT) continue; /* indentation between elements */
            node->is_whitespace = 1;
            /* fall through */
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA: {
            r->kind = CXML_TEXT;
            const xmlChar *v = xmlTextReaderConstValue(r->reader);
            node->text = v ? (const char *)v : "";
            node->text_length = v ? strlen((const char *)v) : 0;
            node->depth = xmlTextReaderDepth(r->reader);
            break;
        }
        case XML_READER_TYPE_ENTITY_REFERENCE:
            r->kind = CXML_ENTITY_REF;
            node->name = (const char *)xmlTextReaderConstLocalName(r->reader);
            node->depth = xmlTextReaderDepth(r->reader);
            break;
        default:
            continue; /* comments, processing instructions, doctype … */
        }
        node->kind = r->kind;
        return r->kind;
    }
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
const char *cxml_error_message(cxml_reader *r) { return r->error; }
long cxml_error_line(cxml_reader *r) { return r->error_line; }
int cxml_bridge_version(void) { return LIBXML_VERSION; }
