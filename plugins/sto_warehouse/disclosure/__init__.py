"""Published numbers: the indicators' declarations and the disclosure audit (docs/monitor.md).

``declarations`` reads each monitor model's YAML ``meta`` (the one place an indicator's grain,
counts and protection groups are written); ``audit`` checks, by linear programming over every
count the release publishes, that no withheld count of 1-4 people can be narrowed to an interval
shorter than the small-cell range.
"""
