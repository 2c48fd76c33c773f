"""Tests of generator.site."""
