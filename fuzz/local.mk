# libFuzzer harnesses and make fuzz: see issue 7.
