"""Observing answers that are not plain functions: generic helpers for exercises' adapters and
extras (spec.py), one module per kind of answer. They run beside student code (in the grader's
sandbox), so they read answers through base classes and return plain data."""
