"""Tests of generator.authoring."""
