/*
 * The Python reader's per-record loops in C: the walk of a cycle file's documents, the copy of
 * each message record into its type's result array, and CRC32C checks. Compiled on first use and
 * loaded with ctypes by native.py (which says when and how); the numpy code beside it does the
 * same work without a compiler and is what the tests compare this with, record for record.
 *
 * Only plain functions over pointers and lengths: no Python API, so ctypes releases the GIL for
 * each call. Every read is bounds-checked against the mapping's size given by the caller: a
 * damaged file ends a walk (the caller then looks at that document itself and raises its error),
 * it never reads outside the mapping.
 *
 * The framing (docs/journal-format.md): a document is a 4-byte little-endian header word (bits
 * 0..29 length, bit 30 META_DATA, bit 31 NOT_COMPLETE; 0 = nothing written yet) then its content,
 * every document on a 4-byte boundary. A journal record is a 28-byte header (CRC32C of bytes
 * 4.. at 0, kind at 4, version at 5, payload length u16 at 6, ...) then the ITCH message.
 */
#include <stdint.h>
#include <string.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "little-endian hosts only (the journal's words are read as they lie); native.py falls back to numpy"
#endif

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

#define LENGTH_MASK 0x3FFFFFFFu
#define META_DATA 0x40000000u
#define NOT_COMPLETE 0x80000000u
#define RECORD_HEADER 28
#define VERSION 1

/* why tj_walk stopped (state[1]) */
#define TJ_LIMIT 0   /* at the first document boundary at or past `stop` */
#define TJ_LOOK 1    /* at a header the caller must look at: nothing written, end of cycle, not
                        complete, or a document past the end of the mapping (grown or cut short) */
#define TJ_ROOM 2    /* the output arrays are full */

static inline uint32_t load32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/*
 * The document at byte pos (a document boundary): 0 where the walk must stop and let the caller
 * look (nothing written, end of cycle, not complete, or running past size), else 1 with its
 * header word, content length and the next document's position.
 */
static inline int doc_at(const uint8_t *base, int64_t size, int64_t pos, uint32_t *h, int64_t *len,
                         int64_t *next)
{
    if (pos + 4 > size)
        return 0;
    *h = load32(base + pos);
    if (*h == 0 || (*h & NOT_COMPLETE))
        return 0;
    *len = *h & LENGTH_MASK;
    if (pos + 4 + *len > size)
        return 0;
    *next = pos + 4 + ((*len + 3) & ~(int64_t)3);
    return 1;
}

/*
 * The record kind byte of the data document of `len` bytes at rec (0 for a malformed record:
 * shorter than a record header, unknown kind or version, or a payload length other than the
 * document's); *type = its ITCH type byte (0 for other kinds and an empty payload).
 */
static inline uint8_t kind_of(const uint8_t *rec, int64_t len, uint8_t *type)
{
    *type = 0;
    if (len < RECORD_HEADER)
        return 0;
    uint8_t k = rec[4];
    int64_t plen = rec[6] | (int64_t)rec[7] << 8;
    if (rec[5] != VERSION || !(k == 'M' || k == 'G' || k == 'S' || k == 'E') || plen != len - RECORD_HEADER)
        return 0;
    if (k == 'M' && plen)
        *type = rec[RECORD_HEADER];
    return k;
}

/* The record's type byte if it is a message of a known type and of its spec length (spec: payload
 * length by type byte, -1 for unknown types), else 0 (as chunks.good_types). */
static inline unsigned good_type(uint8_t kind, uint8_t type, int64_t len, const int32_t *spec)
{
    return kind == 'M' && spec[type] == len - RECORD_HEADER ? type : 0;
}

/*
 * Walks the documents of base[0, size) from byte `pos` (a document boundary), appending each data
 * document's content offset, length, kind and ITCH type byte (kind_of), at most `cap` of them;
 * metadata documents are stepped over. Stops as TJ_LIMIT, TJ_LOOK or TJ_ROOM (stop < 0: no
 * limit). Returns the number appended; state[0] = the position reached (a document boundary),
 * state[1] = why it stopped. With offsets NULL it only counts the data documents (no TJ_ROOM),
 * and adds one to counts[good type] for each (good_type with `spec`), unless counts is NULL.
 */
int64_t tj_walk(const uint8_t *base, int64_t size, int64_t pos, int64_t stop,
                int64_t *offsets, int32_t *lengths, uint8_t *kinds, uint8_t *types,
                int64_t cap, int64_t *state, const int32_t *spec, int64_t *counts)
{
    int64_t n = 0, len, next;
    uint32_t h;
    int why;
    for (;;) {
        if (stop >= 0 && pos >= stop) {
            why = TJ_LIMIT;
            break;
        }
        if (!doc_at(base, size, pos, &h, &len, &next)) {
            why = TJ_LOOK;
            break;
        }
        if (h & META_DATA) {
            pos = next;
            continue;
        }
        uint8_t type;
        if (!offsets) {  /* counting */
            if (counts) {
                uint8_t kind = kind_of(base + pos + 4, len, &type);
                counts[good_type(kind, type, len, spec)]++;
            }
            n++;
            pos = next;
            continue;
        }
        if (n == cap) {
            why = TJ_ROOM;
            break;
        }
        kinds[n] = kind_of(base + pos + 4, len, &type);
        types[n] = type;
        offsets[n] = pos + 4;
        lengths[n] = (int32_t)len;
        n++;
        pos = next;
    }
    state[0] = pos;
    state[1] = why;
    return n;
}

/*
 * Reads the pages of base[lo, hi) once each, from the end back, until *stop is set (checked every
 * 64 pages): the first read of a page through a new mapping is most of a first walk's cost (about
 * 2 us a page on the project's virtual machine, even with the page table filled in), so a second
 * thread doing this from the far end while the walk goes forward meets it half way. Returns a sum
 * of the bytes read (so that the reads are not optimised away).
 */
uint64_t tj_touch(const uint8_t *base, int64_t lo, int64_t hi, const volatile int32_t *stop)
{
    uint64_t sum = 0;
    int64_t k = 0;
    for (int64_t p = (hi - 1) & ~(int64_t)4095; p >= lo; p -= 4096) {
        if ((++k & 63) == 0 && *stop)
            break;
        sum += ((const volatile uint8_t *)base)[p];
    }
    return sum;
}

/* CRC32C (Castagnoli, reflected 0x82F63B78, init and final XOR 0xFFFFFFFF: java.util.zip.CRC32C) */

static uint32_t crc_table[8][256];

static void crc_table_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            crc_table[t][i] = (crc_table[t - 1][i] >> 8) ^ crc_table[0][crc_table[t - 1][i] & 0xFF];
}

/* slicing-by-8: where the CPU has no CRC32C instruction */
static uint32_t crc_soft(const uint8_t *p, int64_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n >= 8) {
        uint32_t lo = load32(p) ^ c, hi = load32(p + 4);
        c = crc_table[7][lo & 0xFF] ^ crc_table[6][(lo >> 8) & 0xFF] ^ crc_table[5][(lo >> 16) & 0xFF]
            ^ crc_table[4][lo >> 24] ^ crc_table[3][hi & 0xFF] ^ crc_table[2][(hi >> 8) & 0xFF]
            ^ crc_table[1][(hi >> 16) & 0xFF] ^ crc_table[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n-- > 0)
        c = (c >> 8) ^ crc_table[0][(c ^ *p++) & 0xFF];
    return ~c;
}

#if defined(__x86_64__)
/* SSE4.2's crc32 instruction: 8 bytes a step, about 20x the table's speed */
__attribute__((target("sse4.2"))) static uint32_t crc_hw(const uint8_t *p, int64_t n)
{
    uint64_t c = 0xFFFFFFFFu;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        c = _mm_crc32_u64(c, v);
        p += 8;
        n -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (n-- > 0)
        c32 = _mm_crc32_u8(c32, *p++);
    return ~c32;
}
#endif

static uint32_t (*crc32c)(const uint8_t *, int64_t) = crc_soft;

__attribute__((constructor)) static void tj_init(void)
{
    crc_table_init();
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse4.2"))
        crc32c = crc_hw;
#endif
}

/* 1 when the CRC32C instruction is used, 0 for the table (reported by native.py) */
int tj_crc_hardware(void)
{
    return crc32c != crc_soft;
}

/* CRC32C of p[0, n), as the checks compute it, and by the table alone (for the tests' check of
 * both against the numpy code and java.util.zip.CRC32C's check value) */
uint32_t tj_crc32c(const uint8_t *p, int64_t n)
{
    return crc32c(p, n);
}

uint32_t tj_crc32c_table(const uint8_t *p, int64_t n)
{
    return crc_soft(p, n);
}

/*
 * For each of n rows of records (row i at rows + i * stride, each at least `length` bytes):
 * ok[i] = whether the stored CRC32C (bytes 0..3, little-endian) is that of bytes [4, length).
 */
void tj_crc_rows(const uint8_t *rows, int64_t stride, int64_t n, int64_t length, uint8_t *ok)
{
    for (int64_t i = 0; i < n; i++) {
        const uint8_t *row = rows + i * stride;
        ok[i] = crc32c(row + 4, length - 4) == load32(row);
    }
}

/*
 * The message records of the walked range [pos, end) (document boundaries: a range walked before,
 * every document in it complete) into their types' result arrays, in journal order. For the
 * record number i of the range (data documents counted from 0) with good type c (good_type with
 * `spec`; 0: skipped; the caller sets outs[c] for every type that occurs): its width[c] bytes (the
 * record padded to 4, as it lies in the file; zeros where a cut file ends inside the padding) are
 * copied to row fill[c] of outs[c] (rows stride[c] bytes apart), its journal index (first + i) is
 * stored as int64 at byte index_at[c] of that row, and, when ok is given, ok[c][row] is set to the
 * record's CRC32C check (bytes [4, length[c]) against bytes 0..3), from the row just written (in
 * cache). fill[c] moves on. Returns the number of data documents walked (-1 if the range does not
 * end at a document boundary: the caller's error).
 */
int64_t tj_decode(const uint8_t *base, int64_t size, int64_t pos, int64_t end, const int32_t *spec,
                  int64_t first, uint8_t *const *outs, const int64_t *stride, const int64_t *width,
                  const int64_t *length, const int64_t *index_at, int64_t *fill, uint8_t *const *ok)
{
    int64_t i = 0, len, next;
    uint32_t h;
    while (pos < end) {
        if (!doc_at(base, size, pos, &h, &len, &next))
            return -1;
        int64_t off = pos + 4;
        pos = next;
        if (h & META_DATA)
            continue;
        uint8_t type;
        uint8_t kind = kind_of(base + off, len, &type);
        unsigned c = good_type(kind, type, len, spec);
        int64_t index = first + i++;
        if (!c || !outs[c])
            continue;
        int64_t f = fill[c]++;
        uint8_t *row = outs[c] + f * stride[c];
        int64_t w = width[c], have = size - off;
        if (have >= w) {
            memcpy(row, base + off, (size_t)w);
        } else {
            memcpy(row, base + off, (size_t)have);
            memset(row + have, 0, (size_t)(w - have));
        }
        memcpy(row + index_at[c], &index, 8);
        if (ok)
            ok[c][f] = crc32c(row + 4, length[c] - 4) == load32(row);
    }
    return pos == end ? i : -1;
}
