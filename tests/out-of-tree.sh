#!/bin/sh
# out-of-tree.sh - install into a staging folder, build a filter against it
# with pkg-config, and run it through unspin.
. "$top_srcdir/tests/lib.sh"
if static_build; then
    echo "static build: filters cannot be loaded from files; skipped"
    exit 77
fi
DEST="$T/stage"
if ! ${MAKE:-make} -C "$top_builddir" install DESTDIR="$DEST" >"$T/install.log" 2>&1; then
    fail "make install: $(tail -5 "$T/install.log")"
    finish
fi
ok "make install into a staging folder"
PC=$(find "$DEST" -name unspin.pc | head -1)
[ -n "$PC" ] && ok "unspin.pc installed" || { fail "no unspin.pc"; finish; }
ls "$(dirname "$PC")/../unspin/example.so" >/dev/null 2>&1 && ok "filters installed under pkglibdir" || fail "example.so not in pkglibdir"
find "$DEST" -path '*/include/unspin/filter.h' | grep -q . && ok "public header installed" || fail "filter.h not installed"

# pkg-config with a sysroot puts the staging folder in front of -I and -L.
FLAGS=$(PKG_CONFIG_PATH=$(dirname "$PC") PKG_CONFIG_SYSROOT_DIR="$DEST" pkg-config --cflags --libs unspin) \
    && ok "pkg-config --cflags --libs unspin" || fail "pkg-config failed"
mkdir -p "$T/filters"
if ${CC:-cc} -shared -fPIC -o "$T/filters/upper.so" "$top_srcdir/tests/oot/upper.c" $FLAGS 2>"$T/cc.err"; then
    ok "filter built out of tree"
else
    fail "out-of-tree build: $(cat "$T/cc.err")"
    finish
fi
printf 'Hello, world' > "$T/in.txt"
run "$UNSPIN" --plugin-path "$T/filters" -f upper,example "$T/in.txt"
expect_rc 0 "out-of-tree filter runs"
expect_out "HELLO, WORLD" "out-of-tree filter did its job"
run "$UNSPIN" --plugin-path "$T/filters" --list-filters
grep -q '^upper ' "$T/out" && ok "--list-filters shows it" || fail "--list-filters: $(cat "$T/out")"
UNSPIN_PLUGIN_PATH="$T/nothing:$T/filters" run "$UNSPIN" -f upper "$T/in.txt"
expect_out "HELLO, WORLD" "UNSPIN_PLUGIN_PATH is searched"
finish
