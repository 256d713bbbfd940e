#ifndef CCSVSCAN_H
#define CCSVSCAN_H

/*
 * The CSV reader's byte scanning: one row of the common shape (values separated by a delimiter,
 * some quoted, the row on one line) read in one call, its values copied back to back without
 * their quotes. Everything else a real file holds (a line break inside quotes, text after a
 * closing quote, a row that runs past the bytes at hand, an encoding to decode) is left to the
 * reader's full parser in Swift, which is told so and reads the same row again from its start.
 *
 * SSE2 (every x86-64 processor) finds the next structural byte sixteen bytes at a time; other
 * processors take the same path byte by byte.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    /* 1: the row was read and `values`/`ends` hold it; 0: the full parser must read it. */
    int read;
    /* Bytes of the row in the input, its line end (LF, CR LF or CR) included. */
    size_t length;
    /* How many values the row has, and how many bytes of `values` they fill. */
    size_t value_count;
    size_t value_bytes;
    /* 1 when a value of the row was quoted. */
    int saw_quote;
    /* 1 when a byte of the row is not ASCII (the caller decides whether it may keep the bytes). */
    int non_ascii;
} crm_csv_row;

/*
 * Reads the row that starts at `row`, of which `available` bytes are at hand (`at_end`: there are
 * no more after them). Each value's bytes are copied to `values`, quotes removed and doubled
 * quotes undoubled; `ends[k]` is `ends_base` plus where value k ends in `values`. A quote opens a
 * quoted value only as a value's first byte (elsewhere it is text), as in the full parser.
 */
crm_csv_row crm_csv_read_row(const uint8_t *row, size_t available, int at_end, uint8_t delimiter,
                             uint8_t *values, size_t values_capacity, uint32_t *ends, size_t ends_capacity,
                             uint32_t ends_base);

/* 1 when `bytes` are well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
int crm_utf8_is_valid(const uint8_t *bytes, size_t count);

#ifdef __cplusplus
}
#endif

#endif
