#include "CCSVScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The first position from `i` on holding `a`, `b` or `c`; `n` when none does. */
static size_t find_any_of_three(const uint8_t *p, size_t i, size_t n, uint8_t a, uint8_t b, uint8_t c) {
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    while (i + 16 <= n) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
        const __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
        const unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask != 0) return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    for (; i < n; i++) {
        const uint8_t x = p[i];
        if (x == a || x == b || x == c) return i;
    }
    return n;
}

static int has_high_bit(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    __m128i any = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) any = _mm_or_si128(any, _mm_loadu_si128((const __m128i *)(p + i)));
    if (_mm_movemask_epi8(any) != 0) return 1;
#endif
    uint8_t any_byte = 0;
    for (; i < n; i++) any_byte |= p[i];
    return any_byte >= 0x80;
}

crm_csv_row crm_csv_read_row(const uint8_t *row, size_t available, int at_end, uint8_t delimiter,
                             uint8_t *values, size_t values_capacity, uint32_t *ends, size_t ends_capacity,
                             uint32_t ends_base) {
    crm_csv_row result = {0, 0, 0, 0, 0, 0};
    size_t i = 0, out = 0, count = 0;
    /* Where the row's line end is, once found. */
    size_t line_end;
    for (;;) {
        /* At the start of a value. */
        if (i >= available || count == ends_capacity) return result;
        uint8_t c = row[i];
        if (c == delimiter) {
            ends[count++] = ends_base + (uint32_t)out;
            i++;
            continue;
        }
        if (c == '\n' || c == '\r') {
            ends[count++] = ends_base + (uint32_t)out;
            line_end = i;
            break;
        }
        if (c == '"') {
            result.saw_quote = 1;
            i++;
            for (;;) {
                const size_t q = find_any_of_three(row, i, available, '"', '\n', '\r');
                /* Past the bytes at hand, or a line break inside the quotes: the full parser's. */
                if (q >= available || row[q] != '"') return result;
                const size_t run = q - i;
                if (out + run + 1 > values_capacity) return result;
                memcpy(values + out, row + i, run);
                out += run;
                if (q + 1 >= available) return result;
                if (row[q + 1] == '"') {
                    values[out++] = '"';
                    i = q + 2;
                    continue;
                }
                i = q + 1;
                break;
            }
            if (i >= available) return result;
            c = row[i];
            /* Text after the closing quote: the full parser keeps it and says so. */
            if (c != delimiter && c != '\n' && c != '\r') return result;
        } else {
            const size_t q = find_any_of_three(row, i, available, delimiter, '\n', '\r');
            if (q >= available) return result;
            const size_t run = q - i;
            if (out + run > values_capacity) return result;
            memcpy(values + out, row + i, run);
            out += run;
            i = q;
            c = row[i];
        }
        ends[count++] = ends_base + (uint32_t)out;
        if (c == delimiter) {
            i++;
            continue;
        }
        line_end = i;
        break;
    }
    size_t length = line_end + 1;
    if (row[line_end] == '\r') {
        /* CR LF is one line end; a CR last in the bytes at hand may be followed by an LF. */
        if (line_end + 1 < available) {
            if (row[line_end + 1] == '\n') length++;
        } else if (!at_end) {
            return result;
        }
    }
    result.read = 1;
    result.length = length;
    result.value_count = count;
    result.value_bytes = out;
    result.non_ascii = has_high_bit(row, length);
    return result;
}

int crm_utf8_is_valid(const uint8_t *bytes, size_t count) {
    size_t i = 0;
    while (i < count) {
        const uint8_t lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        size_t length;
        uint8_t low = 0x80, high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            return 0;
        }
        if (count - i < length) return 0;
        /* The second byte has the lead's range; the others are any continuation byte. */
        if (bytes[i + 1] < low || bytes[i + 1] > high) return 0;
        for (size_t k = 2; k < length; k++) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return 0;
        }
        i += length;
    }
    return 1;
}
