"""Tests of generator.registry."""
