"""Tests of offline machine translation."""
