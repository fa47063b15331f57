/*
 * file.c — whole files: read one into memory, replace one atomically.
 *
 * Every command reads and writes whole files (budgets are parsed from one
 * buffer, outputs are built in memory before anything is written), so one
 * reader and one writer serve load, fmt, import and compile.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bdl.h"

/* Refuses directories and files over 2 GiB (offsets are 32-bit).  (Mapping
 * big files with mmap was tried: in this VM its page faults made checking
 * a 100 MB budget 0.3 s slower, not faster.) */
char *file_read(const char *path, const char *dir_msg, size_t *lenp, char *errbuf, size_t errlen)
{
    /* plain open/fstat/read: through stdio a small file took four more
     * system calls (a second fstat, reads of 4 KiB), for every file of
     * every start */
    const char *name = path ? path : "<stdin>";
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : 0;
    if (fd < 0) {
        snprintf(errbuf, errlen, _("cannot open '%s': %s"), name, strerror(errno));
        return NULL;
    }
    struct stat st;
    memset(&st, 0, sizeof st); /* size 0 (read and grow) if fstat fails */
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (path) close(fd);
        snprintf(errbuf, errlen, _(dir_msg), name);
        return NULL;
    }
    if (st.st_size > INT32_MAX) { /* before allocating: a sparse file can claim terabytes */
        if (path) close(fd);
        snprintf(errbuf, errlen, _("'%s' is larger than 2 GiB"), name);
        return NULL;
    }
    /* +3: the file, the two NULs, and one byte for read to find EOF in
     * (with +2 every read ended by doubling the buffer: a realloc copy) */
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 3 : 4096, len = 0;
    char *buf = xmalloc(cap);
    bool big = false;
    int bad = 0;
    for (;;) {
        if (cap - len < 3) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t want = cap - len - 2;
        if (want > (size_t)1 << 30) want = (size_t)1 << 30; /* one read() returns at most ~2 GiB */
        ssize_t n = read(fd, buf + len, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            bad = errno;
            break;
        }
        if (n == 0) break;
        len += (size_t)n;
        if (len > (size_t)INT32_MAX) { big = true; break; }
    }
    if (path) close(fd);
    if (big || bad) {
        if (big) snprintf(errbuf, errlen, _("'%s' is larger than 2 GiB"), name);
        else snprintf(errbuf, errlen, _("cannot read '%s': %s"), name, strerror(bad));
        xfree(buf);
        return NULL;
    }
    buf[len] = buf[len + 1] = 0;
    *lenp = len;
    return buf;
}

unsigned file_default_mode(unsigned full)
{
    mode_t mask = umask(0);
    umask(mask);
    return full & ~(unsigned)mask;
}

void file_sibling(const char *path, const char *tag, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    int dn = slash ? (int)(slash - path + 1) : 0;
    snprintf(out, cap, "%.*s.%s.%sXXXXXX", dn, path, slash ? slash + 1 : path, tag);
}

static bool write_all(int fd, const char *data, size_t n)
{
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        off += (size_t)w;
    }
    return true;
}

/* The temporary file is a sibling of the real file, so that rename stays
 * on one file system and is atomic: a reader sees the old file or the new
 * one, never a part.  fsync before the rename, or a crash could leave the
 * new name pointing at an empty file. */
bool file_write(const char *path, const char *tag, const char *data, size_t n, char *err, size_t errlen)
{
    char *real = realpath(path, NULL); /* NULL: a new file */
    const char *target = real ? real : path;
    struct stat st;
    unsigned mode = real && stat(real, &st) == 0 ? (unsigned)st.st_mode & 07777 : file_default_mode(0666);
    size_t tl = strlen(target) + strlen(tag) + 16;
    char *tmp = xmalloc(tl);
    file_sibling(target, tag, tmp, tl);
    bool ok = false;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, _("cannot create a temporary file beside '%s': %s"), path, strerror(errno));
    } else {
        if (fchmod(fd, (mode_t)mode) != 0 || !write_all(fd, data, n) || fsync(fd) != 0) {
            snprintf(err, errlen, _("cannot write '%s': %s"), path, strerror(errno));
            close(fd);
        } else if (close(fd) != 0 || rename(tmp, target) != 0) {
            snprintf(err, errlen, _("cannot replace '%s': %s"), path, strerror(errno));
        } else {
            ok = true;
        }
        if (!ok) unlink(tmp);
    }
    xfree(tmp);
    free(real);
    return ok;
}

/* Asked before loading, so that a wrong operand gets a plain message and
 * exit status 2 rather than a diagnostic: a FIFO would block forever and a
 * device never end. */
bool file_check_input(const char *path, const char *dir_hint, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) snprintf(err, errlen, _("cannot open '%s': no such file"), path);
    else if (S_ISDIR(st.st_mode)) snprintf(err, errlen, _("'%s' is a directory; %s"), path, _(dir_hint));
    else if (!S_ISREG(st.st_mode)) snprintf(err, errlen, _("'%s' is not a regular file"), path);
    else if (access(path, R_OK) != 0) snprintf(err, errlen, _("cannot read '%s': permission denied"), path);
    else return true;
    return false;
}
