"""Cross-checking claims and quotes across articles (filled in by the reconciler issue)."""
