"""The regions' portal (issue 13, docs/portal.md): a web application where each STO region
downloads its templates, uploads a submission and sees the night's verdict on it at once, reads
its earlier feedback and opens its own page of the monitor report.

``app`` (FastAPI, server-rendered Dutch pages, no script), ``security`` (scrypt passwords,
signed tokens), ``store`` (sessions, access log, login rate limit; the ``portal`` role),
``accounts`` (`sto portal user …`, the operator), ``intake`` (an upload: recognised, or judged by
``submissions.verdict`` and handed to the night), ``views`` (what a region sees, by owner),
``service`` (the background server `sto up` starts). Schema ``portal``: migration 0004.
"""
