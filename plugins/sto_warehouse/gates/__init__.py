"""Quality gates (DESIGN §6): Great Expectations suites from ``expectations/``, one GX import per
stage, BOOLEAN_ONLY first and COMPLETE only for failing suites, results in ``audit.gate_results``.
Only ``runner`` imports great_expectations, and only inside its functions."""
