# Dask runner: see issue 6.
