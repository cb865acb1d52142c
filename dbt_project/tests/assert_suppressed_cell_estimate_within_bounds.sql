-- The seeded estimate of a '<5' cell lies within the bounds a '<5' cell contributes, so no count
-- published with it (duo_point_count) leaves its own bounds (docs/monitor.md, "DUO's
-- suppression"). A missing key fails too: every count would turn NULL without it.
with

settings as (
    {{ monitor_settings_select() }}
)

select
    settings.lower_per_cell,
    settings.estimate_per_cell,
    settings.upper_per_cell
from settings
where
    settings.estimate_per_cell is null
    or settings.estimate_per_cell not between settings.lower_per_cell and settings.upper_per_cell
