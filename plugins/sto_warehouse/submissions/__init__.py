"""Regional submissions (issue 4): what the STO regions deliver, validated with Dutch feedback.

``spec`` (types, sheets, fields; code lists and deadlines read from the dbt seeds),
``messages`` (the one Dutch rule catalogue), ``reader`` (xlsx / CSV / JSON, hostile files
refused before openpyxl opens them), ``validate`` (every rule, all problems at once),
``feedback`` (HTML + JSON report per submission), ``load`` (COPY, one transaction per
submission), ``grants`` (the grant administrator's CSV adapter), ``template`` (`sto template`),
``pipeline`` (discover -> process -> summarise) and ``orchestration`` (what the DAG calls).
See docs/submissions.md.
"""
