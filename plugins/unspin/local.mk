# The unspin filter: not written yet (see its issue).  Fill in like plugins/example/local.mk.
