#include "CXMLBridge.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>

/*
 * The reader is libxml2's SAX2 push parser: its callbacks queue the document's nodes as events
 * (strings copied into an arena), and cxml_next hands them out one at a time, feeding the parser
 * another chunk of input when the queue runs dry. No tree is built, so the rules the tree-building
 * reader applied on its own are applied here: which whitespace is ignorable (libxml2's
 * `areBlanks` heuristic reads the tree), whether a start tag was written `<a/>`, and the line of
 * an entity reference.
 */

/* Queued for a comment or processing instruction, never handed out. */
#define CXML_OTHER 100

#ifndef CXML_CHUNK
#define CXML_CHUNK 512
#endif

typedef struct {
    int kind; /* CXML_ELEMENT, CXML_END_ELEMENT, CXML_TEXT, CXML_ENTITY_REF */
    int depth;
    int is_empty;
    long line;
    const char *name; /* in the parser's dictionary: stable while the parser lives */
    const char *ns;   /* idem */
    size_t text_off, text_len;
    size_t attr_start;
    int attr_count;
} cxml_event;

typedef struct {
    const char *local; /* dictionary string */
    const char *ns;    /* dictionary string or NULL */
    size_t value_off;
    int escaped;
} cxml_attr;

/* An open element as the tree would hold it, as far as libxml2's `areBlanks` reads it (which of
 * its runs of whitespace are indentation, dropped under XML_PARSE_NOBLANKS): the element and its
 * first and last child, of their kinds only. The parser's current node (`ctxt->node`) points
 * at it while the element is open. Also the lines an entity reference takes (see on_reference). */
typedef struct {
    xmlNode node;
    xmlNode first, last;
    long line;
    long last_child_line;
} cxml_open_element;

struct cxml_reader {
    xmlParserCtxtPtr ctxt;
    int fd;
    char *memory;
    size_t memory_length, memory_pos;
    int input_done; /* the last chunk was pushed */
    int stopped;    /* a fatal error: nothing more comes */
    char *error;
    long error_line;
    /* Events queued, from `head`; their strings and attributes in the arena. */
    cxml_event *events;
    size_t nevents, head, events_cap;
    cxml_attr *attrs;
    size_t nattrs, attrs_cap;
    char *arena;
    size_t alen, acap;
    int out_of_memory;
    /* The element just started was written <a/>: its end is not a node of its own. */
    int started_empty;
    /* Open elements, each allocated once and reused, as the parser points at them. */
    cxml_open_element **open;
    size_t open_cap;
    int depth, open_allocated;
    /* The node handed out last. */
    int last_kind;
    cxml_node current;
    size_t current_attr_start;
    int current_attr_count;
    char chunk[CXML_CHUNK];
    char pending[65536];
    size_t pending_pos, pending_len;
    int input_ended; /* read() said end of file */
};

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

/* The callbacks' context is the parser's (libxml2's own SAX2 callbacks for the DTD need it);
 * the reader is its `_private`. */
static cxml_reader *reader_of(void *ctx) {
    xmlParserCtxtPtr c = (xmlParserCtxtPtr)ctx;
    return c == NULL ? NULL : (cxml_reader *)c->_private;
}

static void on_error(void *arg, xmlErrorPtr e) {
    cxml_reader *r = reader_of(arg);
    if (r == NULL || e == NULL || r->error != NULL) return;
    if (e->level < XML_ERR_ERROR && e->code != XML_WAR_UNDECLARED_ENTITY) return;
    const char *msg = e->message ? e->message : "XML error";
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    r->error = (char *)malloc(n + 1);
    if (r->error) { memcpy(r->error, msg, n); r->error[n] = 0; }
    r->error_line = e->line;
}

/* ---- the queue ---- */

/* `items` (of `size` bytes each, `*cap` of them) with room for `need`: moved to a block whose
 * capacity doubles from `first` until it does. NULL, and the reader out of memory, when there
 * is no such block; `items` and `*cap` are then as they were. */
static void *reserve(cxml_reader *r, void *items, size_t *cap, size_t need, size_t size, size_t first) {
    if (need <= *cap) return items;
    size_t grown = *cap ? *cap * 2 : first;
    while (grown < need) grown *= 2;
    void *moved = realloc(items, size * grown);
    if (moved == NULL) { r->out_of_memory = 1; return NULL; }
    *cap = grown;
    return moved;
}

static size_t arena_put(cxml_reader *r, const char *p, size_t n) {
    char *arena = (char *)reserve(r, r->arena, &r->acap, r->alen + n + 1, 1, 65536);
    if (arena == NULL) return NO_OFFSET;
    r->arena = arena;
    size_t off = r->alen;
    if (n) memcpy(r->arena + off, p, n);
    r->arena[off + n] = 0;
    r->alen += n + 1;
    return off;
}

static cxml_event *push_event(cxml_reader *r, int kind) {
    cxml_event *events = (cxml_event *)reserve(r, r->events, &r->events_cap, r->nevents + 1, sizeof(cxml_event), 1024);
    if (events == NULL) return NULL;
    r->events = events;
    cxml_event *e = &r->events[r->nevents++];
    memset(e, 0, sizeof(*e));
    e->kind = kind;
    e->text_off = NO_OFFSET;
    return e;
}

static cxml_attr *push_attr(cxml_reader *r) {
    cxml_attr *attrs = (cxml_attr *)reserve(r, r->attrs, &r->attrs_cap, r->nattrs + 1, sizeof(cxml_attr), 256);
    if (attrs == NULL) return NULL;
    r->attrs = attrs;
    return &r->attrs[r->nattrs++];
}

static cxml_open_element *top(cxml_reader *r) { return r->depth > 0 ? r->open[r->depth - 1] : NULL; }

/* A child node of the open element (an element, text, an entity reference, a comment, a
 * processing instruction), recorded as the tree would have it: adjacent text is one node. */
static void note_child(cxml_reader *r, xmlElementType type, long line) {
    cxml_open_element *parent = top(r);
    if (parent == NULL) return;
    if (parent->node.children == NULL) {
        parent->first.type = type;
        parent->node.children = parent->node.last = &parent->first;
        parent->last_child_line = line;
        return;
    }
    if (type == XML_TEXT_NODE && parent->node.last->type == XML_TEXT_NODE) return; /* merged, its line kept */
    parent->last.type = type;
    parent->first.next = &parent->last;
    parent->node.last = &parent->last;
    parent->last_child_line = line;
}

/* The reader when a callback is about the document itself, else NULL: libxml2 also runs the
 * callbacks while it parses an internal entity's text to check it (in a context of its own, or
 * with the depth above zero), which is not content here. */
static cxml_reader *in_document(void *ctx) {
    cxml_reader *r = reader_of(ctx);
    if (r == NULL || (xmlParserCtxtPtr)ctx != r->ctxt || r->ctxt->depth != 0 || r->out_of_memory) return NULL;
    return r;
}

static long current_line(cxml_reader *r) { return r->ctxt->input ? (long)r->ctxt->input->line : -1; }

/* The name a node goes by: its local name, or `prefix:name` when the prefix is not declared
 * (as the tree names it), interned in the parser's dictionary either way. */
static const char *node_name(cxml_reader *r, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    if (prefix == NULL || uri != NULL) return (const char *)localname;
    const xmlChar *qname = xmlDictQLookup(r->ctxt->dict, prefix, localname);
    return qname ? (const char *)qname : (const char *)localname;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes) {
    (void)nb_namespaces;
    (void)namespaces;
    cxml_reader *r = in_document(ctx);
    if (r == NULL) return;
    long line = current_line(r);
    note_child(r, XML_ELEMENT_NODE, line);
    cxml_event *e = push_event(r, CXML_ELEMENT);
    if (e == NULL) return;
    e->depth = r->depth;
    e->line = line;
    e->name = node_name(r, localname, prefix, uri);
    e->ns = (const char *)uri;
    const xmlChar *cur = r->ctxt->input ? r->ctxt->input->cur : NULL;
    e->is_empty = cur != NULL && cur[0] == '/' && cur[1] == '>';
    r->started_empty = e->is_empty;
    e->attr_start = r->nattrs;
    /* Attributes defaulted from the DTD are left out, as the tree leaves them out without
     * XML_PARSE_DTDATTR. */
    for (int i = 0; i < nb_attributes - nb_defaulted; i++) {
        const xmlChar **a = attributes + i * 5; /* localname, prefix, URI, value, end */
        cxml_attr *at = push_attr(r);
        if (at == NULL) return;
        at->local = node_name(r, a[0], a[1], a[2]);
        at->ns = (const char *)a[2];
        const char *v = (const char *)a[3];
        size_t n = (size_t)(a[4] - a[3]);
        /* libxml2 leaves `&#38;` for an ampersand and `&name;` for an internal entity in a value
         * when it does not substitute entities. A value whose every ampersand is `&#38;` is
         * plain text once those are turned back; one with another reference is escaped text for
         * the caller to expand within its bounds. */
        int escaped = 0, amps = 0;
        for (size_t k = 0; k < n; k++) {
            if (v[k] != '&') continue;
            amps++;
            if (!(k + 4 < n && memcmp(v + k, "&#38;", 5) == 0)) { escaped = 1; break; }
        }
        at->value_off = arena_put(r, v, n);
        at->escaped = escaped;
        if (amps > 0 && !escaped && at->value_off != NO_OFFSET) {
            char *text = r->arena + at->value_off, *w = text;
            for (size_t k = 0; k < n;) {
                if (text[k] == '&') { *w++ = '&'; k += 5; } else { *w++ = text[k++]; }
            }
            *w = 0;
        }
        e->attr_count++;
    }
    cxml_open_element **open = (cxml_open_element **)reserve(
        r, r->open, &r->open_cap, (size_t)r->depth + 1, sizeof(cxml_open_element *), 64);
    if (open == NULL) return;
    r->open = open;
    if (r->depth == r->open_allocated) {
        cxml_open_element *fresh = (cxml_open_element *)malloc(sizeof(cxml_open_element));
        if (fresh == NULL) { r->out_of_memory = 1; return; }
        r->open[r->open_allocated++] = fresh;
    }
    cxml_open_element *o = r->open[r->depth++];
    memset(o, 0, sizeof(*o));
    o->node.type = XML_ELEMENT_NODE;
    o->node.name = (const xmlChar *)e->name;
    o->line = line;
    r->ctxt->node = &o->node;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)localname;
    (void)prefix;
    (void)uri;
    cxml_reader *r = in_document(ctx);
    if (r == NULL) return;
    if (r->depth > 0) r->depth--;
    r->ctxt->node = r->depth > 0 ? &r->open[r->depth - 1]->node : NULL;
    if (r->started_empty) {
        r->started_empty = 0;
        return;
    }
    cxml_event *e = push_event(r, CXML_END_ELEMENT);
    if (e == NULL) return;
    e->depth = r->depth;
}

static int all_blank(const xmlChar *s, int n) {
    for (int i = 0; i < n; i++)
        if (!(s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D)) return 0;
    return 1;
}

static void on_characters(void *ctx, const xmlChar *s, int n) {
    cxml_reader *r = in_document(ctx);
    if (r == NULL || n <= 0) return;
    if (r->depth == 0) return; /* outside the root element: nothing the tree would keep */
    long line = current_line(r);
    /* Adjacent text is one node, as in the tree: append to the text just queued. */
    cxml_open_element *parent = top(r);
    if (r->nevents > r->head && parent != NULL && parent->node.last != NULL && parent->node.last->type == XML_TEXT_NODE) {
        cxml_event *last = &r->events[r->nevents - 1];
        if (last->kind == CXML_TEXT && last->text_off != NO_OFFSET && last->text_off + last->text_len + 1 == r->alen) {
            r->alen--; /* over its NUL */
            size_t off = arena_put(r, (const char *)s, (size_t)n);
            if (off == NO_OFFSET) return;
            last->text_len += (size_t)n;
            return;
        }
    }
    note_child(r, XML_TEXT_NODE, line);
    cxml_event *e = push_event(r, CXML_TEXT);
    if (e == NULL) return;
    e->depth = r->depth;
    e->text_off = arena_put(r, (const char *)s, (size_t)n);
    e->text_len = (size_t)n;
}

static void on_reference(void *ctx, const xmlChar *name) {
    cxml_reader *r = in_document(ctx);
    if (r == NULL) return;
    /* The tree's reference node has no line: the line of its previous sibling, else of its
     * element's start tag. */
    cxml_open_element *parent = top(r);
    long line = parent == NULL ? current_line(r) : parent->node.children ? parent->last_child_line : parent->line;
    note_child(r, XML_ENTITY_REF_NODE, line);
    cxml_event *e = push_event(r, CXML_ENTITY_REF);
    if (e == NULL) return;
    e->depth = r->depth;
    e->name = (const char *)name;
    e->line = line;
}

/* A comment or processing instruction is not handed out, but it is a node between the ones
 * around it: text on either side of it is two texts, an element holding it is no leaf. */
static void other_node(void *ctx, xmlElementType type) {
    cxml_reader *r = in_document(ctx);
    if (r == NULL) return;
    note_child(r, type, current_line(r));
    if (r->depth > 0) push_event(r, CXML_OTHER);
}

static void on_comment(void *ctx, const xmlChar *value) {
    (void)value;
    other_node(ctx, XML_COMMENT_NODE);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
    (void)target;
    (void)data;
    other_node(ctx, XML_PI_NODE);
}

static void on_ignorable(void *ctx, const xmlChar *s, int n) {
    (void)ctx;
    (void)s;
    (void)n;
}

static const int kOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES |
                            XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

/* ---- opening ---- */

/* Reads up to `cap` bytes of input into `buf`: a file is read up to 64 KiB at a time (`pending`)
 * and handed out in pieces, as the parser is fed in pieces of CXML_CHUNK bytes. */
static int read_input(cxml_reader *r, char *buf, size_t cap) {
    if (r->fd >= 0 && r->pending_len - r->pending_pos < cap && !r->input_ended) {
        /* Pieces stay whole across reads: the parser sees the input cut in the same places
         * whatever the reads return. */
        size_t left = r->pending_len - r->pending_pos;
        memmove(r->pending, r->pending + r->pending_pos, left);
        r->pending_pos = 0;
        r->pending_len = left;
        while (r->pending_len < cap && !r->input_ended) {
            ssize_t n = read(r->fd, r->pending + r->pending_len, sizeof(r->pending) - r->pending_len);
            if (n > 0) { r->pending_len += (size_t)n; continue; }
            if (n == 0) { r->input_ended = 1; break; }
            if (errno == EINTR) continue;
            return -1;
        }
    }
    const char *from = r->fd >= 0 ? r->pending + r->pending_pos : r->memory + r->memory_pos;
    size_t left = r->fd >= 0 ? r->pending_len - r->pending_pos : r->memory_length - r->memory_pos;
    size_t n = left < cap ? left : cap;
    if (n) memcpy(buf, from, n);
    if (r->fd >= 0) r->pending_pos += n; else r->memory_pos += n;
    return (int)n;
}

static cxml_reader *start(cxml_reader *r, const char *name, const char *encoding, char *err, size_t errlen) {
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    xmlSAXVersion(&sax, 2); /* the DTD callbacks keep entity declarations in a document of their own */
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_characters;
    sax.cdataBlock = on_characters;
    sax.ignorableWhitespace = on_ignorable;
    sax.reference = on_reference;
    sax.comment = on_comment;
    sax.processingInstruction = on_pi;
    sax.startElement = NULL;
    sax.endElement = NULL;
    sax.serror = on_error;
    sax.error = NULL;
    sax.warning = NULL;
    /* The first bytes go with the context, so that it detects the encoding from them. */
    int n = read_input(r, r->chunk, 4);
    if (n < 0) {
        snprintf(err, errlen, "cannot read: %s", strerror(errno));
        cxml_close(r);
        return NULL;
    }
    r->ctxt = xmlCreatePushParserCtxt(&sax, NULL, r->chunk, n, name);
    if (r->ctxt == NULL) {
        snprintf(err, errlen, "cannot start the XML parser");
        cxml_close(r);
        return NULL;
    }
    r->ctxt->_private = r;
    xmlCtxtUseOptions(r->ctxt, kOptions);
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) xmlSwitchToEncoding(r->ctxt, handler);
    }
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
    return start(r, path, encoding, err, errlen);
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
    r->memory_length = length;
    return start(r, name, encoding, err, errlen);
}

void cxml_close(cxml_reader *r) {
    if (r == NULL) return;
    if (r->ctxt) {
        r->ctxt->node = NULL; /* ours, not the document's */
        if (r->ctxt->myDoc) xmlFreeDoc(r->ctxt->myDoc);
        r->ctxt->myDoc = NULL;
        xmlFreeParserCtxt(r->ctxt);
    }
    if (r->fd >= 0) close(r->fd);
    free(r->events);
    free(r->attrs);
    free(r->arena);
    for (int i = 0; i < r->open_allocated; i++) free(r->open[i]);
    free(r->open);
    free(r->memory);
    free(r->error);
    free(r);
}

/* ---- handing nodes out ---- */

/* Moves the events not handed out yet, their attributes and their strings to the front, so that
 * the queue and the arena hold only what is still to come (a handful of nodes) however long the
 * document. Their strings and attributes lie after those of the events handed out, in order. */
static void compact(cxml_reader *r) {
    if (r->head == 0) return;
    size_t base = r->alen, first_attr = r->nattrs;
    for (size_t i = r->head; i < r->nevents; i++) {
        const cxml_event *e = &r->events[i];
        if (e->text_off != NO_OFFSET && e->text_off < base) base = e->text_off;
        if (e->attr_count > 0 && e->attr_start < first_attr) first_attr = e->attr_start;
    }
    for (size_t i = first_attr; i < r->nattrs; i++)
        if (r->attrs[i].value_off != NO_OFFSET && r->attrs[i].value_off < base) base = r->attrs[i].value_off;
    if (r->alen > base) memmove(r->arena, r->arena + base, r->alen - base);
    r->alen -= base;
    if (r->nattrs > first_attr) memmove(r->attrs, r->attrs + first_attr, sizeof(cxml_attr) * (r->nattrs - first_attr));
    r->nattrs -= first_attr;
    for (size_t i = 0; i < r->nattrs; i++)
        if (r->attrs[i].value_off != NO_OFFSET) r->attrs[i].value_off -= base;
    if (r->nevents > r->head) memmove(r->events, r->events + r->head, sizeof(cxml_event) * (r->nevents - r->head));
    r->nevents -= r->head;
    r->head = 0;
    for (size_t i = 0; i < r->nevents; i++) {
        cxml_event *e = &r->events[i];
        if (e->text_off != NO_OFFSET) e->text_off -= base;
        if (e->attr_count > 0) e->attr_start -= first_attr;
    }
}

/* Pushes input until at least `want` events are queued after `head`, or the input ends.
 * Returns 0 normally, -1 on a fatal error, after which the events queued before the piece of
 * input the parser failed in still count. */
static int fill(cxml_reader *r, size_t want) {
    if (r->nevents - r->head < want) compact(r);
    while (r->nevents - r->head < want && !r->input_done && !r->stopped) {
        int n = read_input(r, r->chunk, CXML_CHUNK);
        if (n < 0) {
            if (r->error == NULL) { r->error = strdup("cannot read the file"); r->error_line = current_line(r); }
            r->stopped = 1;
            break;
        }
        size_t before = r->nevents;
        int rc = xmlParseChunk(r->ctxt, r->chunk, n, n == 0);
        if (n == 0) r->input_done = 1;
        if (rc != 0 || r->ctxt->wellFormed == 0 || r->out_of_memory) {
            if (r->out_of_memory && r->error == NULL) r->error = strdup("out of memory");
            /* As libxml2's own reader does: nothing of the chunk the parser failed in. */
            r->nevents = before;
            r->stopped = 1;
        }
    }
    return r->stopped ? -1 : 0;
}

static const char *text_of(cxml_reader *r, const cxml_event *e) {
    return e->text_off == NO_OFFSET ? "" : r->arena + e->text_off;
}

static int finish(cxml_reader *r, cxml_node *node) {
    if (!r->stopped) {
        node->kind = CXML_END;
        r->last_kind = CXML_END;
        return CXML_END;
    }
    if (r->error == NULL) {
        r->error = strdup("the XML parser stopped");
        r->error_line = current_line(r);
    }
    node->kind = CXML_ERROR;
    r->last_kind = CXML_ERROR;
    return CXML_ERROR;
}

static void set_current(cxml_reader *r, const cxml_node *node, const cxml_event *e) {
    r->current = *node;
    r->current_attr_start = e ? e->attr_start : 0;
    r->current_attr_count = e ? e->attr_count : 0;
}

int cxml_next(cxml_reader *r, cxml_node *node) {
    cxml_node scratch;
    if (node == NULL) node = &scratch;
    for (;;) {
        memset(node, 0, sizeof(*node));
        if (r->head == r->nevents) {
            fill(r, 1); /* everything handed out: `compact` empties the queue and the arena */
            if (r->head == r->nevents) {
                int kind = finish(r, node);
                set_current(r, node, NULL);
                return kind;
            }
        }
        cxml_event *e = &r->events[r->head];
        switch (e->kind) {
        case CXML_ELEMENT: {
            /* <a>text</a> or <a></a>: one CXML_LEAF. */
            if (!e->is_empty) {
                fill(r, 3);
                e = &r->events[r->head]; /* the queue may have moved */
            }
            node->kind = CXML_ELEMENT;
            node->depth = e->depth;
            node->is_empty = e->is_empty;
            node->attribute_count = e->attr_count;
            node->line = e->line;
            node->name = e->name;
            node->ns = e->ns;
            /* How many events the leaf takes: start and end, or start, text and end. */
            size_t left = r->nevents - r->head, leaf = 0;
            if (!e->is_empty && left >= 2 && r->events[r->head + 1].kind == CXML_END_ELEMENT) {
                leaf = 2;
            } else if (!e->is_empty && left >= 3 && r->events[r->head + 1].kind == CXML_TEXT &&
                       r->events[r->head + 2].kind == CXML_END_ELEMENT) {
                leaf = 3;
            }
            if (leaf > 0) {
                const cxml_event *text = leaf == 3 ? &r->events[r->head + 1] : NULL;
                node->kind = CXML_LEAF;
                node->text = text ? text_of(r, text) : "";
                node->text_length = text ? text->text_len : 0;
                r->head += leaf;
                r->last_kind = CXML_END_ELEMENT;
                set_current(r, node, e);
                return CXML_LEAF;
            }
            r->head += 1;
            r->last_kind = CXML_ELEMENT;
            set_current(r, node, e);
            return CXML_ELEMENT;
        }
        case CXML_END_ELEMENT:
            node->kind = CXML_END_ELEMENT;
            node->depth = e->depth;
            r->head += 1;
            r->last_kind = CXML_END_ELEMENT;
            set_current(r, node, NULL);
            return CXML_END_ELEMENT;
        case CXML_TEXT: {
            /* Handed out once complete: the text may go on in the next piece of input, and
             * libxml2's reader, too, gives a text only once the parser is past it. */
            if (r->nevents - r->head < 2 && !r->input_done) {
                if (fill(r, 2) != 0 && r->nevents - r->head < 2) {
                    r->head = r->nevents;
                    continue;
                }
                e = &r->events[r->head];
            }
            const char *t = text_of(r, e);
            int ws = all_blank((const xmlChar *)t, (int)e->text_len);
            r->head += 1;
            if (ws && r->last_kind == CXML_END_ELEMENT) continue; /* indentation between elements */
            node->kind = CXML_TEXT;
            node->is_whitespace = ws;
            node->text = t;
            node->text_length = e->text_len;
            node->depth = e->depth;
            r->last_kind = CXML_TEXT;
            set_current(r, node, NULL);
            return CXML_TEXT;
        }
        case CXML_ENTITY_REF:
            node->kind = CXML_ENTITY_REF;
            node->name = e->name;
            node->depth = e->depth;
            node->line = e->line;
            r->head += 1;
            r->last_kind = CXML_ENTITY_REF;
            set_current(r, node, NULL);
            return CXML_ENTITY_REF;
        default:
            r->head += 1;
            continue;
        }
    }
}

int cxml_depth(cxml_reader *r) { return r->current.depth; }
int cxml_is_empty(cxml_reader *r) { return r->current.is_empty; }
const char *cxml_name(cxml_reader *r) { return r->current.name; }
const char *cxml_namespace(cxml_reader *r) { return r->current.ns; }
const char *cxml_text(cxml_reader *r) { return r->current.text ? r->current.text : ""; }
int cxml_is_whitespace(cxml_reader *r) { return r->current.is_whitespace; }
long cxml_line(cxml_reader *r) { return r->current.line > 0 ? r->current.line : current_line(r); }
int cxml_attribute_count(cxml_reader *r) { return r->current_attr_count; }
int cxml_attribute(cxml_reader *r, int index, const char **local, const char **ns, const char **value) {
    if (index < 0 || index >= r->current_attr_count) return -1;
    const cxml_attr *a = &r->attrs[r->current_attr_start + (size_t)index];
    *local = a->local;
    *ns = a->ns;
    *value = a->value_off == NO_OFFSET ? "" : r->arena + a->value_off;
    return 0;
}
int cxml_attribute_is_escaped(cxml_reader *r, int index) {
    if (index < 0 || index >= r->current_attr_count) return 0;
    return r->attrs[r->current_attr_start + (size_t)index].escaped;
}

const char *cxml_internal_entity(cxml_reader *r, const char *name) {
    xmlDocPtr doc = r->ctxt ? r->ctxt->myDoc : NULL;
    if (doc == NULL || name == NULL) return NULL;
    xmlEntityPtr ent = xmlGetDocEntity(doc, (const xmlChar *)name);
    if (ent == NULL || ent->etype != XML_INTERNAL_GENERAL_ENTITY || ent->content == NULL) return NULL;
    return (const char *)ent->content;
}
const char *cxml_error_message(cxml_reader *r) { return r->error; }
long cxml_error_line(cxml_reader *r) { return r->error_line; }
int cxml_bridge_version(void) { return LIBXML_VERSION; }
