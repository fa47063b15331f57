/*
 * jobs.c — run independent jobs on the machine's cores.
 *
 * bdlc runs two things in parallel: parsing (load.c: the files of an include
 * pattern, or the pieces of one big file) and checking a big budget's
 * projects (check.c).  Each job writes only into its own diagnostics and
 * its own or its worker's arena, and the caller merges them in job order
 * afterwards, so the result is byte for byte that of a single thread.  The
 * calling thread works too; a worker that cannot be started just leaves more
 * jobs to the others.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "bdl.h"

/* The number of cores, asked once: glibc reads /sys/devices/system/cpu/online
 * at every call (three system calls), and a small check asked five times. */
static long cores(void)
{
    static atomic_long known;
    long n = atomic_load(&known);
    if (!n) {
        n = sysconf(_SC_NPROCESSORS_ONLN);
        if (n < 1) n = 1;
        atomic_store(&known, n);
    }
    return n;
}

int jobs_threads(void)
{
    const char *env = getenv("BDL_THREADS");
    long n = env && *env ? strtol(env, NULL, 10) : cores();
    if (n < 1) n = 1;
    return n > JOBS_MAX ? JOBS_MAX : (int)n;
}

size_t jobs_split_min(size_t dflt)
{
    const char *env = getenv("BDL_SPLIT");
    return env && *env ? (size_t)strtoull(env, NULL, 10) : dflt;
}

typedef struct Pool {
    void (*fn)(void *ctx, int i, int worker);
    void *ctx;
    int n;
    atomic_int next;
} Pool;

typedef struct Worker {
    Pool *pool;
    int id;
} Worker;

static void *work(void *arg)
{
    Worker *w = arg;
    Pool *p = w->pool;
    for (int i; (i = atomic_fetch_add(&p->next, 1)) < p->n;) p->fn(p->ctx, i, w->id);
    return NULL;
}

void jobs_run(int n, void (*fn)(void *ctx, int i, int worker), void *ctx)
{
    Pool p = { .fn = fn, .ctx = ctx, .n = n };
    atomic_init(&p.next, 0);
    int want = jobs_threads();
    if (want > n) want = n;
    pthread_t t[JOBS_MAX];
    Worker w[JOBS_MAX];
    int started = 0;
    for (int i = 1; i < want; i++) {
        w[started] = (Worker){ &p, started + 1 };
        if (pthread_create(&t[started], NULL, work, &w[started]) == 0) started++;
    }
    Worker self = { &p, 0 };
    work(&self);
    for (int i = 0; i < started; i++) pthread_join(t[i], NULL);
}
