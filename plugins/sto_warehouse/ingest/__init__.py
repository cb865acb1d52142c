"""The load protocol (DESIGN §3): archive -> identify -> COPY into pending -> raw gate -> swap."""
