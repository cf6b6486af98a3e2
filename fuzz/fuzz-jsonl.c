/* fuzz-jsonl.c - libFuzzer harness for the JSON Lines scanner: any bytes as
 * one record.  Besides crashes, checks what the core relies on: a found
 * member's span lies inside the record, a string value decodes, and text
 * decoded, written back as JSON (as the core writes a cleaned text) and
 * decoded again is the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jsonl.h"

static void roundtrip(const char *s, size_t len)
{
    strbuf once = {0}, json = {0}, twice = {0};
    if (jsonl_decode_string(s, len, &once) == 0) {
        if (sb_add_json_string(&json, once.data ? once.data : "", once.len))
            abort();
        if (jsonl_decode_string(json.data, json.len, &twice) != 0 ||
            twice.len != once.len || (once.len && memcmp(once.data, twice.data, once.len) != 0))
            abort();    /* what the core writes, it must read back */
        /* and what it writes is itself a valid record's value */
        char why[160];
        jsonl_member m;
        strbuf rec = {0};
        sb_adds(&rec, "{\"text\":");
        sb_add(&rec, json.data, json.len);
        sb_adds(&rec, "}");
        if (jsonl_scan(rec.data, rec.len, "text", &m, NULL, NULL, why, sizeof why) != 0 || !m.found)
            abort();
        sb_free(&rec);
    }
    sb_free(&once);
    sb_free(&json);
    sb_free(&twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    char why[160];
    jsonl_member text, id;
    if (jsonl_scan(line, size, "text", &text, "id", &id, why, sizeof why) == 0) {
        const jsonl_member *ms[] = { &text, &id };
        for (int i = 0; i < 2; i++) {
            const jsonl_member *m = ms[i];
            if (!m->found)
                continue;
            if (m->start > m->end || m->end > size || m->start == m->end)
                abort();
            const char *v = line + m->start;
            size_t n = m->end - m->start;
            if (jsonl_is_string(v, n)) {
                strbuf out = {0};
                if (jsonl_decode_string(v, n, &out) != 0)
                    abort();    /* the scanner accepted it: it must decode */
                sb_free(&out);
                roundtrip(v, n);
            }
            (void)jsonl_is_number(v, n);
        }
    } else if (!memchr(why, '\0', sizeof why)) {
        abort();                /* the reason must be a C string */
    }
    /* The decoder alone, on anything. */
    roundtrip(line, size);
    return 0;
}
