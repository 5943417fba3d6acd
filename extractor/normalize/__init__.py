"""Turning matched words into values: numbers, intervals, calendar dates. No spaCy here, so each rule is testable alone."""
