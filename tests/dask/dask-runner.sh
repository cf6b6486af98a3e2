#!/bin/sh
# The Dask runner against a real scheduler and two worker processes on
# loopback (tests/dask/dask_runner_test.py); skipped without a python3 that
# can import `distributed` (Debian: python3-distributed).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${UNSPIN:=$top_srcdir/unspin}"
export top_srcdir UNSPIN
# Under valgrind (.ci/sanitize) unspin runs 50x slower and the runner's
# timeouts fire; the other tests already run unspin itself under valgrind.
if [ -n "${UNSPIN_WRAPPED:-}" ]; then
    echo "SKIP: the Dask runner test does not run under $UNSPIN_WRAPPED"
    exit 77
fi

# The first python3 on PATH may be a private one (pyenv, venv) without the
# Debian package; the package's own interpreter is /usr/bin/python3.
for python in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$python" >/dev/null 2>&1 &&
       "$python" -c 'import distributed' >/dev/null 2>&1; then
        exec "$python" "$top_srcdir/tests/dask/dask_runner_test.py"
    fi
done
echo "SKIP: no python3 can import distributed (apt-get install python3-distributed)"
exit 77
