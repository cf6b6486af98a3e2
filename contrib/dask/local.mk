# Dask runner (issue 6): contrib/dask/unspin-dask runs `unspin --jsonl` over
# JSON Lines shards on a Dask cluster.  Not installed: copy it to the machine
# that submits the job (see contrib/dask/README.md).  Its test starts a real
# scheduler and two workers on 127.0.0.1, and skips without python3-distributed.
EXTRA_DIST += contrib/dask/unspin-dask contrib/dask/README.md tests/dask/dask_runner_test.py
dist_check_SCRIPTS += tests/dask/dask-runner.sh
TESTS += tests/dask/dask-runner.sh
