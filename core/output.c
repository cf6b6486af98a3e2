/* output.c - standard output, or a file replaced atomically. */
#include "output.h"
#include "unspin/filter.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *output_name(const output *o) { return o->path ? o->path : "standard output"; }

/* The reader of a pipe went away (unspin ... | head -1).  Normally SIGPIPE
 * has already ended the program, quietly, as a pipeline expects; when whoever
 * started us ignored SIGPIPE, the write fails with EPIPE instead: end the same
 * way rather than report an error about a reader that chose to stop. */
static void end_if_reader_gone(void)
{
    if (errno == EPIPE) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
}

static int open_output(output *o, const char *path, char **err)
{
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    struct stat cur;
    if (stat(path, &cur) == 0 && !S_ISREG(cur.st_mode)) {
        /* A device or a pipe (/dev/null, a FIFO) is written as it is: there
         * is nothing to replace, and renaming over it would be wrong. */
        o->f = fopen(path, "wb");
        o->path = strdup(path);
        if (!o->f)
            return unspin_error(err, "%s: %s", path, strerror(errno));
        o->direct = 1;
        return 0;
    }
    o->path = strdup(path);
    if (asprintf(&o->tmp, "%s.unspin-XXXXXX", path) < 0 || !o->path) {
        o->tmp = NULL;
        return unspin_error(err, "out of memory");
    }
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        return unspin_error(err, "%s: cannot create a temporary file beside it: %s", path, strerror(e));
    }
    /* The new file keeps the mode of the one it replaces. */
    /* mkstemp makes it 0600; a new file gets the usual 0666 less umask. */
    struct stat st;
    if (stat(path, &st) == 0) {
        fchmod(fd, st.st_mode & 07777);
    } else {
        mode_t um = umask(0);
        umask(um);
        fchmod(fd, 0666 & ~um);
    }
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        return unspin_error(err, "%s: %s", path, strerror(e));
    }
    return 0;
}

int output_open(output *o, const char *path, char **err)
{
    memset(o, 0, sizeof *o);
    if (open_output(o, path, err) == 0)
        return 0;
    /* Nothing to commit or abort: the caller only reports the error. */
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    return -1;
}

int output_write(output *o, const char *data, size_t len, char **err)
{
    if (o->failed)
        return -1;
    if (len && fwrite(data, 1, len, o->f) != len) {
        end_if_reader_gone();
        o->failed = 1;
        return unspin_error(err, "%s: write error: %s", o->path ? o->path : "standard output", strerror(errno));
    }
    return 0;
}

int output_commit(output *o, char **err)
{
    int rc = 0;
    if (!o->f)
        return 0;
    if (fflush(o->f) != 0 || ferror(o->f)) {
        end_if_reader_gone();
        rc = unspin_error(err, "%s: write error: %s", output_name(o), strerror(errno));
        o->failed = 1;
    }
    if (!o->path) {
        o->f = NULL;
        return rc;
    }
    if (o->direct) {
        if (fclose(o->f) != 0 && rc == 0)
            rc = unspin_error(err, "%s: write error: %s", o->path, strerror(errno));
        o->f = NULL;
        free(o->path);
        o->path = NULL;
        return rc;
    }
    if (rc == 0 && fsync(fileno(o->f)) != 0 && errno != EINVAL) {
        rc = unspin_error(err, "%s: write error: %s", o->path, strerror(errno));
        o->failed = 1;
    }
    if (fclose(o->f) != 0 && rc == 0) {
        rc = unspin_error(err, "%s: write error: %s", o->path, strerror(errno));
        o->failed = 1;
    }
    o->f = NULL;
    if (rc == 0 && rename(o->tmp, o->path) != 0)
        rc = unspin_error(err, "%s: cannot replace it: %s", o->path, strerror(errno));
    if (rc != 0)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return rc;
}

void output_abort(output *o)
{
    if (o->f && o->path)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}
