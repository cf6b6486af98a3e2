# Bad-input suite: see issue 7.
