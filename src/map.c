/*
 * map.c — a hash map from byte strings to pointers (open addressing,
 * linear probing, a multiplicative hash eight bytes at a time).  Keys are
 * not copied: they point into a source buffer or an arena that outlives the
 * map.
 */
#include <string.h>

#include "bdl.h"

/* Eight bytes at a time (FNV-1a went byte by byte: a fifth of the checks'
 * time on a big budget, whose keys are CJK names and indicator paths of
 * 20-60 bytes).  Each word is mixed by a multiplication and a shift; the
 * low bits, which pick the slot, get the high bits' entropy at the end.
 * Nothing depends on the order of the slots (no map is listed), so the
 * function can change freely. */
static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

static uint32_t hash(Str s)
{
    const unsigned char *p = (const unsigned char *)s.s;
    uint64_t h = 0x243F6A8885A308D3u ^ s.n, w;
    uint32_t n = s.n;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = mix(h, w);
    }
    if (n && s.n >= 8) { /* the last eight bytes, overlapping: a fixed-size load */
        memcpy(&w, s.s + s.n - 8, 8);
        h = mix(h, w);
    } else if (n) {
        w = 0;
        for (uint32_t i = 0; i < n; i++) w |= (uint64_t)p[i] << (8 * i);
        h = mix(h, w);
    }
    h *= 0xBF58476D1CE4E5B9u;
    return (uint32_t)(h ^ (h >> 32));
}

/* Each slot keeps its key's hash: a probe compares key bytes only when the
 * hashes agree, and growing never reads a key again (keys point into the
 * source, so every read of one was a cache miss on a big budget). */
void *map_get(const Map *m, Str key)
{
    if (!m->cap) return NULL;
    size_t mask = (size_t)m->cap - 1;
    uint32_t h = hash(key);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (!m->keys[i].s) return NULL;
        if (m->hashes[i] == h && str_eq(m->keys[i], key)) return m->vals[i];
    }
}

static void map_grow(Map *m)
{
    Map old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->keys = xmalloc(sizeof(Str) * (size_t)m->cap);
    m->vals = xmalloc(sizeof(void *) * (size_t)m->cap);
    m->hashes = xmalloc(sizeof(uint32_t) * (size_t)m->cap);
    memset(m->keys, 0, sizeof(Str) * (size_t)m->cap);
    size_t mask = (size_t)m->cap - 1;
    for (int i = 0; i < old.cap; i++) {
        if (!old.keys[i].s) continue;
        size_t j = old.hashes[i] & mask;
        while (m->keys[j].s) j = (j + 1) & mask;
        m->keys[j] = old.keys[i];
        m->vals[j] = old.vals[i];
        m->hashes[j] = old.hashes[i];
    }
    xfree(old.keys);
    xfree(old.vals);
    xfree(old.hashes);
}

void map_put(Map *m, Str key, void *val)
{
    if ((m->n + 1) * 2 > m->cap) map_grow(m);
    size_t mask = (size_t)m->cap - 1;
    uint32_t h = hash(key);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (!m->keys[i].s) {
            m->keys[i] = key.s ? key : (Str){ "", 0 };
            m->vals[i] = val;
            m->hashes[i] = h;
            m->n++;
            return;
        }
        if (m->hashes[i] == h && str_eq(m->keys[i], key)) {
            m->vals[i] = val;
            return;
        }
    }
}

void map_free(Map *m)
{
    xfree(m->keys);
    xfree(m->vals);
    xfree(m->hashes);
    memset(m, 0, sizeof *m);
}
