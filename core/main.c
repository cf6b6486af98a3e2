/* placeholder main: replaced by the real command shortly */
#include "unspin/unspin.h"
#include <ltdl.h>
#include <stdio.h>
#include <stdlib.h>
#include "strbuf.h"
int main(int argc, char **argv)
{
    char *err = NULL;
#ifdef UNSPIN_STATIC_PLUGINS
    LTDL_SET_PRELOADED_SYMBOLS();
#endif
    if (unspin_init(&err)) { fprintf(stderr, "unspin: %s\n", err); return 2; }
    unspin_paths *paths = unspin_paths_default(NULL);
    unspin_chain *c = unspin_chain_new(argc > 1 ? argv[1] : UNSPIN_DEFAULT_CHAIN, NULL, paths, &err);
    if (!c) { fprintf(stderr, "unspin: %s\n", err); return 2; }
    strbuf in = {0}; char buf[65536]; size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) sb_add(&in, buf, n);
    unspin_doc *d = unspin_doc_new("-", in.data, in.len, 0);
    if (unspin_chain_run(c, d, &err)) { fprintf(stderr, "unspin: %s\n", err); return 2; }
    size_t len; const char *t = unspin_doc_text(d, &len);
    fwrite(t, 1, len, stdout);
    return 0;
}
