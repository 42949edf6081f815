"""Benchmarks: see bench/README.md. They print figures; they are not tests."""
