"""Timed comparisons against named baselines; run each as `python -m benchmarks.NAME`."""
