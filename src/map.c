/*
 * map.c — a hash map from byte strings to pointers (open addressing,
 * linear probing, FNV-1a).  Keys are not copied: they point into a source
 * buffer or an arena that outlives the map.
 */
#include <string.h>

#include "bdl.h"

static uint32_t hash(Str s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (uint32_t i = 0; i < s.n; i++) h = (h ^ (unsigned char)s.s[i]) * 16777619u;
    return h;
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
