"""The one benchmark harness (DESIGN §10): `python -m bench [case ...]` writes docs/benchmarks.md."""
