# Test-only filter modules (broken and faulty on purpose): see issue 7.
