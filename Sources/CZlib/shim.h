#ifndef ALLOT_CZLIB_SHIM_H
#define ALLOT_CZLIB_SHIM_H
#include <stddef.h>
#include <string.h>
#include <zlib.h>

/* Raw deflate (no zlib or gzip wrapper), as zip archives store it. zlib's initialisers are
   macros that Swift cannot call, and its stream counts are 32-bit, so these helpers do the whole
   job in one call on buffers that the caller sizes. */

/* Inflates `in` into `out` (capacity `capacity`). Returns 0 when the stream ended within the
   capacity, 1 when it would produce more than `capacity` bytes, 2 when the data is damaged or
   ends too early, 3 when zlib fails otherwise. `*produced` is the number of bytes written. */
static inline int allot_inflate_raw(const unsigned char *in, size_t inLength, unsigned char *out, size_t capacity,
                                    size_t *produced) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    *produced = 0;
    if (inflateInit2(&stream, -15) != Z_OK) return 3;
    stream.next_in = (Bytef *)in;
    stream.avail_in = (uInt)inLength;
    stream.next_out = out;
    stream.avail_out = (uInt)capacity;
    int status = inflate(&stream, Z_FINISH);
    *produced = (size_t)stream.total_out;
    int result;
    if (status == Z_STREAM_END) result = 0;
    else if (status == Z_BUF_ERROR && stream.avail_out == 0) result = 1;
    else if (status == Z_DATA_ERROR || status == Z_BUF_ERROR || status == Z_NEED_DICT) result = 2;
    else result = 3;
    inflateEnd(&stream);
    return result;
}

/* The most bytes raw deflate can produce from `length` bytes. */
static inline size_t allot_deflate_bound(size_t length) { return (size_t)compressBound((uLong)length) + 16; }

/* Deflates `in` into `out` (capacity at least allot_deflate_bound). Returns 0 on success. */
static inline int allot_deflate_raw(const unsigned char *in, size_t inLength, unsigned char *out, size_t capacity,
                                    size_t *produced, int level) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    *produced = 0;
    if (deflateInit2(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 3;
    stream.next_in = (Bytef *)in;
    stream.avail_in = (uInt)inLength;
    stream.next_out = out;
    stream.avail_out = (uInt)capacity;
    int status = deflate(&stream, Z_FINISH);
    *produced = (size_t)stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? 0 : 3;
}

/* CRC-32 of a buffer, as zip archives record it. */
static inline unsigned long allot_crc32(const unsigned char *bytes, size_t length) {
    return crc32(crc32(0L, Z_NULL, 0), bytes, (uInt)length);
}
#endif
