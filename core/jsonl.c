/* jsonl.c - checking one JSON Lines record and finding a member's value. */
#include "jsonl.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct scan {
    const char *s;
    size_t len, pos;
    char *why;
    size_t why_size;
};

static int fail(struct scan *sc, const char *what)
{
    snprintf(sc->why, sc->why_size, "not valid JSON: %s at byte %zu", what, sc->pos + 1);
    return -1;
}

static void skip_ws(struct scan *sc)
{
    while (sc->pos < sc->len) {
        char c = sc->s[sc->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        sc->pos++;
    }
}

static int hex4(const char *s, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        *v <<= 4;
        if (c >= '0' && c <= '9') *v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') *v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') *v |= (uint32_t)(c - 'A' + 10);
        else return -1;
    }
    return 0;
}

/* Whether any of the 8 bytes in w is below 0x20, a '"' or a '\\' (the
 * classic "has zero byte" test: exact about whether there is one). */
static inline int special_in_8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs ? 1 : 0;
}

static int scan_string(struct scan *sc)
{
    if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
        return fail(sc, "expected a string");
    sc->pos++;
    while (sc->pos < sc->len) {
        /* the fast path: plain bytes */
        const char *p = sc->s + sc->pos;
        size_t rest = sc->len - sc->pos, i = 0;
        /* Bytes >= 0x80 are taken as they are, valid UTF-8 or not: the
         * unicode filter repairs invalid text; refusing the record would
         * lose it.  Eight bytes at a time while none is special: the
         * texts are most of every record. */
        for (uint64_t w; i + 8 <= rest; i += 8) {
            memcpy(&w, p + i, 8);
            if (special_in_8(w))
                break;
        }
        while (i < rest && (unsigned char)p[i] >= 0x20 && p[i] != '"' && p[i] != '\\')
            i++;
        sc->pos += i;
        if (sc->pos >= sc->len)
            break;
        unsigned char c = (unsigned char)sc->s[sc->pos];
        if (c == '"') {
            sc->pos++;
            return 0;
        }
        if (c == '\\') {
            if (sc->pos + 1 >= sc->len)
                break;
            char e = sc->s[sc->pos + 1];
            if (e == 'u') {
                uint32_t v;
                if (sc->pos + 6 > sc->len || hex4(sc->s + sc->pos + 2, &v))
                    return fail(sc, "bad \\u escape");
                sc->pos += 6;
            } else if (strchr("\"\\/bfnrt", e) && e) {
                sc->pos += 2;
            } else {
                return fail(sc, "bad escape");
            }
            continue;
        }
        return fail(sc, c ? "control character in a string" : "NUL byte in a string");
    }
    return fail(sc, "unterminated string");
}

static int scan_number(struct scan *sc)
{
    size_t p = sc->pos;
    const char *s = sc->s;
    if (p < sc->len && s[p] == '-')
        p++;
    if (p < sc->len && s[p] == '0') {
        p++;
    } else if (p < sc->len && s[p] >= '1' && s[p] <= '9') {
        while (p < sc->len && s[p] >= '0' && s[p] <= '9')
            p++;
    } else {
        return fail(sc, "unexpected character");
    }
    if (p < sc->len && s[p] == '.') {
        p++;
        if (p >= sc->len || s[p] < '0' || s[p] > '9')
            return fail(sc, "bad number");
        while (p < sc->len && s[p] >= '0' && s[p] <= '9')
            p++;
    }
    if (p < sc->len && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        if (p < sc->len && (s[p] == '+' || s[p] == '-'))
            p++;
        if (p >= sc->len || s[p] < '0' || s[p] > '9')
            return fail(sc, "bad number");
        while (p < sc->len && s[p] >= '0' && s[p] <= '9')
            p++;
    }
    sc->pos = p;
    return 0;
}

static int scan_value(struct scan *sc, int depth);

static int scan_container(struct scan *sc, int depth, char close)
{
    if (depth >= JSONL_MAX_DEPTH)
        return fail(sc, "nested too deeply");
    sc->pos++;
    skip_ws(sc);
    if (sc->pos < sc->len && sc->s[sc->pos] == close) {
        sc->pos++;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            if (scan_string(sc))
                return -1;
            skip_ws(sc);
            if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
                return fail(sc, "expected ':'");
            sc->pos++;
        }
        if (scan_value(sc, depth + 1))
            return -1;
        skip_ws(sc);
        if (sc->pos >= sc->len)
            return fail(sc, "unexpected end");
        if (sc->s[sc->pos] == close) {
            sc->pos++;
            return 0;
        }
        if (sc->s[sc->pos] != ',')
            return fail(sc, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
        sc->pos++;
        skip_ws(sc);
    }
}

static int scan_value(struct scan *sc, int depth)
{
    skip_ws(sc);
    if (sc->pos >= sc->len)
        return fail(sc, "unexpected end");
    switch (sc->s[sc->pos]) {
    case '{': return scan_container(sc, depth, '}');
    case '[': return scan_container(sc, depth, ']');
    case '"': return scan_string(sc);
    case 't':
        if (sc->len - sc->pos >= 4 && memcmp(sc->s + sc->pos, "true", 4) == 0) { sc->pos += 4; return 0; }
        return fail(sc, "unexpected character");
    case 'f':
        if (sc->len - sc->pos >= 5 && memcmp(sc->s + sc->pos, "false", 5) == 0) { sc->pos += 5; return 0; }
        return fail(sc, "unexpected character");
    case 'n':
        if (sc->len - sc->pos >= 4 && memcmp(sc->s + sc->pos, "null", 4) == 0) { sc->pos += 4; return 0; }
        return fail(sc, "unexpected character");
    default:
        return scan_number(sc);
    }
}

/* Compares the key literal s[0..len) (quotes included) with name. */
static int key_is(const char *s, size_t len, const char *name)
{
    size_t n = strlen(name);
    if (len == n + 2 && memcmp(s + 1, name, n) == 0)
        return 1;
    if (!memchr(s, '\\', len))
        return 0;
    strbuf k = {0};
    int same = jsonl_decode_string(s, len, &k) == 0 && k.len == n && memcmp(k.data, name, n) == 0;
    sb_free(&k);
    return same;
}

static void note(jsonl_member *m, size_t start, size_t end)
{
    if (!m)
        return;
    if (m->found)
        m->duplicate = 1;
    m->found = 1;
    m->start = start;
    m->end = end;
}

int jsonl_scan(const char *line, size_t len, const char *key1, jsonl_member *m1,
               const char *key2, jsonl_member *m2, char *why, size_t why_size)
{
    struct scan sc = { .s = line, .len = len, .why = why, .why_size = why_size };
    if (m1) memset(m1, 0, sizeof *m1);
    if (m2) memset(m2, 0, sizeof *m2);
    skip_ws(&sc);
    if (sc.pos >= len || line[sc.pos] != '{') {
        if (sc.pos < len && (line[sc.pos] == '[' || line[sc.pos] == '"'))
            snprintf(why, why_size, "the record is not a JSON object");
        else
            fail(&sc, sc.pos >= len ? "empty record" : "expected '{'");
        return -1;
    }
    sc.pos++;
    skip_ws(&sc);
    if (sc.pos < len && line[sc.pos] == '}') {
        sc.pos++;
    } else {
        for (;;) {
            size_t ks = sc.pos;
            if (scan_string(&sc))
                return -1;
            size_t ke = sc.pos;
            skip_ws(&sc);
            if (sc.pos >= len || line[sc.pos] != ':')
                return fail(&sc, "expected ':'");
            sc.pos++;
            skip_ws(&sc);
            size_t vs = sc.pos;
            if (scan_value(&sc, 1))
                return -1;
            if (key1 && key_is(line + ks, ke - ks, key1))
                note(m1, vs, sc.pos);
            else if (key2 && key_is(line + ks, ke - ks, key2))
                note(m2, vs, sc.pos);
            skip_ws(&sc);
            if (sc.pos >= len)
                return fail(&sc, "unexpected end");
            if (line[sc.pos] == '}') {
                sc.pos++;
                break;
            }
            if (line[sc.pos] != ',')
                return fail(&sc, "expected ',' or '}'");
            sc.pos++;
            skip_ws(&sc);
        }
    }
    skip_ws(&sc);
    if (sc.pos != len)
        return fail(&sc, "more after the object");
    return 0;
}

static int put_utf8(strbuf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xc0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3f)); n = 2; }
    else if (cp < 0x10000) { b[0] = (char)(0xe0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3f)); b[2] = (char)(0x80 | (cp & 0x3f)); n = 3; }
    else { b[0] = (char)(0xf0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3f)); b[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); b[3] = (char)(0x80 | (cp & 0x3f)); n = 4; }
    return sb_add(out, b, n);
}

int jsonl_decode_string(const char *s, size_t len, strbuf *out)
{
    if (len < 2 || s[0] != '"' || s[len - 1] != '"')
        return -1;
    if (sb_reserve(out, len))
        return -1;
    size_t i = 1, end = len - 1;
    while (i < end) {
        const char *bs = memchr(s + i, '\\', end - i);
        size_t run = bs ? (size_t)(bs - (s + i)) : end - i;
        if (sb_add(out, s + i, run))
            return -1;
        i += run;
        if (i >= end)
            break;
        if (i + 1 >= end)
            return -1;
        char e = s[i + 1];
        char c;
        switch (e) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
            uint32_t v, lo;
            if (i + 6 > end || hex4(s + i + 2, &v))
                return -1;
            i += 6;
            if (v >= 0xd800 && v <= 0xdbff && i + 6 <= end && s[i] == '\\' && s[i + 1] == 'u' &&
                hex4(s + i + 2, &lo) == 0 && lo >= 0xdc00 && lo <= 0xdfff) {
                v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
                i += 6;
            } else if (v >= 0xd800 && v <= 0xdfff) {
                v = 0xfffd;   /* a lone surrogate cannot be UTF-8 */
            }
            if (put_utf8(out, v))
                return -1;
            continue;
        }
        default:
            return -1;
        }
        if (sb_addc(out, c))
            return -1;
        i += 2;
    }
    return 0;
}

int jsonl_is_string(const char *s, size_t len) { return len >= 2 && s[0] == '"'; }
int jsonl_is_number(const char *s, size_t len) { return len >= 1 && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')); }
