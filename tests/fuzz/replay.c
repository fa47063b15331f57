/*
 * replay.c — a main() for the fuzz targets without libFuzzer: each file
 * named on the command line goes once through LLVMFuzzerTestOneInput.
 * `make test` links every target with it (the compiler and objects of the
 * build in hand, sanitizers when SANITIZE=1) and replays the seeds, so the
 * targets are built and run on every test, not only by `make fuzz`, which
 * needs clang and minutes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole file in a heap block of exactly its size, so that a read past
 * the end shows under ASan as it would under libFuzzer. */
static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, len = 0;
    uint8_t *d = malloc(cap);
    size_t got;
    while (d && (got = fread(d + len, 1, cap - len, f)) > 0)
        if ((len += got) == cap) d = realloc(d, cap *= 2);
    fclose(f);
    if (!d) return NULL;
    uint8_t *exact = malloc(len ? len : 1);
    if (exact) memcpy(exact, d, len);
    free(d);
    *n = len;
    return exact;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    int n = 0;
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        uint8_t *d = slurp(argv[i], &len);
        if (!d) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 2;
        }
        LLVMFuzzerTestOneInput(d, len);
        free(d);
        n++;
    }
    printf("replayed %d inputs\n", n);
    return 0;
}
