"""Timed comparisons of disclose against named baselines, on synthetic data.

`python -m benchmarks` runs them all; `python -m benchmarks.NAME --help` runs one.
Results are printed and written as JSON to benchmarks/out/ (not committed).
"""
