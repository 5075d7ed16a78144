"""The tests, laid out as the packages they test: tests/audio/test_jitter.py tests audio/jitter.py.

tests/e2e/ holds the end-to-end tests that run the hub and the clients as processes of their own;
tests/bench/ the tests of the benchmarks' own machinery; tests/rig/ the parts tests and
benchmarks share.
"""
